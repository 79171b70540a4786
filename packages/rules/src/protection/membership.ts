import {
  intrinsicName,
  PROVIDER_OUTPUT_INTRINSIC,
  resolveAlternatives,
  resolveValue,
  type Resolved,
} from '../engine/values';
import type { NormalisedResource, StackDocument } from '../model';
import { protectionOf } from './table';

/**
 * Whether a resource is a member of a cluster that holds its data:
 * - `member`: every way the template can deploy names a cluster;
 * - `standalone`: none does;
 * - `maybe`: it depends on a condition decided at deploy time (an `Fn::If`
 *   with an `AWS::NoValue` branch). The resource is judged as standalone, so
 *   that the branch that deploys it alone is not left unjudged.
 * A literal, a reference to a resource of the template or an import names a
 * cluster; a parameter, which may be left empty, does not prove it. Where the
 * engine decides (only Aurora instances join an RDS cluster), a known engine
 * settles it.
 */
export type ClusterMembership = 'member' | 'standalone' | 'maybe';

export function clusterMembership(resource: NormalisedResource): ClusterMembership {
  const member = protectionOf(resource.type)?.member;
  if (!member) return 'standalone';
  if (member.required) return 'member';
  // Only some engines join a cluster (an RDS instance joins only an Aurora cluster): the engine decides when it is known.
  if (member.engines) {
    const engine = resolveValue(resource.properties.Engine, resource.document);
    if (engine.kind === 'known' && typeof engine.value === 'string')
      return member.engines.test(engine.value) ? 'member' : 'standalone';
  }
  const alternatives = resolveAlternatives(resource.properties, [member.property], resource.document);
  let named = 0;
  for (const a of alternatives) if (names(a.value, resource.document)) named++;
  if (named === 0) return 'standalone';
  return named === alternatives.length ? 'member' : 'maybe';
}

/**
 * True when a value names another resource: a non-empty literal, a reference to
 * a resource of the template, or an import. A parameter (which may be left
 * empty) or any other expression does not prove it: fail closed.
 */
function names(v: Resolved, doc: StackDocument): boolean {
  if (v.kind === 'known') return typeof v.value === 'string' && v.value !== '';
  if (v.kind !== 'unresolved') return false;
  const e = v.expression as Record<string, unknown>;
  const fn = intrinsicName(e);
  if (fn === 'Ref') return typeof e.Ref === 'string' && doc.resources.has(e.Ref);
  if (fn === 'Fn::GetAtt') {
    const arg = e['Fn::GetAtt'];
    const target = Array.isArray(arg) ? arg[0] : typeof arg === 'string' ? arg.split('.')[0] : undefined;
    return typeof target === 'string' && doc.resources.has(target);
  }
  return fn === 'Fn::ImportValue' || fn === PROVIDER_OUTPUT_INTRINSIC;
}

/** True only when the resource is provably a cluster member (its cluster governs it). */
export function isClusterMember(resource: NormalisedResource): boolean {
  return clusterMembership(resource) === 'member';
}

/**
 * A read replica names its source. A literal or a reference counts; an `Fn::If`
 * (which may remove the property) does not excuse the resource: fail closed.
 */
export function isReadReplica(resource: NormalisedResource): boolean {
  return ['SourceDBInstanceIdentifier', 'SourceDBClusterIdentifier'].some((p) => {
    const alternatives = resolveAlternatives(resource.properties, [p], resource.document);
    return alternatives.every((a) => names(a.value, resource.document));
  });
}

/** The same test on raw CloudFormation properties (the CDK fixer's rendered template): a literal or any expression. */
export function namesReadReplicaSource(properties: Readonly<Record<string, unknown>>): boolean {
  return ['SourceDBInstanceIdentifier', 'SourceDBClusterIdentifier'].some((p) => {
    const v = properties[p];
    if (v === undefined || v === null || v === '') return false;
    // An `Fn::If` may remove the property: not provably a replica.
    return !(typeof v === 'object' && !Array.isArray(v) && 'Fn::If' in (v as object));
  });
}

/**
 * Cluster membership read from raw CloudFormation properties (the CDK fixer's
 * rendered template): the cluster property is set to a literal or an expression
 * other than an `Fn::If` (which may remove it).
 */
export function namesCluster(type: string, properties: Readonly<Record<string, unknown>>): boolean {
  const member = protectionOf(type)?.member;
  if (!member) return false;
  if (member.required) return true;
  const engine = properties.Engine;
  if (member.engines && typeof engine === 'string') return member.engines.test(engine);
  const v = properties[member.property];
  if (v === undefined || v === null || v === '') return false;
  return !(typeof v === 'object' && !Array.isArray(v) && 'Fn::If' in (v as object));
}
