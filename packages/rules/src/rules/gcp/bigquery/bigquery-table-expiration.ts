import { labelOf, locationOf, readProperty } from '../../../engine/read';
import { defineRule, type Violation } from '../../../engine/rule';
import { quote } from '../../../engine/values';
import type { NormalisedResource } from '../../../model';
import { plural } from '../../../text/plural';
import { googleFix, numberOf, showDuration } from '../google-read';

const DAY_MS = 86_400_000;

/**
 * BigQuery does not delete tables or partitions on a timer sooner than the
 * minimum retention (`minimumBackupRetentionDays`, 7 days unless configured).
 *
 * Four settings delete data on a timer: a table's `expiration_time` (an
 * absolute time: from then on the table is gone, however new its rows) and
 * `time_partitioning.expiration_ms` (each partition is deleted that long after
 * its partition time), and a dataset's `default_table_expiration_ms` and
 * `default_partition_expiration_ms` (stamped on every new table or partitioned
 * table). Expirations are usually deliberate (staging tables, raw logs), and an
 * expired table stays restorable within the time travel window, so the rule
 * warns, like `s3-lifecycle-expiration`: an expiration shorter than the
 * minimum is reported with how long data lives, `expiration_time` always (it
 * is a date, not an age); acknowledge the finding for disposable data.
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/bigquery_table#expiration_time
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/bigquery_dataset#default_table_expiration_ms
 * @see https://cloud.google.com/bigquery/docs/managing-partitioned-tables#partition-expiration
 */
export default defineRule({
  id: 'bigquery-table-expiration',
  title: 'BigQuery tables and partitions are not deleted on a timer sooner than the minimum retention',
  why: 'An expiration deletes the table or partition when it falls due, whether or not anyone still needs it, and after the time travel window it cannot be restored.',
  fix: 'Remove the expiration, or make it at least the minimum retention (7 days by default); acknowledge the finding for disposable data.',
  severity: 'warning',
  resourceTypes: ['google_bigquery_table', 'google_bigquery_dataset'],
  google(resource, ctx) {
    const min = ctx.options.minimumBackupRetentionDays;
    const out: Violation[] = [];
    if (resource.type === 'google_bigquery_dataset') {
      for (const [field, what] of [
        ['default_table_expiration_ms', 'every new table in the dataset'],
        ['default_partition_expiration_ms', 'each partition of every new partitioned table in the dataset'],
      ] as const)
        push(out, resource, [field], what, min, datasetFix(field, min));
      return out;
    }
    const at = readProperty(resource, 'expiration_time');
    const fix = tableFix(min);
    if (at.kind === 'unresolved')
      out.push({
        fix,
        location: locationOf(resource, ['expiration_time']),
        unresolved: true,
        message: `${labelOf(resource, ['expiration_time'])} is ${quote(at.expression)} and cannot be proven unset: ${at.reason}; if set, the table is deleted at that time.`,
      });
    else if (at.kind === 'known' && at.value !== null && numberOf(at.value) !== 0)
      out.push({
        fix,
        location: locationOf(resource, ['expiration_time']),
        message: `${labelOf(resource, ['expiration_time'])} is ${quote(at.value)}${dateOf(at.value)}: at that time BigQuery deletes the table and every row in it, however recent.`,
      });
    push(out, resource, ['time_partitioning', 'expiration_ms'], 'each partition', min, fix);
    return out;
  },
});

function dateOf(v: unknown): string {
  const ms = numberOf(v);
  return ms !== undefined && ms > 0 && ms < 8.64e15 ? ` (${new Date(ms).toISOString()})` : '';
}

function push(
  out: Violation[],
  resource: NormalisedResource,
  path: readonly string[],
  what: string,
  min: number,
  fix: Violation['fix'],
): void {
  const r = readProperty(resource, ...path);
  const label = labelOf(resource, path);
  const location = locationOf(resource, path);
  if (r.kind === 'absent' || (r.kind === 'known' && r.value === null)) return;
  if (r.kind === 'unresolved') {
    out.push({
      fix,
      location,
      unresolved: true,
      message: `${label} is ${quote(r.expression)} and cannot be proven at least ${plural(min, 'day')}: ${r.reason}.`,
    });
    return;
  }
  const ms = numberOf(r.value);
  if (ms === 0) return;
  if (ms === undefined) {
    out.push({
      fix,
      location,
      unresolved: true,
      message: `${label} is ${quote(r.value)}, which is not a number of milliseconds; it cannot be proven at least ${plural(min, 'day')}.`,
    });
    return;
  }
  if (ms >= min * DAY_MS) return;
  out.push({
    fix,
    location,
    message: `${label} is ${quote(r.value)} (${showDuration(ms / 1000)}): BigQuery deletes ${what} that long after it is created, under the minimum retention of ${plural(min, 'day')}.`,
  });
}

function tableFix(min: number): Violation['fix'] {
  const ack = 'If the data is disposable, acknowledge the finding with that reason.';
  return googleFix(
    `Remove \`expiration_time\` from the \`google_bigquery_table\`, and set \`time_partitioning { expiration_ms = ${min * DAY_MS} }\` (${plural(min, 'day')}) or more, or remove it. ${ack}`,
    `Remove \`expirationTime\` from the \`gcp.bigquery.Table\`, and set \`timePartitioning: { expirationMs: ${min * DAY_MS} }\` (${plural(min, 'day')}) or more, or remove it. ${ack}`,
  );
}

function datasetFix(field: string, min: number): Violation['fix'] {
  const camel = field.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
  const ack = 'If the data is disposable, acknowledge the finding with that reason.';
  return googleFix(
    `Set \`${field} = ${min * DAY_MS}\` (${plural(min, 'day')}) or more on the \`google_bigquery_dataset\`, or remove it. ${ack}`,
    `Pass \`${camel}: ${min * DAY_MS}\` (${plural(min, 'day')}) or more to the \`gcp.bigquery.Dataset\`, or remove it. ${ack}`,
  );
}
