import { asNumber, listLength, locationOf, readProperty } from '../../../engine/read';
import { defineRule } from '../../../engine/rule';
import { quote } from '../../../engine/values';
import type { NormalisedResource } from '../../../model';
import { plural } from '../../../text/plural';
import { googleFix, nameAt } from '../general/google-fix';
import { BACKUP_PLAN } from './backup-dr';

/** Bound on the backup rules read; Backup and DR allows far fewer per plan. */
const MAX_RULES = 100;

/** One backup rule's retention: days, or why it cannot be read. */
type RuleRetention =
  | { readonly kind: 'days'; readonly name: string; readonly days: number }
  | { readonly kind: 'unresolved'; readonly name: string; readonly shown: string; readonly reason: string };

/**
 * Backup and DR plans keep backups for at least the minimum retention
 * (`minimumBackupRetentionDays`, 7 days unless configured).
 *
 * Every backup rule of a plan backs up every resource the plan is applied to,
 * so the plan keeps a restorable backup for the minimum when at least one rule
 * does (`backup_rules[].backup_retention_days`): an hourly rule kept two days
 * beside a daily rule kept 35 days is a sound schedule. This is what the AWS
 * Backup plan rule (`backup-plan-retention`) asks of AWS Backup plans. A
 * retention that cannot be read is not proven long enough (fail closed).
 * Backup and DR also refuses a rule whose retention is under its vault's
 * enforced minimum (`backupdr-vault-enforced-retention` judges that one).
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/backup_dr_backup_plan#backup_retention_days-1
 */
export default defineRule({
  id: 'backupdr-plan-retention',
  title: 'Backup and DR plans keep backups for at least the minimum retention',
  why: 'Backup and DR deletes each backup when its rule says so, so data lost or corrupted earlier than the longest retention of the plan cannot be restored from it.',
  fix: 'Set backup_retention_days of at least one backup rule of the plan to at least the minimum retention (7 days by default).',
  severity: 'error',
  resourceTypes: [BACKUP_PLAN],
  google(plan, ctx) {
    const min = ctx.options.minimumBackupRetentionDays;
    const fix = googleFix(
      `Set \`backup_retention_days = ${min}\` (or more) in at least one \`backup_rules\` block of the \`google_backup_dr_backup_plan\` (and keep the vault's \`backup_minimum_enforced_retention_duration\` no longer than it).`,
      `Set \`backupRetentionDays: ${min}\` (or more) in at least one entry of \`backupRules\` in the \`gcp.backupdisasterrecovery.BackupPlan\` args (and keep the vault's \`backupMinimumEnforcedRetentionDuration\` no longer than it).`,
    );
    const read = ruleRetentions(plan);
    if (read.kind === 'unresolved') {
      return {
        fix,
        location: locationOf(plan, ['backup_rules']),
        unresolved: true,
        message: `${nameAt(plan, ['backup_rules'])} is ${read.shown} and cannot be proven to keep backups for ${plural(min, 'day')}: ${read.reason}.`,
      };
    }
    const rules = read.rules;
    if (rules.length === 0) {
      return {
        fix,
        location: locationOf(plan, ['backup_rules']),
        message: `${nameAt(plan, ['backup_rules'])} is empty: the plan takes no backups, so nothing is kept for ${plural(min, 'day')}.`,
      };
    }
    if (rules.some((r) => r.kind === 'days' && r.days >= min)) return;
    const unresolved = rules.some((r) => r.kind === 'unresolved');
    return {
      fix,
      location: locationOf(plan, ['backup_rules', 0, 'backup_retention_days']),
      unresolved: unresolved || undefined,
      message: `No backup rule of the plan keeps its backups for ${plural(min, 'day')}: ${rules.map(kept).join('; ')}. Data lost or corrupted earlier than that cannot be restored from this plan.`,
    };
  },
});

/** The retention of each backup rule, or why the list of rules cannot be read. */
function ruleRetentions(
  plan: NormalisedResource,
):
  | { readonly kind: 'rules'; readonly rules: readonly RuleRetention[] }
  | { readonly kind: 'unresolved'; readonly shown: string; readonly reason: string } {
  const count = listLength(plan, ['backup_rules']);
  if (typeof count !== 'number') return { kind: 'unresolved', shown: quote(count.expression), reason: count.reason };
  const out: RuleRetention[] = [];
  for (let i = 0; i < Math.min(count, MAX_RULES); i++) {
    if (readProperty(plan, 'backup_rules', i).kind === 'absent') continue;
    const id = readProperty(plan, 'backup_rules', i, 'rule_id');
    const name =
      id.kind === 'known' && typeof id.value === 'string' && id.value !== '' ? `rule \`${id.value}\`` : `rule ${i + 1}`;
    const r = readProperty(plan, 'backup_rules', i, 'backup_retention_days');
    const days = r.kind === 'known' ? asNumber(r.value) : undefined;
    if (days !== undefined) out.push({ kind: 'days', name, days });
    else if (r.kind === 'unresolved')
      out.push({ kind: 'unresolved', name, shown: quote(r.expression, 60), reason: r.reason });
    else
      out.push({
        kind: 'unresolved',
        name,
        shown: r.kind === 'absent' ? 'not set' : quote(r.value, 60),
        reason: r.kind === 'absent' ? 'Backup and DR requires it' : 'it is not a number of days',
      });
  }
  return { kind: 'rules', rules: out };
}

function kept(r: RuleRetention): string {
  return r.kind === 'days'
    ? `${r.name} keeps them ${plural(r.days, 'day')}`
    : `${r.name} keeps them ${r.shown} days, which cannot be read before deployment (${r.reason})`;
}
