import { asBoolean, asNumber, readProperty, requireProperty } from '../../engine/read';
import { defineRule, type Violation } from '../../engine/rule';
import { quote } from '../../engine/values';
import type { FixText, NormalisedResource } from '../../model';
import { plural } from '../../text/plural';

/** The longest period DynamoDB point-in-time recovery offers. */
const MAX_PERIOD = 35;
const PITR = 'PointInTimeRecoverySpecification';

/**
 * DynamoDB point-in-time recovery reaches back at least the minimum retention
 * (`minimumBackupRetentionDays`, 7 days unless configured, capped at the
 * service's 35 days).
 *
 * `PointInTimeRecoverySpecification.RecoveryPeriodInDays` (1 to 35) defaults to
 * 35 on `AWS::DynamoDB::Table` and on each replica of an
 * `AWS::DynamoDB::GlobalTable`; a shorter period means a table cannot be
 * restored to a time before it. Where point-in-time recovery is proven off,
 * `dynamodb-point-in-time-recovery` reports it and the period is not judged.
 * @see https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery_Howitworks.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-dynamodb-table-pointintimerecoveryspecification.html
 */
export default defineRule({
  id: 'dynamodb-point-in-time-recovery-period',
  title: 'DynamoDB point-in-time recovery reaches back at least the minimum retention',
  why: 'Point-in-time recovery restores a table only to a second within its recovery period, so items overwritten or deleted by a mistake noticed later than that cannot be restored.',
  fix: 'Set PointInTimeRecoverySpecification.RecoveryPeriodInDays to at least the minimum retention (7 days by default, at most 35), or leave it unset (35 days).',
  severity: 'error',
  resourceTypes: ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable'],
  cloudformation(table, ctx) {
    const configured = ctx.options.minimumBackupRetentionDays;
    const min = Math.min(configured, MAX_PERIOD);
    const capped =
      configured > MAX_PERIOD
        ? ` (the minimum of ${plural(configured, 'day')}, capped at the 35 days DynamoDB offers)`
        : '';
    if (table.type === 'AWS::DynamoDB::Table') return judge(table, [PITR], min, capped, fix(min, 'table'));
    const raw = table.properties.Replicas;
    let count = Array.isArray(raw) ? raw.length : 0;
    if (!Array.isArray(raw)) {
      const list = readProperty(table, 'Replicas');
      if (list.kind === 'unresolved') {
        return {
          fix: fix(min, 'replica'),
          location: 'Properties/Replicas',
          unresolved: true,
          message: `Replicas is ${quote(list.expression)} and no replica's point-in-time recovery period can be proven at least ${plural(min, 'day')}: ${list.reason}.`,
        };
      }
      if (list.kind === 'known' && Array.isArray(list.value)) count = list.value.length;
    }
    const out: Violation[] = [];
    // A bound on the loop: DynamoDB has far fewer Regions than 100.
    for (let i = 0; i < Math.min(count, 100); i++) {
      const region = readProperty(table, 'Replicas', i, 'Region');
      const detail = `replica ${region.kind === 'known' && typeof region.value === 'string' ? region.value : `[${i}]`}`;
      const v = judge(table, ['Replicas', i, PITR], min, capped, fix(min, 'replica'), detail);
      if (v) out.push(v);
    }
    return out;
  },
});

function judge(
  table: NormalisedResource,
  spec: readonly (string | number)[],
  min: number,
  capped: string,
  fixText: FixText,
  detail?: string,
): Violation | undefined {
  // Proven off: no period applies (the point-in-time recovery rule reports it).
  const enabled = readProperty(table, ...spec, 'PointInTimeRecoveryEnabled');
  if (enabled.kind === 'absent' || (enabled.kind === 'known' && asBoolean(enabled.value) === false)) return;
  return requireProperty(table, {
    path: [...spec, 'RecoveryPeriodInDays'],
    want: `at least ${plural(min, 'day')}${capped}`,
    test: (v) => (asNumber(v) ?? -1) >= min,
    // Unset is 35 days, never under the (capped) minimum.
    absentMeans: undefined,
    fix: fixText,
    detail,
  });
}

function fix(min: number, where: 'table' | 'replica'): FixText {
  const on = where === 'table' ? 'the resource' : 'every entry of `Replicas`';
  return {
    cloudformation: `Set \`PointInTimeRecoverySpecification.RecoveryPeriodInDays\` to ${min} or more (up to 35) on ${on}, or remove it (35 days).`,
    cdk: `Pass \`pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: ${min} }\` (or more, up to 35, or no period: 35 days) to the \`${where === 'table' ? 'Table' : 'TableV2'}\`${where === 'replica' ? ' and to any replica that sets its own' : ''}.`,
    pulumi: `Pass \`pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: ${min} }\` (or more, up to 35, or no period: 35 days) to the \`aws.dynamodb.Table\`.`,
    terraform: `Set \`recovery_period_in_days = ${min}\` (or more, up to 35) in the \`point_in_time_recovery\` block, or remove it (35 days).`,
  };
}
