import { readPulumiPreview } from '../gate/pulumi-preview';
import { readTerraformPlan } from '../gate/terraform-plan';
import { dataKindOf } from '../gate/classify';
import { blockedOf, gateOf, pulumiPreview, pulumiStep, terraformPlan, tfChange } from '../gate/testing';
import { pulumiTypeMapping, terraformTypeMapping } from '../dialects/aws-provider-types';
import { isStatefulType } from '../spec/stateful-types';
import {
  awsServiceDataDecision,
  isTableProviderType,
  PROVIDER_DATA_PATTERNS,
  PROVIDER_DATA_ROWS,
  providerDataDecision,
  providerDataRow,
  tableServiceDataDecision,
  tableServiceOf,
} from './provider-types';
import { outOfScopeReason, protectionOf } from './table';

/** What the gate reads a type as, through the real readers (a delete of it). */
function kindInTerraform(type: string): string {
  const change = readTerraformPlan(terraformPlan([tfChange(type, 'x', ['delete'], {}, null)])).changes[0];
  return dataKindOf(change).kind;
}
function kindInPulumi(type: string): string {
  const change = readPulumiPreview(pulumiPreview([pulumiStep('delete', type, 'x', {})])).changes[0];
  return dataKindOf(change).kind;
}

describe('the provider type table', () => {
  test('each Terraform name and its Pulumi twins get the same decision, through the real readers', () => {
    const disagreements: string[] = [];
    for (const row of PROVIDER_DATA_ROWS) {
      const expected = kindInTerraform(row.terraform);
      for (const token of [...row.pulumi, ...(row.native ?? [])]) {
        const got = kindInPulumi(token);
        if (got !== expected) disagreements.push(`${row.terraform} ${expected} / ${token} ${got}`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  test.each([
    // Terraform name, Pulumi twins: the pairs the issue names, spelled as each provider spells them.
    ['azurerm_mssql_server', ['azure:mssql/server:Server', 'azure-native:sql:Server'], 'stateful'],
    ['azurerm_mssql_database', ['azure:mssql/database:Database', 'azure-native:sql:Database'], 'stateful'],
    ['azurerm_storage_account', ['azure:storage/account:Account', 'azure-native:storage:StorageAccount'], 'stateful'],
    ['azurerm_key_vault', ['azure:keyvault/keyVault:KeyVault', 'azure-native:keyvault:Vault'], 'stateful'],
    [
      'azurerm_cosmosdb_account',
      [
        'azure:cosmosdb/account:Account',
        'azure-native:documentdb:DatabaseAccount',
        'azure-native:cosmosdb:DatabaseAccount',
      ],
      'stateful',
    ],
    [
      'azurerm_log_analytics_workspace',
      ['azure:operationalinsights/analyticsWorkspace:AnalyticsWorkspace', 'azure-native:operationalinsights:Workspace'],
      'stateful',
    ],
    ['google_filestore_instance', ['gcp:filestore/instance:Instance'], 'stateful'],
    ['google_sql_database_instance', ['gcp:sql/databaseInstance:DatabaseInstance'], 'stateful'],
    ['google_secret_manager_secret', ['gcp:secretmanager/secret:Secret'], 'stateful'],
    ['google_project', ['gcp:organizations/project:Project'], 'stateful'],
    ['google_backup_dr_backup_vault', ['gcp:backupdisasterrecovery/backupVault:BackupVault'], 'stateful'],
    ['google_kms_key_ring', ['gcp:kms/keyRing:KeyRing'], 'stateless'],
    ['google_compute_network', ['gcp:compute/network:Network'], 'stateless'],
    ['aws_ebs_snapshot', ['aws:ebs/snapshot:Snapshot'], 'stateful'],
    ['aws_s3_object', ['aws:s3/bucketObjectv2:BucketObjectv2'], 'stateful'],
  ])('%s and %j are %s', (terraform, twins, decision) => {
    expect(providerDataDecision(terraform)?.decision).toBe(decision);
    for (const t of twins) expect({ t, decision: providerDataDecision(t)?.decision }).toEqual({ t, decision });
  });

  test.each([
    // Azure
    'azurerm_mssql_server',
    'azurerm_mssql_database',
    'azurerm_mssql_managed_instance',
    'azurerm_postgresql_flexible_server',
    'azurerm_mysql_flexible_server',
    'azurerm_cosmosdb_account',
    'azurerm_cosmosdb_sql_database',
    'azurerm_cosmosdb_sql_container',
    'azurerm_storage_account',
    'azurerm_storage_container',
    'azurerm_storage_share',
    'azurerm_storage_blob',
    'azurerm_key_vault',
    'azurerm_key_vault_key',
    'azurerm_key_vault_secret',
    'azurerm_redis_cache',
    'azurerm_storage_data_lake_gen2_filesystem',
    'azurerm_data_lake_store',
    'azurerm_recovery_services_vault',
    'azurerm_data_protection_backup_vault',
    'azurerm_managed_disk',
    'azurerm_log_analytics_workspace',
    // Google Cloud
    'google_sql_database_instance',
    'google_sql_database',
    'google_alloydb_cluster',
    'google_spanner_instance',
    'google_spanner_database',
    'google_firestore_database',
    'google_bigtable_instance',
    'google_bigtable_table',
    'google_bigquery_dataset',
    'google_bigquery_table',
    'google_storage_bucket',
    'google_filestore_instance',
    'google_filestore_backup',
    'google_redis_instance',
    'google_memcache_instance',
    'google_compute_disk',
    'google_compute_snapshot',
    'google_compute_image',
    'google_kms_crypto_key',
    'google_project',
    'google_secret_manager_secret',
    'google_backup_dr_backup_vault',
  ])('%s holds data', (type) => {
    expect(providerDataDecision(type)).toMatchObject({ decision: 'stateful', source: 'table' });
    expect(kindInTerraform(type)).toBe('stateful');
  });

  test('an AlloyDB instance and a key ring are decided stateless, with the reason', () => {
    expect(providerDataRow('google_alloydb_instance')?.reason).toMatch(/data lives in the cluster storage/);
    expect(providerDataRow('google_kms_key_ring')?.reason).toMatch(/cannot delete a key ring/);
  });

  test('every row and pattern has a reason, and no name is claimed twice', () => {
    const names = PROVIDER_DATA_ROWS.flatMap((r) => [r.terraform, ...r.pulumi, ...(r.native ?? [])]);
    expect(new Set(names).size).toBe(names.length);
    for (const r of PROVIDER_DATA_ROWS) {
      expect({ type: r.terraform, reason: r.reason.length > 10 }).toEqual({ type: r.terraform, reason: true });
      expect({ type: r.terraform, twins: r.pulumi.length > 0 }).toEqual({ type: r.terraform, twins: true });
    }
    for (const p of PROVIDER_DATA_PATTERNS) expect(p.reason.length).toBeGreaterThan(10);
  });

  test('an AWS row names no type the CloudFormation mapping already decides', () => {
    const aws = PROVIDER_DATA_ROWS.filter((r) => r.terraform.startsWith('aws_'));
    expect(aws.filter((r) => terraformTypeMapping(r.terraform) !== undefined).map((r) => r.terraform)).toEqual([]);
    expect(aws.flatMap((r) => r.pulumi).filter((t) => pulumiTypeMapping(t) !== undefined)).toEqual([]);
  });
});

describe('Kafka, message brokers and DAX', () => {
  test.each([
    ['aws_msk_cluster', 'aws:msk/cluster:Cluster', 'AWS::MSK::Cluster'],
    ['aws_msk_serverless_cluster', 'aws:msk/serverlessCluster:ServerlessCluster', 'AWS::MSK::ServerlessCluster'],
    ['aws_mq_broker', 'aws:mq/broker:Broker', 'AWS::AmazonMQ::Broker'],
  ])('%s, %s and %s hold data', (terraform, pulumi, cfn) => {
    expect(isStatefulType(cfn)).toBe(true);
    expect(protectionOf(cfn)?.holds).toBeDefined();
    expect(kindInTerraform(terraform)).toBe('stateful');
    expect(kindInPulumi(pulumi)).toBe('stateful');
  });

  test('DAX is a write-through cache: decided out of scope, with the reason', () => {
    expect(outOfScopeReason('AWS::DAX::Cluster')).toMatch(/write-through cache/);
    expect(isStatefulType('AWS::DAX::Cluster')).toBe(false);
    expect(kindInTerraform('aws_dax_cluster')).toBe('stateless');
    expect(kindInPulumi('aws:dax/cluster:Cluster')).toBe('stateless');
  });
});

describe('families and services', () => {
  test.each([
    'random_password',
    'random:index/randomPassword:RandomPassword',
    'null_resource',
    'terraform_data',
    'time_sleep',
    'tls_private_key',
    'local_file',
    'archive_file',
    'pulumi:providers:aws',
    'Custom::S3AutoDeleteObjects',
    'AWS::CDK::Metadata',
    'google_project_iam_member',
    'gcp:projects/iAMMember:IAMMember',
    'gcp:bigquery/iamBinding:IamBinding',
    'aws_ec2_tag',
  ])('%s holds no data', (type) => {
    expect(providerDataDecision(type)).toMatchObject({ decision: 'stateless', source: 'pattern' });
  });

  test.each([
    ['aws_route53_record', 'Route53'],
    ['aws_lb_listener', 'ElasticLoadBalancingV2'],
    ['aws:cloudwatch/eventRule:EventRule', 'CloudWatch or Events'],
    ['aws_api_gateway_rest_api', 'ApiGateway'],
    ['aws_security_group_rule', 'EC2'],
    ['aws:ec2/vpcDhcpOptions:VpcDhcpOptions', 'EC2'],
  ])('%s: its service (%s) holds no data beyond what is decided type by type', (type, service) => {
    expect(awsServiceDataDecision(type)?.reason).toContain(service);
  });

  test.each([
    'aws:s3/bucketAbac:BucketAbac',
    'aws_rds_export_task',
    'aws_frobnicator_widget',
    'AWS::Frobnicator::Widget',
  ])('%s: a service with data stores, or one Deadbolt cannot name, gives no answer', (type) => {
    expect(awsServiceDataDecision(type)).toBeUndefined();
  });

  test('an unlisted Google Cloud or Azure type of a service that holds data is asked about', () => {
    expect(isTableProviderType('google_spanner_instance_partition')).toBe(true);
    expect(kindInTerraform('google_spanner_instance_partition')).toBe('undecided');
    expect(kindInPulumi('gcp:spanner/instancePartition:InstancePartition')).toBe('undecided');
    expect(kindInPulumi('azure-native:sql:ServerKey')).toBe('undecided');
  });
});

describe('Google Cloud and Azure types decided by their service', () => {
  test.each([
    // Services none of whose types holds data.
    ['google_dns_policy', 'gcp:dns/policy:Policy'],
    ['google_cloud_run_v2_worker_pool', 'gcp:cloudrunv2/workerPool:WorkerPool'],
    ['google_network_security_address_group', 'gcp:networksecurity/addressGroup:AddressGroup'],
    ['google_project_default_service_accounts', 'gcp:projects/defaultServiceAccounts:DefaultServiceAccounts'],
    ['azurerm_lb_rule', 'azure:lb/rule:Rule'],
    ['azurerm_cdn_frontdoor_route', 'azure:cdn/frontdoorRoute:FrontdoorRoute'],
    ['azurerm_pim_eligible_role_assignment', 'azure:pim/eligibleRoleAssignment:EligibleRoleAssignment'],
    // Services whose data stores are listed type by type: compute, network, keyvault, containerservice.
    ['google_compute_vpn_tunnel', 'gcp:compute/vPNTunnel:VPNTunnel'],
    [
      'google_compute_region_network_firewall_policy_rule',
      'gcp:compute/regionNetworkFirewallPolicyRule:RegionNetworkFirewallPolicyRule',
    ],
    ['azurerm_network_watcher_flow_log', 'azure:network/networkWatcherFlowLog:NetworkWatcherFlowLog'],
    ['azurerm_virtual_machine_extension', 'azure:compute/extension:Extension'],
    ['azurerm_key_vault_certificate_issuer', 'azure:keyvault/certificateIssuer:CertificateIssuer'],
    [
      'azurerm_kubernetes_cluster_extension',
      'azure:containerservice/kubernetesClusterExtension:KubernetesClusterExtension',
    ],
    [
      'azurerm_servicebus_namespace_authorization_rule',
      'azure:servicebus/namespaceAuthorizationRule:NamespaceAuthorizationRule',
    ],
    ['azurerm_cosmosdb_sql_stored_procedure', 'azure:cosmosdb/sqlStoredProcedure:SqlStoredProcedure'],
  ])('%s and %s hold no data, said so', (terraform, pulumi) => {
    expect(providerDataRow(terraform)).toBeUndefined();
    expect(tableServiceDataDecision(terraform)).toMatchObject({ decision: 'stateless', source: 'service' });
    expect(tableServiceDataDecision(pulumi)).toMatchObject({ decision: 'stateless', source: 'service' });
    expect(kindInTerraform(terraform)).toBe('stateless');
    expect(kindInPulumi(pulumi)).toBe('stateless');
  });

  test('the reason says which', () => {
    expect(tableServiceDataDecision('google_dns_policy')?.reason).toBe('its service holds no data Deadbolt knows of');
    expect(tableServiceDataDecision('google_compute_vpn_tunnel')?.reason).toMatch(
      /\(compute\) keeps data only in the types/,
    );
  });

  test.each([
    'azure-native:network:RouteTable',
    'azure-native:network/v20230201:SecurityRule',
    'azure-native:web:WebAppSlot',
    'azure-native:authorization:PolicyAssignment',
    'azure-native:compute:VirtualMachineExtension',
  ])('%s (azure-native) holds no data', (type) => {
    expect(kindInPulumi(type)).toBe('stateless');
  });

  test.each([
    // A data service whose other types are not listed.
    'google_sql_provision_script',
    'gcp:vertex/aiTensorboardRun:AiTensorboardRun',
    'azurerm_data_protection_backup_instance_disk',
    'azure:dataprotection/backupInstanceDisk:BackupInstanceDisk',
    // A listed service, but a name with a data-store word.
    'google_compute_future_disk',
    'gcp:compute/futureSnapshot:FutureSnapshot',
    'azurerm_key_vault_managed_storage_account',
    'azure-native:compute:DiskPool',
    // A service Deadbolt does not know.
    'google_frobnicator_widget',
    'gcp:frobnicator/widget:Widget',
    'azurerm_frobnicator_widget',
    'azure-native:frobnicator:Widget',
  ])('%s is asked about', (type) => {
    expect(tableServiceDataDecision(type)).toBeUndefined();
    expect(type.includes(':') ? kindInPulumi(type) : kindInTerraform(type)).toBe('undecided');
  });

  test.each([
    ['google_netapp_volume', 'gcp:netapp/volume:Volume'],
    ['google_healthcare_fhir_store', 'gcp:healthcare/fhirStore:FhirStore'],
    ['google_managed_kafka_topic', 'gcp:managedkafka/topic:Topic'],
    ['google_cloud_tasks_queue', 'gcp:cloudtasks/queue:Queue'],
    ['google_compute_instant_snapshot', 'gcp:compute/instantSnapshot:InstantSnapshot'],
    ['azurerm_search_service', 'azure:search/service:Service'],
    ['azurerm_servicebus_subscription', 'azure:servicebus/subscription:Subscription'],
    [
      'azurerm_resource_group_template_deployment',
      'azure:core/resourceGroupTemplateDeployment:ResourceGroupTemplateDeployment',
    ],
    ['azurerm_virtual_machine_restore_point', 'azure:compute/restorePoint:RestorePoint'],
  ])('%s and %s hold data', (terraform, pulumi) => {
    expect(kindInTerraform(terraform)).toBe('stateful');
    expect(kindInPulumi(pulumi)).toBe('stateful');
  });

  test('each row names one service in both dialects, so a row and the service rule cannot disagree', () => {
    const disagreements: string[] = [];
    for (const r of PROVIDER_DATA_ROWS) {
      const tf = tableServiceOf(r.terraform);
      if (!tf) continue;
      for (const t of r.pulumi)
        if (tableServiceOf(t)?.service !== tf.service) disagreements.push(`${r.terraform} ${tf.service} / ${t}`);
    }
    expect(disagreements).toEqual([]);
  });

  test('an everyday Google and Azure plan passes the gate', () => {
    const plan = terraformPlan([
      tfChange('google_compute_firewall', 'a', ['delete'], {}, null),
      tfChange('google_compute_vpn_tunnel', 'b', ['delete'], {}, null),
      tfChange('google_compute_region_network_endpoint_group', 'c', ['delete', 'create'], {}, {}),
      tfChange('azurerm_network_security_rule', 'd', ['delete'], {}, null),
      tfChange('azurerm_lb_rule', 'e', ['delete'], {}, null),
      tfChange('azurerm_role_assignment', 'f', ['delete'], {}, null),
    ]);
    expect(blockedOf(gateOf(plan))).toEqual([]);
    const withData = terraformPlan([
      tfChange('google_compute_vpn_tunnel', 'b', ['delete'], {}, null),
      tfChange('google_netapp_volume', 'v', ['delete'], {}, null),
      tfChange('google_spanner_instance_partition', 'p', ['delete'], {}, null),
    ]);
    expect(blockedOf(gateOf(withData))).toEqual(['google_netapp_volume.v', 'google_spanner_instance_partition.p']);
  });
});

describe('Kubernetes (hashicorp/kubernetes, @pulumi/kubernetes)', () => {
  test.each([
    ['kubernetes_persistent_volume_claim', 'stateful'],
    ['kubernetes_persistent_volume_claim_v1', 'stateful'],
    ['kubernetes_persistent_volume_v1', 'stateful'],
    ['kubernetes_namespace', 'stateful'],
    ['kubernetes_namespace_v1', 'stateful'],
    ['kubernetes_deployment_v1', 'stateless'],
    ['kubernetes_stateful_set', 'stateless'],
    ['kubernetes_daemonset', 'stateless'],
    ['kubernetes_daemon_set_v1', 'stateless'],
    ['kubernetes_secret', 'stateless'],
    ['kubernetes_secret_v1', 'stateless'],
    ['kubernetes_cluster_role', 'stateless'],
    ['kubernetes_cluster_role_binding_v1', 'stateless'],
    ['kubernetes_storage_class', 'stateless'],
    ['kubernetes_horizontal_pod_autoscaler_v2', 'stateless'],
    ['kubernetes_horizontal_pod_autoscaler_v2beta2', 'stateless'],
    ['kubernetes_labels', 'stateless'],
    ['kubernetes_config_map_v1_data', 'stateless'],
    ['kubernetes_manifest', 'undecided'],
    ['helm_release', 'undecided'],
  ])('Terraform %s is %s', (type, kind) => {
    expect(kindInTerraform(type)).toBe(kind);
  });

  test.each([
    ['kubernetes:core/v1:PersistentVolumeClaim', 'stateful'],
    ['kubernetes:core/v1:PersistentVolume', 'stateful'],
    ['kubernetes:core/v1:Namespace', 'stateful'],
    ['kubernetes:core/v1:PersistentVolumeClaimList', 'stateful'],
    ['kubernetes:apps/v1:Deployment', 'stateless'],
    ['kubernetes:apps/v1:StatefulSet', 'stateless'],
    ['kubernetes:core/v1:Secret', 'stateless'],
    ['kubernetes:core/v1:ServiceAccount', 'stateless'],
    ['kubernetes:rbac.authorization.k8s.io/v1:ClusterRole', 'stateless'],
    ['kubernetes:networking.k8s.io/v1:Ingress', 'stateless'],
    ['kubernetes:batch/v1:CronJob', 'stateless'],
    ['kubernetes:autoscaling/v2:HorizontalPodAutoscaler', 'stateless'],
    ['kubernetes:apps/v1:DeploymentPatch', 'stateless'],
    // A patch of a namespace, a CRD (deleting it deletes every object of its kind), a Helm release: asked.
    ['kubernetes:core/v1:NamespacePatch', 'undecided'],
    ['kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition', 'undecided'],
    ['kubernetes:helm.sh/v3:Release', 'undecided'],
    ['kubernetes:helm.sh/v4:Chart', 'undecided'],
    // A custom resource of an operator (a kind of a group Deadbolt does not know) is judged by its words.
    ['kubernetes:postgresql.cnpg.io/v1:Cluster', 'unknown'],
    ['kubernetes:example.com/v1:Deployment', 'undecided'],
  ])('Pulumi %s is %s', (type, kind) => {
    expect(kindInPulumi(type)).toBe(kind);
  });
});

describe('the Pulumi module `index` is not a data word', () => {
  test.each([
    ['docker:index/image:Image', 'undecided'],
    ['cloudflare:index/record:Record', 'undecided'],
    ['datadog:index/monitor:Monitor', 'undecided'],
    ['docker-build:index:Image', 'undecided'],
    ['eks:index:Cluster', 'stateless'],
    // The resource part still speaks: a MongoDB Atlas cluster is asked about as data.
    ['mongodbatlas:index/cluster:Cluster', 'unknown'],
  ])('%s is %s', (type, kind) => {
    expect(kindInPulumi(type)).toBe(kind);
  });
});

describe('data stores the CloudFormation catalogue or a service heuristic let through', () => {
  test.each([
    ['azurerm_mysql_server', 'azure:mysql/server:Server'],
    ['azurerm_mysql_database', 'azure:mysql/database:Database'],
    ['azurerm_mariadb_server', 'azure:mariadb/server:Server'],
    ['azurerm_mariadb_database', 'azure:mariadb/database:Database'],
    ['azurerm_backup_protected_vm', 'azure:backup/protectedVM:ProtectedVM'],
    ['azurerm_backup_protected_file_share', 'azure:backup/protectedFileShare:ProtectedFileShare'],
  ])('%s and %s are stateful', (terraform, pulumi) => {
    expect(providerDataRow(terraform)?.pulumi).toContain(pulumi);
    expect(kindInTerraform(terraform)).toBe('stateful');
    expect(kindInPulumi(pulumi)).toBe('stateful');
  });

  test('an azure-native protected item is stateful: destroying it deletes its recovery points by default', () => {
    expect(kindInPulumi('azure-native:recoveryservices:ProtectedItem')).toBe('stateful');
  });

  test('backup schedules and the storage account container stay stateless', () => {
    for (const t of [
      'azurerm_backup_policy_vm',
      'azurerm_backup_policy_file_share',
      'azurerm_backup_policy_vm_workload',
      'azurerm_backup_container_storage_account',
    ])
      expect(kindInTerraform(t)).toBe('stateless');
  });
});
