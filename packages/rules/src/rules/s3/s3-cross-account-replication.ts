import { defaultsOf, labelOf, locationOf, readProperty } from '../../engine/read';
import { defineRule, type Violation } from '../../engine/rule';
import { quote } from '../../engine/values';
import { unknownAccount, type FixText, type NormalisedResource } from '../../model';

const FIX: FixText = {
  cloudformation:
    'Add `ReplicationConfiguration` with a rule `{ Status: Enabled, Filter: { Prefix: "" }, Destination: { Bucket: <ARN of a versioned bucket in the backup account>, Account: "<backup account id>", AccessControlTranslation: { Owner: Destination } } }`.',
  cdk: "Pass `replicationRules: [{ destination: s3.Bucket.fromBucketAttributes(this, 'Copy', { bucketArn, account: '<backup account id>' }), accessControlTransition: true }]` to the `Bucket`.",
  pulumi:
    'Add an `aws.s3.BucketReplicationConfig` with a rule `{ status: "Enabled", filter: {}, destination: { bucket: <ARN in the backup account>, account: "<backup account id>", accessControlTranslation: { owner: "Destination" } } }`.',
  terraform:
    'Add an `aws_s3_bucket_replication_configuration` with a `rule { status = "Enabled"; filter {}; destination { bucket = <ARN in the backup account>; account = "<backup account id>"; access_control_translation { owner = "Destination" } } }`.',
};

const LOCATION = 'Properties/ReplicationConfiguration';

/**
 * S3 buckets replicate to another account.
 *
 * Versioning and a retained bucket do not survive the account itself: whoever
 * can delete the bucket's objects and versions in this account can do it to
 * every copy in this account. A replica in a bucket owned by another account
 * (a rule with `Status: Enabled` whose `Destination.Account` is another
 * account id) is out of reach of this account's credentials. A rule is proven
 * to cover the whole bucket only without a filter, or with an empty prefix.
 * The bucket's own account must be known (an environment-agnostic stack never
 * proves anything is another account).
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-walkthrough-2.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-s3-bucket-replicationdestination.html
 */
export default defineRule({
  id: 's3-cross-account-replication',
  title: 'S3 buckets replicate to a bucket in another account',
  why: 'Every copy of the objects lives in one account, so one compromised or mistaken principal there can delete the bucket and all its versions.',
  fix: 'Replicate the bucket to a versioned bucket in a separate backup account.',
  severity: 'warning',
  resourceTypes: ['AWS::S3::Bucket'],
  cloudformation(resource) {
    const config = readProperty(resource, 'ReplicationConfiguration');
    if (config.kind === 'absent') {
      return {
        fix: FIX,
        location: locationOf(resource, ['ReplicationConfiguration']),
        message: `${labelOf(resource, ['ReplicationConfiguration'])} is not set (${defaultsOf(resource)}: no replication), so no copy of the objects exists outside this account.`,
      };
    }
    const raw = (resource.properties.ReplicationConfiguration as Record<string, unknown> | undefined)?.Rules;
    const rules = readProperty(resource, 'ReplicationConfiguration', 'Rules');
    if (!Array.isArray(raw) || raw.length === 0) {
      return rules.kind === 'unresolved'
        ? {
            fix: FIX,
            location: `${LOCATION}/Rules`,
            unresolved: true,
            message: `ReplicationConfiguration.Rules is ${quote(rules.expression)} and cannot be proven to replicate to another account: ${rules.reason}.`,
          }
        : {
            fix: FIX,
            location: `${LOCATION}/Rules`,
            message: 'ReplicationConfiguration has no rules, so no copy of the objects exists outside this account.',
          };
    }
    const own = resource.document.account;
    const reasons: string[] = [];
    let unresolved = false;
    for (let i = 0; i < raw.length; i++) {
      const judged = judgeRule(resource, i, own);
      if (judged === 'ok') return;
      reasons.push(judged.reason);
      unresolved ||= judged.unresolved === true;
    }
    return violation(
      `No replication rule is proven to copy the whole bucket to another account: ${reasons.join('; ')}.`,
      unresolved,
    );
  },
});

function violation(message: string, unresolved: boolean): Violation {
  return { fix: FIX, location: `${LOCATION}/Rules`, message, unresolved: unresolved || undefined };
}

type RuleReading = 'ok' | { readonly reason: string; readonly unresolved?: boolean };

function judgeRule(resource: NormalisedResource, i: number, own: string | undefined): RuleReading {
  const path = ['ReplicationConfiguration', 'Rules', i];
  const id = readProperty(resource, ...path, 'Id');
  const name = `rule ${id.kind === 'known' && typeof id.value === 'string' ? quote(id.value) : i + 1}`;
  const rule = readProperty(resource, ...path);
  if (rule.kind === 'absent') return { reason: `${name} is not created` };

  const status = readProperty(resource, ...path, 'Status');
  if (status.kind === 'unresolved')
    return {
      reason: `${name} has Status ${quote(status.expression)}, which cannot be proven Enabled: ${status.reason}`,
      unresolved: true,
    };
  if (status.kind === 'absent' || status.value !== 'Enabled')
    return { reason: `${name} has Status ${status.kind === 'absent' ? 'not set' : quote(status.value)}` };

  const account = readProperty(resource, ...path, 'Destination', 'Account');
  if (account.kind === 'unresolved')
    return {
      reason: `${name} has Destination.Account ${quote(account.expression)}, which cannot be proven another account: ${account.reason}`,
      unresolved: true,
    };
  if (account.kind === 'absent')
    return {
      reason: `${name} does not set Destination.Account, so its destination is not proven to be in another account`,
    };
  const value = typeof account.value === 'number' ? String(account.value) : account.value;
  if (typeof value !== 'string' || !/^\d{12}$/.test(value))
    return { reason: `${name} has Destination.Account ${quote(account.value)}, which is not an account id` };
  if (own === undefined)
    return {
      reason: `${name} replicates to account ${value}, but the bucket's own account is not known (${unknownAccount(resource.document)})`,
    };
  if (value === own) return { reason: `${name} replicates to account ${value}, the bucket's own account` };

  const scope = wholeBucket(resource, path, name);
  if (scope !== true) return scope;
  return 'ok';
}

/** Does the rule select every object: no filter, an empty prefix, or an empty `Filter`? */
function wholeBucket(
  resource: NormalisedResource,
  path: readonly (string | number)[],
  name: string,
): true | { reason: string; unresolved?: boolean } {
  for (const p of [
    [...path, 'Prefix'],
    [...path, 'Filter'],
  ]) {
    const r = readProperty(resource, ...p);
    if (r.kind === 'absent') continue;
    if (r.kind === 'unresolved')
      return {
        reason: `${name} has ${p[p.length - 1]} ${quote(r.expression)}, which cannot be proven to select every object: ${r.reason}`,
        unresolved: true,
      };
    const v = r.value;
    const empty =
      v === '' ||
      (v !== null &&
        typeof v === 'object' &&
        !Array.isArray(v) &&
        Object.entries(v).every(([k, x]) => k === 'Prefix' && x === ''));
    if (!empty) return { reason: `${name} replicates only the objects matching ${p[p.length - 1]} ${quote(v)}` };
  }
  return true;
}
