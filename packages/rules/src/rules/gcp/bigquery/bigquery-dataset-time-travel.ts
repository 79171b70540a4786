import { defineRule } from '../../../engine/rule';
import { plural } from '../../../text/plural';
import { googleFix, numberOf, requireGoogle } from '../google-read';

/** BigQuery's time travel window is 2 to 7 days. */
const MAX_HOURS = 168;

/**
 * BigQuery datasets keep the time travel window at least as long as the
 * minimum retention (`minimumBackupRetentionDays`, 7 days unless configured),
 * or the 7 days BigQuery allows at most.
 *
 * The time travel window is how long changed or deleted data (rows, whole
 * tables, an expired table, the dataset itself) can be read and restored.
 * `max_time_travel_hours` sets it from 48 to 168 hours; unset, the dataset
 * gets the project's default, 168 hours unless the project's
 * `default_time_travel_hours` option lowers it (not visible in a
 * configuration, so an unset value is judged as 168). After the window,
 * 7 days of fail-safe storage can be recovered only through Google support.
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/bigquery_dataset#max_time_travel_hours
 * @see https://cloud.google.com/bigquery/docs/time-travel
 */
export default defineRule({
  id: 'bigquery-dataset-time-travel',
  title: 'BigQuery datasets keep time travel for at least the minimum retention',
  why: 'Rows, tables and datasets deleted or overwritten are restorable only within the time travel window; a window shorter than the minimum makes a mistake permanent before it is noticed.',
  fix: 'Set max_time_travel_hours to at least the minimum retention in hours (168, the most BigQuery allows, by default), or leave it unset.',
  severity: 'error',
  resourceTypes: ['google_bigquery_dataset'],
  google(resource, ctx) {
    const hours = Math.min(ctx.options.minimumBackupRetentionDays * 24, MAX_HOURS);
    const capped = ctx.options.minimumBackupRetentionDays * 24 > MAX_HOURS ? ', the longest BigQuery allows' : '';
    return requireGoogle(resource, {
      path: ['max_time_travel_hours'],
      want: `at least ${hours} (${plural(hours / 24, 'day')}${capped})`,
      test: (v) => (numberOf(v) ?? -1) >= hours,
      fix: googleFix(
        `Set \`max_time_travel_hours = "${hours}"\` on the \`google_bigquery_dataset\` (or remove it: unset is 168).`,
        `Pass \`maxTimeTravelHours: "${hours}"\` to the \`gcp.bigquery.Dataset\` (or remove it: unset is 168).`,
      ),
    });
  },
});
