import { asBoolean, readProperty, requireProperty } from '../../engine/read';
import { defineRule, type Violation } from '../../engine/rule';
import { quote } from '../../engine/values';
import type { NormalisedResource } from '../../model';

/**
 * DynamoDB tables have point-in-time recovery on, on every replica.
 *
 * `PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled` defaults to
 * false on `AWS::DynamoDB::Table` and on each entry of `AWS::DynamoDB::GlobalTable`
 * `Replicas`. Without it, items overwritten or deleted by mistake cannot be
 * restored. `AWS::Serverless::SimpleTable` cannot turn it on.
 * @see https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Point-in-time-recovery.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-dynamodb-table-pointintimerecoveryspecification.html
 */
export default defineRule({
  id: 'dynamodb-point-in-time-recovery',
  title: 'DynamoDB tables have point-in-time recovery on, on every replica',
  why: 'Without point-in-time recovery, items that a bad deploy, a bug or a person overwrites or deletes cannot be restored to any earlier second.',
  fix: 'Set PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled to true (on every replica of a global table).',
  severity: 'error',
  resourceTypes: ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable', 'AWS::Serverless::SimpleTable'],
  cloudformation(resource) {
    const path = ['PointInTimeRecoverySpecification', 'PointInTimeRecoveryEnabled'];
    switch (resource.type) {
      case 'AWS::Serverless::SimpleTable':
        return {
          message: 'AWS::Serverless::SimpleTable has no PointInTimeRecoverySpecification property, so point-in-time recovery cannot be turned on.',
          fix: {
            cloudformation: 'Declare the table as an `AWS::DynamoDB::Table` under the same logical id (SAM deploys a simple table as one, so the table is updated, not replaced) with `PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }`.',
            cdk: 'Replace the `sam.CfnSimpleTable` with a `dynamodb.CfnTable` of the same construct id in the same scope (so the logical id, and the table, stay) that sets `pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }`; a `Table` L2 would get a new logical id and replace the table.',
          },
        };
      case 'AWS::DynamoDB::Table':
        return requireTrue(resource, path, {
          cloudformation: 'Set `PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }` on the resource.',
          cdk: 'Pass `pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }` to the `Table` (`pointInTimeRecovery: true` is deprecated).',
          pulumi: 'Pass `pointInTimeRecovery: { enabled: true }` to the `aws.dynamodb.Table`.',
          terraform: 'Add `point_in_time_recovery { enabled = true }`.',
        });
      default:
        return eachReplica(resource, path, {
          cloudformation: 'Set `PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }` on every entry of `Replicas`.',
          cdk: 'Pass `pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }` to the `TableV2` (every replica inherits it) and remove any replica-level setting that turns it off.',
          pulumi: 'Pass `pointInTimeRecovery: { enabled: true }` to the `aws.dynamodb.Table` and set `pointInTimeRecovery: true` on every entry of its `replicas`.',
          terraform: 'Add `point_in_time_recovery { enabled = true }` and set `point_in_time_recovery = true` in every `replica` block.',
        });
    }
  },
});

function requireTrue(resource: NormalisedResource, path: (string | number)[], fix: Violation['fix'], detail?: string, label?: string): Violation | undefined {
  return requireProperty(resource, { path, want: 'true', test: (v) => asBoolean(v) === true, absentMeans: 'false', fix, detail, label });
}

/**
 * Judges `path` under every entry of a global table's `Replicas`, one violation
 * per failing replica (detail `replica <region>`). A list that cannot be read is
 * one unresolved violation.
 */
function eachReplica(resource: NormalisedResource, path: string[], fix: Violation['fix']): Violation[] {
  const raw = resource.properties.Replicas;
  let count: number;
  if (Array.isArray(raw)) count = raw.length;
  else {
    const list = readProperty(resource, 'Replicas');
    if (list.kind === 'unresolved') {
      return [{ fix, location: 'Properties/Replicas', unresolved: true, message: `Replicas is ${quote(list.expression)} and no replica can be proven to have ${path.join('.')} true: ${list.reason}.` }];
    }
    if (list.kind === 'absent' || !Array.isArray(list.value)) {
      return [{ fix, location: 'Properties/Replicas', message: `Replicas is ${list.kind === 'absent' ? 'not set' : quote(list.value)}, so no replica can be proven to have ${path.join('.')} true.` }];
    }
    count = list.value.length;
  }
  const out: Violation[] = [];
  for (let i = 0; i < count; i++) {
    const region = readProperty(resource, 'Replicas', i, 'Region');
    const detail = `replica ${region.kind === 'known' && typeof region.value === 'string' ? region.value : `[${i}]`}`;
    const v = requireTrue(resource, ['Replicas', i, ...path], fix, detail, path.join('.'));
    if (v) out.push(v);
  }
  return out;
}
