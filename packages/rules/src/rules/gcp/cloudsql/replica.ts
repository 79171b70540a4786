import { readProperty } from '../../../engine/read';
import type { NormalisedResource } from '../../../model';
import { outputResource } from '../../../dialects/google-provider';

/**
 * A Cloud SQL read replica (`master_instance_name` set): its data is a copy of
 * its primary's, it has no automated backups of its own (Cloud SQL does not back
 * up replicas), and deleting it loses nothing the primary does not hold. An
 * unknown `master_instance_name` is a replica only when it comes from another
 * resource of the input (`master_instance_name = google_sql_database_instance.primary.name`):
 * the provider computes the argument (Optional and Computed), so a primary's is
 * unknown too before it is created (a Pulumi preview's outputs), and an unknown
 * that names no resource is judged as a primary (fail closed). A promoted replica
 * has none: the provider clears it when `instance_type` turns `CLOUD_SQL_INSTANCE`.
 * @see https://cloud.google.com/sql/docs/postgres/replication#read-replicas
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/sql_database_instance#master_instance_name-1
 */
export function isReadReplica(resource: NormalisedResource): boolean {
  const r = readProperty(resource, 'master_instance_name');
  if (r.kind === 'unresolved') return outputResource(resource.properties.master_instance_name) !== undefined;
  return r.kind === 'known' && r.value !== null && r.value !== '';
}

export const CLOUDSQL_INSTANCE = 'google_sql_database_instance';
