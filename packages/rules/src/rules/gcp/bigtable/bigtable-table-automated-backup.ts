import { labelOf, locationOf, readProperty } from '../../../engine/read';
import { defineRule, type Violation } from '../../../engine/rule';
import { quote } from '../../../engine/values';
import { plural } from '../../../text/plural';
import { durationSeconds, googleFix, isUnsetBlock, showDuration } from '../google-read';

/**
 * Bigtable tables take automated backups kept for at least the minimum
 * retention (`minimumBackupRetentionDays`, 7 days unless configured).
 *
 * A table has no automated backups unless `automated_backup_policy` is set;
 * setting both `retention_period` and `frequency` to `"0"` turns them off.
 * Bigtable keeps each automated backup for `retention_period` (3 to 90 days)
 * and takes one every `frequency` (24 hours is the only value the API
 * accepts). Backups are kept in the table's clusters, and survive the table's
 * deletion until they expire.
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/bigtable_table#automated_backup_policy
 * @see https://cloud.google.com/bigtable/docs/managing-backups#automated-backup
 */
export default defineRule({
  id: 'bigtable-table-automated-backup',
  title: 'Bigtable tables take automated backups kept for at least the minimum retention',
  why: 'Without automated backups (or with backups kept for less than the minimum) rows deleted or overwritten by a bad job, or a deleted table, cannot be restored from a point before the mistake.',
  fix: 'Set automated_backup_policy { retention_period = "168h", frequency = "24h" } (at least the minimum retention) on the google_bigtable_table.',
  severity: 'error',
  resourceTypes: ['google_bigtable_table'],
  google(resource, ctx) {
    const min = ctx.options.minimumBackupRetentionDays;
    const fix = googleFix(
      `Add \`automated_backup_policy { retention_period = "${min * 24}h" frequency = "24h" }\` (retention at least ${plural(min, 'day')}) to the \`google_bigtable_table\`.`,
      `Pass \`automatedBackupPolicy: { retentionPeriod: "${min * 24}h", frequency: "24h" }\` (retention at least ${plural(min, 'day')}) to the \`gcp.bigtable.Table\`.`,
    );
    const base = { fix, location: locationOf(resource, ['automated_backup_policy']) };
    if (isUnsetBlock(resource, ['automated_backup_policy']))
      return {
        ...base,
        message: `${labelOf(resource, ['automated_backup_policy'])} is not set: the table has no automated backups.`,
      };
    const out: Violation[] = [];
    const retention = readProperty(resource, 'automated_backup_policy', 'retention_period');
    const frequency = readProperty(resource, 'automated_backup_policy', 'frequency');
    const rLabel = labelOf(resource, ['automated_backup_policy', 'retention_period']);
    const fLabel = labelOf(resource, ['automated_backup_policy', 'frequency']);
    const rSeconds = retention.kind === 'known' ? durationSeconds(retention.value) : undefined;
    const fSeconds = frequency.kind === 'known' ? durationSeconds(frequency.value) : undefined;
    if (rSeconds === 0 && (fSeconds === 0 || frequency.kind === 'absent'))
      return {
        ...base,
        message: `${rLabel} is ${quote((retention as { value: unknown }).value)}, which turns automated backups off.`,
      };
    if (retention.kind === 'absent' || (retention.kind === 'known' && retention.value === null))
      // The block is computed: without a retention Bigtable applies its own, not shown in the configuration.
      out.push({
        ...base,
        location: locationOf(resource, ['automated_backup_policy', 'retention_period']),
        message: `${rLabel} is not set: Bigtable keeps the automated backups for its own default period, which cannot be proven at least ${plural(min, 'day')}.`,
      });
    else if (retention.kind === 'unresolved')
      out.push({
        ...base,
        unresolved: true,
        message: `${rLabel} is ${quote(retention.expression)} and cannot be proven at least ${plural(min, 'day')}: ${retention.reason}.`,
      });
    else if (retention.kind === 'known' && rSeconds === undefined)
      out.push({
        ...base,
        unresolved: true,
        message: `${rLabel} is ${quote(retention.value)}, which is not a duration; it must be at least ${plural(min, 'day')}.`,
      });
    else if (rSeconds !== undefined && rSeconds < min * 86400)
      out.push({
        ...base,
        location: locationOf(resource, ['automated_backup_policy', 'retention_period']),
        message: `${rLabel} is ${quote((retention as { value: unknown }).value)} (${showDuration(rSeconds)}); it must be at least ${plural(min, 'day')}.`,
      });
    if (frequency.kind === 'unresolved')
      out.push({
        ...base,
        unresolved: true,
        message: `${fLabel} is ${quote(frequency.expression)} and cannot be proven to take backups: ${frequency.reason}.`,
      });
    else if (fSeconds === 0)
      out.push({
        ...base,
        message: `${fLabel} is ${quote((frequency as { value: unknown }).value)}, which takes no automated backups.`,
      });
    return out;
  },
});
