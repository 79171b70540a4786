import { asNumber, requireProperty } from '../../engine/read';
import { defineRule } from '../../engine/rule';
import { plural } from '../../text/plural';
import { markedAsData } from './logs-data-deletion-protection';

/**
 * The retention periods CloudWatch Logs accepts, in days.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-logs-loggroup.html#cfn-logs-loggroup-retentionindays
 */
const ALLOWED = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/**
 * Log groups tagged as data keep their events for at least the minimum
 * retention (`minimumBackupRetentionDays`, 7 days unless configured).
 *
 * Only log groups marked as data (tag `deadbolt:data` = `true`, on the log group
 * or on its stack, as `logs-data-deletion-protection` reads it) are judged:
 * operational logs may expire as soon as their owners like. `RetentionInDays`
 * unset keeps events for good; a set value deletes each event that many days
 * after it was written, with no way to restore it.
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention
 */
export default defineRule({
  id: 'logs-data-retention',
  title: 'Log groups tagged as data keep their events for at least the minimum retention',
  why: 'CloudWatch Logs deletes every event older than the retention period, so events lost to a mistake, or needed later than that, cannot be restored.',
  fix: 'Set RetentionInDays to at least the minimum retention (7 days by default), or leave it unset, on log groups tagged deadbolt:data=true.',
  severity: 'error',
  resourceTypes: ['AWS::Logs::LogGroup'],
  cloudformation(resource, ctx) {
    if (!markedAsData(resource)) return;
    const min = ctx.options.minimumBackupRetentionDays;
    // The shortest period CloudWatch Logs accepts that is at least the minimum (past ten years: unset).
    const want = ALLOWED.find((d) => d >= min);
    const keep = want ? `\`RetentionInDays: ${want}\` (or more)` : 'no `RetentionInDays`';
    return requireProperty(resource, {
      path: ['RetentionInDays'],
      want: `at least ${plural(min, 'day')}`,
      test: (v) => {
        const n = asNumber(v);
        return n !== undefined && (n === 0 || n >= min);
      },
      fix: {
        cloudformation: `Set ${keep} on the resource, or remove it to keep events for good.`,
        cdk: want
          ? `Pass \`retention: RetentionDays.${cdkName(want)}\` (or longer, or \`RetentionDays.INFINITE\`) to the \`LogGroup\`.`
          : 'Pass `retention: RetentionDays.INFINITE` to the `LogGroup`.',
        pulumi: want
          ? `Pass \`retentionInDays: ${want}\` (or more) to the \`aws.cloudwatch.LogGroup\`, or leave it unset.`
          : 'Leave `retentionInDays` unset on the `aws.cloudwatch.LogGroup`.',
        terraform: want
          ? `Set \`retention_in_days = ${want}\` (or more), or remove it (0: kept for good).`
          : 'Remove `retention_in_days` (0: kept for good).',
      },
    });
  },
});

/** The `RetentionDays` member of aws-cdk-lib for a number of days. */
function cdkName(days: number): string {
  const names: Record<number, string> = {
    1: 'ONE_DAY',
    3: 'THREE_DAYS',
    5: 'FIVE_DAYS',
    7: 'ONE_WEEK',
    14: 'TWO_WEEKS',
    30: 'ONE_MONTH',
    60: 'TWO_MONTHS',
    90: 'THREE_MONTHS',
    120: 'FOUR_MONTHS',
    150: 'FIVE_MONTHS',
    180: 'SIX_MONTHS',
    365: 'ONE_YEAR',
    400: 'THIRTEEN_MONTHS',
    545: 'EIGHTEEN_MONTHS',
    731: 'TWO_YEARS',
    1096: 'THREE_YEARS',
    1827: 'FIVE_YEARS',
    2192: 'SIX_YEARS',
    2557: 'SEVEN_YEARS',
    2922: 'EIGHT_YEARS',
    3288: 'NINE_YEARS',
    3653: 'TEN_YEARS',
  };
  return names[days];
}
