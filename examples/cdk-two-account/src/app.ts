/**
 * Two accounts: a workload account (111111111111) whose databases, table,
 * bucket and file system are built from Deadbolt's safe constructs, and a
 * backup account (222222222222) holding the compliance-locked vault every
 * recovery point is copied to. The team's AI coding agent works in the workload
 * account through `AgentRole`, under AgentGuardrailPolicy. Deadbolt's checks run
 * on the whole App and find no errors.
 */
import { App, AspectPriority, Aspects, Duration, Stack, Tags } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as rds from 'aws-cdk-lib/aws-rds';
import {
  AgentGuardrailPolicy,
  BackupAccountVault,
  BackupEnrolment,
  DataProtectionChecks,
  IsolatedBackupVault,
  SafeBucket,
  SafeDatabaseCluster,
  SafeDatabaseInstance,
  SafeFileSystem,
  SafeTable,
} from '@deadbolt/cdk';

const WORKLOAD = { account: '111111111111', region: 'us-east-1' };
const BACKUP = { account: '222222222222', region: 'us-east-1' };
const VAULT_NAME = 'central';
/** Written out literally: the workload stack must prove its copies leave the account. */
const CENTRAL_VAULT_ARN = `arn:aws:backup:${BACKUP.region}:${BACKUP.account}:backup-vault:${VAULT_NAME}`;

/** The GitHub repository whose `agent` environment runs the AI coding agent (e.g. Claude Code's GitHub Action). */
const AGENT_REPOSITORY = 'example-org/shop';

const app = new App();

// The backup account: deployed first, by credentials the workload account does not hold.
const backupStack = new Stack(app, 'BackupAccount', { env: BACKUP, terminationProtection: true });
new BackupAccountVault(backupStack, 'Central', {
  backupVaultName: VAULT_NAME,
  sourceAccounts: [WORKLOAD.account],
  minRetention: Duration.days(7),
});

// The workload account.
const workload = new Stack(app, 'Workload', { env: WORKLOAD, terminationProtection: true });
const vpc = new ec2.Vpc(workload, 'Vpc', { maxAzs: 2, natGateways: 0 });
const isolated = { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };

const backups = new IsolatedBackupVault(workload, 'Backups', {
  destinationVaultArn: CENTRAL_VAULT_ARN,
  retention: Duration.days(35),
});

const orders = new SafeDatabaseInstance(workload, 'Orders', {
  engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
  vpc,
  vpcSubnets: isolated,
  instanceIdentifier: 'orders',
  backup: BackupEnrolment.inVault(backups),
});

new SafeDatabaseCluster(workload, 'Ledger', {
  engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
  vpc,
  vpcSubnets: isolated,
  clusterIdentifier: 'ledger',
  writer: rds.ClusterInstance.serverlessV2('Writer'),
  readers: [rds.ClusterInstance.serverlessV2('Reader', { scaleWithWriter: true })],
  backup: BackupEnrolment.inVault(backups),
});

new SafeTable(workload, 'Carts', {
  partitionKey: { name: 'customerId', type: dynamodb.AttributeType.STRING },
  tableName: 'carts',
  backup: BackupEnrolment.inVault(backups),
});

new SafeTable(workload, 'Sessions', {
  partitionKey: { name: 'sessionId', type: dynamodb.AttributeType.STRING },
  tableName: 'sessions',
  timeToLiveAttribute: 'expiresAt',
  backup: BackupEnrolment.optOut('Sessions expire within a day; losing them only logs users out.'),
});

new SafeBucket(workload, 'Invoices', { enforceSSL: true });

const files = new SafeFileSystem(workload, 'Files', {
  vpc,
  vpcSubnets: isolated,
  backup: BackupEnrolment.inVault(backups),
});
files.connections.allowDefaultPortFrom(orders);

// The AI coding agent's role. It runs in GitHub Actions and gets credentials through the account's GitHub OIDC
// provider, only for jobs of the repository's `agent` environment
// (https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services).
// PowerUserAccess lets it read, build and change what it works on (everything but IAM and Organizations); the
// guardrail takes back every delete of data and every call that lowers its protection, on resources tagged
// `deadbolt:protected=true` (copies such as snapshots and recovery points, and buckets, everywhere).
const githubOidc = iam.OpenIdConnectProvider.fromOpenIdConnectProviderArn(
  workload,
  'GitHubOidc',
  `arn:aws:iam::${WORKLOAD.account}:oidc-provider/token.actions.githubusercontent.com`,
);
const agentRole = new iam.Role(workload, 'AgentRole', {
  roleName: 'ai-coding-agent',
  description: "The team's AI coding agent, from GitHub Actions; it cannot destroy data (AgentGuardrailPolicy).",
  assumedBy: new iam.OpenIdConnectPrincipal(githubOidc, {
    StringEquals: {
      'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
      'token.actions.githubusercontent.com:sub': `repo:${AGENT_REPOSITORY}:environment:agent`,
    },
  }),
  managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('PowerUserAccess')],
  maxSessionDuration: Duration.hours(1),
});
const guardrail = new AgentGuardrailPolicy();
// The boundary caps whatever the role is granted later (a policy added by hand, a wider managed policy); the managed
// policy form keeps the denies if someone removes the boundary: an explicit Deny in either overrides every Allow
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html). Neither binds the CDK
// bootstrap's execution role, which CloudFormation uses when the agent updates a stack: the account's SCPs
// (`guardrail.toScpDocuments()`) do; see the README.
iam.PermissionsBoundary.of(agentRole).apply(guardrail.toPermissionsBoundary(workload, 'AgentBoundary'));
agentRole.addManagedPolicy(guardrail.toManagedPolicy(workload, 'AgentGuardrail'));

// The guardrail's tag-scoped denies hold only on resources that carry the tag. Tags.of writes it on every taggable
// resource of the stack and as a stack tag, which CloudFormation also propagates to the resources it creates
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStack.html, `Tags`).
for (const stack of [workload, backupStack]) Tags.of(stack).add(AgentGuardrailPolicy.DEFAULT_TAG_KEY, 'true');

Aspects.of(app).add(new DataProtectionChecks(), { priority: AspectPriority.READONLY });
