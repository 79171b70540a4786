/**
 * Which provider resource types hold data, where the CloudFormation
 * specification cannot say: Google Cloud (Terraform `google` and `google-beta`,
 * Pulumi `@pulumi/gcp`), Azure (Terraform `azurerm`, Pulumi `@pulumi/azure` and
 * `azure-native`), AWS provider resources without a CloudFormation counterpart
 * (`aws_ebs_snapshot`), and the everyday providers that hold no data (random,
 * null, time, tls, local, …). Beside the protection table (`table.ts`), which
 * decides the CloudFormation types and, through `dialects/aws-provider-types.ts`,
 * their Terraform and Pulumi names.
 *
 * One row per resource, with its Terraform name and its Pulumi twins, so the
 * dialects cannot disagree: `azurerm_mssql_server`, `azure:mssql/server:Server`
 * and `azure-native:sql:Server` are one decision. The plan gate reads it
 * (`classify.ts`); a type no row, pattern or rule decides is asked about
 * (`deadbolt plan --stateful-types`), never let through as stateless.
 *
 * Pulumi tokens: `@pulumi/gcp` and `@pulumi/azure` are generated from the
 * Terraform providers, module by module; the tokens below are the providers'
 * own (https://www.pulumi.com/registry/packages/gcp/api-docs/,
 * https://www.pulumi.com/registry/packages/azure/api-docs/). `azure-native` is
 * generated from the Azure REST API and named apart
 * (https://www.pulumi.com/registry/packages/azure-native/api-docs/); major
 * versions renamed some modules (`documentdb` → `cosmosdb`, `cache` → `redis`),
 * so both spellings are listed.
 */
import spec from '../spec/cloudformation-types.generated.json';
import { derivePulumiToken, JUDGED_TYPES, typeNameWords } from '../dialects/aws-provider-types';
import { STATEFUL_TYPES } from '../spec/stateful-types';
import services from './provider-services.generated.json';
import { OUT_OF_SCOPE, PROTECTION_TABLE } from './table';

/**
 * - `stateful`: deleting or replacing it loses data a user cannot recreate.
 * - `part`: configures a data store (an access list, a lock, an attachment); deleting it deletes no data.
 * - `stateless`: holds no data, or only what the configuration recreates.
 */
export type ProviderDecision = 'stateful' | 'part' | 'stateless';

/** One resource of a provider, in every dialect that names it. */
export interface ProviderDataRow {
  /** The Terraform resource type (`google_sql_database_instance`, `azurerm_mssql_server`, `aws_ebs_snapshot`). */
  readonly terraform: string;
  /**
   * Its Pulumi tokens from the bridged provider (`@pulumi/gcp`, `@pulumi/azure`, `@pulumi/aws`).
   * @default - derived from `terraform`: `google_<module>_<name>` → `gcp:<module>/<name in camelCase>:<Name>`
   *   (`aws_` as `dialects/aws-provider-types.ts` derives it); Azure rows always list theirs
   */
  readonly pulumi: readonly string[];
  /** Its `azure-native` tokens. */
  readonly native?: readonly string[];
  readonly decision: ProviderDecision;
  /** Why, in one line: what it holds, or why it holds nothing. */
  readonly reason: string;
}

/** A family of types decided alike (IAM grants, a provider that holds no data). */
export interface ProviderDataPattern {
  readonly matches: RegExp;
  readonly decision: ProviderDecision;
  readonly reason: string;
  /** What the pattern covers, for `deadbolt rules --types` and the README. */
  readonly covers: string;
}

/** The decision on one type, and where it comes from. */
export interface ProviderDataDecision {
  readonly decision: ProviderDecision;
  readonly reason: string;
  /** `table`: a row; `pattern`: a family; `service`: a service none of whose types holds data, or whose data stores are rows. */
  readonly source: 'table' | 'pattern' | 'service';
}

const S = 'stateful' as const;
const P = 'part' as const;
const N = 'stateless' as const;

/** `google_sql_database_instance` → `gcp:sql/databaseInstance:DatabaseInstance`; undefined without a module. */
export function deriveGcpToken(terraform: string): string | undefined {
  const m = /^google_([a-z0-9]+)_([a-z0-9_]+)$/.exec(terraform);
  if (!m) return undefined;
  const words = m[2].split('_').filter((w) => w !== '');
  const camel =
    words[0] +
    words
      .slice(1)
      .map((w) => w[0].toUpperCase() + w.slice(1))
      .join('');
  return `gcp:${m[1]}/${camel}:${camel[0].toUpperCase()}${camel.slice(1)}`;
}

function row(
  terraform: string,
  decision: ProviderDecision,
  reason: string,
  pulumi?: readonly string[],
  native?: readonly string[],
): ProviderDataRow {
  const derived = terraform.startsWith('google_') ? deriveGcpToken(terraform) : derivePulumiToken(terraform);
  const tokens = pulumi ?? (derived ? [derived] : []);
  return native
    ? { terraform, pulumi: tokens, native, decision, reason }
    : { terraform, pulumi: tokens, decision, reason };
}

/** Google Cloud: Terraform `google` and `google-beta` (one set of names), Pulumi `@pulumi/gcp`. */
const GOOGLE: readonly ProviderDataRow[] = [
  row(
    'google_sql_database_instance',
    S,
    'a Cloud SQL instance: deleting it deletes its databases and automated backups',
  ),
  row('google_sql_database', S, 'a database in a Cloud SQL instance'),
  row('google_sql_user', N, 'a database login; its password is set again from code'),
  row('google_alloydb_cluster', S, 'an AlloyDB cluster: its storage holds the databases'),
  row(
    'google_alloydb_instance',
    N,
    'compute of an AlloyDB cluster; the data lives in the cluster storage (google_alloydb_cluster), which outlives it',
  ),
  row('google_alloydb_backup', S, 'an AlloyDB backup'),
  row('google_spanner_instance', S, 'a Spanner instance: deleting it deletes its databases and backups'),
  row('google_spanner_database', S, 'a Spanner database'),
  row('google_firestore_database', S, 'a Firestore database'),
  row('google_firestore_document', S, 'a Firestore document'),
  row('google_firestore_index', N, 'an index, rebuilt from the documents'),
  row('google_bigtable_instance', S, 'a Bigtable instance: deleting it deletes its tables'),
  row('google_bigtable_table', S, 'a Bigtable table'),
  row('google_bigquery_dataset', S, 'a BigQuery dataset and, with delete_contents_on_destroy, its tables'),
  row('google_bigquery_table', S, 'a BigQuery table'),
  row('google_bigquery_routine', N, 'a stored routine, defined in code'),
  row('google_bigquery_data_transfer_config', N, 'a transfer schedule; the data it loads is in its tables'),
  row('google_storage_bucket', S, 'a Cloud Storage bucket and, with force_destroy, its objects'),
  row('google_storage_bucket_object', S, 'an object in a bucket'),
  row('google_storage_managed_folder', S, 'a managed folder and, with force_destroy, its objects'),
  row('google_storage_bucket_acl', P, 'the access list of a bucket; deleting it deletes no object', [
    'gcp:storage/bucketACL:BucketACL',
  ]),
  row('google_storage_notification', N, 'a bucket notification; holds no data'),
  row('google_filestore_instance', S, 'a Filestore instance: deleting it deletes its file shares'),
  row('google_filestore_backup', S, 'a Filestore backup'),
  row('google_filestore_snapshot', S, 'a Filestore snapshot'),
  row(
    'google_redis_instance',
    S,
    'a Memorystore for Redis instance: an in-memory data store, with persistence when enabled',
  ),
  row('google_redis_cluster', S, 'a Memorystore for Redis cluster'),
  row('google_memorystore_instance', S, 'a Memorystore for Valkey instance'),
  row(
    'google_memcache_instance',
    S,
    'a Memorystore for Memcached cache: nothing at rest, but a session store may hold its only copy of data (as an ElastiCache memcached cluster, judged the same)',
  ),
  row('google_compute_disk', S, 'a persistent disk'),
  row('google_compute_region_disk', S, 'a regional persistent disk'),
  row('google_compute_snapshot', S, 'a disk snapshot (a backup)'),
  row('google_compute_image', S, 'a disk image; it may be the only copy of the disk it was made from'),
  row('google_compute_machine_image', S, 'a machine image (a backup of an instance and its disks)'),
  row(
    'google_compute_instance',
    N,
    'compute; its boot disk is deleted with it unless auto_delete is false, as an EC2 root volume is: keep data on a google_compute_disk',
  ),
  row('google_compute_instance_template', N, 'a template for instances; holds no data'),
  row('google_compute_instance_group_manager', N, 'manages instances from a template; holds no data'),
  row('google_compute_region_instance_group_manager', N, 'manages instances from a template; holds no data'),
  row('google_compute_attached_disk', P, 'attaches a disk to an instance; detaching deletes no data'),
  row(
    'google_compute_resource_policy',
    N,
    'a snapshot schedule or placement policy; holds no data (the snapshots it made stay)',
  ),
  row(
    'google_compute_disk_resource_policy_attachment',
    P,
    'attaches a snapshot schedule to a disk; deleting it deletes no data',
  ),
  row('google_kms_key_ring', N, 'Google Cloud cannot delete a key ring: destroying it removes it from state only'),
  row(
    'google_kms_crypto_key',
    S,
    'a key: destroying it schedules its key versions for destruction, and data encrypted under them becomes unreadable',
  ),
  row('google_kms_crypto_key_version', S, 'key material: destroying it makes data encrypted under it unreadable'),
  row('google_secret_manager_secret', S, 'a secret and every version of it; deletion cannot be undone', [
    'gcp:secretmanager/secret:Secret',
  ]),
  row('google_secret_manager_secret_version', S, 'a secret value; destroying a version destroys its payload', [
    'gcp:secretmanager/secretVersion:SecretVersion',
  ]),
  row('google_backup_dr_backup_vault', S, 'a backup vault and the backups in it', [
    'gcp:backupdisasterrecovery/backupVault:BackupVault',
  ]),
  row(
    'google_backup_dr_backup_plan',
    P,
    'a backup schedule and retention; the backups are in the vault, but deleting it stops future backups',
    ['gcp:backupdisasterrecovery/backupPlan:BackupPlan'],
  ),
  row(
    'google_backup_dr_backup_plan_association',
    P,
    'applies a backup plan to a resource; the backups stay in the vault, but deleting it stops backing the resource up',
    ['gcp:backupdisasterrecovery/backupPlanAssociation:BackupPlanAssociation'],
  ),
  row('google_project', S, 'a project: deleting it deletes every resource and all data in it', [
    'gcp:organizations/project:Project',
  ]),
  row(
    'google_resource_manager_lien',
    P,
    'a lien: while it restricts resourcemanager.projects.delete, no client can delete its project',
    ['gcp:resourcemanager/lien:Lien'],
  ),
  row(
    'google_folder',
    N,
    'a folder of projects; Google Cloud refuses to delete a folder that still contains projects',
    ['gcp:organizations/folder:Folder'],
  ),
  row('google_project_service', N, 'enables an API; holds no data', ['gcp:projects/service:Service']),
  row('google_logging_project_bucket_config', S, 'a log bucket and the log entries kept in it'),
  row('google_logging_project_sink', N, 'routes logs to a destination; holds no data'),
  row('google_artifact_registry_repository', S, 'a repository of container images and packages', [
    'gcp:artifactregistry/repository:Repository',
  ]),
  row('google_pubsub_topic', S, 'a topic and the messages it retains'),
  row('google_pubsub_subscription', S, 'a subscription and its unacknowledged messages'),
  row(
    'google_container_cluster',
    N,
    "a Kubernetes control plane; workloads' data lives in disks, databases and buckets (as an EKS cluster)",
  ),
  row('google_container_node_pool', N, 'Kubernetes nodes; compute only'),
  row('google_compute_network', N, 'a VPC network; holds no data'),
  row('google_compute_subnetwork', N, 'a subnet; holds no data'),
  row('google_compute_firewall', N, 'firewall rules; hold no data'),
  row('google_compute_router', N, 'a router; holds no data'),
  row('google_compute_router_nat', N, 'NAT configuration; holds no data'),
  row('google_compute_address', N, 'an IP address reservation; holds no data'),
  row('google_compute_global_address', N, 'an IP address reservation; holds no data'),
  row('google_compute_forwarding_rule', N, 'load balancer configuration; holds no data'),
  row('google_compute_global_forwarding_rule', N, 'load balancer configuration; holds no data'),
  row('google_compute_backend_service', N, 'load balancer configuration; holds no data'),
  row('google_compute_backend_bucket', N, 'serves a bucket through a load balancer; the bucket is judged on its own'),
  row('google_compute_url_map', N, 'load balancer configuration; holds no data', ['gcp:compute/uRLMap:URLMap']),
  row('google_compute_target_http_proxy', N, 'load balancer configuration; holds no data'),
  row('google_compute_target_https_proxy', N, 'load balancer configuration; holds no data'),
  row('google_compute_health_check', N, 'a health check; holds no data'),
  row('google_compute_managed_ssl_certificate', N, 'a certificate Google issues and renews; holds no data'),
  row('google_compute_ssl_certificate', N, 'a certificate uploaded from code; holds no data', [
    'gcp:compute/sSLCertificate:SSLCertificate',
  ]),
  row('google_service_account', N, 'an identity; holds no data', ['gcp:serviceaccount/account:Account']),
  row('google_service_account_key', N, 'a credential; a new one is issued from code', ['gcp:serviceaccount/key:Key']),
  row('google_cloud_run_service', N, 'a container service; stateless compute', ['gcp:cloudrun/service:Service']),
  row('google_cloud_run_v2_service', N, 'a container service; stateless compute', ['gcp:cloudrunv2/service:Service']),
  row('google_cloud_run_v2_job', N, 'a container job; stateless compute', ['gcp:cloudrunv2/job:Job']),
  row('google_cloudfunctions_function', N, 'a function; stateless compute'),
  row('google_cloudfunctions2_function', N, 'a function; stateless compute', [
    'gcp:cloudfunctionsv2/function:Function',
  ]),
  row('google_cloud_scheduler_job', N, 'a schedule; holds no data', ['gcp:cloudscheduler/job:Job']),
  row('google_dns_managed_zone', N, 'a DNS zone, defined in code'),
  row('google_dns_record_set', N, 'DNS records, defined in code'),
  row('google_monitoring_alert_policy', N, 'an alert; holds no data'),
  row('google_monitoring_notification_channel', N, 'a notification target; holds no data'),
  row('google_vpc_access_connector', N, 'a network connector; holds no data', ['gcp:vpcaccess/connector:Connector']),
  row('google_compute_network_peering', N, 'a network peering; holds no data'),
  row('google_service_networking_connection', N, 'a private services connection; holds no data', [
    'gcp:servicenetworking/connection:Connection',
  ]),
  // Data stores of services the rows above do not cover, so that their service counts as holding data
  // (`tableServiceDataDecision`): an unlisted type of theirs is asked about.
  row('google_alloydb_user', N, 'a database login; its password is set again from code'),
  row('google_secret_manager_regional_secret', S, 'a regional secret and every version of it', [
    'gcp:secretmanager/regionalSecret:RegionalSecret',
  ]),
  row('google_secret_manager_regional_secret_version', S, 'a regional secret value', [
    'gcp:secretmanager/regionalSecretVersion:RegionalSecretVersion',
  ]),
  row('google_parameter_manager_parameter', S, 'a parameter and every version of it', [
    'gcp:parametermanager/parameter:Parameter',
  ]),
  row('google_parameter_manager_parameter_version', S, 'a parameter value', [
    'gcp:parametermanager/parameterVersion:ParameterVersion',
  ]),
  row('google_parameter_manager_regional_parameter', S, 'a regional parameter and every version of it', [
    'gcp:parametermanager/regionalParameter:RegionalParameter',
  ]),
  row('google_parameter_manager_regional_parameter_version', S, 'a regional parameter value', [
    'gcp:parametermanager/regionalParameterVersion:RegionalParameterVersion',
  ]),
  row('google_logging_folder_bucket_config', S, 'a log bucket and the log entries kept in it'),
  row('google_logging_organization_bucket_config', S, 'a log bucket and the log entries kept in it'),
  row('google_logging_billing_account_bucket_config', S, 'a log bucket and the log entries kept in it'),
  row('google_logging_folder_sink', N, 'routes logs to a destination; holds no data'),
  row('google_logging_organization_sink', N, 'routes logs to a destination; holds no data'),
  row('google_logging_billing_account_sink', N, 'routes logs to a destination; holds no data'),
  row('google_logging_project_exclusion', N, 'a log filter; holds no data'),
  row('google_logging_metric', N, 'a log-based metric; holds no data'),
  row('google_pubsub_lite_topic', S, 'a Pub/Sub Lite topic and the messages it retains'),
  row('google_pubsub_lite_subscription', S, 'a Pub/Sub Lite subscription and its unacknowledged messages'),
  row('google_pubsub_schema', N, 'a message schema, defined in code'),
  row('google_cloud_tasks_queue', S, 'a Cloud Tasks queue and the tasks waiting in it', ['gcp:cloudtasks/queue:Queue']),
  row('google_storage_bucket_access_control', P, 'an access entry of a bucket; deleting it deletes no object', [
    'gcp:storage/bucketAccessControl:BucketAccessControl',
  ]),
  row('google_storage_default_object_access_control', P, 'default object access; deleting it deletes no object'),
  row('google_storage_default_object_acl', P, 'default object access; deleting it deletes no object', [
    'gcp:storage/defaultObjectACL:DefaultObjectACL',
  ]),
  row('google_storage_object_access_control', P, 'an access entry of an object; deleting it deletes no object'),
  row('google_storage_object_acl', P, 'the access list of an object; deleting it deletes no object', [
    'gcp:storage/objectACL:ObjectACL',
  ]),
  // https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/storage_folder
  row('google_storage_folder', S, 'a folder of a hierarchical-namespace bucket and, with force_destroy, its objects'),
  row('google_storage_hmac_key', N, 'a credential; a new one is issued from code', ['gcp:storage/hmacKey:HmacKey']),
  row('google_storage_transfer_job', N, 'a transfer schedule; the objects it copied stay', [
    'gcp:storage/transferJob:TransferJob',
  ]),
  row('google_kms_key_ring_import_job', N, 'an import job for key material; holds no key itself'),
  row('google_kms_secret_ciphertext', N, 'a ciphertext computed from the configuration; holds no data of its own'),
  row('google_sql_ssl_cert', N, 'a client certificate; a new one is issued from code', ['gcp:sql/sslCert:SslCert']),
  row('google_bigquery_dataset_access', P, 'an access entry of a dataset; deleting it deletes no table'),
  row('google_bigquery_job', N, 'a load, copy or query job; destroying it deletes nothing it wrote'),
  row('google_spanner_instance_config', N, 'a custom instance configuration (replica placement); holds no data'),
  row('google_firestore_field', N, 'index settings of a field, rebuilt from the documents'),
  row('google_organization_policy', N, 'an organization policy; holds no data', ['gcp:organizations/policy:Policy']),
  row('google_organization_access_approval_settings', N, 'access approval settings; hold no data', [
    'gcp:organizations/accessApprovalSettings:AccessApprovalSettings',
  ]),
  row('google_compute_instant_snapshot', S, 'an instant snapshot of a disk (a backup)'),
  row('google_compute_region_instant_snapshot', S, 'an instant snapshot of a regional disk (a backup)'),
  row(
    'google_compute_instance_from_template',
    N,
    'compute, as google_compute_instance: keep data on a google_compute_disk',
  ),
  row(
    'google_compute_instance_from_machine_image',
    N,
    'compute, as google_compute_instance: the machine image it starts from is judged on its own',
  ),
  row(
    'google_compute_region_disk_resource_policy_attachment',
    P,
    'attaches a snapshot schedule to a regional disk; deleting it deletes no data',
  ),
  row(
    'google_compute_disk_async_replication',
    P,
    'replicates a disk to another region; stopping it deletes neither disk',
  ),
  row('google_compute_snapshot_settings', N, 'where new snapshots are stored; holds no data'),
  row(
    'google_compute_storage_pool',
    N,
    'Hyperdisk capacity; Google Cloud refuses to delete a pool that still holds disks',
  ),
  row('google_compute_backend_bucket_signed_url_key', N, 'a signing key for URLs, defined in code', [
    'gcp:compute/backendBucketSignedUrlKey:BackendBucketSignedUrlKey',
  ]),
  row('google_compute_backend_service_signed_url_key', N, 'a signing key for URLs, defined in code', [
    'gcp:compute/backendServiceSignedUrlKey:BackendServiceSignedUrlKey',
  ]),
  row(
    'google_compute_region_backend_bucket',
    N,
    'serves a bucket through a load balancer; the bucket is judged on its own',
  ),
  row('google_public_ca_external_account_key', N, 'a credential for the public certificate authority; holds no data', [
    'gcp:compute/caExternalAccountKey:CaExternalAccountKey',
  ]),
  row('google_dataproc_cluster', S, 'a Dataproc cluster: HDFS on its disks is deleted with it (as an EMR cluster)'),
  row('google_dataproc_metastore_service', S, 'a Dataproc Metastore service: its database holds the table metadata'),
  row('google_composer_environment', S, 'a Cloud Composer environment: deleting it deletes its Airflow database'),
  row(
    'google_dataform_repository',
    S,
    'a Dataform repository; without a remote Git repository it holds the only copy of its code',
  ),
  row('google_data_fusion_instance', S, 'a Cloud Data Fusion instance and the pipelines saved in it', [
    'gcp:datafusion/instance:Instance',
  ]),
  row('google_discovery_engine_data_store', S, 'a data store and the documents imported into it', [
    'gcp:discoveryengine/dataStore:DataStore',
  ]),
  row('google_firebase_database_instance', S, 'a Firebase Realtime Database instance and its data'),
  row(
    'google_healthcare_dataset',
    S,
    'a Cloud Healthcare dataset: deleting it deletes its FHIR, DICOM and HL7v2 stores',
  ),
  row('google_healthcare_fhir_store', S, 'a FHIR store and its resources'),
  row('google_healthcare_dicom_store', S, 'a DICOM store and its instances'),
  row('google_healthcare_hl7_v2_store', S, 'an HL7v2 store and its messages', ['gcp:healthcare/hl7Store:Hl7Store']),
  row('google_healthcare_consent_store', S, 'a consent store and its consents'),
  row('google_identity_platform_tenant', S, 'an Identity Platform tenant and its users (as a Cognito user pool)', [
    'gcp:identityplatform/tenant:Tenant',
  ]),
  row('google_looker_instance', S, 'a Looker instance: its database holds the dashboards and looks made in it'),
  row('google_lustre_instance', S, 'a Managed Lustre file system and its files'),
  row('google_parallelstore_instance', S, 'a Parallelstore file system and its files'),
  row(
    'google_managed_kafka_cluster',
    S,
    'a Managed Service for Apache Kafka cluster: its topics hold retained messages',
    ['gcp:managedkafka/cluster:Cluster'],
  ),
  row('google_managed_kafka_topic', S, 'a Kafka topic and the messages it retains', ['gcp:managedkafka/topic:Topic']),
  row('google_netapp_volume', S, 'a NetApp volume and its files'),
  row('google_netapp_volume_snapshot', S, 'a NetApp volume snapshot (a backup)'),
  row('google_netapp_backup', S, 'a NetApp volume backup'),
  row('google_netapp_backup_vault', S, 'a NetApp backup vault and the backups in it'),
  row('google_notebooks_instance', S, 'a notebook instance: its data disk is deleted with it'),
  row('google_workbench_instance', S, 'a Vertex AI Workbench instance: its data disk is deleted with it'),
  row('google_oracle_database_autonomous_database', S, 'an Oracle Autonomous Database and its data', [
    'gcp:oracledatabase/autonomousDatabase:AutonomousDatabase',
  ]),
  row('google_oracle_database_db_system', S, 'an Oracle Base Database system and its databases', [
    'gcp:oracledatabase/dbSystem:DbSystem',
  ]),
  row('google_oracle_database_cloud_vm_cluster', S, 'an Exadata VM cluster and the databases on it', [
    'gcp:oracledatabase/cloudVmCluster:CloudVmCluster',
  ]),
  row('google_oracle_database_exadb_vm_cluster', S, 'an Exadata VM cluster and the databases on it', [
    'gcp:oracledatabase/exadbVmCluster:ExadbVmCluster',
  ]),
  row('google_oracle_database_exascale_db_storage_vault', S, 'Exascale storage and the databases in it', [
    'gcp:oracledatabase/exascaleDbStorageVault:ExascaleDbStorageVault',
  ]),
  row('google_privateca_certificate_authority', S, 'a certificate authority: destroying it destroys its signing key', [
    'gcp:certificateauthority/authority:Authority',
  ]),
  row('google_secure_source_manager_instance', S, 'a Secure Source Manager instance and its repositories', [
    'gcp:securesourcemanager/instance:Instance',
  ]),
  row('google_secure_source_manager_repository', S, 'a Git repository', [
    'gcp:securesourcemanager/repository:Repository',
  ]),
  row('google_sourcerepo_repository', S, 'a Cloud Source Repositories Git repository'),
  row('google_vertex_ai_dataset', S, 'a Vertex AI dataset and its annotations', ['gcp:vertex/aiDataset:AiDataset']),
  row('google_vertex_ai_featurestore', S, 'a feature store and its feature values', [
    'gcp:vertex/aiFeatureStore:AiFeatureStore',
  ]),
  row('google_vertex_ai_feature_online_store', S, 'an online feature store and its feature values', [
    'gcp:vertex/aiFeatureOnlineStore:AiFeatureOnlineStore',
  ]),
  row('google_vertex_ai_metadata_store', S, 'a metadata store and the lineage recorded in it', [
    'gcp:vertex/aiMetadataStore:AiMetadataStore',
  ]),
  row('google_vertex_ai_tensorboard', S, 'a TensorBoard and the experiment logs in it', [
    'gcp:vertex/aiTensorboard:AiTensorboard',
  ]),
  row('google_vmwareengine_private_cloud', S, 'a VMware Engine private cloud: its vSAN datastores hold the VMs', [
    'gcp:vmwareengine/privateCloud:PrivateCloud',
  ]),
  row('google_vmwareengine_cluster', S, 'a VMware Engine cluster: its vSAN datastore holds the VMs', [
    'gcp:vmwareengine/cluster:Cluster',
  ]),
  row(
    'google_workstations_workstation',
    S,
    "a workstation: its persistent home disk is deleted with it unless the configuration's reclaim policy retains it",
    ['gcp:workstations/workstation:Workstation'],
  ),
];
/** Azure: Terraform `azurerm`, Pulumi `@pulumi/azure` and `azure-native`. */
const AZURE: readonly ProviderDataRow[] = [
  row(
    'azurerm_mssql_server',
    S,
    'an Azure SQL logical server: deleting it deletes its databases',
    ['azure:mssql/server:Server'],
    ['azure-native:sql:Server'],
  ),
  row('azurerm_sql_server', S, 'an Azure SQL logical server (provider v3): deleting it deletes its databases', [
    'azure:sql/sqlServer:SqlServer',
  ]),
  row(
    'azurerm_mssql_database',
    S,
    'an Azure SQL database',
    ['azure:mssql/database:Database'],
    ['azure-native:sql:Database'],
  ),
  row('azurerm_sql_database', S, 'an Azure SQL database (provider v3)', ['azure:sql/database:Database']),
  row(
    'azurerm_mssql_elasticpool',
    N,
    'shared compute for databases; the databases are judged on their own',
    ['azure:mssql/elasticPool:ElasticPool'],
    ['azure-native:sql:ElasticPool'],
  ),
  row(
    'azurerm_mssql_managed_instance',
    S,
    'a SQL managed instance: deleting it deletes its databases',
    ['azure:mssql/managedInstance:ManagedInstance'],
    ['azure-native:sql:ManagedInstance'],
  ),
  row(
    'azurerm_mssql_managed_database',
    S,
    'a database of a SQL managed instance',
    ['azure:mssql/managedDatabase:ManagedDatabase'],
    ['azure-native:sql:ManagedDatabase'],
  ),
  row(
    'azurerm_mssql_firewall_rule',
    N,
    'a firewall rule of a SQL server; holds no data',
    ['azure:mssql/firewallRule:FirewallRule'],
    ['azure-native:sql:FirewallRule'],
  ),
  row(
    'azurerm_mssql_virtual_network_rule',
    N,
    'a network rule of a SQL server; holds no data',
    ['azure:mssql/virtualNetworkRule:VirtualNetworkRule'],
    ['azure-native:sql:VirtualNetworkRule'],
  ),
  row(
    'azurerm_postgresql_flexible_server',
    S,
    'an Azure Database for PostgreSQL flexible server: deleting it deletes its databases and backups',
    ['azure:postgresql/flexibleServer:FlexibleServer'],
    ['azure-native:dbforpostgresql:Server', 'azure-native:dbforpostgresql:FlexibleServer'],
  ),
  row(
    'azurerm_postgresql_flexible_server_database',
    S,
    'a PostgreSQL database',
    ['azure:postgresql/flexibleServerDatabase:FlexibleServerDatabase'],
    ['azure-native:dbforpostgresql:Database'],
  ),
  row(
    'azurerm_postgresql_flexible_server_firewall_rule',
    N,
    'a firewall rule; holds no data',
    ['azure:postgresql/flexibleServerFirewallRule:FlexibleServerFirewallRule'],
    ['azure-native:dbforpostgresql:FirewallRule'],
  ),
  row(
    'azurerm_postgresql_flexible_server_configuration',
    P,
    'a server parameter; deleting it restores the default and deletes no data',
    ['azure:postgresql/flexibleServerConfiguration:FlexibleServerConfiguration'],
    ['azure-native:dbforpostgresql:Configuration'],
  ),
  row(
    'azurerm_postgresql_server',
    S,
    'an Azure Database for PostgreSQL single server (retired): deleting it deletes its databases',
    ['azure:postgresql/server:Server'],
  ),
  row('azurerm_postgresql_database', S, 'a PostgreSQL database on a single server', [
    'azure:postgresql/database:Database',
  ]),
  row(
    'azurerm_mysql_flexible_server',
    S,
    'an Azure Database for MySQL flexible server: deleting it deletes its databases and backups',
    ['azure:mysql/flexibleServer:FlexibleServer'],
    ['azure-native:dbformysql:Server', 'azure-native:dbformysql:FlexibleServer'],
  ),
  row(
    'azurerm_mysql_flexible_database',
    S,
    'a MySQL database',
    ['azure:mysql/flexibleDatabase:FlexibleDatabase'],
    ['azure-native:dbformysql:Database'],
  ),
  // https://learn.microsoft.com/en-us/azure/mysql/single-server/how-to-restore-dropped-server
  row(
    'azurerm_mysql_server',
    S,
    'an Azure Database for MySQL single server (retired): deleting it deletes its databases and backups',
    ['azure:mysql/server:Server'],
  ),
  row('azurerm_mysql_database', S, 'a MySQL database on a single server', ['azure:mysql/database:Database']),
  row(
    'azurerm_mariadb_server',
    S,
    'an Azure Database for MariaDB server (retired): deleting it deletes its databases and backups',
    ['azure:mariadb/server:Server'],
  ),
  row('azurerm_mariadb_database', S, 'a MariaDB database', ['azure:mariadb/database:Database']),
  row(
    'azurerm_mysql_flexible_server_firewall_rule',
    N,
    'a firewall rule; holds no data',
    ['azure:mysql/flexibleServerFirewallRule:FlexibleServerFirewallRule'],
    ['azure-native:dbformysql:FirewallRule'],
  ),
  row(
    'azurerm_cosmosdb_account',
    S,
    'a Cosmos DB account: deleting it deletes every database in it',
    ['azure:cosmosdb/account:Account'],
    ['azure-native:documentdb:DatabaseAccount', 'azure-native:cosmosdb:DatabaseAccount'],
  ),
  row(
    'azurerm_cosmosdb_sql_database',
    S,
    'a Cosmos DB database',
    ['azure:cosmosdb/sqlDatabase:SqlDatabase'],
    [
      'azure-native:documentdb:SqlResourceSqlDatabase',
      'azure-native:cosmosdb:SqlResourceSqlDatabase',
      'azure-native:cosmosdb:DatabaseAccountSqlDatabase',
    ],
  ),
  row(
    'azurerm_cosmosdb_sql_container',
    S,
    'a Cosmos DB container',
    ['azure:cosmosdb/sqlContainer:SqlContainer'],
    [
      'azure-native:documentdb:SqlResourceSqlContainer',
      'azure-native:cosmosdb:SqlResourceSqlContainer',
      'azure-native:cosmosdb:DatabaseAccountSqlContainer',
    ],
  ),
  row(
    'azurerm_cosmosdb_mongo_database',
    S,
    'a Cosmos DB for MongoDB database',
    ['azure:cosmosdb/mongoDatabase:MongoDatabase'],
    [
      'azure-native:documentdb:MongoDBResourceMongoDBDatabase',
      'azure-native:cosmosdb:MongoDBResourceMongoDBDatabase',
      'azure-native:cosmosdb:DatabaseAccountMongoDBDatabase',
    ],
  ),
  row(
    'azurerm_cosmosdb_mongo_collection',
    S,
    'a Cosmos DB for MongoDB collection',
    ['azure:cosmosdb/mongoCollection:MongoCollection'],
    [
      'azure-native:documentdb:MongoDBResourceMongoDBCollection',
      'azure-native:cosmosdb:MongoDBResourceMongoDBCollection',
      'azure-native:cosmosdb:DatabaseAccountMongoDBCollection',
    ],
  ),
  row(
    'azurerm_cosmosdb_cassandra_keyspace',
    S,
    'a Cosmos DB for Cassandra keyspace',
    ['azure:cosmosdb/cassandraKeyspace:CassandraKeyspace'],
    [
      'azure-native:documentdb:CassandraResourceCassandraKeyspace',
      'azure-native:cosmosdb:CassandraResourceCassandraKeyspace',
      'azure-native:cosmosdb:DatabaseAccountCassandraKeyspace',
    ],
  ),
  row(
    'azurerm_cosmosdb_cassandra_table',
    S,
    'a Cosmos DB for Cassandra table',
    ['azure:cosmosdb/cassandraTable:CassandraTable'],
    [
      'azure-native:documentdb:CassandraResourceCassandraTable',
      'azure-native:cosmosdb:CassandraResourceCassandraTable',
      'azure-native:cosmosdb:DatabaseAccountCassandraTable',
    ],
  ),
  row(
    'azurerm_cosmosdb_gremlin_database',
    S,
    'a Cosmos DB for Gremlin database',
    ['azure:cosmosdb/gremlinDatabase:GremlinDatabase'],
    [
      'azure-native:documentdb:GremlinResourceGremlinDatabase',
      'azure-native:cosmosdb:GremlinResourceGremlinDatabase',
      'azure-native:cosmosdb:DatabaseAccountGremlinDatabase',
    ],
  ),
  row(
    'azurerm_cosmosdb_gremlin_graph',
    S,
    'a Cosmos DB for Gremlin graph',
    ['azure:cosmosdb/gremlinGraph:GremlinGraph'],
    [
      'azure-native:documentdb:GremlinResourceGremlinGraph',
      'azure-native:cosmosdb:GremlinResourceGremlinGraph',
      'azure-native:cosmosdb:DatabaseAccountGremlinGraph',
    ],
  ),
  row(
    'azurerm_cosmosdb_table',
    S,
    'a Cosmos DB for Table table',
    ['azure:cosmosdb/table:Table'],
    [
      'azure-native:documentdb:TableResourceTable',
      'azure-native:cosmosdb:TableResourceTable',
      'azure-native:cosmosdb:DatabaseAccountTable',
    ],
  ),
  row(
    'azurerm_cosmosdb_postgresql_cluster',
    S,
    'an Azure Cosmos DB for PostgreSQL cluster',
    ['azure:cosmosdb/postgresqlCluster:PostgresqlCluster'],
    ['azure-native:dbforpostgresql:ServerGroupCluster'],
  ),
  row(
    'azurerm_storage_account',
    S,
    'a storage account: deleting it deletes its blobs, files, queues and tables',
    ['azure:storage/account:Account'],
    ['azure-native:storage:StorageAccount'],
  ),
  row(
    'azurerm_storage_container',
    S,
    'a blob container and its blobs',
    ['azure:storage/container:Container'],
    ['azure-native:storage:BlobContainer'],
  ),
  row(
    'azurerm_storage_share',
    S,
    'a file share and its files',
    ['azure:storage/share:Share'],
    ['azure-native:storage:FileShare'],
  ),
  row('azurerm_storage_blob', S, 'a blob in a container', ['azure:storage/blob:Blob'], ['azure-native:storage:Blob']),
  row('azurerm_storage_table', S, 'a storage table', ['azure:storage/table:Table'], ['azure-native:storage:Table']),
  row(
    'azurerm_storage_queue',
    S,
    'a storage queue and its messages',
    ['azure:storage/queue:Queue'],
    ['azure-native:storage:Queue'],
  ),
  row('azurerm_storage_data_lake_gen2_filesystem', S, 'a Data Lake Storage Gen2 file system and its files', [
    'azure:storage/dataLakeGen2Filesystem:DataLakeGen2Filesystem',
  ]),
  row('azurerm_storage_data_lake_gen2_path', S, 'a Data Lake Storage Gen2 directory and its files', [
    'azure:storage/dataLakeGen2Path:DataLakeGen2Path',
  ]),
  row(
    'azurerm_data_lake_store',
    S,
    'a Data Lake Storage Gen1 account (retired) and its files',
    ['azure:datalake/store:Store'],
    ['azure-native:datalakestore:Account'],
  ),
  row(
    'azurerm_storage_management_policy',
    P,
    'lifecycle rules of a storage account; deleting them deletes no data',
    ['azure:storage/managementPolicy:ManagementPolicy'],
    ['azure-native:storage:ManagementPolicy'],
  ),
  row('azurerm_storage_account_network_rules', P, 'network rules of a storage account; deleting them deletes no data', [
    'azure:storage/accountNetworkRules:AccountNetworkRules',
  ]),
  row(
    'azurerm_netapp_volume',
    S,
    'an Azure NetApp Files volume',
    ['azure:netapp/volume:Volume'],
    ['azure-native:netapp:CapacityPoolVolume'],
  ),
  row(
    'azurerm_netapp_snapshot',
    S,
    'an Azure NetApp Files snapshot',
    ['azure:netapp/snapshot:Snapshot'],
    ['azure-native:netapp:CapacityPoolVolumeSnapshot'],
  ),
  row(
    'azurerm_key_vault',
    S,
    'a key vault: deleting it deletes its keys, secrets and certificates (recoverable only within the soft-delete window)',
    ['azure:keyvault/keyVault:KeyVault'],
    ['azure-native:keyvault:Vault'],
  ),
  row(
    'azurerm_key_vault_key',
    S,
    'a key: deleting it makes data encrypted under it unreadable',
    ['azure:keyvault/key:Key'],
    ['azure-native:keyvault:Key'],
  ),
  row(
    'azurerm_key_vault_secret',
    S,
    'a secret in a key vault',
    ['azure:keyvault/secret:Secret'],
    ['azure-native:keyvault:Secret'],
  ),
  row('azurerm_key_vault_certificate', S, 'a certificate and its private key', [
    'azure:keyvault/certificate:Certificate',
  ]),
  row(
    'azurerm_key_vault_managed_hardware_security_module',
    S,
    'a managed HSM and its keys',
    ['azure:keyvault/managedHardwareSecurityModule:ManagedHardwareSecurityModule'],
    ['azure-native:keyvault:ManagedHsm'],
  ),
  row(
    'azurerm_key_vault_access_policy',
    P,
    'an access policy of a key vault; deleting it deletes no key or secret',
    ['azure:keyvault/accessPolicy:AccessPolicy'],
    ['azure-native:keyvault:AccessPolicy'],
  ),
  row(
    'azurerm_redis_cache',
    S,
    'an Azure Cache for Redis instance: an in-memory data store, with persistence when enabled',
    ['azure:redis/cache:Cache'],
    ['azure-native:cache:Redis', 'azure-native:redis:Redis'],
  ),
  row(
    'azurerm_redis_enterprise_cluster',
    S,
    'an Azure Cache for Redis Enterprise cluster',
    ['azure:redis/enterpriseCluster:EnterpriseCluster'],
    ['azure-native:cache:RedisEnterprise', 'azure-native:redisenterprise:RedisEnterprise'],
  ),
  row(
    'azurerm_redis_enterprise_database',
    S,
    'an Azure Cache for Redis Enterprise database',
    ['azure:redis/enterpriseDatabase:EnterpriseDatabase'],
    ['azure-native:cache:Database', 'azure-native:redisenterprise:Database'],
  ),
  row('azurerm_managed_redis', S, 'an Azure Managed Redis instance', ['azure:managedredis/managedRedis:ManagedRedis']),
  row(
    'azurerm_kusto_cluster',
    S,
    'an Azure Data Explorer cluster: deleting it deletes its databases',
    ['azure:kusto/cluster:Cluster'],
    ['azure-native:kusto:Cluster'],
  ),
  row(
    'azurerm_kusto_database',
    S,
    'an Azure Data Explorer database',
    ['azure:kusto/database:Database'],
    ['azure-native:kusto:ReadWriteDatabase'],
  ),
  row(
    'azurerm_log_analytics_workspace',
    S,
    'a Log Analytics workspace and the logs kept in it',
    ['azure:operationalinsights/analyticsWorkspace:AnalyticsWorkspace'],
    ['azure-native:operationalinsights:Workspace'],
  ),
  row(
    'azurerm_application_insights',
    S,
    'an Application Insights component and the telemetry kept in it',
    ['azure:appinsights/insights:Insights'],
    ['azure-native:insights:Component', 'azure-native:applicationinsights:Component'],
  ),
  row(
    'azurerm_container_registry',
    S,
    'a container registry and its images',
    ['azure:containerservice/registry:Registry'],
    ['azure-native:containerregistry:Registry'],
  ),
  row(
    'azurerm_servicebus_namespace',
    S,
    'a Service Bus namespace: deleting it deletes its queues and topics with their messages',
    ['azure:servicebus/namespace:Namespace'],
    ['azure-native:servicebus:Namespace'],
  ),
  row(
    'azurerm_servicebus_queue',
    S,
    'a Service Bus queue and its messages',
    ['azure:servicebus/queue:Queue'],
    ['azure-native:servicebus:Queue'],
  ),
  row(
    'azurerm_servicebus_topic',
    S,
    'a Service Bus topic and its messages',
    ['azure:servicebus/topic:Topic'],
    ['azure-native:servicebus:Topic'],
  ),
  row(
    'azurerm_eventhub_namespace',
    S,
    'an Event Hubs namespace: deleting it deletes its event hubs and their events',
    ['azure:eventhub/eventHubNamespace:EventHubNamespace'],
    ['azure-native:eventhub:Namespace'],
  ),
  row(
    'azurerm_eventhub',
    S,
    'an event hub and the events it retains',
    ['azure:eventhub/eventHub:EventHub'],
    ['azure-native:eventhub:EventHub'],
  ),
  row(
    'azurerm_recovery_services_vault',
    S,
    'a Recovery Services vault and the backups in it',
    ['azure:recoveryservices/vault:Vault'],
    ['azure-native:recoveryservices:Vault'],
  ),
  row(
    'azurerm_data_protection_backup_vault',
    S,
    'a Backup vault and the backups in it',
    ['azure:dataprotection/backupVault:BackupVault'],
    ['azure-native:dataprotection:BackupVault'],
  ),
  row(
    'azurerm_backup_policy_vm',
    N,
    'a backup schedule; the backups are in the vault',
    ['azure:backup/policyVM:PolicyVM'],
    ['azure-native:recoveryservices:ProtectionPolicy'],
  ),
  // Destroying a protected item stops protection and deletes its recovery points: the provider's features block
  // `recovery_service.vm_backup_stop_protection_and_retain_data_on_destroy` (and `..._suspend_...`) default to false.
  // https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/guides/features-block
  row(
    'azurerm_backup_protected_vm',
    S,
    "a VM's backup item: destroying it stops protection and deletes its recovery points (the provider default)",
    ['azure:backup/protectedVM:ProtectedVM'],
    ['azure-native:recoveryservices:ProtectedItem'],
  ),
  row(
    'azurerm_backup_protected_file_share',
    S,
    "a file share's backup item: destroying it stops protection and deletes its recovery points",
    ['azure:backup/protectedFileShare:ProtectedFileShare'],
  ),
  row('azurerm_backup_policy_file_share', N, 'a backup schedule; the backups are in the vault', [
    'azure:backup/policyFileShare:PolicyFileShare',
  ]),
  row('azurerm_backup_policy_vm_workload', N, 'a backup schedule; the backups are in the vault', [
    'azure:backup/policyVMWorkload:PolicyVMWorkload',
  ]),
  row('azurerm_backup_container_storage_account', N, 'registers a storage account with the vault; holds no data', [
    'azure:backup/containerStorageAccount:ContainerStorageAccount',
  ]),
  row(
    'azurerm_managed_disk',
    S,
    'a managed disk',
    ['azure:compute/managedDisk:ManagedDisk'],
    ['azure-native:compute:Disk'],
  ),
  row(
    'azurerm_snapshot',
    S,
    'a disk snapshot (a backup)',
    ['azure:compute/snapshot:Snapshot'],
    ['azure-native:compute:Snapshot'],
  ),
  row(
    'azurerm_image',
    S,
    'a VM image; it may be the only copy of the disks it was made from',
    ['azure:compute/image:Image'],
    ['azure-native:compute:Image'],
  ),
  row(
    'azurerm_shared_image_version',
    S,
    'an image version in a compute gallery',
    ['azure:compute/sharedImageVersion:SharedImageVersion'],
    ['azure-native:compute:GalleryImageVersion'],
  ),
  row('azurerm_virtual_machine_data_disk_attachment', P, 'attaches a managed disk to a VM; detaching deletes no data', [
    'azure:compute/dataDiskAttachment:DataDiskAttachment',
  ]),
  row(
    'azurerm_resource_group',
    S,
    'a resource group: deleting it deletes every resource in it, including stores the plan does not list',
    ['azure:core/resourceGroup:ResourceGroup'],
    ['azure-native:resources:ResourceGroup'],
  ),
  row(
    'azurerm_linux_virtual_machine',
    N,
    'compute; its OS disk is deleted with it, as an EC2 root volume is: keep data on an azurerm_managed_disk',
    ['azure:compute/linuxVirtualMachine:LinuxVirtualMachine'],
    ['azure-native:compute:VirtualMachine'],
  ),
  row(
    'azurerm_windows_virtual_machine',
    N,
    'compute; its OS disk is deleted with it, as an EC2 root volume is: keep data on an azurerm_managed_disk',
    ['azure:compute/windowsVirtualMachine:WindowsVirtualMachine'],
  ),
  row(
    'azurerm_virtual_machine',
    N,
    'compute; its disks are kept unless delete_os_disk_on_termination or delete_data_disks_on_termination is set',
    ['azure:compute/virtualMachine:VirtualMachine'],
  ),
  row(
    'azurerm_linux_virtual_machine_scale_set',
    N,
    'a scale set of identical VMs; compute only',
    ['azure:compute/linuxVirtualMachineScaleSet:LinuxVirtualMachineScaleSet'],
    ['azure-native:compute:VirtualMachineScaleSet'],
  ),
  row('azurerm_windows_virtual_machine_scale_set', N, 'a scale set of identical VMs; compute only', [
    'azure:compute/windowsVirtualMachineScaleSet:WindowsVirtualMachineScaleSet',
  ]),
  row(
    'azurerm_kubernetes_cluster',
    N,
    "a Kubernetes control plane; workloads' data lives in disks, databases and storage (as an EKS cluster)",
    ['azure:containerservice/kubernetesCluster:KubernetesCluster'],
    ['azure-native:containerservice:ManagedCluster'],
  ),
  row(
    'azurerm_kubernetes_cluster_node_pool',
    N,
    'Kubernetes nodes; compute only',
    ['azure:containerservice/kubernetesClusterNodePool:KubernetesClusterNodePool'],
    ['azure-native:containerservice:AgentPool'],
  ),
  row(
    'azurerm_virtual_network',
    N,
    'a virtual network; holds no data',
    ['azure:network/virtualNetwork:VirtualNetwork'],
    ['azure-native:network:VirtualNetwork'],
  ),
  row('azurerm_subnet', N, 'a subnet; holds no data', ['azure:network/subnet:Subnet'], ['azure-native:network:Subnet']),
  row(
    'azurerm_network_security_group',
    N,
    'firewall rules; hold no data',
    ['azure:network/networkSecurityGroup:NetworkSecurityGroup'],
    ['azure-native:network:NetworkSecurityGroup'],
  ),
  row(
    'azurerm_network_security_rule',
    N,
    'a firewall rule; holds no data',
    ['azure:network/networkSecurityRule:NetworkSecurityRule'],
    ['azure-native:network:SecurityRule'],
  ),
  row('azurerm_subnet_network_security_group_association', N, 'an association; holds no data', [
    'azure:network/subnetNetworkSecurityGroupAssociation:SubnetNetworkSecurityGroupAssociation',
  ]),
  row(
    'azurerm_public_ip',
    N,
    'an IP address; holds no data',
    ['azure:network/publicIp:PublicIp'],
    ['azure-native:network:PublicIPAddress'],
  ),
  row(
    'azurerm_network_interface',
    N,
    'a network interface; holds no data',
    ['azure:network/networkInterface:NetworkInterface'],
    ['azure-native:network:NetworkInterface'],
  ),
  row(
    'azurerm_lb',
    N,
    'a load balancer; holds no data',
    ['azure:lb/loadBalancer:LoadBalancer'],
    ['azure-native:network:LoadBalancer'],
  ),
  row(
    'azurerm_application_gateway',
    N,
    'a load balancer; holds no data',
    ['azure:network/applicationGateway:ApplicationGateway'],
    ['azure-native:network:ApplicationGateway'],
  ),
  row(
    'azurerm_private_endpoint',
    N,
    'a private endpoint; holds no data',
    ['azure:privatelink/endpoint:Endpoint'],
    ['azure-native:network:PrivateEndpoint'],
  ),
  row(
    'azurerm_private_dns_zone',
    N,
    'a DNS zone, defined in code',
    ['azure:privatedns/zone:Zone'],
    ['azure-native:network:PrivateZone', 'azure-native:privatedns:PrivateZone'],
  ),
  row(
    'azurerm_private_dns_zone_virtual_network_link',
    N,
    'a DNS link; holds no data',
    ['azure:privatedns/zoneVirtualNetworkLink:ZoneVirtualNetworkLink'],
    ['azure-native:network:VirtualNetworkLink', 'azure-native:privatedns:VirtualNetworkLink'],
  ),
  row(
    'azurerm_dns_zone',
    N,
    'a DNS zone, defined in code',
    ['azure:dns/zone:Zone'],
    ['azure-native:network:Zone', 'azure-native:dns:Zone'],
  ),
  row('azurerm_dns_a_record', N, 'a DNS record, defined in code', ['azure:dns/aRecord:ARecord']),
  row('azurerm_dns_cname_record', N, 'a DNS record, defined in code', ['azure:dns/cNameRecord:CNameRecord']),
  row(
    'azurerm_role_assignment',
    N,
    'a role assignment; holds no data',
    ['azure:authorization/assignment:Assignment'],
    ['azure-native:authorization:RoleAssignment'],
  ),
  row(
    'azurerm_role_definition',
    N,
    'a role definition; holds no data',
    ['azure:authorization/roleDefinition:RoleDefinition'],
    ['azure-native:authorization:RoleDefinition'],
  ),
  row(
    'azurerm_user_assigned_identity',
    N,
    'an identity; holds no data',
    ['azure:authorization/userAssignedIdentity:UserAssignedIdentity'],
    ['azure-native:managedidentity:UserAssignedIdentity'],
  ),
  row(
    'azurerm_service_plan',
    N,
    'an App Service plan (compute); holds no data',
    ['azure:appservice/servicePlan:ServicePlan'],
    ['azure-native:web:AppServicePlan'],
  ),
  row(
    'azurerm_linux_web_app',
    N,
    'a web app; stateless compute',
    ['azure:appservice/linuxWebApp:LinuxWebApp'],
    ['azure-native:web:WebApp'],
  ),
  row('azurerm_windows_web_app', N, 'a web app; stateless compute', ['azure:appservice/windowsWebApp:WindowsWebApp']),
  row('azurerm_linux_function_app', N, 'a function app; stateless compute (its storage account is judged on its own)', [
    'azure:appservice/linuxFunctionApp:LinuxFunctionApp',
  ]),
  row(
    'azurerm_windows_function_app',
    N,
    'a function app; stateless compute (its storage account is judged on its own)',
    ['azure:appservice/windowsFunctionApp:WindowsFunctionApp'],
  ),
  row(
    'azurerm_container_app',
    N,
    'a container app; stateless compute',
    ['azure:containerapp/app:App'],
    ['azure-native:app:ContainerApp'],
  ),
  row(
    'azurerm_container_app_environment',
    N,
    'a container apps environment; holds no data',
    ['azure:containerapp/environment:Environment'],
    ['azure-native:app:ManagedEnvironment'],
  ),
  row(
    'azurerm_monitor_diagnostic_setting',
    N,
    'routes logs to a destination; holds no data',
    ['azure:monitoring/diagnosticSetting:DiagnosticSetting'],
    ['azure-native:insights:DiagnosticSetting'],
  ),
  row(
    'azurerm_monitor_action_group',
    N,
    'a notification target; holds no data',
    ['azure:monitoring/actionGroup:ActionGroup'],
    ['azure-native:insights:ActionGroup', 'azure-native:monitor:ActionGroup'],
  ),
  row(
    'azurerm_monitor_metric_alert',
    N,
    'an alert; holds no data',
    ['azure:monitoring/metricAlert:MetricAlert'],
    ['azure-native:insights:MetricAlert'],
  ),
  row(
    'azurerm_management_lock',
    P,
    'a lock on a scope; removing it deletes no data (the gate does not judge Azure locks)',
    ['azure:management/lock:Lock'],
    [
      'azure-native:authorization:ManagementLockAtResourceGroupLevel',
      'azure-native:authorization:ManagementLockByScope',
    ],
  ),
  // Data stores of services the rows above do not cover, so that their service counts as holding data
  // (`tableServiceDataDecision`), and settings of covered services whose names say store, key or disk.
  row('azurerm_elastic_san', S, 'an Elastic SAN: deleting it deletes its volume groups and volumes', [
    'azure:elasticsan/elasticSan:ElasticSan',
  ]),
  row('azurerm_elastic_san_volume', S, 'an Elastic SAN volume and its data', ['azure:elasticsan/volume:Volume']),
  row('azurerm_managed_lustre_file_system', S, 'an Azure Managed Lustre file system and its files', [
    'azure:managedlustre/fileSystem:FileSystem',
  ]),
  row('azurerm_qumulo_file_system', S, 'an Azure Native Qumulo file system and its files', [
    'azure:qumulo/fileSystem:FileSystem',
  ]),
  row('azurerm_oracle_autonomous_database', S, 'an Oracle Autonomous Database and its data', [
    'azure:oracle/autonomousDatabase:AutonomousDatabase',
  ]),
  row('azurerm_oracle_autonomous_database_backup', S, 'an Oracle Autonomous Database backup', [
    'azure:oracle/autonomousDatabaseBackup:AutonomousDatabaseBackup',
  ]),
  row('azurerm_oracle_cloud_vm_cluster', S, 'an Exadata VM cluster and the databases on it', [
    'azure:oracle/cloudVmCluster:CloudVmCluster',
  ]),
  row('azurerm_oracle_exascale_database_storage_vault', S, 'Exascale storage and the databases in it', [
    'azure:oracle/exascaleDatabaseStorageVault:ExascaleDatabaseStorageVault',
  ]),
  row('azurerm_mongo_cluster', S, 'an Azure Cosmos DB for MongoDB (vCore) cluster and its databases', [
    'azure:mongocluster/mongoCluster:MongoCluster',
  ]),
  row('azurerm_confidential_ledger', S, 'a confidential ledger and its entries', [
    'azure:confidentialledger/ledger:Ledger',
  ]),
  row('azurerm_healthcare_fhir_service', S, 'a FHIR service and its resources', [
    'azure:healthcare/fhirService:FhirService',
  ]),
  row('azurerm_healthcare_dicom_service', S, 'a DICOM service and its instances', [
    'azure:healthcare/dicomService:DicomService',
  ]),
  row('azurerm_digital_twins_instance', S, 'a Digital Twins instance and its twin graph', [
    'azure:digitaltwins/instance:Instance',
  ]),
  row('azurerm_iothub', S, 'an IoT hub: deleting it deletes its device identity registry and undelivered messages', [
    'azure:iot/ioTHub:IoTHub',
  ]),
  row('azurerm_iothub_dps', S, 'a Device Provisioning Service and its enrollments and registrations', [
    'azure:iot/iotHubDps:IotHubDps',
  ]),
  row('azurerm_search_service', S, 'an Azure AI Search service and its indexes', ['azure:search/service:Service']),
  row(
    'azurerm_synapse_workspace',
    S,
    'a Synapse workspace: deleting it deletes its SQL pools and the artifacts saved in it',
    ['azure:synapse/workspace:Workspace'],
  ),
  row('azurerm_synapse_sql_pool', S, 'a dedicated SQL pool (a data warehouse)', ['azure:synapse/sqlPool:SqlPool']),
  row(
    'azurerm_databricks_workspace',
    S,
    'a Databricks workspace: deleting it deletes its notebooks and its DBFS root storage',
    ['azure:databricks/workspace:Workspace'],
  ),
  row(
    'azurerm_api_management',
    S,
    'an API Management instance: its users, subscriptions and developer portal content are made in it',
    ['azure:apimanagement/service:Service'],
  ),
  row('azurerm_app_configuration', S, 'an App Configuration store and the key-values written to it', [
    'azure:appconfiguration/configurationStore:ConfigurationStore',
  ]),
  row('azurerm_app_configuration_key', N, 'a key-value, defined in code', [
    'azure:appconfiguration/configurationKey:ConfigurationKey',
  ]),
  row('azurerm_app_configuration_feature', N, 'a feature flag, defined in code', [
    'azure:appconfiguration/configurationFeature:ConfigurationFeature',
  ]),
  row(
    'azurerm_cognitive_account',
    S,
    'an Azure AI services account: its fine-tuned models and uploaded files are kept in it',
    ['azure:cognitive/account:Account'],
  ),
  row(
    'azurerm_ai_services',
    S,
    'an Azure AI services account: its fine-tuned models and uploaded files are kept in it',
    ['azure:cognitive/aIServices:AIServices'],
  ),
  row(
    'azurerm_machine_learning_workspace',
    S,
    'a Machine Learning workspace: its registered models, experiments and runs',
    ['azure:machinelearning/workspace:Workspace'],
  ),
  row('azurerm_hdinsight_kafka_cluster', S, 'an HDInsight Kafka cluster: its brokers keep messages on managed disks', [
    'azure:hdinsight/kafkaCluster:KafkaCluster',
  ]),
  row('azurerm_eventgrid_namespace', S, 'an Event Grid namespace: its topics retain events', [
    'azure:eventgrid/namespace:Namespace',
  ]),
  row('azurerm_eventgrid_namespace_topic', S, 'an Event Grid namespace topic and the events it retains', [
    'azure:eventgrid/namespaceTopic:NamespaceTopic',
  ]),
  row('azurerm_vmware_private_cloud', S, 'an Azure VMware Solution private cloud: its vSAN datastores hold the VMs', [
    'azure:avs/privateCloud:PrivateCloud',
  ]),
  row('azurerm_stack_hci_virtual_hard_disk', S, 'a virtual hard disk on Azure Stack HCI', [
    'azure:stack/hciVirtualHardDisk:HciVirtualHardDisk',
  ]),
  row('azurerm_storage_share_directory', S, 'a directory in a file share and its files', [
    'azure:storage/shareDirectory:ShareDirectory',
  ]),
  row('azurerm_storage_share_file', S, 'a file in a file share', ['azure:storage/shareFile:ShareFile']),
  row('azurerm_storage_zipblob', S, 'a blob uploaded from a zip file (provider v3)', ['azure:storage/zipBlob:ZipBlob']),
  row('azurerm_servicebus_queue_authorization_rule', N, 'an access key of a queue; holds no messages', [
    'azure:servicebus/queueAuthorizationRule:QueueAuthorizationRule',
  ]),
  row('azurerm_servicebus_topic_authorization_rule', N, 'an access key of a topic; holds no messages', [
    'azure:servicebus/topicAuthorizationRule:TopicAuthorizationRule',
  ]),
  row('azurerm_storage_table_entity', S, 'an entity of a storage table', ['azure:storage/tableEntity:TableEntity']),
  row(
    'azurerm_storage_encryption_scope',
    S,
    'an encryption scope: Azure cannot delete one, so destroying it disables it, and blobs written under it cannot be read until it is enabled again',
    ['azure:storage/encryptionScope:EncryptionScope'],
  ),
  row(
    'azurerm_storage_account_customer_managed_key',
    P,
    'the customer managed key setting of a storage account; removing it deletes no data',
    ['azure:storage/customerManagedKey:CustomerManagedKey'],
  ),
  row(
    'azurerm_storage_container_immutability_policy',
    P,
    'an immutability policy of a container; removing it deletes no blob',
    ['azure:storage/containerImmutabilityPolicy:ContainerImmutabilityPolicy'],
  ),
  row('azurerm_storage_account_local_user', N, 'an SFTP login; holds no data', ['azure:storage/localUser:LocalUser']),
  row('azurerm_storage_blob_inventory_policy', N, 'an inventory report schedule; holds no data', [
    'azure:storage/blobInventoryPolicy:BlobInventoryPolicy',
  ]),
  row('azurerm_storage_object_replication', N, 'replicates blobs to another account; the copies stay', [
    'azure:storage/objectReplication:ObjectReplication',
  ]),
  row('azurerm_cosmosdb_cassandra_cluster', S, 'an Azure Managed Instance for Apache Cassandra cluster and its data', [
    'azure:cosmosdb/cassandraCluster:CassandraCluster',
  ]),
  row('azurerm_cosmosdb_cassandra_datacenter', S, 'a Cassandra datacenter and the data on its nodes', [
    'azure:cosmosdb/cassandraDatacenter:CassandraDatacenter',
  ]),
  row('azurerm_postgresql_flexible_server_backup', S, 'an on-demand backup of a PostgreSQL flexible server', [
    'azure:postgresql/flexibleServerBackup:FlexibleServerBackup',
  ]),
  row('azurerm_netapp_backup_vault', S, 'a NetApp backup vault and the backups in it', [
    'azure:netapp/backupVault:BackupVault',
  ]),
  row('azurerm_netapp_volume_group_oracle', S, 'a volume group and its NetApp volumes', [
    'azure:netapp/volumeGroupOracle:VolumeGroupOracle',
  ]),
  row('azurerm_netapp_volume_group_sap_hana', S, 'a volume group and its NetApp volumes', [
    'azure:netapp/volumeGroupSapHana:VolumeGroupSapHana',
  ]),
  row('azurerm_dashboard_grafana', S, 'an Azure Managed Grafana instance and the dashboards made in it', [
    'azure:dashboard/grafana:Grafana',
  ]),
  row('azurerm_iotcentral_application', S, 'an IoT Central application and its devices and data', [
    'azure:iotcentral/application:Application',
  ]),
  row('azurerm_dedicated_hardware_security_module', S, 'a dedicated HSM and the keys in it', [
    'azure:hsm/module:Module',
  ]),
  row(
    'azurerm_key_vault_managed_hardware_security_module_key',
    S,
    'a managed HSM key: deleting it makes data encrypted under it unreadable',
    ['azure:keyvault/managedHardwareSecurityModuleKey:ManagedHardwareSecurityModuleKey'],
  ),
  row('azurerm_analysis_services_server', S, 'an Analysis Services server and the models deployed to it', [
    'azure:analysisservices/server:Server',
  ]),
  row('azurerm_servicebus_subscription', S, 'a Service Bus subscription and the messages waiting in it', [
    'azure:servicebus/subscription:Subscription',
  ]),
  row('azurerm_monitor_workspace', S, 'an Azure Monitor workspace and the Prometheus metrics kept in it', [
    'azure:monitoring/workspace:Workspace',
  ]),
  row('azurerm_subscription', S, 'a subscription: cancelling it deletes every resource and all data in it', [
    'azure:core/subscription:Subscription',
  ]),
  row(
    'azurerm_resource_group_template_deployment',
    S,
    'an ARM deployment: destroying it deletes the resources the template deployed, which the plan does not list',
    ['azure:core/resourceGroupTemplateDeployment:ResourceGroupTemplateDeployment'],
  ),
  row(
    'azurerm_subscription_template_deployment',
    S,
    'an ARM deployment: destroying it deletes the resources the template deployed, which the plan does not list',
    ['azure:core/subscriptionTemplateDeployment:SubscriptionTemplateDeployment'],
  ),
  row(
    'azurerm_management_group_template_deployment',
    S,
    'an ARM deployment: destroying it deletes the resources the template deployed, which the plan does not list',
    ['azure:management/groupTemplateDeployment:GroupTemplateDeployment'],
  ),
  row(
    'azurerm_tenant_template_deployment',
    S,
    'an ARM deployment: destroying it deletes the resources the template deployed, which the plan does not list',
    ['azure:core/tenantTemplateDeployment:TenantTemplateDeployment'],
  ),
  row('azurerm_virtual_machine_restore_point', S, 'a VM restore point (a backup)', [
    'azure:compute/restorePoint:RestorePoint',
  ]),
  row('azurerm_virtual_machine_restore_point_collection', S, 'a collection of VM restore points (backups)', [
    'azure:compute/restorePointCollection:RestorePointCollection',
  ]),
  row(
    'azurerm_virtual_machine_implicit_data_disk_from_source',
    S,
    'a data disk copied from a snapshot or disk, deleted with it',
    ['azure:compute/implicitDataDiskFromSource:ImplicitDataDiskFromSource'],
  ),
  row('azurerm_ssh_public_key', N, 'a public key, defined in code', ['azure:compute/sshPublicKey:SshPublicKey']),
  row(
    'azurerm_disk_encryption_set',
    P,
    'the key setting of managed disks; Azure refuses to delete one that disks still use',
    ['azure:compute/diskEncryptionSet:DiskEncryptionSet'],
  ),
  row('azurerm_managed_disk_sas_token', N, 'a temporary access URL of a disk; holds no data', [
    'azure:compute/managedDiskSasToken:ManagedDiskSasToken',
  ]),
  row('azurerm_disk_access', N, 'private access to disks; holds no data', ['azure:compute/diskAccess:DiskAccess']),
  row('azurerm_shared_image', N, 'an image definition; its versions (azurerm_shared_image_version) hold the images', [
    'azure:compute/sharedImage:SharedImage',
  ]),
  row(
    'azurerm_shared_image_gallery',
    N,
    'a compute gallery; Azure refuses to delete one that still holds image definitions',
    ['azure:compute/sharedImageGallery:SharedImageGallery'],
  ),
];

/**
 * AWS provider resources with no CloudFormation counterpart, which the protection
 * table cannot decide: the data stores among them, and the everyday EC2 network
 * glue whose names do not spell a service (`aws_security_group_rule`).
 * CloudFormation-backed AWS types are decided by the protection table through
 * `dialects/aws-provider-types.ts`.
 */
const AWS: readonly ProviderDataRow[] = [
  // Snapshots, images and objects: each is data (or its only backup).
  row('aws_ebs_snapshot', S, 'an EBS snapshot (a backup)'),
  row('aws_ebs_snapshot_copy', S, 'an EBS snapshot (a backup)'),
  row('aws_ebs_snapshot_import', S, 'an EBS snapshot imported from a disk image'),
  row('aws_ebs_volume_copy', S, 'an EBS volume copied from another'),
  row('aws_ami', S, 'a machine image and the snapshots it registers', ['aws:ec2/ami:Ami']),
  // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ami_copy
  row('aws_ami_copy', S, 'a machine image; destroying it deletes the snapshots the copy made', [
    'aws:ec2/amiCopy:AmiCopy',
  ]),
  row('aws_ami_from_instance', S, 'a machine image of an instance; destroying it deletes the snapshots it made', [
    'aws:ec2/amiFromInstance:AmiFromInstance',
  ]),
  row('aws_s3_object', S, 'an object in a bucket', ['aws:s3/bucketObjectv2:BucketObjectv2']),
  row('aws_s3_bucket_object', S, 'an object in a bucket (provider v3)', ['aws:s3/bucketObject:BucketObject']),
  row('aws_s3_object_copy', S, 'an object in a bucket', ['aws:s3/objectCopy:ObjectCopy']),
  row('aws_s3control_bucket', S, 'an S3 on Outposts bucket and its objects'),
  row('aws_dynamodb_table_item', S, 'an item of a DynamoDB table'),
  // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/dynamodb_table_export
  row('aws_dynamodb_table_export', N, 'an export to S3; destroying it leaves the exported objects in place'),
  row('aws_db_snapshot_copy', S, 'a copy of a database snapshot (a backup)', ['aws:rds/snapshotCopy:SnapshotCopy']),
  row('aws_rds_cluster_snapshot_copy', S, 'a copy of a cluster snapshot (a backup)', [
    'aws:rds/clusterSnapshotCopy:ClusterSnapshotCopy',
  ]),
  // Destroying it stops the replication and deletes the replicated backups in the other Region.
  // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance_automated_backups_replication
  row('aws_db_instance_automated_backups_replication', S, 'automated backups replicated to another Region', [
    'aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication',
  ]),
  row('aws_docdb_cluster_snapshot', S, 'a DocumentDB cluster snapshot (a backup)'),
  row('aws_neptune_cluster_snapshot', S, 'a Neptune cluster snapshot (a backup)'),
  row('aws_kms_grant', P, 'a grant on a key; revoking it deletes no key'),
  row('aws_cloudhsm_v2_hsm', N, 'one HSM of a CloudHSM cluster; the keys are kept by the cluster and its backups', [
    'aws:cloudhsmv2/hsm:Hsm',
  ]),
  row('aws_glue_catalog_database', N, 'catalogue metadata defined in code; the data stays in S3'),
  row('aws_glue_catalog_table', N, 'a table definition in the catalogue; the data stays in S3'),
  row('aws_athena_database', N, 'catalogue metadata; the query results and data stay in S3'),
  // Settings of data stores that delete no data when removed.
  row('aws_ecr_lifecycle_policy', P, 'image expiry rules; deleting them expires nothing'),
  row('aws_ecr_replication_configuration', N, 'replicates images to other registries; the copies stay'),
  row('aws_ecr_registry_policy', N, 'a registry access policy; holds no data'),
  row('aws_dynamodb_contributor_insights', N, 'a metrics setting; holds no data'),
  row('aws_dynamodb_kinesis_streaming_destination', N, 'streams changes to Kinesis; holds no data'),
  row('aws_dynamodb_resource_policy', N, 'an access policy; holds no data'),
  row('aws_db_proxy_target', N, 'a proxy target; holds no data', ['aws:rds/proxyTarget:ProxyTarget']),
  row('aws_db_proxy_endpoint', N, 'a proxy endpoint; holds no data', ['aws:rds/proxyEndpoint:ProxyEndpoint']),
  row('aws_db_proxy_default_target_group', N, 'proxy settings; hold no data', [
    'aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup',
  ]),
];

/**
 * Kubernetes kinds (Terraform `hashicorp/kubernetes`, Pulumi `@pulumi/kubernetes`), by API group and kind.
 * A volume, its claim and the namespace that holds claims are data: a dynamically provisioned
 * PersistentVolume's reclaim policy is `Delete` by default, so deleting the claim deletes the disk
 * (https://kubernetes.io/docs/concepts/storage/persistent-volumes/#reclaiming), and deleting a namespace
 * deletes everything in it (https://kubernetes.io/docs/tasks/administer-cluster/namespaces/#deleting-a-namespace).
 * A StatefulSet keeps its claims when it is deleted (`persistentVolumeClaimRetentionPolicy.whenDeleted`
 * defaults to `Retain`: https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#persistentvolumeclaim-retention),
 * so it is compute like the other workloads. Kinds not listed here (a custom resource such as an operator's
 * database, a CustomResourceDefinition, whose deletion deletes every object of its kind:
 * https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#delete-a-customresourcedefinition)
 * and `kubernetes_manifest`, `helm_release` and Pulumi Helm releases (their contents are unknown) are asked about.
 */
const KUBERNETES_KINDS: Readonly<Record<string, readonly [ProviderDecision, string, ...string[]]>> = (() => {
  const stateless = (reason: string, ...terraform: string[]) => [N, reason, ...terraform] as const;
  const workload = 'a workload; its pods are recreated from code and keep data only on volumes (claims)';
  const config = 'configuration defined in code; holds no data';
  const access = 'an access rule; holds no data';
  return {
    'core:PersistentVolumeClaim': [
      S,
      "a volume claim: a dynamically provisioned volume's reclaim policy is Delete by default, so the disk goes with it",
      'kubernetes_persistent_volume_claim',
    ],
    'core:PersistentVolume': [
      S,
      'a volume: with reclaim policy Delete (the default when provisioned dynamically) its disk is deleted',
      'kubernetes_persistent_volume',
    ],
    'core:Namespace': [
      S,
      'a namespace: deleting it deletes everything in it, its volume claims (and their disks) included',
      'kubernetes_namespace',
    ],
    'core:ConfigMap': stateless(config, 'kubernetes_config_map'),
    'core:Secret': stateless('a secret whose value is set from code; holds no data of its own', 'kubernetes_secret'),
    'core:Service': stateless('a service (network endpoint); holds no data', 'kubernetes_service'),
    'core:ServiceAccount': stateless('an identity; holds no data', 'kubernetes_service_account'),
    'core:Pod': stateless(workload, 'kubernetes_pod'),
    'core:PodTemplate': stateless(config),
    'core:ReplicationController': stateless(workload, 'kubernetes_replication_controller'),
    'core:Endpoints': stateless('network endpoints; hold no data', 'kubernetes_endpoints'),
    'core:LimitRange': stateless(config, 'kubernetes_limit_range'),
    'core:ResourceQuota': stateless(config, 'kubernetes_resource_quota'),
    'core:Event': stateless('an event record; holds no data'),
    'apps:Deployment': stateless(workload, 'kubernetes_deployment'),
    'apps:DaemonSet': stateless(workload, 'kubernetes_daemonset', 'kubernetes_daemon_set'),
    'apps:ReplicaSet': stateless(workload),
    'apps:StatefulSet': stateless(
      'a workload; deleting it keeps its volume claims (whenDeleted defaults to Retain)',
      'kubernetes_stateful_set',
    ),
    'apps:ControllerRevision': stateless(config),
    'batch:Job': stateless(workload, 'kubernetes_job'),
    'batch:CronJob': stateless(workload, 'kubernetes_cron_job'),
    'autoscaling:HorizontalPodAutoscaler': stateless(config, 'kubernetes_horizontal_pod_autoscaler'),
    'networking.k8s.io:Ingress': stateless('routing rules; hold no data', 'kubernetes_ingress'),
    'networking.k8s.io:IngressClass': stateless(config, 'kubernetes_ingress_class'),
    'networking.k8s.io:NetworkPolicy': stateless(access, 'kubernetes_network_policy'),
    'discovery.k8s.io:EndpointSlice': stateless('network endpoints; hold no data', 'kubernetes_endpoint_slice'),
    'rbac.authorization.k8s.io:Role': stateless(access, 'kubernetes_role'),
    'rbac.authorization.k8s.io:RoleBinding': stateless(access, 'kubernetes_role_binding'),
    'rbac.authorization.k8s.io:ClusterRole': stateless(access, 'kubernetes_cluster_role'),
    'rbac.authorization.k8s.io:ClusterRoleBinding': stateless(access, 'kubernetes_cluster_role_binding'),
    'policy:PodDisruptionBudget': stateless(config, 'kubernetes_pod_disruption_budget'),
    'policy:PodSecurityPolicy': stateless(access, 'kubernetes_pod_security_policy'),
    'scheduling.k8s.io:PriorityClass': stateless(config, 'kubernetes_priority_class'),
    'node.k8s.io:RuntimeClass': stateless(config, 'kubernetes_runtime_class'),
    'storage.k8s.io:StorageClass': stateless(
      'a template for volumes; deleting it deletes no volume',
      'kubernetes_storage_class',
    ),
    'storage.k8s.io:CSIDriver': stateless(config, 'kubernetes_csi_driver'),
    'admissionregistration.k8s.io:MutatingWebhookConfiguration': stateless(
      config,
      'kubernetes_mutating_webhook_configuration',
    ),
    'admissionregistration.k8s.io:ValidatingWebhookConfiguration': stateless(
      config,
      'kubernetes_validating_webhook_configuration',
    ),
    'admissionregistration.k8s.io:ValidatingAdmissionPolicy': stateless(config),
    'admissionregistration.k8s.io:ValidatingAdmissionPolicyBinding': stateless(config),
    'apiregistration.k8s.io:APIService': stateless(
      'registers an aggregated API; holds no data',
      'kubernetes_api_service',
    ),
    'certificates.k8s.io:CertificateSigningRequest': stateless(
      'a certificate request; a new one is issued from code',
      'kubernetes_certificate_signing_request',
    ),
    'coordination.k8s.io:Lease': stateless('a lock lease; holds no data'),
    'flowcontrol.apiserver.k8s.io:FlowSchema': stateless(config),
    'flowcontrol.apiserver.k8s.io:PriorityLevelConfiguration': stateless(config),
  };
})();

/** Terraform `kubernetes_*` resources that are not one kind: helpers that set part of an object. */
const KUBERNETES_TERRAFORM_HELPERS: Readonly<Record<string, string>> = {
  kubernetes_labels: 'labels on an object; hold no data',
  kubernetes_annotations: 'annotations on an object; hold no data',
  kubernetes_env: 'environment variables of a workload; hold no data',
  kubernetes_node_taint: 'a taint on a node; holds no data',
  kubernetes_config_map_v1_data: 'keys of a config map, defined in code; hold no data',
  kubernetes_secret_v1_data: 'keys of a secret, set from code; hold no data of their own',
  kubernetes_default_service_account: 'settings of the default service account; hold no data',
  kubernetes_default_service_account_v1: 'settings of the default service account; hold no data',
  kubernetes_token_request_v1: 'a short-lived token; a new one is issued from code',
};

/** Terraform kubernetes names: `kubernetes_<kind>` and its versioned twins (`_v1`, `_v2`, `_v1beta1`, `_v2beta2`). */
const KUBERNETES_BY_TERRAFORM: ReadonlyMap<string, readonly [ProviderDecision, string]> = (() => {
  const m = new Map<string, readonly [ProviderDecision, string]>();
  for (const [decision, reason, ...names] of Object.values(KUBERNETES_KINDS))
    for (const name of names) m.set(name, [decision, reason]);
  return m;
})();

/**
 * The decision on a Kubernetes type, or undefined (asked about): Terraform `kubernetes_<kind>[_v1]`, Pulumi
 * `kubernetes:<group>/<version>:<Kind>` of the built-in API groups (`core`, `apps`, `networking.k8s.io`…), and
 * Pulumi's `<Kind>List` (the objects it lists) and `<Kind>Patch` (a patch of a stateless kind).
 * https://www.pulumi.com/registry/packages/kubernetes/api-docs/
 * https://registry.terraform.io/providers/hashicorp/kubernetes/latest/docs
 */
function kubernetesDecision(type: string): ProviderDataDecision | undefined {
  const helper = KUBERNETES_TERRAFORM_HELPERS[type];
  if (helper !== undefined && Object.prototype.hasOwnProperty.call(KUBERNETES_TERRAFORM_HELPERS, type))
    return { decision: N, reason: helper, source: 'table' };
  let m = /^(kubernetes_[a-z_]+?)(?:_v[0-9]+(?:(?:alpha|beta)[0-9]+)?)?$/.exec(type);
  if (m) {
    const hit = KUBERNETES_BY_TERRAFORM.get(m[1]);
    return hit ? { decision: hit[0], reason: hit[1], source: 'table' } : undefined;
  }
  m = /^kubernetes:([a-z0-9.]+)\/v[0-9]+(?:(?:alpha|beta)[0-9]+)?:([A-Za-z0-9]+)$/.exec(type);
  if (!m) return undefined;
  const [, group, kind] = m;
  const exact = KUBERNETES_KINDS[`${group}:${kind}`];
  if (exact && Object.prototype.hasOwnProperty.call(KUBERNETES_KINDS, `${group}:${kind}`))
    return { decision: exact[0], reason: exact[1], source: 'table' };
  const list = /^([A-Za-z0-9]+)List$/.exec(kind);
  const listed = list ? KUBERNETES_KINDS[`${group}:${list[1]}`] : undefined;
  if (list && listed && Object.prototype.hasOwnProperty.call(KUBERNETES_KINDS, `${group}:${list[1]}`))
    return { decision: listed[0], reason: `a list of objects: ${listed[1]}`, source: 'table' };
  // A patch of a claim, volume or namespace is asked about; a patch of a stateless kind is stateless.
  const patch = /^([A-Za-z0-9]+)Patch$/.exec(kind);
  const patched = patch ? KUBERNETES_KINDS[`${group}:${patch[1]}`] : undefined;
  if (
    patch &&
    patched &&
    patched[0] === N &&
    Object.prototype.hasOwnProperty.call(KUBERNETES_KINDS, `${group}:${patch[1]}`)
  )
    return { decision: N, reason: `a patch of a stateless kind: ${patched[1]}`, source: 'table' };
  return undefined;
}

/** Every row: Google Cloud, Azure and AWS resources without a CloudFormation counterpart. */
export const PROVIDER_DATA_ROWS: readonly ProviderDataRow[] = [...GOOGLE, ...AZURE, ...AWS];

/**
 * Families decided alike: IAM grants, and the providers that hold no data, so
 * that everyday plans (a `random_password` replaced, a `null_resource` re-run,
 * a Pulumi provider or component deleted) do not ask.
 */
export const PROVIDER_DATA_PATTERNS: readonly ProviderDataPattern[] = [
  {
    covers: 'google_*_iam_member, _binding, _policy, _audit_config and their Pulumi twins',
    matches:
      /^(google_[a-z0-9_]+_iam_(member|binding|policy|audit_config)|gcp:[a-z0-9]+\/[A-Za-z0-9]*(IAM|Iam|iAM|iam)(Member|Binding|Policy|AuditConfig):[A-Za-z0-9]+)$/,
    decision: N,
    reason: 'an IAM grant; holds no data',
  },
  {
    covers: 'aws_*_tag, aws:*/tag:Tag (one tag on a resource)',
    matches: /^(aws_[a-z0-9]+_tag|aws:[a-z0-9]+\/tag:Tag)$/,
    decision: N,
    reason: 'a tag; holds no data',
  },
  {
    covers: 'random_* (hashicorp/random), random:* (Pulumi)',
    matches: /^(random_[a-z_]+|random:[A-Za-z0-9/]+:[A-Za-z0-9]+)$/,
    decision: N,
    reason: 'a random value kept in state; holds no data',
  },
  {
    covers: 'null_resource (hashicorp/null), terraform_data',
    matches: /^(null_resource|terraform_data)$/,
    decision: N,
    reason: 'runs provisioners or stores a value in state; holds no data',
  },
  {
    covers: 'time_* (hashicorp/time), time:* (Pulumi)',
    matches: /^(time_[a-z_]+|time:[A-Za-z0-9/]+:[A-Za-z0-9]+)$/,
    decision: N,
    reason: 'a timestamp or delay kept in state; holds no data',
  },
  {
    covers: 'tls_* (hashicorp/tls), tls:* (Pulumi)',
    matches: /^(tls_[a-z_]+|tls:[A-Za-z0-9/]+:[A-Za-z0-9]+)$/,
    decision: N,
    reason: 'a key or certificate generated into state; a replacement issues a new one where it is used',
  },
  {
    covers: 'local_file, local_sensitive_file (hashicorp/local)',
    matches: /^local_[a-z_]+$/,
    decision: N,
    reason: 'a file on the machine that runs Terraform, written from the configuration',
  },
  {
    covers: 'archive_file, external, http (data sources of hashicorp/archive, external, http)',
    matches: /^(archive_[a-z_]+|external|http)$/,
    decision: N,
    reason: 'reads or packages files; holds no data',
  },
  {
    // `@pulumi/eks`: a component in practice; as a custom resource it is an EKS control plane, which keeps no data of
    // its own (workloads keep theirs on volumes and in databases, judged on their own).
    // https://www.pulumi.com/registry/packages/eks/api-docs/cluster/
    covers: 'eks:index:Cluster (Pulumi EKS)',
    matches: /^eks:index:Cluster$/,
    decision: N,
    reason: 'a Pulumi EKS cluster: a Kubernetes control plane; holds no data of its own',
  },
  {
    covers: 'pulumi:providers:*, pulumi:pulumi:Stack',
    matches: /^pulumi:(providers:[A-Za-z0-9_-]+|pulumi:Stack)$/,
    decision: N,
    reason: 'a Pulumi provider or stack; holds no data',
  },
  {
    // A CDK custom resource (`Custom::S3AutoDeleteObjects`, `Custom::AWS`) acts on resources the gate judges on their own.
    covers: 'Custom::* (CloudFormation custom resources), AWS::CDK::Metadata',
    matches: /^(Custom::[A-Za-z0-9_@-]+|AWS::CDK::Metadata)$/,
    decision: N,
    reason: 'a custom resource or CDK metadata; the resources it acts on are judged on their own',
  },
];

/**
 * Names by which Terraform and Pulumi spell an AWS service differently from
 * CloudFormation (`aws_lb_*`, `aws:lb/…` is `AWS::ElasticLoadBalancingV2::…`).
 * `cloudwatch` names CloudWatch and EventBridge rules (`aws_cloudwatch_event_rule`);
 * its log group and log stream are decided by the protection table.
 */
const SERVICE_ALIASES: Readonly<Record<string, readonly string[]>> = {
  api: ['ApiGateway'],
  lb: ['ElasticLoadBalancingV2'],
  alb: ['ElasticLoadBalancingV2'],
  elb: ['ElasticLoadBalancing'],
  sfn: ['StepFunctions'],
  cfg: ['Config'],
  config: ['Config'],
  mq: ['AmazonMQ'],
  sesv2: ['SES'],
  acm: ['CertificateManager'],
  opensearch: ['OpenSearchService'],
  appautoscaling: ['ApplicationAutoScaling'],
  cloudwatch: ['CloudWatch', 'Events'],
  ssoadmin: ['SSO'],
  amp: ['APS'],
  macie2: ['Macie'],
  inspector2: ['InspectorV2'],
  costexplorer: ['CE'],
  opensearchingest: ['OSIS'],
  mskconnect: ['KafkaConnect'],
  // EC2 resources Terraform names without the service (`aws_security_group_rule`, `aws_nat_gateway`).
  ...Object.fromEntries(
    [
      'vpc',
      'vpn',
      'ebs',
      'ami',
      'eip',
      'nat',
      'internet',
      'egress',
      'network',
      'default',
      'security',
      'subnet',
      'route',
      'main',
      'placement',
      'flow',
      'customer',
      'spot',
      'ec2transitgateway',
      'ec2clientvpn',
      'verifiedaccess',
    ].map((w) => [w, ['EC2']]),
  ),
};

/**
 * Services whose data stores are all decided type by type, so that their other
 * types hold no data: EC2 keeps data on volumes (the protection table),
 * snapshots and images (the rows above, and the data-store words `snapshot` and
 * `volume`); its other resources are network and compute.
 */
const ENUMERATED_SERVICES: ReadonlySet<string> = new Set(['EC2']);

const SPEC_TYPES: readonly string[] = [...Object.keys(spec.replacement), ...spec.otherTypes, ...spec.stateful];
const SPEC_TYPE_SET: ReadonlySet<string> = new Set(SPEC_TYPES);

/** True when the CloudFormation specification (or the protection table) knows the type. */
export function isCloudFormationSpecType(type: string): boolean {
  return SPEC_TYPE_SET.has(type) || KNOWN_TABLE_TYPES.has(type);
}

const KNOWN_TABLE_TYPES: ReadonlySet<string> = new Set([
  ...PROTECTION_TABLE.map((s) => s.type),
  ...OUT_OF_SCOPE.map((o) => o.type),
  ...JUDGED_TYPES,
]);

/** CloudFormation services by their name in lower case (`elasticloadbalancingv2` → `ElasticLoadBalancingV2`). */
const SERVICES: ReadonlyMap<string, string> = new Map(
  SPEC_TYPES.map((t) => t.split('::')[1]).map((s) => [s.toLowerCase(), s]),
);

const KNOWN_SERVICES: ReadonlySet<string> = new Set(SERVICES.values());

/** The services with a type that holds data: the catalogue's data stores, and out-of-scope types (decided one by one). */
const DATA_SERVICES: ReadonlySet<string> = new Set(
  [...STATEFUL_TYPES, ...PROTECTION_TABLE.map((s) => s.type), ...spec.stateful].map((t) => t.split('::')[1]),
);

/** The AWS service an AWS provider type belongs to, as its provider spells it (`aws_lb_listener` → `lb`). */
function awsServiceWord(type: string): string | undefined {
  const m =
    /^aws(?:cc)?_([a-z0-9]+)(?:_|$)/.exec(type) ??
    /^aws:([A-Za-z0-9]+)\//.exec(type) ??
    /^aws-native:([A-Za-z0-9]+):/.exec(type) ??
    /^AWS::([A-Za-z0-9]+)::/.exec(type);
  return m?.[1].toLowerCase();
}

/**
 * An AWS type no table maps, of a service none of whose CloudFormation types
 * holds data (`aws_route53_record`, `aws:cloudwatch/eventRule:EventRule`):
 * stateless, said so. A service with a data store (EC2, S3, RDS…), or one
 * Deadbolt cannot name, gives no answer: the type is asked about.
 */
function awsServiceDecision(type: string): ProviderDataDecision | undefined {
  const word = awsServiceWord(type);
  if (!word) return undefined;
  // An alias names only services the specification knows; one it does not know gives no answer.
  const services = (SERVICE_ALIASES[word] ?? [SERVICES.get(word)]).filter(
    (s): s is string => s !== undefined && KNOWN_SERVICES.has(s),
  );
  if (!services.length || services.some((s) => DATA_SERVICES.has(s) && !ENUMERATED_SERVICES.has(s))) return undefined;
  return {
    decision: 'stateless',
    reason: services.some((s) => ENUMERATED_SERVICES.has(s))
      ? `an ${services.join(' or ')} resource that is not a volume, snapshot or image; holds no data`
      : `no ${services.join(' or ')} resource type holds data (CloudFormation specification and the protection table)`,
    source: 'service',
  };
}

const BY_NAME: ReadonlyMap<string, ProviderDataRow> = (() => {
  const m = new Map<string, ProviderDataRow>();
  for (const r of PROVIDER_DATA_ROWS) {
    for (const name of [r.terraform, ...r.pulumi, ...(r.native ?? [])]) {
      if (m.has(name)) throw new Error(`The provider type table names \`${name}\` twice.`);
      m.set(name, r);
    }
  }
  return m;
})();

/** The row that names `type` in any dialect, or undefined. */
export function providerDataRow(type: string): ProviderDataRow | undefined {
  return BY_NAME.get(type);
}

/**
 * The decision on a provider type that the protection table's CloudFormation
 * types do not cover: its row, its family, or (AWS) its service; undefined
 * when none decides it.
 */
export function providerDataDecision(type: string): ProviderDataDecision | undefined {
  const r = BY_NAME.get(type);
  if (r) return { decision: r.decision, reason: r.reason, source: 'table' };
  if (type.length > 300) return undefined;
  const k = kubernetesDecision(type);
  if (k) return k;
  const p = PROVIDER_DATA_PATTERNS.find((x) => x.matches.test(type));
  if (p) return { decision: p.decision, reason: p.reason, source: 'pattern' };
  return undefined;
}

/**
 * True for a Google Cloud or Azure type: the table decides these one by one,
 * and a type it does not list is asked about rather than guessed from a word in
 * its name, so that a Terraform name and its Pulumi twin always get the same
 * answer.
 */
export function isTableProviderType(type: string): boolean {
  return /^(google_|azurerm_|gcp:|azure:|azure-native:)/.test(type);
}

/** The decision an AWS type gets from its service alone (see `awsServiceDecision`). */
export function awsServiceDataDecision(type: string): ProviderDataDecision | undefined {
  return type.length > 300 ? undefined : awsServiceDecision(type);
}

/**
 * The service (Pulumi module) of each Terraform `google_*` / `azurerm_*` type,
 * by name prefix, from the Pulumi bridge metadata of `@pulumi/gcp` and
 * `@pulumi/azure` (`scripts/generate-provider-services.js`): a Terraform name
 * does not spell its module (`google_secret_manager_secret` is
 * `gcp:secretmanager/…`, `azurerm_role_assignment` is `azure:authorization/…`).
 */
const TERRAFORM_SERVICES: Readonly<Record<'google' | 'azurerm', Readonly<Record<string, string>>>> = services;

/** A Google Cloud or Azure type's provider, service and resource name. */
export interface TableService {
  readonly provider: 'gcp' | 'azure' | 'azure-native';
  readonly service: string;
  /** The resource's name without its service (`region_disk`, `RegionDisk`), for its data-store words. */
  readonly name: string;
}

/** `google_compute_firewall` → gcp `compute` `firewall`; `azure-native:network/v20230201:Subnet` → azure-native `network`. */
export function tableServiceOf(type: string): TableService | undefined {
  let m = /^(gcp|azure):([A-Za-z0-9]+)\/[A-Za-z0-9]+:([A-Za-z0-9]+)$/.exec(type);
  if (m) return { provider: m[1] as 'gcp' | 'azure', service: m[2], name: m[3] };
  if ((m = /^azure-native:([A-Za-z0-9]+)(?:\/[A-Za-z0-9]+)?:([A-Za-z0-9]+)$/.exec(type)))
    return { provider: 'azure-native', service: m[1], name: m[2] };
  if (!(m = /^(google|azurerm)_([a-z0-9_]+)$/.exec(type))) return undefined;
  const table = TERRAFORM_SERVICES[m[1] as 'google' | 'azurerm'];
  const provider = m[1] === 'google' ? 'gcp' : 'azure';
  const words = m[2].split('_');
  let service = table[`${m[2]}$`];
  for (let i = Math.min(words.length, 12); i >= 1 && !service; i--) service = table[words.slice(0, i).join('_')];
  if (!service) return undefined;
  // The name without the words that spell the service (`key_vault_secret` → `secret`), as the Pulumi name has it.
  let spelt = '';
  let k = 0;
  while (k < words.length - 1 && service.startsWith(spelt + words[k])) spelt += words[k++];
  return { provider, service, name: words.slice(k).join('_') };
}

/** The services each provider's table knows, by the bridge metadata (`azure-native`: by hand, below). */
const KNOWN_SERVICES_BY_PROVIDER: Readonly<Record<'gcp' | 'azure', ReadonlySet<string>>> = {
  gcp: new Set(services.modules.gcp),
  azure: new Set(services.modules.azure),
};

/**
 * `azure-native` modules that hold no data, judged by hand: the Azure REST API
 * modules have no bridge metadata to list them, so a module not named here or
 * in a stateful row is asked about.
 * https://www.pulumi.com/registry/packages/azure-native/api-docs/
 */
const NATIVE_SERVICES_WITHOUT_DATA: ReadonlySet<string> = new Set([
  'network',
  'web',
  'authorization',
  'managedidentity',
  'containerinstance',
  'cdn',
  'frontdoor',
  'dns',
  'privatedns',
  'maintenance',
  'policyinsights',
  'logic',
  'portal',
  'alertsmanagement',
  'advisor',
  'consumption',
  'costmanagement',
  'app',
  'containerservice',
]);

/**
 * Services that hold data but whose data stores the table lists type by type
 * (every type of theirs in the bridge metadata was read), so that their
 * everyday types (a firewall rule, a VM extension, a role assignment, an
 * authorization rule) are not asked about: Compute Engine keeps data on disks,
 * snapshots and images (rows); Azure compute on managed disks, snapshots,
 * images and restore points (rows); Azure Monitor in its workspaces (rows); an
 * Azure resource group, subscription or template deployment deletes what is in
 * it (rows); the others keep it in the servers, databases, accounts, queues and
 * vaults their rows name. A type of theirs whose name holds a data-store word
 * (`disk`, `snapshot`, `backup`, `key`…) is still asked about, and so is every
 * unlisted type of a data service not named here (Spanner, Cloud SQL,
 * Firestore, Vertex AI, Azure Data Protection…).
 */
const ENUMERATED_TABLE_SERVICES: Readonly<Record<TableService['provider'], ReadonlySet<string>>> = {
  gcp: new Set([
    'compute',
    'storage',
    'logging',
    'kms',
    'bigquery',
    'bigtable',
    'pubsub',
    'artifactregistry',
    'firebase',
    'redis',
    'memorystore',
    'identityplatform',
    'organizations',
  ]),
  azure: new Set([
    'compute',
    'network',
    'appservice',
    'monitoring',
    'authorization',
    'core',
    'management',
    'apimanagement',
    'eventgrid',
    'eventhub',
    'servicebus',
    'containerservice',
    'mssql',
    'postgresql',
    'mysql',
    'cosmosdb',
    'mongocluster',
    'storage',
    'keyvault',
    'kusto',
    'redis',
    'managedredis',
    'appinsights',
    'operationalinsights',
    'netapp',
    'iot',
    'cognitive',
    'databricks',
    'synapse',
  ]),
  'azure-native': new Set(['compute', 'network', 'web', 'insights', 'authorization', 'resources']),
};

/**
 * Words that name where data lives. Narrower than `DATA_STORE_WORDS`: in a
 * service whose data stores are listed, `cluster`, `index` or `sql` name
 * Kubernetes extensions, search settings and Cosmos DB stored procedures.
 */
const TABLE_DATA_WORDS: ReadonlySet<string> = new Set([
  'disk',
  'snapshot',
  'backup',
  'volume',
  'bucket',
  'database',
  'db',
  'table',
  'queue',
  'storage',
  'blob',
  'filesystem',
  'share',
  'file',
  'secret',
  'key',
  'vault',
  'repository',
  'datastore',
  'store',
  'dataset',
  'image',
  'keyspace',
  'warehouse',
  'ledger',
]);

/** True when a resource name (without its service) holds a word of `TABLE_DATA_WORDS`, plural or not. */
function namesDataStore(name: string): boolean {
  return typeNameWords(name).some(
    (w) => TABLE_DATA_WORDS.has(w) || (w.length > 3 && w.endsWith('s') && TABLE_DATA_WORDS.has(w.slice(0, -1))),
  );
}

/** The services with a stateful row, per provider: their unlisted types are asked about. */
const TABLE_DATA_SERVICES: Readonly<Record<TableService['provider'], ReadonlySet<string>>> = (() => {
  const out = { gcp: new Set<string>(), azure: new Set<string>(), 'azure-native': new Set<string>() };
  for (const r of PROVIDER_DATA_ROWS) {
    if (r.decision !== 'stateful') continue;
    for (const name of [r.terraform, ...r.pulumi, ...(r.native ?? [])]) {
      const s = tableServiceOf(name);
      if (s) out[s.provider].add(s.service);
    }
  }
  return out;
})();

/**
 * The decision a Google Cloud or Azure type the table does not list gets from
 * its service: stateless when no stateful row names its service (`google_compute_firewall`
 * is decided by row; `google_dns_policy`, `azurerm_network_security_rule`'s
 * siblings, `gcp:cloudrunv2/workerPool:WorkerPool` by service), or when its
 * service's data stores are listed type by type and its name holds no
 * data-store word. Undefined, so that the type is asked about, for a service
 * that holds data (`google_spanner_instance_partition`), a name with a
 * data-store word in a listed service (`google_compute_future_disk`), and a
 * service Deadbolt does not know.
 */
export function tableServiceDataDecision(type: string): ProviderDataDecision | undefined {
  if (type.length > 300) return undefined;
  const s = tableServiceOf(type);
  if (!s) return undefined;
  const known = s.provider === 'azure-native' ? NATIVE_SERVICES_WITHOUT_DATA : KNOWN_SERVICES_BY_PROVIDER[s.provider];
  if (!TABLE_DATA_SERVICES[s.provider].has(s.service)) {
    if (!known.has(s.service)) return undefined;
    return { decision: 'stateless', reason: 'its service holds no data Deadbolt knows of', source: 'service' };
  }
  if (!ENUMERATED_TABLE_SERVICES[s.provider].has(s.service) || namesDataStore(s.name)) return undefined;
  return {
    decision: 'stateless',
    reason: `its service (${s.service}) keeps data only in the types Deadbolt lists one by one; this is not one of them`,
    source: 'service',
  };
}
