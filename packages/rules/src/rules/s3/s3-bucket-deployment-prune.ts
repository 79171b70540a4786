import { globMatches } from '../../engine/glob';
import { readProperty } from '../../engine/read';
import { defineRule, type RuleContext } from '../../engine/rule';
import { referencedResources } from '../../engine/references';
import { intrinsicName, quote, resolveValue } from '../../engine/values';
import { allResources, type FixText, type NormalisedResource, type ResourceModel } from '../../model';
import { plural } from '../../text/plural';
import { CDK_BUCKET_DEPLOYMENT } from './s3-no-auto-delete-objects';

const FIX: FixText = {
  cloudformation:
    'Set `Prune: false` on the `Custom::CDKBucketDeployment`, or give it a `DestinationBucketKeyPrefix` (or a bucket) that nothing else writes to.',
  cdk: 'Pass `prune: false` to the `BucketDeployment`, or give it a `destinationKeyPrefix` (or a `destinationBucket`) that nothing else writes to.',
  pulumi:
    'Upload with `aws.s3.BucketObjectv2` resources (they delete only the objects they created), and do not run `aws s3 sync --delete` into a bucket other writers use.',
  terraform:
    'Upload with `aws_s3_object` resources (they delete only the objects they created), and do not run `aws s3 sync --delete` into a bucket other writers use.',
};

/** At most this many resources are read per kind of writer; a larger app is judged on what was read (plus fail-closed). */
const MAX_SCAN = 5000;
/** Writers named in one message. */
const MAX_NAMED = 3;

/** Property paths (`*`: every element) whose value names a bucket that the resource writes to. */
const WRITER_PATHS: Readonly<Record<string, readonly (readonly string[])[]>> = {
  'AWS::S3::Bucket': [
    ['ReplicationConfiguration', 'Rules', '*', 'Destination', 'Bucket'],
    ['LoggingConfiguration', 'DestinationBucketName'],
    ['InventoryConfigurations', '*', 'Destination', 'BucketArn'],
    ['AnalyticsConfigurations', '*', 'StorageClassAnalysis', 'DataExport', 'Destination', 'BucketArn'],
  ],
  'AWS::CloudFront::Distribution': [['DistributionConfig', 'Logging', 'Bucket']],
  'AWS::CloudTrail::Trail': [['S3BucketName']],
  'AWS::Config::DeliveryChannel': [['S3BucketName']],
  'AWS::KinesisFirehose::DeliveryStream': [
    ['S3DestinationConfiguration', 'BucketARN'],
    ['ExtendedS3DestinationConfiguration', 'BucketARN'],
  ],
  'AWS::ElasticLoadBalancingV2::LoadBalancer': [['LoadBalancerAttributes', '*', 'Value']],
  'AWS::ElasticLoadBalancing::LoadBalancer': [['AccessLoggingPolicy', 'S3BucketName']],
  'AWS::Athena::WorkGroup': [['WorkGroupConfiguration', 'ResultConfiguration', 'OutputLocation']],
};

/** Identity policies, and where their documents are. */
const IDENTITY_POLICIES: Readonly<Record<string, readonly (readonly string[])[]>> = {
  'AWS::IAM::Policy': [['PolicyDocument']],
  'AWS::IAM::ManagedPolicy': [['PolicyDocument']],
  'AWS::IAM::Role': [['Policies', '*', 'PolicyDocument']],
  'AWS::IAM::User': [['Policies', '*', 'PolicyDocument']],
  'AWS::IAM::Group': [['Policies', '*', 'PolicyDocument']],
};

/**
 * A CDK `BucketDeployment` prunes only a destination nothing else writes to.
 *
 * With `Prune` true (aws-cdk-lib's default, and the handler's when the property
 * is absent), every Create and Update of a `Custom::CDKBucketDeployment` runs
 * `aws s3 sync --delete` into `s3://<DestinationBucketName>/<DestinationBucketKeyPrefix>`:
 * every object under that prefix (the whole bucket without one) that the
 * deployment did not upload is deleted, on every deploy, whatever the bucket's
 * versioning or DeletionPolicy. That is safe for a bucket only the deployment
 * writes to (a website bucket), and loses data where something else writes:
 * - another `BucketDeployment` into an overlapping prefix of the same bucket;
 * - an IAM policy (not the deployment handler's own role) or a bucket policy
 *   that allows `s3:PutObject` on the bucket;
 * - S3 replication, server access logs, inventory or analytics exports,
 *   CloudFront, CloudTrail, Config, Firehose, load balancer or Athena output
 *   delivered into the bucket.
 * A bucket that the app does not create, or that cannot be identified, cannot
 * be shown to have no other writers: fail closed.
 * @see https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_s3_deployment-readme.html#prune
 * @see https://docs.aws.amazon.com/cli/latest/reference/s3/sync.html
 */
export default defineRule({
  id: 's3-bucket-deployment-prune',
  title: 'BucketDeployments prune only a destination that nothing else writes to',
  why: 'Every deploy of a pruning BucketDeployment deletes each object under its destination that it did not upload itself, so objects that other writers put there are deleted on the next deploy.',
  fix: 'Set `prune: false` on the BucketDeployment, or deploy into a prefix or bucket that nothing else writes to.',
  severity: 'error',
  resourceTypes: [CDK_BUCKET_DEPLOYMENT],
  cloudformation(resource, ctx) {
    const prune = readProperty(resource, 'Prune');
    // The handler prunes unless the property is a string other than "true" (any case).
    if (prune.kind === 'known' && String(prune.value).toLowerCase() !== 'true') return;
    const pruneText =
      prune.kind === 'absent'
        ? 'Prune is not set (the handler prunes by default)'
        : prune.kind === 'known'
          ? `Prune is ${quote(prune.value)}`
          : `Prune is ${quote(prune.expression)} and cannot be proven false (${prune.reason})`;
    const base = { fix: FIX, location: 'Properties/Prune' };
    const destination = destinationOf(resource, ctx.model);
    if (destination.kind !== 'bucket') {
      return {
        ...base,
        unresolved: destination.kind === 'unresolved' || undefined,
        message: `${pruneText}, and ${destination.why}, so other writers to it cannot be ruled out: every deploy deletes the objects under ${prefixText(prefixOf(resource))} that the deployment did not upload.`,
      };
    }
    const prefix = prefixOf(resource);
    const writers = otherWriters(resource, destination.bucket, prefix, ctx);
    if (writers.length === 0) return undefined;
    const named = writers.slice(0, MAX_NAMED).join('; ');
    const more = writers.length > MAX_NAMED ? `; and ${plural(writers.length - MAX_NAMED, 'more writer')}` : '';
    return {
      ...base,
      unresolved: prune.kind === 'unresolved' || undefined,
      message: `${pruneText}: every deploy deletes the objects under ${prefixText(prefix)} of bucket ${destination.bucket.logicalId} that the deployment did not upload, and others write there: ${named}${more}.`,
    };
  },
});

type Destination =
  | { readonly kind: 'bucket'; readonly bucket: NormalisedResource }
  | { readonly kind: 'unresolved' | 'external'; readonly why: string };

/** The bucket the deployment writes to: a bucket resource of the model, or why it cannot be named. */
function destinationOf(resource: NormalisedResource, model: ResourceModel): Destination {
  const raw = resource.properties.DestinationBucketName;
  const buckets = referencedResources(raw, resource.document, model).filter((r) => r.type === 'AWS::S3::Bucket');
  if (buckets.length === 1) return { kind: 'bucket', bucket: buckets[0] };
  const r = resolveValue(raw, resource.document);
  if (r.kind === 'known' && typeof r.value === 'string') {
    const byName = bucketsNamed(r.value, model);
    if (byName.length === 1) return { kind: 'bucket', bucket: byName[0] };
    return { kind: 'external', why: `bucket ${quote(r.value)} is not created by this app` };
  }
  if (r.kind === 'absent') return { kind: 'unresolved', why: 'DestinationBucketName is not set' };
  return {
    kind: 'unresolved',
    why: `DestinationBucketName is ${quote(raw)}, which names no bucket of this app (${r.kind === 'unresolved' ? r.reason : 'not a string'})`,
  };
}

/** Buckets of the model whose literal `BucketName` is `name`. */
function bucketsNamed(name: string, model: ResourceModel): NormalisedResource[] {
  const out: NormalisedResource[] = [];
  for (const r of allResources(model).slice(0, MAX_SCAN)) {
    if (r.type !== 'AWS::S3::Bucket') continue;
    const n = resolveValue(r.properties.BucketName, r.document);
    if (n.kind === 'known' && n.value === name) out.push(r);
  }
  return out;
}

/** The key prefix, normalised as `aws s3 sync` treats it ("web" and "/web/" both mean "web/"); undefined: unknown. */
function prefixOf(resource: NormalisedResource): string | undefined {
  const p = readProperty(resource, 'DestinationBucketKeyPrefix');
  if (p.kind === 'absent') return '';
  if (p.kind !== 'known' || typeof p.value !== 'string') return undefined;
  const trimmed = p.value.replace(/^\/+/, '');
  return trimmed === '' || trimmed.endsWith('/') ? trimmed : `${trimmed}/`;
}

function prefixText(prefix: string | undefined): string {
  return prefix === undefined
    ? 'a key prefix that cannot be read'
    : prefix === ''
      ? 'the whole bucket'
      : `prefix "${prefix}"`;
}

function overlaps(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return true;
  return a.startsWith(b) || b.startsWith(a);
}

/** True when `expr` names `bucket`: a reference to it, or its literal name or ARN. */
function namesBucket(
  expr: unknown,
  doc: NormalisedResource['document'],
  model: ResourceModel,
  bucket: NormalisedResource,
) {
  if (expr === undefined) return false;
  if (referencedResources(expr, doc, model).includes(bucket)) return true;
  const name = resolveValue(bucket.properties.BucketName, bucket.document);
  const v = resolveValue(expr, doc);
  if (name.kind !== 'known' || typeof name.value !== 'string' || v.kind !== 'known' || typeof v.value !== 'string')
    return false;
  const n = name.value;
  return (
    v.value === n ||
    v.value.startsWith(`arn:aws:s3:::${n}`) ||
    v.value.startsWith(`s3://${n}`) ||
    v.value.startsWith(`${n}.s3`)
  );
}

/** Raw values at a path with `*` steps, bounded. */
function valuesAt(root: unknown, path: readonly string[], depth = 0): unknown[] {
  if (depth > 16) return [];
  if (path.length === 0) return [root];
  if (root === null || typeof root !== 'object' || intrinsicName(root) !== undefined) return [];
  const [head, ...rest] = path;
  if (head === '*') return Array.isArray(root) ? root.slice(0, 256).flatMap((v) => valuesAt(v, rest, depth + 1)) : [];
  return valuesAt((root as Record<string, unknown>)[head], rest, depth + 1);
}

/** The roles that run the BucketDeployment handlers of a document: their policies are the deployment itself. */
function handlerRoles(doc: NormalisedResource['document'], model: ResourceModel): Set<NormalisedResource> {
  const roles = new Set<NormalisedResource>();
  for (const r of doc.resources.values()) {
    if (r.type !== CDK_BUCKET_DEPLOYMENT) continue;
    for (const fn of referencedResources(r.properties.ServiceToken, doc, model)) {
      if (fn.type !== 'AWS::Lambda::Function') continue;
      for (const role of referencedResources(fn.properties.Role, fn.document, model))
        if (role.type === 'AWS::IAM::Role') roles.add(role);
    }
  }
  return roles;
}

const PUT_OBJECT = 's3:putobject';

/** True when one IAM action (a string with `*`/`?` wildcards) allows s3:PutObject; anything else unreadable counts. */
function allowsPut(action: unknown): boolean {
  if (typeof action !== 'string') return true;
  if (action.length > 256) return true;
  // Linear whatever the stars: a regular expression of `.*` runs took 40 s at 22 of them.
  return globMatches(action.toLowerCase(), PUT_OBJECT);
}

/** Allow statements of a policy document that let a principal put objects into `bucket`. */
function putStatements(
  document: unknown,
  doc: NormalisedResource['document'],
  model: ResourceModel,
  bucket: NormalisedResource,
  needResource: boolean,
): unknown[] {
  if (document === null || typeof document !== 'object') return [];
  const raw = (document as Record<string, unknown>).Statement;
  const statements = Array.isArray(raw) ? raw.slice(0, 256) : raw ? [raw] : [];
  return statements.filter((s) => {
    if (s === null || typeof s !== 'object') return false;
    const st = s as Record<string, unknown>;
    if (st.Effect !== 'Allow') return false;
    const actions = st.Action ?? st.NotAction;
    const list = Array.isArray(actions) ? actions : [actions];
    const puts =
      st.NotAction !== undefined ? !list.some((a) => typeof a === 'string' && allowsPut(a)) : list.some(allowsPut);
    if (!puts) return false;
    if (!needResource) return true;
    const resources = Array.isArray(st.Resource) ? st.Resource : [st.Resource];
    return resources.some((r) => r === '*' || r === 'arn:aws:s3:::*' || namesBucket(r, doc, model, bucket));
  });
}

/** Who else writes to `prefix` of `bucket`, as short descriptions. */
function otherWriters(
  deployment: NormalisedResource,
  bucket: NormalisedResource,
  prefix: string | undefined,
  ctx: RuleContext,
): string[] {
  const model = ctx.model;
  const out: string[] = [];
  const resources = allResources(model);
  if (resources.length > MAX_SCAN)
    out.push(`the app has more than ${MAX_SCAN} resources, too many to rule writers out`);
  const rolesByDoc = new Map<NormalisedResource['document'], Set<NormalisedResource>>();
  const handlerRolesOf = (d: NormalisedResource['document']) => {
    let s = rolesByDoc.get(d);
    if (!s) rolesByDoc.set(d, (s = handlerRoles(d, model)));
    return s;
  };
  // Server access logs with no destination go to the bucket itself.
  const logging = bucket.properties.LoggingConfiguration;
  if (
    logging &&
    typeof logging === 'object' &&
    (logging as Record<string, unknown>).DestinationBucketName === undefined
  )
    out.push(`its own server access logs (LoggingConfiguration without DestinationBucketName)`);
  for (const r of resources.slice(0, MAX_SCAN)) {
    if (r === deployment) continue;
    const doc = r.document;
    if (r.type === CDK_BUCKET_DEPLOYMENT) {
      if (namesBucket(r.properties.DestinationBucketName, doc, model, bucket) && overlaps(prefix, prefixOf(r)))
        out.push(`BucketDeployment ${r.logicalId} (${prefixText(prefixOf(r))})`);
      continue;
    }
    for (const path of WRITER_PATHS[r.type] ?? []) {
      if (valuesAt(r.properties, path).some((v) => namesBucket(v, doc, model, bucket))) {
        out.push(`${r.type} ${r.logicalId} (${path.filter((p) => p !== '*').join('.')})`);
        break;
      }
    }
    if (r.type === 'AWS::S3::BucketPolicy' && namesBucket(r.properties.Bucket, doc, model, bucket)) {
      if (putStatements(r.properties.PolicyDocument, doc, model, bucket, false).length > 0)
        out.push(`bucket policy ${r.logicalId} (allows s3:PutObject)`);
      continue;
    }
    const docs = IDENTITY_POLICIES[r.type];
    if (!docs) continue;
    const handlers = handlerRolesOf(doc);
    if (r.type === 'AWS::IAM::Role' && handlers.has(r)) continue;
    if (r.type === 'AWS::IAM::Policy' || r.type === 'AWS::IAM::ManagedPolicy') {
      // A policy attached only to deployment handler roles is the deployment's own grant.
      const attached = [
        ...referencedResources(r.properties.Roles, doc, model),
        ...referencedResources(r.properties.Users, doc, model),
        ...referencedResources(r.properties.Groups, doc, model),
      ];
      const onlyHandlers =
        attached.length > 0 &&
        attached.every((a) => handlers.has(a)) &&
        r.properties.Users === undefined &&
        r.properties.Groups === undefined;
      if (onlyHandlers) continue;
    }
    if (
      docs.some((path) =>
        valuesAt(r.properties, path).some((d) => putStatements(d, doc, model, bucket, true).length > 0),
      )
    )
      out.push(`${r.type} ${r.logicalId} (allows s3:PutObject on the bucket)`);
  }
  return out;
}
