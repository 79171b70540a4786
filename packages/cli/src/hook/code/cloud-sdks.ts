/**
 * Other clouds' SDKs and the Kubernetes client, read as the CLI command that
 * does the same, so the CLI knowledge (`knowledge/gcloud.ts`, `azure.ts`,
 * `kubernetes.ts`) judges both: Google Cloud Storage
 * (`storage.Client().bucket(name).delete(force=True)` is `gcloud storage
 * buckets delete gs://name`), Azure's management clients
 * (`SqlManagementClient(…).databases.begin_delete(…)` is `az sql db delete`)
 * and the Kubernetes API clients (`CoreV1Api().delete_namespace("prod")` is
 * `kubectl delete namespace prod`).
 *
 * @see https://cloud.google.com/python/docs/reference/storage/latest/google.cloud.storage.bucket.Bucket#google_cloud_storage_bucket_Bucket_delete
 * @see https://learn.microsoft.com/en-us/python/api/overview/azure/mgmt
 * @see https://github.com/kubernetes-client/python/blob/master/kubernetes/README.md
 */
import { destructiveStatement } from '../knowledge/sql';
import type { ArgValue } from './effects';

/** An object of one of these SDKs, as far as the readers track it. */
export interface SdkObject {
  readonly sdk: 'gcs' | 'bigquery' | 'azure';
  /** `client`, `bucket`; for Azure, the client's class and then its operations group (`SqlManagementClient.databases`). */
  readonly type: string;
  /** The bucket's name, when known. */
  readonly name?: string | null;
}

/** Azure management clients' operation groups whose `delete`/`begin_delete` is an `az` delete. */
const AZURE_DELETES: Readonly<Record<string, string>> = {
  'ResourceManagementClient.resource_groups': 'group delete',
  'ManagementLockClient.management_locks': 'lock delete',
  'SqlManagementClient.databases': 'sql db delete',
  'SqlManagementClient.servers': 'sql server delete',
  'SqlManagementClient.managed_instances': 'sql mi delete',
  'SqlManagementClient.managed_databases': 'sql midb delete',
  'StorageManagementClient.storage_accounts': 'storage account delete',
  'StorageManagementClient.blob_containers': 'storage container-rm delete',
  'StorageManagementClient.file_shares': 'storage share-rm delete',
  'CosmosDBManagementClient.database_accounts': 'cosmosdb delete',
  'PostgreSQLManagementClient.servers': 'postgres flexible-server delete',
  'PostgreSQLManagementClient.databases': 'postgres flexible-server db delete',
  'MySQLManagementClient.servers': 'mysql flexible-server delete',
  'MySQLManagementClient.databases': 'mysql flexible-server db delete',
  'RedisManagementClient.redis': 'redis delete',
  // Data plane: `BlobServiceClient.delete_container(name)`, `ContainerClient.delete_container()`.
  'BlobServiceClient.': 'storage container delete',
  'ContainerClient.': 'storage container delete',
};

/** The SDK object a constructor or factory at `path` makes (`google.cloud.storage.Client`, `azure.mgmt.sql.SqlManagementClient`). */
export function sdkConstructor(path: string): SdkObject | undefined {
  // Python's `google.cloud.storage.Client()`, Node's `new Storage()` of `@google-cloud/storage`.
  if (/^google\.cloud\.storage\.(Client|client\.Client)$|^@google-cloud\/storage\.Storage$/.test(path))
    return { sdk: 'gcs', type: 'client' };
  if (/^google\.cloud\.bigquery\.(Client|client\.Client)$/.test(path)) return { sdk: 'bigquery', type: 'client' };
  const azure = /^azure\.(?:mgmt\.[\w.]+|storage\.blob(?:\.aio)?)\.(\w+Client)(?:\.from_connection_string)?$/.exec(
    path,
  );
  if (azure && Object.keys(AZURE_DELETES).some((k) => k.startsWith(`${azure[1]}.`)))
    return { sdk: 'azure', type: azure[1] };
  return undefined;
}

/** `client.databases`: an Azure client's operation group. */
export function sdkAttribute(object: SdkObject, name: string): SdkObject | undefined {
  if (object.sdk === 'azure' && !object.type.includes('.')) return { sdk: 'azure', type: `${object.type}.${name}` };
  return undefined;
}

/**
 * A method call on an SDK object: another object (a bucket), the CLI command
 * that does the same (`argv`), or nothing the hook cares about.
 */
export function sdkMethod(
  object: SdkObject,
  method: string,
  first: ArgValue | undefined,
  force: boolean,
): { object?: SdkObject; argv?: ArgValue[] } {
  if (object.sdk === 'bigquery') {
    // `delete_dataset(…, delete_contents=True)` is `bq rm -r -f -d`; `delete_table` is `bq rm -f -t`; a query that drops or empties a table is `bq query`.
    if (method === 'delete_dataset') return { argv: ['bq', 'rm', '-f', ...(force ? ['-r'] : []), '-d', first ?? null] };
    if (method === 'delete_table') return { argv: ['bq', 'rm', '-f', '-t', first ?? null] };
    if (method === 'query' && first && destructiveStatement(first, 'sql')) return { argv: ['bq', 'query', first] };
    return {};
  }
  if (object.sdk === 'gcs') {
    if (object.type === 'client' && /^(bucket|get_bucket|lookup_bucket|create_bucket|createBucket)$/.test(method))
      return { object: { sdk: 'gcs', type: 'bucket', name: first ?? null } };
    if (object.type === 'client' && method === 'delete_bucket')
      return { argv: ['gcloud', 'storage', 'buckets', 'delete', gsUrl(first ?? null)] };
    if (object.type === 'bucket' && method === 'delete') {
      // `force=True` deletes every object first (up to 256); without it the bucket must already be empty.
      return {
        argv: [
          'gcloud',
          'storage',
          force ? 'rm' : 'buckets',
          ...(force ? ['--recursive'] : ['delete']),
          gsUrl(object.name ?? null),
        ],
      };
    }
    if (object.type === 'bucket' && (method === 'delete_blobs' || method === 'deleteFiles'))
      return { argv: ['gcloud', 'storage', 'rm', null] };
    return {};
  }
  const path = AZURE_DELETES[object.type] ?? (object.type.includes('.') ? undefined : AZURE_DELETES[`${object.type}.`]);
  const deleting = object.type.includes('.')
    ? /^(begin_)?delete(_\w+)?$/.test(method)
    : /^delete_container$/.test(method);
  if (path && deleting) return { argv: ['az', ...path.split(' '), '--yes'] };
  return {};
}

function gsUrl(name: string | null): ArgValue {
  return name === null ? null : `gs://${name}`;
}

/** Kubernetes API objects whose kubectl name is not the method's words run together. */
const KUBECTL_NAMES: Readonly<Record<string, string>> = {
  namespace: 'namespace',
  persistentvolumeclaim: 'persistentvolumeclaim',
  persistentvolume: 'persistentvolume',
};

/**
 * A Kubernetes API client's delete (Python `delete_namespaced_persistent_volume_claim(name, namespace)`,
 * JavaScript `deleteNamespacedPersistentVolumeClaim({ name, namespace })`) as the kubectl command;
 * undefined for other methods.
 */
export function kubernetesDelete(
  method: string,
  name: ArgValue | undefined,
  namespace: ArgValue | undefined,
): ArgValue[] | undefined {
  const snake = method.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  const m = /^delete_(collection_)?(namespaced_)?([a-z_]{2,80})$/.exec(snake);
  if (!m) return undefined;
  const kind = m[3].replace(/_/g, '');
  const resource = KUBECTL_NAMES[kind] ?? kind;
  const ns: ArgValue[] = m[2] ? ['--namespace', namespace ?? null] : [];
  if (m[1]) return ['kubectl', 'delete', resource, '--all', ...ns];
  return ['kubectl', 'delete', resource, name ?? null, ...ns];
}
