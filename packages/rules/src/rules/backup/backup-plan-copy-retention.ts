import { COLD_STORAGE_MINIMUM_DAYS, MINIMUM_COPY_RETENTION_DAYS } from '../../engine/backup-minimums';
import { asNumber, locationOf, readProperty } from '../../engine/read';
import { defineRule, type Violation } from '../../engine/rule';
import { quote } from '../../engine/values';
import type { FixText } from '../../model';
import { plural } from '../../text/plural';
import { destinationText, planRules } from './plan-rules';

const MIN = MINIMUM_COPY_RETENTION_DAYS;

const FIX: FixText = {
  cloudformation: `Set \`Lifecycle: { DeleteAfterDays: ${MIN} }\` (or more, and at least the destination vault lock's \`MinRetentionDays\`) on every copy action of the plan (a copy action without \`Lifecycle\` takes its rule's), or remove \`DeleteAfterDays\` to keep copies until they are deleted by hand. With \`MoveToColdStorageAfterDays\`, \`DeleteAfterDays\` must be at least ${COLD_STORAGE_MINIMUM_DAYS} days more.`,
  cdk: `Pass \`deleteAfter: Duration.days(${MIN})\` (or more, and at least the destination vault lock's minimum retention) in every \`copyActions\` entry of the \`BackupPlanRule\`s (\`IsolatedBackupVault\`: \`copyRetention\`). With \`moveToColdStorageAfter\`, \`deleteAfter\` must be at least ${COLD_STORAGE_MINIMUM_DAYS} days more.`,
  pulumi: `Set \`lifecycle: { deleteAfter: ${MIN} }\` (or more, and at least the destination vault lock's \`minRetentionDays\`) in every \`copyActions\` entry of the \`aws.backup.Plan\`'s rules (\`IsolatedBackupVault\`: \`copyRetention\`). With \`coldStorageAfter\`, \`deleteAfter\` must be at least ${COLD_STORAGE_MINIMUM_DAYS} days more.`,
  terraform: `Set \`lifecycle { delete_after = ${MIN} }\` (or more, and at least the destination vault lock's \`min_retention_days\`) in every \`copy_action\` of the \`aws_backup_plan\`'s rules. With \`cold_storage_after\`, \`delete_after\` must be at least ${COLD_STORAGE_MINIMUM_DAYS} days more.`,
};

/**
 * Backup plan copies are kept at least 7 days (`MINIMUM_COPY_RETENTION_DAYS`).
 *
 * A copy action's `Lifecycle.DeleteAfterDays` (its rule's, when the copy action
 * has no `Lifecycle`) is the retention the destination vault receives. A
 * locked vault fails every copy job whose retention is shorter than its
 * `MinRetentionDays`, and the vaults built to receive copies do not go below 7
 * days: a logically air-gapped vault accepts no shorter minimum, and a
 * `BackupAccountVault`'s lock keeps at least 7 days. A shorter copy is then never
 * made, with nothing in the deployment to say so; where it is made, it is gone
 * before most losses are noticed. Judged for every copy action, whatever its
 * destination: the lock of a vault in another account cannot be read (the lock
 * of a vault in the app is judged by `backup-plan-vault-lock-retention`). A
 * copy moved to cold storage must also stay there 90 days, as AWS Backup
 * requires (`DeleteAfterDays` at least 90 more than `MoveToColdStorageAfterDays`). A retention that cannot be read is not proven long enough
 * (fail closed). Fixed, not `minimumBackupRetentionDays`: lowering that
 * threshold does not make a destination accept shorter copies.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/API_CreateLogicallyAirGappedBackupVault.html
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/API_Lifecycle.html
 */
export default defineRule({
  id: 'backup-plan-copy-retention',
  title: `Backup plan copies are kept at least ${MIN} days`,
  why: `A locked destination vault fails every copy job kept less than its minimum retention, and vaults built to keep copies (logically air-gapped vaults, a backup account's locked vault) keep at least ${MIN} days, so a shorter copy is never made, or is gone before the loss is noticed.`,
  fix: `Set Lifecycle.DeleteAfterDays of every copy action to at least ${MIN} days and at least the destination vault lock's MinRetentionDays.`,
  severity: 'error',
  resourceTypes: ['AWS::Backup::BackupPlan'],
  cloudformation(plan) {
    const read = planRules(plan);
    // An unreadable plan is reported by backup-plan-retention.
    if (read.kind === 'unresolved') return;
    const out: Violation[] = [];
    for (const rule of read.rules) {
      for (const copy of rule.copies) {
        const to = destinationText(copy.destination);
        const subject = `The copies of ${rule.name} to ${to}${copy.inherited ? " (the rule's lifecycle: the copy action has none)" : ''}`;
        const base = {
          fix: FIX,
          detail: `copies of ${rule.name} to ${to}`,
          location: locationOf(plan, [...copy.path, 'Lifecycle', 'DeleteAfterDays']),
        };
        const r = copy.retention;
        if (r.kind === 'unresolved' && copy.path[copy.path.length - 1] === 'CopyActions') {
          out.push({
            ...base,
            detail: `copy actions of ${rule.name}`,
            location: locationOf(plan, copy.path),
            unresolved: true,
            message: `The copy actions of ${rule.name} are ${quote(r.expression, 60)}, which cannot be read before deployment (${r.reason}), so their copies cannot be proven to be kept ${plural(MIN, 'day')}.`,
          });
          continue;
        }
        if (r.kind === 'unresolved') {
          out.push({
            ...base,
            unresolved: true,
            message: `${subject} are deleted after ${quote(r.expression, 60)} days, which cannot be read before deployment (${r.reason}), so they cannot be proven to be kept ${plural(MIN, 'day')}.`,
          });
          continue;
        }
        if (r.kind === 'days' && r.days < MIN) {
          out.push({
            ...base,
            message: `${subject} are deleted after ${plural(r.days, 'day')}, less than ${plural(MIN, 'day')}: a locked destination vault refuses them, so no copy is made, and a copy that is made is gone before most losses are noticed.`,
          });
          continue;
        }
        if (copy.inherited) continue;
        const cold = readProperty(plan, ...copy.path, 'Lifecycle', 'MoveToColdStorageAfterDays');
        if (cold.kind === 'unresolved') {
          out.push({
            ...base,
            unresolved: true,
            message: `${subject} move to cold storage after ${quote(cold.expression, 60)} days, which cannot be read before deployment (${cold.reason}), so their retention cannot be proven to leave them the ${COLD_STORAGE_MINIMUM_DAYS} days in cold storage AWS Backup requires.`,
          });
          continue;
        }
        const coldDays = cold.kind === 'known' ? asNumber(cold.value) : undefined;
        if (
          r.kind === 'days' &&
          coldDays !== undefined &&
          coldDays > 0 &&
          r.days < coldDays + COLD_STORAGE_MINIMUM_DAYS
        ) {
          out.push({
            ...base,
            message: `${subject} move to cold storage after ${plural(coldDays, 'day')} and are deleted after ${plural(r.days, 'day')}: AWS Backup keeps a recovery point in cold storage at least ${COLD_STORAGE_MINIMUM_DAYS} days, so DeleteAfterDays must be at least ${coldDays + COLD_STORAGE_MINIMUM_DAYS}.`,
          });
        }
      }
    }
    return out;
  },
});
