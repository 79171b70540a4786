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
  if (resource.type === 'AWS::RDS::DBInstance' && resource.properties.DBClusterIdentifier === undefined) return 'Snapshot';
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
