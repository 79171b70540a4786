/**
 * Reads the rules of an `AWS::Backup::BackupPlan` for the rules that judge how
 * long recovery points are kept: each rule's retention, whether it is a
 * continuous backup, its target vault, and each copy action's destination and
 * retention. Read from the plan's properties directly, one value at a time, so
 * that one value known only at deploy time does not hide the rest.
 *
 * A rule without `Lifecycle.DeleteAfterDays` keeps its recovery points until
 * they are deleted by hand (as `-1` does); a copy action without a `Lifecycle`
 * takes its rule's.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/API_Lifecycle.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-backup-backupplan-copyactionresourcetype.html
 */
import { asBoolean, asNumber, listLength, rawAt, readProperty } from '../../engine/read';
import { quote, type Resolved } from '../../engine/values';
import type { NormalisedResource } from '../../model';

/** A retention: kept until deleted by hand, a number of days, or a value known only at deploy time. */
export type Retention =
  | { readonly kind: 'forever' }
  | { readonly kind: 'days'; readonly days: number }
  | { readonly kind: 'unresolved'; readonly expression: unknown; readonly reason: string };

export interface CopyReading {
  /** The `DestinationBackupVaultArn` expression as written. */
  readonly destination: unknown;
  readonly retention: Retention;
  /** True when the copy takes its rule's lifecycle (it has no `Lifecycle` of its own). */
  readonly inherited: boolean;
  readonly path: readonly (string | number)[];
}

export interface PlanRuleReading {
  /** `rule \`Daily\`` (its `RuleName`) or `rule 2` (its position, from 1). */
  readonly name: string;
  readonly path: readonly (string | number)[];
  readonly retention: Retention;
  /** `MoveToColdStorageAfterDays`, when set and readable. */
  readonly coldAfterDays?: number;
  /** `EnableContinuousBackup: true`: point-in-time recovery, whose retention AWS Backup caps at 35 days. */
  readonly continuous: boolean;
  /** The `TargetBackupVault` expression as written. */
  readonly target: unknown;
  readonly copies: readonly CopyReading[];
}

export type PlanRules =
  | { readonly kind: 'rules'; readonly rules: readonly PlanRuleReading[] }
  | { readonly kind: 'unresolved'; readonly expression: unknown; readonly reason: string };

const RULES = ['BackupPlan', 'BackupPlanRule'] as const;
/** Bounds on what is read: AWS Backup allows far fewer rules per plan and copy actions per rule. */
const MAX_RULES = 100;
const MAX_COPIES = 100;

export function planRules(plan: NormalisedResource): PlanRules {
  const count = listLength(plan, [...RULES]);
  if (typeof count !== 'number') return count;
  const rules: PlanRuleReading[] = [];
  for (let i = 0; i < Math.min(count, MAX_RULES); i++) {
    const path = [...RULES, i];
    if (readProperty(plan, ...path).kind === 'absent') continue;
    const name = readProperty(plan, ...path, 'RuleName');
    const retention = retentionAt(plan, [...path, 'Lifecycle', 'DeleteAfterDays']);
    const cold = readProperty(plan, ...path, 'Lifecycle', 'MoveToColdStorageAfterDays');
    const coldDays = cold.kind === 'known' ? asNumber(cold.value) : undefined;
    const continuous = readProperty(plan, ...path, 'EnableContinuousBackup');
    const copies: CopyReading[] = [];
    const copyCount = listLength(plan, [...path, 'CopyActions']);
    if (typeof copyCount !== 'number') {
      copies.push({
        destination: copyCount.expression,
        retention: copyCount,
        inherited: false,
        path: [...path, 'CopyActions'],
      });
    } else {
      for (let j = 0; j < Math.min(copyCount, MAX_COPIES); j++) {
        const copyPath = [...path, 'CopyActions', j];
        if (readProperty(plan, ...copyPath).kind === 'absent') continue;
        const own = readProperty(plan, ...copyPath, 'Lifecycle');
        copies.push({
          destination: expressionAt(plan, [...copyPath, 'DestinationBackupVaultArn']),
          retention:
            own.kind === 'absent' ? retention : retentionAt(plan, [...copyPath, 'Lifecycle', 'DeleteAfterDays']),
          inherited: own.kind === 'absent',
          path: copyPath,
        });
      }
    }
    rules.push({
      name:
        name.kind === 'known' && typeof name.value === 'string' && name.value !== ''
          ? `rule \`${name.value}\``
          : `rule ${i + 1}`,
      path,
      retention,
      coldAfterDays: coldDays !== undefined && coldDays > 0 ? coldDays : undefined,
      continuous: continuous.kind === 'known' && asBoolean(continuous.value) === true,
      target: expressionAt(plan, [...path, 'TargetBackupVault']),
      copies,
    });
  }
  return { kind: 'rules', rules };
}

/**
 * `DeleteAfterDays` at `path`: unset, -1 (AWS Backup's "indefinitely") and 0
 * (what the Terraform provider writes for an unset value, and never sends) keep
 * recovery points until they are deleted by hand.
 */
export function retentionAt(resource: NormalisedResource, path: readonly (string | number)[]): Retention {
  return retentionOf(readProperty(resource, ...path));
}

export function retentionOf(r: Resolved): Retention {
  switch (r.kind) {
    case 'absent':
      return { kind: 'forever' };
    case 'unresolved':
      return r;
    case 'known': {
      if (r.value === null) return { kind: 'forever' };
      const n = asNumber(r.value);
      if (n === undefined) return { kind: 'unresolved', expression: r.value, reason: 'it is not a number of days' };
      return n <= 0 ? { kind: 'forever' } : { kind: 'days', days: n };
    }
  }
}

/** The expression at `path` as written, or as far as conditions decided before deployment resolve it. */
function expressionAt(resource: NormalisedResource, path: readonly (string | number)[]): unknown {
  const raw = rawAt(resource.properties, path);
  if (raw !== undefined) return raw;
  const r = readProperty(resource, ...path);
  return r.kind === 'known' ? r.value : r.kind === 'unresolved' ? r.expression : undefined;
}

/** A copy destination in words: the ARN, `vault X` for a vault of the stack, or the expression. */
export function destinationText(destination: unknown): string {
  if (typeof destination === 'string') return destination;
  const getAtt =
    destination && typeof destination === 'object' ? (destination as Record<string, unknown>)['Fn::GetAtt'] : undefined;
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return `vault ${getAtt[0]}`;
  return destination === undefined ? 'a destination that cannot be read' : quote(destination, 60);
}
