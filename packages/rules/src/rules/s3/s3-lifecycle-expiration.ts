import { labelOf, locationOf, readProperty } from '../../engine/read';
import { defineRule, type Violation } from '../../engine/rule';
import { ABSENT, quote } from '../../engine/values';
import type { FixText, NormalisedResource } from '../../model';
import { plural } from '../../text/plural';
import {
  dateAt,
  daysAt,
  fieldLabel,
  fieldLocation,
  lifecycleRules,
  markedAsData,
  type LifecycleRuleReading,
} from './lifecycle';

const VERSIONING = ['VersioningConfiguration', 'Status'];

/**
 * S3 lifecycle rules do not delete objects of an unversioned bucket sooner than
 * the minimum retention (`minimumBackupRetentionDays`, 7 days unless configured).
 *
 * An expiration (`ExpirationInDays`, `ExpirationDate`) on a bucket whose
 * versioning is not `Enabled` deletes each matching object for good: there is
 * no noncurrent version to restore. On a versioned bucket it only adds a delete
 * marker and the object stays recoverable as a noncurrent version, which
 * `s3-noncurrent-version-retention` judges; so a versioned bucket is not judged
 * here. Most expirations are deliberate (logs, temporary files), so the rule
 * warns, stating how long objects live, and an expiration of at least the
 * minimum passes; on a bucket tagged `deadbolt:data=true` (on the bucket or its
 * stack) the finding is an error. Directory buckets (S3 Express One Zone) have
 * no versioning, so every expiration of theirs is judged. `ExpirationDate` is
 * always reported: from that date on, every matching object is deleted as soon
 * as S3 gets to it, however new. Expired-delete-marker cleanup and aborting
 * incomplete multipart uploads delete no data and are not judged.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-expire-general-considerations.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-s3-bucket-rule.html
 */
export default defineRule({
  id: 's3-lifecycle-expiration',
  title: 'S3 lifecycle rules keep the objects of unversioned buckets for at least the minimum retention',
  why: 'An expiration on a bucket without versioning deletes each object for good, with no version to restore, so an object that expires sooner than the minimum is lost before a mistake can be noticed.',
  fix: 'Expire objects no sooner than the minimum retention (7 days by default), or turn versioning on and keep noncurrent versions for the minimum; acknowledge the finding for disposable data.',
  severity: 'warning',
  resourceTypes: ['AWS::S3::Bucket', 'AWS::S3Express::DirectoryBucket'],
  cloudformation(bucket, ctx) {
    const min = ctx.options.minimumBackupRetentionDays;
    const directory = bucket.type === 'AWS::S3Express::DirectoryBucket';
    // Directory buckets (S3 Express One Zone) have no versioning at all.
    const versioning = directory ? ABSENT : readProperty(bucket, ...VERSIONING);
    if (versioning.kind === 'known' && versioning.value === 'Enabled') return;
    const unversioned =
      versioning.kind === 'absent'
        ? directory
          ? 'directory buckets have no versioning'
          : 'the bucket is not versioned'
        : versioning.kind === 'known'
          ? `the bucket's ${labelOf(bucket, VERSIONING)} is ${quote(versioning.value)}, not \`Enabled\``
          : `the bucket's versioning is ${quote(versioning.expression)} and cannot be proven \`Enabled\` (${versioning.reason})`;
    const base = {
      fix: directory ? directoryFix(min) : fix(min),
      severity: markedAsData(bucket) ? ('error' as const) : undefined,
    };
    const rules = lifecycleRules(bucket);
    if (rules.kind === 'unresolved') {
      return {
        ...base,
        location: locationOf(bucket, ['LifecycleConfiguration', 'Rules']),
        unresolved: true,
        message: `The lifecycle rules are ${quote(rules.expression)} and cannot be proven to keep objects for ${plural(min, 'day')}: ${rules.reason}; ${unversioned}.`,
      };
    }
    const out: Violation[] = [];
    for (const rule of rules.rules) {
      if (rule.disabled) continue;
      const v = judge(bucket, rule, min, unversioned);
      if (v)
        out.push({
          ...base,
          ...v,
          detail: rule.name,
          unresolved:
            v.unresolved || versioning.kind === 'unresolved' || rule.statusUnresolved !== undefined || undefined,
        });
    }
    return out;
  },
});

function judge(
  bucket: NormalisedResource,
  rule: LifecycleRuleReading,
  min: number,
  unversioned: string,
): Pick<Violation, 'message' | 'location' | 'unresolved'> | undefined {
  const status = rule.statusUnresolved ? ` (the rule is judged as on: ${rule.statusUnresolved})` : '';
  const days = daysAt(bucket, rule, 'ExpirationInDays');
  const daysLabel = fieldLabel(bucket, rule, ['ExpirationInDays']);
  if (days.kind === 'unresolved') {
    return {
      location: fieldLocation(bucket, rule, ['ExpirationInDays']),
      unresolved: true,
      message: `The ${rule.name} deletes ${rule.scope} after ${daysLabel} days, which is ${quote(days.expression)} and cannot be proven at least ${plural(min, 'day')} (${days.reason}), and ${unversioned}${status}.`,
    };
  }
  if (days.kind === 'days' && days.days < min) {
    const after = plural(days.days, 'day');
    return {
      location: fieldLocation(bucket, rule, ['ExpirationInDays']),
      message: `The ${rule.name} deletes ${rule.scope} ${after} after creation (${daysLabel}: ${quote(days.raw)}) and ${unversioned}, so they are gone for good after ${after}${status}; the minimum retention is ${plural(min, 'day')}.`,
    };
  }
  const date = dateAt(bucket, rule);
  if (date.kind === 'absent') return;
  const dateLabel = fieldLabel(bucket, rule, ['ExpirationDate']);
  const shown = date.kind === 'known' ? quote(date.value) : quote(date.expression);
  return {
    location: fieldLocation(bucket, rule, ['ExpirationDate']),
    unresolved: date.kind === 'unresolved' || undefined,
    message: `The ${rule.name} deletes ${rule.scope} on a date (${dateLabel}: ${shown}), and from then on every matching object as soon as S3 processes it, however new, and ${unversioned}, so objects are gone for good in less than the minimum retention of ${plural(min, 'day')}${status}.`,
  };
}

/** Directory buckets cannot be versioned: the only fix is a longer expiration. */
function directoryFix(min: number): FixText {
  const disposable = 'If the objects are disposable, acknowledge the finding with that reason.';
  return {
    cloudformation: `Set \`ExpirationInDays: ${min}\` (or more) on the directory bucket's lifecycle rule. ${disposable}`,
    cdk: `Set \`expirationInDays: ${min}\` (or more) in that rule of the \`CfnDirectoryBucket\`'s \`lifecycleConfiguration\`. ${disposable}`,
    pulumi: `Set \`expiration: { days: ${min} }\` (or more) on that rule of the directory bucket's lifecycle configuration. ${disposable}`,
    terraform: `Set \`expiration { days = ${min} }\` (or more) in that \`rule\` of the directory bucket's \`aws_s3_bucket_lifecycle_configuration\`. ${disposable}`,
  };
}

function fix(min: number): FixText {
  return {
    cloudformation: `Set \`ExpirationInDays: ${min}\` (or more) on the lifecycle rule in place of a shorter period or an \`ExpirationDate\`, or turn versioning on (\`VersioningConfiguration: { Status: Enabled }\`) and keep noncurrent versions at least ${plural(min, 'day')}. If the objects are disposable, acknowledge the finding with that reason.`,
    cdk: `Pass \`expiration: Duration.days(${min})\` (or more) in that entry of the \`Bucket\`'s \`lifecycleRules\` in place of a shorter period or an \`expirationDate\`, or pass \`versioned: true\` and keep noncurrent versions at least ${plural(min, 'day')}. If the objects are disposable, acknowledge the finding with that reason.`,
    pulumi: `Set \`expiration: { days: ${min} }\` (or more) on that rule of the \`aws.s3.BucketLifecycleConfiguration\` in place of a shorter period or a \`date\`, or add an \`aws.s3.BucketVersioning\` with \`status: "Enabled"\` and keep noncurrent versions at least ${plural(min, 'day')}. If the objects are disposable, acknowledge the finding with that reason.`,
    terraform: `Set \`expiration { days = ${min} }\` (or more) in that \`rule\` of the \`aws_s3_bucket_lifecycle_configuration\` in place of a shorter period or a \`date\`, or add an \`aws_s3_bucket_versioning\` with \`status = "Enabled"\` and keep noncurrent versions at least ${plural(min, 'day')}. If the objects are disposable, acknowledge the finding with that reason.`,
  };
}
