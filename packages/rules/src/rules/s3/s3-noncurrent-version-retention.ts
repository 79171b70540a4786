import { locationOf } from '../../engine/read';
import { defineRule, type Violation } from '../../engine/rule';
import { quote } from '../../engine/values';
import type { FixText, NormalisedResource } from '../../model';
import { plural } from '../../text/plural';
import { daysAt, fieldLabel, fieldLocation, lifecycleRules, type Days, type LifecycleRuleReading } from './lifecycle';

/** The two spellings of a noncurrent-version expiration; the second is CloudFormation's legacy property. */
const FIELDS: readonly (readonly string[])[] = [
  ['NoncurrentVersionExpiration', 'NoncurrentDays'],
  ['NoncurrentVersionExpirationInDays'],
];

/**
 * S3 lifecycle rules keep noncurrent versions for at least the minimum
 * retention (`minimumBackupRetentionDays`, 7 days unless configured).
 *
 * On a versioned bucket, an overwrite or a delete turns the previous version
 * into a noncurrent version: it is the copy versioning keeps. A lifecycle rule
 * with `NoncurrentVersionExpiration.NoncurrentDays` (or the legacy
 * `NoncurrentVersionExpirationInDays`) permanently deletes those versions that
 * many days after they become noncurrent, so a mistake noticed later cannot be
 * undone. Every rule whose `Status` is not `Disabled` is judged, whatever it
 * matches: the finding names the prefix and tags, so an acknowledgement can say
 * why that data is disposable. `NewerNoncurrentVersions` does not excuse a
 * short period: it keeps only the newest versions, and repeated overwrites (a
 * job that keeps writing bad data) push the good version out of them. Rules
 * that only remove expired delete markers or abort incomplete multipart uploads
 * delete no data and are not judged.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-expire-general-considerations.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-s3-bucket-noncurrentversionexpiration.html
 */
export default defineRule({
  id: 's3-noncurrent-version-retention',
  title: 'S3 lifecycle rules keep noncurrent versions for at least the minimum retention',
  why: 'Noncurrent versions are what versioning keeps after an overwrite or a delete; a lifecycle rule that expires them sooner than the minimum makes the mistake permanent before anyone notices it.',
  fix: 'Set NoncurrentVersionExpiration.NoncurrentDays of every enabled lifecycle rule to at least the minimum retention (7 days by default), or remove the expiration.',
  severity: 'error',
  resourceTypes: ['AWS::S3::Bucket'],
  cloudformation(bucket, ctx) {
    const min = ctx.options.minimumBackupRetentionDays;
    const rules = lifecycleRules(bucket);
    if (rules.kind === 'unresolved') {
      return {
        fix: fix(min),
        location: locationOf(bucket, ['LifecycleConfiguration', 'Rules']),
        unresolved: true,
        message: `The lifecycle rules are ${quote(rules.expression)} and cannot be proven to keep noncurrent versions for ${plural(min, 'day')}: ${rules.reason}.`,
      };
    }
    const out: Violation[] = [];
    for (const rule of rules.rules) {
      if (rule.disabled) continue;
      for (const field of FIELDS) {
        const v = judge(bucket, rule, field, daysAt(bucket, rule, ...field), min);
        if (v) {
          out.push(v);
          break;
        }
      }
    }
    return out;
  },
});

function judge(
  bucket: NormalisedResource,
  rule: LifecycleRuleReading,
  field: readonly string[],
  d: Days,
  min: number,
): Violation | undefined {
  if (d.kind === 'none' || (d.kind === 'days' && d.days >= min)) return;
  const label = fieldLabel(bucket, rule, field);
  const base = {
    fix: fix(min),
    location: fieldLocation(bucket, rule, field),
    detail: rule.name,
    unresolved: d.kind === 'unresolved' || rule.statusUnresolved !== undefined || undefined,
  };
  const what = `noncurrent versions of ${rule.scope}`;
  const status = rule.statusUnresolved ? ` (the rule is judged as on: ${rule.statusUnresolved})` : '';
  if (d.kind === 'unresolved') {
    return {
      ...base,
      message: `The ${rule.name} deletes ${what} after ${label} days, which is ${quote(d.expression)} and cannot be proven at least ${plural(min, 'day')}: ${d.reason}${status}.`,
    };
  }
  const after = plural(d.days, 'day');
  return {
    ...base,
    message: `The ${rule.name} deletes ${what} ${after} after they become noncurrent (${label}: ${quote(d.raw)}), so an overwrite or delete is unrecoverable after ${after}${status}; noncurrent versions must be kept at least ${plural(min, 'day')}.`,
  };
}

function fix(min: number): FixText {
  return {
    cloudformation: `Set \`NoncurrentVersionExpiration: { NoncurrentDays: ${min} }\` (or more) on the lifecycle rule, in place of any \`NoncurrentVersionExpirationInDays\`, or remove the noncurrent expiration.`,
    cdk: `Pass \`noncurrentVersionExpiration: Duration.days(${min})\` (or more) in that entry of the \`Bucket\`'s \`lifecycleRules\` (or \`bucket.addLifecycleRule\`), or leave it out.`,
    pulumi: `Set \`noncurrentVersionExpiration: { noncurrentDays: ${min} }\` (or more) on that rule of the \`aws.s3.BucketLifecycleConfiguration\` (inline \`lifecycleRules\` of a v6 \`aws.s3.Bucket\`: \`noncurrentVersionExpiration: { days: ${min} }\`), or remove it.`,
    terraform: `Set \`noncurrent_version_expiration { noncurrent_days = ${min} }\` (or more) in that \`rule\` of the \`aws_s3_bucket_lifecycle_configuration\` (a legacy inline \`lifecycle_rule\`: \`noncurrent_version_expiration { days = ${min} }\`), or remove it.`,
  };
}
