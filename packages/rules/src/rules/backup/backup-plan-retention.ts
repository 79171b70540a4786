import { locationOf } from '../../engine/read';
import { defineRule, type Violation } from '../../engine/rule';
import { quote } from '../../engine/values';
import type { FixText } from '../../model';
import { plural } from '../../text/plural';
import { destinationText, planRules, type CopyReading, type PlanRuleReading, type Retention } from './plan-rules';

/** AWS Backup keeps continuous (point-in-time) recovery points at most 35 days. */
const CONTINUOUS_MAX = 35;

/**
 * Backup plans keep recovery points, and their copies, for at least the
 * minimum retention (`minimumBackupRetentionDays`, 7 days unless configured).
 *
 * Every rule of a plan backs up every resource its selections pick, so the
 * plan keeps a restorable point for the minimum when at least one rule does:
 * an hourly rule kept a day beside a daily rule kept 35 days is a common,
 * sound schedule. A continuous backup rule (`EnableContinuousBackup`) counts
 * with the minimum capped at the 35 days AWS Backup allows it. Copies are
 * judged per destination vault, since each destination (another account, another
 * Region, a locked vault) is a separate protection: the longest-kept copy sent
 * to a destination must be kept for the minimum. A rule with no
 * `Lifecycle.DeleteAfterDays` keeps its recovery points until they are deleted
 * by hand, and a copy action with no `Lifecycle` takes its rule's. A retention
 * that cannot be read is not proven long enough (fail closed).
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/API_Lifecycle.html
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/API_CopyAction.html
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery.html
 */
export default defineRule({
  id: 'backup-plan-retention',
  title: 'Backup plans keep recovery points and copies for at least the minimum retention',
  why: 'AWS Backup deletes recovery points when their lifecycle says so, so data lost or corrupted earlier than the longest retention of a plan, or of its copies in a vault, cannot be restored from it.',
  fix: 'Set Lifecycle.DeleteAfterDays of at least one rule of the plan, and of the copies sent to each destination, to at least the minimum retention (7 days by default), or leave it unset to keep recovery points until they are deleted by hand.',
  severity: 'error',
  resourceTypes: ['AWS::Backup::BackupPlan'],
  cloudformation(plan, ctx) {
    const min = ctx.options.minimumBackupRetentionDays;
    const read = planRules(plan);
    const rulesLocation = locationOf(plan, ['BackupPlan', 'BackupPlanRule']);
    if (read.kind === 'unresolved') {
      return {
        fix: fix(min),
        location: rulesLocation,
        unresolved: true,
        message: `The plan's rules are ${quote(read.expression)} and cannot be proven to keep recovery points for ${plural(min, 'day')}: ${read.reason}.`,
      };
    }
    const rules = read.rules;
    if (rules.length === 0) return;
    const out: Violation[] = [];

    const need = (r: PlanRuleReading) => (r.continuous ? Math.min(min, CONTINUOUS_MAX) : min);
    if (!rules.some((r) => meets(r.retention, need(r)))) {
      out.push({
        fix: fix(min),
        location: locationOf(plan, [...rules[0].path, 'Lifecycle', 'DeleteAfterDays']),
        detail: 'recovery points',
        unresolved: rules.some((r) => r.retention.kind === 'unresolved') || undefined,
        message: `No rule of the plan keeps its recovery points for ${plural(min, 'day')}: ${rules.map((r) => `${r.name} ${kept(r.retention)}${r.continuous && min > CONTINUOUS_MAX ? ' (continuous backup, at most 35 days)' : ''}`).join('; ')}. Data lost or corrupted earlier than that cannot be restored from this plan.`,
      });
    }

    // Copies, grouped by destination as written (the same vault is the same expression).
    const byDestination = new Map<string, { shown: string; copies: { rule: PlanRuleReading; copy: CopyReading }[] }>();
    for (const rule of rules) {
      for (const copy of rule.copies) {
        const key = JSON.stringify(copy.destination) ?? 'undefined';
        let group = byDestination.get(key);
        if (!group) byDestination.set(key, (group = { shown: destinationText(copy.destination), copies: [] }));
        if (group.copies.length < 1000) group.copies.push({ rule, copy });
      }
    }
    for (const { shown, copies } of byDestination.values()) {
      if (copies.some(({ copy }) => meets(copy.retention, min))) continue;
      out.push({
        fix: fix(min),
        location: locationOf(plan, [...copies[0].copy.path, 'Lifecycle', 'DeleteAfterDays']),
        detail: `copies to ${shown}`,
        unresolved: copies.some(({ copy }) => copy.retention.kind === 'unresolved') || undefined,
        message: `No copies to ${shown} are kept for ${plural(min, 'day')}: ${copies.map(({ rule, copy }) => `the copy of ${rule.name} ${copyKept(copy.retention)}${copy.inherited ? " (the rule's lifecycle: the copy action has none)" : ''}`).join('; ')}. A loss noticed later than that cannot be restored from that destination.`,
      });
    }
    return out;
  },
});

function meets(r: Retention, days: number): boolean {
  return r.kind === 'forever' || (r.kind === 'days' && r.days >= days);
}

function kept(r: Retention): string {
  switch (r.kind) {
    case 'forever':
      return 'keeps them until they are deleted by hand';
    case 'days':
      return `deletes them after ${plural(r.days, 'day')}`;
    case 'unresolved':
      return `deletes them after ${quote(r.expression, 60)} days, which cannot be read before deployment (${r.reason})`;
  }
}

function copyKept(r: Retention): string {
  switch (r.kind) {
    case 'forever':
      return 'is kept until it is deleted by hand';
    case 'days':
      return `is deleted after ${plural(r.days, 'day')}`;
    case 'unresolved':
      return `is deleted after ${quote(r.expression, 60)} days, which cannot be read before deployment (${r.reason})`;
  }
}

function fix(min: number): FixText {
  return {
    cloudformation: `Set \`Lifecycle: { DeleteAfterDays: ${min} }\` (or more) on at least one rule of the plan and on the copy actions to each destination (a copy action without \`Lifecycle\` takes its rule's), or remove \`DeleteAfterDays\` to keep recovery points until they are deleted by hand. With \`MoveToColdStorageAfterDays\`, \`DeleteAfterDays\` must be at least 90 days more.`,
    cdk: `Pass \`deleteAfter: Duration.days(${min})\` (or more) to at least one \`BackupPlanRule\` of the plan and to the \`copyActions\` entries for each destination (\`{ destinationBackupVault, deleteAfter }\`). With \`moveToColdStorageAfter\`, \`deleteAfter\` must be at least 90 days more.`,
    pulumi: `Set \`lifecycle: { deleteAfter: ${min} }\` (or more) on at least one rule of the \`aws.backup.Plan\` and in the \`lifecycle\` of its \`copyActions\` to each destination. With \`coldStorageAfter\`, \`deleteAfter\` must be at least 90 days more.`,
    terraform: `Set \`lifecycle { delete_after = ${min} }\` (or more) in at least one \`rule\` of the \`aws_backup_plan\` and in the \`lifecycle\` of its \`copy_action\` blocks to each destination. With \`cold_storage_after\`, \`delete_after\` must be at least 90 days more.`,
  };
}
