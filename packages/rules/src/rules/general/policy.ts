import type { NormalisedResource } from '../../model';
import { resolveValue, quote } from '../../engine/values';
import { DATA_TAG_KEY, isTransientType } from '../../spec/stateful-types';
import { resourceTags } from '../../engine/backup-coverage';

/** What a DeletionPolicy/UpdateReplacePolicy does to the data. */
export type PolicyReading =
  | { readonly kind: 'keeps'; readonly value: string }
  | { readonly kind: 'snapshot' }
  | { readonly kind: 'deletes'; readonly value: string; readonly defaulted: boolean }
  | { readonly kind: 'unresolved'; readonly expression: unknown; readonly reason: string }
  | { readonly kind: 'invalid'; readonly value: unknown };

/**
 * CloudFormation's DeletionPolicy default: `Snapshot` for `AWS::RDS::DBCluster`
 * and for an `AWS::RDS::DBInstance` outside a cluster, `Delete` for every other
 * type. UpdateReplacePolicy always defaults to `Delete`.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-deletionpolicy.html
 */
export function defaultDeletionPolicy(resource: NormalisedResource): 'Delete' | 'Snapshot' {
  if (resource.type === 'AWS::RDS::DBCluster') return 'Snapshot';
  if (resource.type === 'AWS::RDS::DBInstance' && resource.properties.DBClusterIdentifier === undefined)
    return 'Snapshot';
  return 'Delete';
}

export function readPolicy(resource: NormalisedResource, raw: unknown, fallback: 'Delete' | 'Snapshot'): PolicyReading {
  const r = resolveValue(raw, resource.document);
  if (r.kind === 'unresolved') return { kind: 'unresolved', expression: r.expression, reason: r.reason };
  const value = r.kind === 'absent' ? fallback : r.value;
  if (value === 'Retain' || value === 'RetainExceptOnCreate') return { kind: 'keeps', value };
  if (value === 'Snapshot') return { kind: 'snapshot' };
  if (value === 'Delete') return { kind: 'deletes', value, defaulted: r.kind === 'absent' };
  return { kind: 'invalid', value };
}

/** Transient types are reported as warnings, unless tagged `deadbolt:data=true`. */
export function severityFor(resource: NormalisedResource): 'warning' | undefined {
  if (!isTransientType(resource.type)) return undefined;
  return resourceTags(resource).get(DATA_TAG_KEY) === 'true' ? undefined : 'warning';
}

export { quote };

/**
 * What a provider resource's options and inputs do when the resource is deleted
 * (Pulumi `destroy`, removal from the program, Terraform `destroy`):
 * - `retainOnDelete: true` (or Terraform `prevent_destroy`) keeps it, like `Retain`;
 * - `protect: true` makes the delete fail, until someone unprotects it;
 * - a database with `skipFinalSnapshot` false and a `finalSnapshotIdentifier`
 *   leaves a final snapshot, like `Snapshot`.
 * An explicit `protect: false` is a finding on its own: Pulumi unprotects and
 * replaces in one `up`, so it undoes the guard in the same run that deletes.
 */
export type ProviderDeletionReading =
  | { readonly kind: 'keeps'; readonly by: string }
  | { readonly kind: 'unprotected' }
  | { readonly kind: 'deletes'; readonly detail: string };

/** Types whose provider resource takes a final snapshot when deleted. */
const FINAL_SNAPSHOT_TYPES = new Set([
  'AWS::RDS::DBInstance',
  'AWS::RDS::DBCluster',
  'AWS::DocDB::DBCluster',
  'AWS::Neptune::DBCluster',
  'AWS::Redshift::Cluster',
]);

export function readProviderDeletion(resource: NormalisedResource, forReplacement: boolean): ProviderDeletionReading {
  const o = resource.providerOptions ?? {};
  if (o.protect === false) return { kind: 'unprotected' };
  if (o.retainOnDelete === true) return { kind: 'keeps', by: 'retainOnDelete' };
  if (o.preventDestroy === true) return { kind: 'keeps', by: 'prevent_destroy' };
  if (o.protect === true) return { kind: 'keeps', by: 'protect' };
  const unset = forReplacement
    ? 'neither `protect` nor `retainOnDelete` is set'
    : '`retainOnDelete` and `protect` are not set';
  // A cluster member holds no data of its own: the cluster does.
  const member = resource.type === 'AWS::RDS::DBInstance' && resource.properties.DBClusterIdentifier !== undefined;
  if (FINAL_SNAPSHOT_TYPES.has(resource.type) && !member) {
    const skip = resolveValue(resource.properties.SkipFinalSnapshot, resource.document);
    const name = resolveValue(resource.properties.FinalSnapshotIdentifier, resource.document);
    const skips = skip.kind === 'known' && (skip.value === true || skip.value === 'true');
    if (
      !skips &&
      skip.kind !== 'unresolved' &&
      name.kind === 'known' &&
      typeof name.value === 'string' &&
      name.value !== ''
    ) {
      return { kind: 'keeps', by: 'a final snapshot' };
    }
    const why = skips
      ? '`skipFinalSnapshot` is true'
      : skip.kind === 'unresolved'
        ? `\`skipFinalSnapshot\` cannot be read (${skip.reason})`
        : '`finalSnapshotIdentifier` is not set';
    return { kind: 'deletes', detail: `${unset}, and ${why}, so no final snapshot is kept` };
  }
  return { kind: 'deletes', detail: unset };
}
