import { asNumber, locationOf, readProperty } from '../../engine/read';
import { referencedResources } from '../../engine/references';
import { defineRule, type RuleContext, type Violation } from '../../engine/rule';
import { quote } from '../../engine/values';
import { nameOf, type FixText, type NormalisedResource } from '../../model';
import { plural } from '../../text/plural';
import { planRules, type Retention } from './plan-rules';

const VAULT_TYPES = ['AWS::Backup::BackupVault', 'AWS::Backup::LogicallyAirGappedBackupVault'];

/**
 * Backup plan retention fits the lock of every vault it writes to.
 *
 * A vault lock (`LockConfiguration` of an `AWS::Backup::BackupVault`, always on
 * an `AWS::Backup::LogicallyAirGappedBackupVault`) makes the vault fail every
 * backup or copy job whose retention is shorter than its `MinRetentionDays` or
 * longer than its `MaxRetentionDays` (a rule without `DeleteAfterDays` keeps
 * recovery points indefinitely, longer than any maximum). The rule or copy
 * action then makes no recovery points at all, and nothing in the deployment
 * says so. Judged for the target vault of each rule and the destination of each
 * copy action when that vault is in the app (referenced, or named by a literal
 * name in the same stack); a vault outside the app cannot be read and is not
 * judged. A retention or a lock limit that cannot be read is not proven to fit
 * (fail closed).
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/API_PutBackupVaultLockConfiguration.html
 */
export default defineRule({
  id: 'backup-plan-vault-lock-retention',
  title: 'Backup plan retention fits the lock of every vault it writes to',
  why: "A locked vault fails every backup or copy job whose retention is outside the lock's minimum and maximum, so a rule or copy action that does not fit makes no recovery points at all.",
  fix: "Set the rule's or copy action's Lifecycle.DeleteAfterDays within the vault lock's MinRetentionDays and MaxRetentionDays.",
  severity: 'error',
  resourceTypes: ['AWS::Backup::BackupPlan'],
  cloudformation(plan, ctx) {
    const read = planRules(plan);
    // An unreadable plan is reported by backup-plan-retention; without rules there is nothing to fit.
    if (read.kind === 'unresolved') return;
    const out: Violation[] = [];
    for (const rule of read.rules) {
      const target = vaultOf(rule.target, plan, ctx);
      if (target) {
        const subject = `backups of ${rule.name} in vault ${nameOf(target)}`;
        const v = judge(rule.retention, target, subject, 'backup');
        if (v)
          out.push({
            ...v,
            detail: subject,
            location: locationOf(plan, [...rule.path, 'Lifecycle', 'DeleteAfterDays']),
          });
      }
      for (const copy of rule.copies) {
        const destination = vaultOf(copy.destination, plan, ctx);
        if (!destination) continue;
        const subject = `copies of ${rule.name} to vault ${nameOf(destination)}`;
        const v = judge(
          copy.retention,
          destination,
          `${subject}${copy.inherited ? " (which take the rule's lifecycle: the copy action has none)" : ''}`,
          'copy',
        );
        if (v)
          out.push({
            ...v,
            detail: subject,
            location: locationOf(plan, [...copy.path, 'Lifecycle', 'DeleteAfterDays']),
          });
      }
    }
    return out;
  },
});

/** The vault an expression names, when it is exactly one vault of the app. */
function vaultOf(expression: unknown, plan: NormalisedResource, ctx: RuleContext): NormalisedResource | undefined {
  if (expression === undefined) return undefined;
  const referenced = referencedResources(expression, plan.document, ctx.model).filter((r) =>
    VAULT_TYPES.includes(r.type),
  );
  if (referenced.length === 1) return referenced[0];
  if (referenced.length > 1 || typeof expression !== 'string') return undefined;
  // A literal name (TargetBackupVault) or ARN (`…:backup-vault:<name>`) of a vault of the same stack.
  const name = /:backup-vault:([^:/]+)$/.exec(expression)?.[1] ?? expression;
  const named = [...plan.document.resources.values()].filter((r) => {
    if (!VAULT_TYPES.includes(r.type)) return false;
    const n = readProperty(r, 'BackupVaultName');
    return n.kind === 'known' && n.value === name;
  });
  return named.length === 1 ? named[0] : undefined;
}

type Limit =
  | { readonly kind: 'none' }
  | { readonly kind: 'days'; readonly days: number }
  | { readonly kind: 'unresolved'; readonly shown: string };

function limit(vault: NormalisedResource, field: 'MinRetentionDays' | 'MaxRetentionDays'): Limit {
  const path = vault.type === 'AWS::Backup::BackupVault' ? ['LockConfiguration', field] : [field];
  const r = readProperty(vault, ...path);
  if (r.kind === 'absent' || (r.kind === 'known' && r.value === null)) return { kind: 'none' };
  if (r.kind === 'unresolved') return { kind: 'unresolved', shown: `${quote(r.expression, 60)} (${r.reason})` };
  const n = asNumber(r.value);
  return n === undefined ? { kind: 'unresolved', shown: quote(r.value) } : { kind: 'days', days: n };
}

function judge(
  retention: Retention,
  vault: NormalisedResource,
  what: string,
  job: 'backup' | 'copy',
): Omit<Violation, 'location'> | undefined {
  const min = limit(vault, 'MinRetentionDays');
  const max = limit(vault, 'MaxRetentionDays');
  if (min.kind === 'none' && max.kind === 'none') return;
  const kept =
    retention.kind === 'forever'
      ? 'are kept indefinitely (no DeleteAfterDays)'
      : retention.kind === 'days'
        ? `are kept ${plural(retention.days, 'day')}`
        : `are kept ${quote(retention.expression, 60)} days (${retention.reason})`;
  const fails = `the vault fails every such ${job} job, so none of them is made`;
  const f = fix(min, max);
  if (retention.kind === 'unresolved') {
    return {
      fix: f,
      unresolved: true,
      message: `The ${what} ${kept}, which cannot be proven to fit the vault's lock; if it does not, ${fails}.`,
    };
  }
  if (min.kind === 'days' && retention.kind === 'days' && retention.days < min.days) {
    return {
      fix: f,
      message: `The ${what} ${kept}, less than the vault's lock allows (MinRetentionDays: ${min.days}): ${fails}.`,
    };
  }
  if (max.kind === 'days' && (retention.kind === 'forever' || retention.days > max.days)) {
    return {
      fix: f,
      message: `The ${what} ${kept}, more than the vault's lock allows (MaxRetentionDays: ${max.days}): ${fails}.`,
    };
  }
  const unreadable = [min, max].find((l): l is Extract<Limit, { kind: 'unresolved' }> => l.kind === 'unresolved');
  if (unreadable) {
    return {
      fix: f,
      unresolved: true,
      message: `The ${what} ${kept}, and the vault's lock has a limit of ${unreadable.shown} that cannot be read, so they cannot be proven to fit it; if they do not, ${fails}.`,
    };
  }
  return undefined;
}

function fix(min: Limit, max: Limit): FixText {
  const range =
    min.kind === 'days' && max.kind === 'days'
      ? `from ${min.days} to ${max.days}`
      : min.kind === 'days'
        ? `${min.days} or more`
        : max.kind === 'days'
          ? `${max.days} or less`
          : "within the vault lock's limits";
  return {
    cloudformation: `Set \`Lifecycle: { DeleteAfterDays: … }\` ${range} on the rule or copy action (a copy action without \`Lifecycle\` takes its rule's), or send it to a vault whose lock allows its retention.`,
    cdk: `Pass \`deleteAfter: Duration.days(…)\` ${range} to the \`BackupPlanRule\` or its \`copyActions\` entry, or send it to a vault whose lock allows its retention.`,
    pulumi: `Set \`lifecycle: { deleteAfter: … }\` ${range} on the rule of the \`aws.backup.Plan\` or its \`copyActions\` entry, or send it to a vault whose lock allows its retention.`,
    terraform: `Set \`lifecycle { delete_after = … }\` ${range} in the \`rule\` of the \`aws_backup_plan\` or its \`copy_action\`, or send it to a vault whose lock allows its retention.`,
  };
}
