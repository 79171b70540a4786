import { asNumber, labelOf, locationOf, readProperty, requireProperty } from '../../engine/read';
import { defineRule } from '../../engine/rule';
import { plural } from '../../text/plural';

const PATH = ['RetentionProperties', 'MagneticStoreRetentionPeriodInDays'];

/**
 * Timestream tables keep records in the magnetic store for at least the
 * minimum retention (`minimumBackupRetentionDays`, 7 days unless configured).
 *
 * Timestream deletes, on a timer, every record older than the magnetic store
 * retention (`RetentionProperties.MagneticStoreRetentionPeriodInDays`, 73,000
 * days when unset; records pass through the memory store first and are not
 * deleted there). How long to keep telemetry is the owner's choice, so this
 * rule warns rather than fails, and only below the minimum retention: a window
 * that short deletes records before a daily backup cycle and its checks have
 * run, and is more often a typo (`"7"` for `"700"`) than a decision. The
 * finding states the window; acknowledge it with the reason when it is
 * intended. Lowering the retention deletes the records beyond the new window
 * at once, which `deadbolt plan` reports as a lowered protection.
 * @see https://docs.aws.amazon.com/timestream/latest/developerguide/storage.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-timestream-table.html#cfn-timestream-table-retentionproperties
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/timestreamwrite_table#retention_properties
 */
export default defineRule({
  id: 'timestream-magnetic-store-retention',
  title: 'Timestream tables keep records for at least the minimum retention',
  why: 'Timestream deletes every record older than the magnetic store retention, so with a window shorter than the minimum, records are gone before a mistake in them can be noticed or a backup relied on.',
  fix: 'Set RetentionProperties.MagneticStoreRetentionPeriodInDays to at least the minimum retention (7 days by default), or acknowledge the finding with the reason the window is intended.',
  severity: 'warning',
  resourceTypes: ['AWS::Timestream::Table'],
  cloudformation(resource, ctx) {
    const min = ctx.options.minimumBackupRetentionDays;
    const fix = {
      cloudformation: `Set \`RetentionProperties: { MemoryStoreRetentionPeriodInHours: "<hours>", MagneticStoreRetentionPeriodInDays: "${min}" }\` (or more days) on the resource.`,
      cdk: `Set \`retentionProperties: { memoryStoreRetentionPeriodInHours: '<hours>', magneticStoreRetentionPeriodInDays: '${min}' }\` (or more days) on the \`timestream.CfnTable\`.`,
      pulumi: `Pass \`retentionProperties: { magneticStoreRetentionPeriodInDays: ${min}, memoryStoreRetentionPeriodInHours: <hours> }\` (or more days) to the \`aws.timestreamwrite.Table\`.`,
      terraform: `Set \`retention_properties { magnetic_store_retention_period_in_days = ${min} }\` (or more days, with \`memory_store_retention_period_in_hours\`) on the \`aws_timestreamwrite_table\`.`,
    };
    const r = readProperty(resource, ...PATH);
    const days = r.kind === 'known' ? asNumber(r.value) : undefined;
    if (days !== undefined && days < min) {
      return {
        fix,
        location: locationOf(resource, PATH),
        message: `${labelOf(resource, PATH)} is ${JSON.stringify(r.kind === 'known' ? r.value : days)}: Timestream deletes every record older than ${plural(days, 'day')}; it must be at least ${plural(min, 'day')}.`,
      };
    }
    return requireProperty(resource, {
      path: PATH,
      want: `at least ${plural(min, 'day')}`,
      test: (v) => (asNumber(v) ?? -1) >= min,
      fix,
    });
  },
});
