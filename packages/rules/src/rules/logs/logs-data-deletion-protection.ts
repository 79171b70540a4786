import { resourceTags } from '../../engine/backup-coverage';
import { readProperty, requireTrue } from '../../engine/read';
import { defineRule } from '../../engine/rule';
import type { NormalisedResource } from '../../model';
import { DATA_TAG_KEY } from '../../spec/stateful-types';

/**
 * Log groups that hold data have deletion protection on.
 *
 * Only log groups marked as data (tag `deadbolt:data` = `true`, on the log group
 * or on its stack) are judged: most log groups are operational and may come and
 * go. `DeletionProtectionEnabled` on `AWS::Logs::LogGroup` defaults to false.
 * A data tag whose key or value cannot be read counts as a mark (fail closed).
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/protecting-log-groups-from-deletion.html
 */
export default defineRule({
  id: 'logs-data-deletion-protection',
  title: 'Log groups tagged as data have deletion protection on',
  why: 'A stack delete, a replacement or one DeleteLogGroup call removes the log group and every event in it, with no way to restore them.',
  fix: 'Set DeletionProtectionEnabled to true on log groups tagged deadbolt:data=true.',
  severity: 'error',
  resourceTypes: ['AWS::Logs::LogGroup'],
  cloudformation(resource) {
    if (!markedAsData(resource)) return;
    return requireTrue(resource, ['DeletionProtectionEnabled'], {
      cloudformation: 'Set `DeletionProtectionEnabled: true` on the resource.',
      cdk: 'Pass `deletionProtectionEnabled: true` to the `LogGroup` (or set `deletionProtectionEnabled = true` on the L1 `CfnLogGroup`).',
      pulumi: 'Pass `deletionProtectionEnabled: true` to the `aws.cloudwatch.LogGroup`.',
      terraform: 'Set `deletion_protection_enabled = true`.',
    });
  },
});

/** Tagged `deadbolt:data=true`, or carrying a tag list that may say so but cannot be read. */
export function markedAsData(resource: NormalisedResource): boolean {
  if (resourceTags(resource).get(DATA_TAG_KEY) === 'true') return true;
  const raw = resource.properties.Tags;
  if (raw === undefined) return false;
  if (!Array.isArray(raw)) return readProperty(resource, 'Tags').kind === 'unresolved';
  return raw.some((_t, i) => {
    const key = readProperty(resource, 'Tags', i, 'Key');
    if (key.kind === 'unresolved') return true;
    return (
      key.kind === 'known' &&
      key.value === DATA_TAG_KEY &&
      readProperty(resource, 'Tags', i, 'Value').kind === 'unresolved'
    );
  });
}
