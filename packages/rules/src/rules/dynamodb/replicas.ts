import type { NormalisedResource } from '../../model';
import { asBoolean, readProperty, requireProperty } from '../../engine/read';
import type { Violation } from '../../engine/rule';
import { quote } from '../../engine/values';

/** A boolean property that must be true, with a display label for nested paths. */
export function requireTrue(
  resource: NormalisedResource,
  path: (string | number)[],
  fix: Violation['fix'],
  detail?: string,
  label?: string,
): Violation | undefined {
  return requireProperty(resource, {
    path,
    want: 'true',
    test: (v) => asBoolean(v) === true,
    absentMeans: 'false',
    fix,
    detail,
    label,
  });
}

/**
 * Judges `path` under every entry of a global table's `Replicas`, one violation
 * per failing replica (detail `replica <region>`). A list that cannot be read is
 * one unresolved violation.
 */
export function eachReplica(
  resource: NormalisedResource,
  path: string[],
  fix: Violation['fix'],
  label = path.join('.'),
): Violation[] {
  const raw = resource.properties.Replicas;
  let count: number;
  if (Array.isArray(raw)) count = raw.length;
  else {
    const list = readProperty(resource, 'Replicas');
    if (list.kind === 'unresolved') {
      return [
        {
          fix,
          location: 'Properties/Replicas',
          unresolved: true,
          message: `Replicas is ${quote(list.expression)} and no replica can be proven to have ${path.join('.')} true: ${list.reason}.`,
        },
      ];
    }
    if (list.kind === 'absent' || !Array.isArray(list.value)) {
      return [
        {
          fix,
          location: 'Properties/Replicas',
          message: `Replicas is ${list.kind === 'absent' ? 'not set' : quote(list.value)}, so no replica can be proven to have ${path.join('.')} true.`,
        },
      ];
    }
    count = list.value.length;
  }
  const out: Violation[] = [];
  for (let i = 0; i < count; i++) {
    const region = readProperty(resource, 'Replicas', i, 'Region');
    const detail = `replica ${region.kind === 'known' && typeof region.value === 'string' ? region.value : `[${i}]`}`;
    const v = requireTrue(resource, ['Replicas', i, ...path], fix, detail, label);
    if (v) out.push(v);
  }
  return out;
}

/**
 * A provider table (`aws.dynamodb.Table`, `aws_dynamodb_table`) judged on its
 * own setting and, when it has `replicas`, on each replica's: every replica is a
 * table of its own, and its setting is off unless the replica block turns it on.
 */
export function tableAndReplicas(
  resource: NormalisedResource,
  own: Violation | undefined,
  path: string[],
  replicaInput: string,
  fix: Violation['fix'],
): Violation[] {
  const out = own ? [own] : [];
  if (resource.properties.Replicas === undefined) return out;
  return [...out, ...eachReplica(resource, path, fix, `replicas[].${replicaInput}`)];
}

/**
 * A provider resource that is one replica of a global table
 * (`aws_dynamodb_table_replica`, `aws.dynamodb.TableReplica`): the dialect maps
 * it to `AWS::DynamoDB::Table` and keeps its `global_table_arn` as
 * `GlobalTableArn`. Its data is the global table's, and its own deletion
 * protection and point-in-time recovery are flat inputs.
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/dynamodb_table_replica
 */
export function isProviderTableReplica(resource: NormalisedResource): boolean {
  return (
    resource.dialect === 'aws-provider' &&
    resource.type === 'AWS::DynamoDB::Table' &&
    resource.properties.GlobalTableArn !== undefined
  );
}
