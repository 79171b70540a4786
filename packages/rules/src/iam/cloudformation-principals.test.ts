/**
 * `readAssemblyPrincipals` and `readTemplatePrincipals`: the IAM principals of
 * cloud assemblies synthesized with the real aws-cdk-lib (grants from L2
 * constructs, AWS managed and customer managed policies, groups, permissions
 * boundaries, Stages and nested stacks) and of hand-written templates, read so
 * that nothing unresolved hides a right.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnCondition, CfnParameter, Fn, NestedStack, Stack, Stage, Tags } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { InputError } from '../dialects/errors';
import { statementsOf, type IamPrincipal, type NamedPolicy, type PolicyDocument } from './model';
import {
  readAssemblyPrincipals,
  readTemplatePrincipals,
  UNKNOWN_ACCOUNT,
  UNRESOLVED_RESOURCE,
  type TemplatePrincipals,
} from './cloudformation-principals';

const ADMIN: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const ADMIN_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const resolveAwsManagedPolicy = (arn: string) => (arn === ADMIN_ARN ? ADMIN : undefined);

function principal(read: TemplatePrincipals, name: string): IamPrincipal {
  const p = read.principals.find((x) => x.name === name);
  if (!p) throw new Error(`no principal ${name}: ${read.principals.map((x) => x.name).join(', ')}`);
  return p;
}

function policy(p: IamPrincipal, name: string): NamedPolicy {
  const found = p.policies.find((x) => x.name === name);
  if (!found) throw new Error(`${p.name} has no policy ${name}: ${p.policies.map((x) => x.name).join(', ')}`);
  return found;
}

const statements = (p: NamedPolicy) => statementsOf(p.document);

let tmp: string;
let read: TemplatePrincipals;

/**
 * GIVEN an app whose `Data` stack (account 111111111111, eu-west-1) holds an
 * agent role with AdministratorAccess, a worker role granted deletes on a
 * table, a bucket and a database, a user in a group, a role with a
 * permissions boundary, a conditioned Allow and a deny under `Fn::If`; an
 * environment-agnostic stack; and a Stage stack with a nested stack.
 */
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-iam-cfn-'));
  const app = new App({ outdir: path.join(tmp, 'cdk.out'), builtinCloudFormationValidation: false });
  const stack = new Stack(app, 'Data', { env: { account: '111111111111', region: 'eu-west-1' } });

  const agent = new iam.Role(stack, 'AgentRole', {
    roleName: 'agent',
    assumedBy: new iam.AccountRootPrincipal(),
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')],
  });
  Tags.of(agent).add('team', 'platform');

  const table = new dynamodb.Table(stack, 'Table', {
    partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
  });
  const bucket = new s3.Bucket(stack, 'Bucket', { bucketName: 'prod-data' });
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    natGateways: 0,
    subnetConfiguration: [{ name: 'p', subnetType: ec2.SubnetType.PUBLIC }],
  });
  const db = new rds.DatabaseInstance(stack, 'Db', {
    engine: rds.DatabaseInstanceEngine.POSTGRES,
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
    instanceIdentifier: 'Orders',
  });
  const worker = new iam.Role(stack, 'Worker', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  table.grantFullAccess(worker);
  bucket.grantDelete(worker);
  worker.addToPolicy(new iam.PolicyStatement({ actions: ['rds:DeleteDBInstance'], resources: [db.instanceArn] }));
  // Allowed only from the office network: the condition is kept as written.
  worker.addToPolicy(
    new iam.PolicyStatement({
      sid: 'FromOffice',
      actions: ['dynamodb:DeleteTable'],
      resources: [table.tableArn],
      conditions: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
    }),
  );

  // A user in a group whose rights come from the group's policy.
  const admins = new iam.Group(stack, 'Admins', { groupName: 'admins' });
  admins.addToPolicy(new iam.PolicyStatement({ actions: ['s3:DeleteBucket'], resources: [bucket.bucketArn] }));
  new iam.User(stack, 'Alice', { userName: 'alice', groups: [admins] });

  // A boundary that denies deletes, applied the CDK way.
  const boundary = new iam.ManagedPolicy(stack, 'Boundary', {
    managedPolicyName: 'no-deletes',
    statements: [
      new iam.PolicyStatement({ actions: ['*'], resources: ['*'] }),
      new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['dynamodb:DeleteTable'], resources: ['*'] }),
    ],
  });
  const bounded = new iam.Role(stack, 'Bounded', { assumedBy: new iam.AccountRootPrincipal() });
  bounded.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess'));
  iam.PermissionsBoundary.of(bounded).apply(boundary);

  // A deny that holds only when a parameter says so: it cannot count as certain.
  const strict = new CfnParameter(stack, 'Strict', { allowedValues: ['yes', 'no'] });
  const isStrict = new CfnCondition(stack, 'IsStrict', { expression: Fn.conditionEquals(strict.valueAsString, 'yes') });
  const maybe = new iam.CfnRole(stack, 'Maybe', {
    assumeRolePolicyDocument: {
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'ec2.amazonaws.com' } }],
    },
    managedPolicyArns: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess').managedPolicyArn],
  });
  new iam.CfnPolicy(stack, 'MaybeDeny', {
    policyName: 'maybe-deny',
    roles: [maybe.ref],
    policyDocument: {
      Statement: [
        Fn.conditionIf(
          isStrict.logicalId,
          { Effect: 'Deny', Action: 'dynamodb:DeleteTable', Resource: '*' },
          { Ref: 'AWS::NoValue' },
        ),
        { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
      ],
    },
  });

  // An environment-agnostic stack: its account is a placeholder; unknown parts of an Allow widen, of a Deny match nothing.
  const agnostic = new Stack(app, 'Agnostic');
  const ci = new iam.Role(agnostic, 'Ci', { roleName: 'ci', assumedBy: new iam.AccountRootPrincipal() });
  const scratch = new dynamodb.Table(agnostic, 'Scratch', {
    tableName: 'scratch',
    partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
  });
  scratch.grant(ci, 'dynamodb:DeleteTable');
  ci.addToPolicy(
    new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      actions: ['dynamodb:DeleteTable'],
      resources: [scratch.tableArn],
    }),
  );

  // A Stage stack whose nested stack's role is granted on its parent's bucket.
  const stage = new Stage(app, 'Prod', { env: { account: '222222222222', region: 'us-east-1' } });
  const parent = new Stack(stage, 'Store');
  const archive = new s3.Bucket(parent, 'Archive', { bucketName: 'prod-archive' });
  const nested = new NestedStack(parent, 'Jobs');
  const job = new iam.Role(nested, 'Job', {
    roleName: 'job',
    assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
  });
  archive.grantDelete(job);

  app.synth();
  read = readAssemblyPrincipals(path.join(tmp, 'cdk.out'), { resolveAwsManagedPolicy });
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('an agent role with AdministratorAccess: the AWS managed policy is read, named, and attached', () => {
  const agent = principal(read, 'agent');
  expect(agent.kind).toBe('role');
  expect(agent.arn).toBe('arn:aws:iam::111111111111:role/agent');
  expect(agent.accountId).toBe('111111111111');
  expect(agent.path).toBe('/');
  expect(agent.tags).toEqual({ team: 'platform' });
  expect(agent.policies).toEqual([
    { name: 'AdministratorAccess', arn: ADMIN_ARN, via: 'attached to role `agent`', document: ADMIN },
  ]);
  expect(agent.source).toMatch(/Data\.template\.json \(Data\/AgentRole\/Resource\)$/);
  // Everything was read: the audit need not fail closed.
  expect(agent.unresolved).toBeUndefined();
  // The trust policy, with AWS::Partition and the stack's account resolved.
  expect(statementsOf(agent.trustPolicy!)).toEqual([
    { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: 'arn:aws:iam::111111111111:root' } },
  ]);
});

test('grants on a table, a bucket and a database become ARNs of those resources', () => {
  const worker = read.principals.find((p) => p.source?.includes('Data/Worker/Resource'))!;
  // No RoleName: the logical id names it, and its source names the construct path.
  expect(worker.name).toMatch(/^Worker[0-9A-F]{8}$/);
  expect(worker.arn).toBe(`arn:aws:iam::111111111111:role/${worker.name}`);
  expect(statementsOf(worker.trustPolicy!)[0].Principal).toEqual({ Service: 'lambda.amazonaws.com' });
  const grants = worker.policies.find((p) => p.name.startsWith('WorkerDefaultPolicy'))!;
  expect(grants.via).toBe(`inline in role \`${worker.name}\``);
  expect(grants.arn).toBeUndefined();
  const [full, del, rdsDelete, fromOffice] = statements(grants);
  // The table's name is generated at deploy time: any table of the stack's account and region (an Allow widens).
  expect(full).toEqual({
    Effect: 'Allow',
    Action: 'dynamodb:*',
    Resource: ['arn:aws:dynamodb:eu-west-1:111111111111:table/*'],
  });
  expect(del).toEqual({ Effect: 'Allow', Action: 's3:DeleteObject*', Resource: 'arn:aws:s3:::prod-data/*' });
  // Stack.formatArn around `Ref Db`: the identifier, lowercased as RDS stores it.
  expect(rdsDelete).toEqual({
    Effect: 'Allow',
    Action: 'rds:DeleteDBInstance',
    Resource: 'arn:aws:rds:eu-west-1:111111111111:db:orders',
  });
  expect(fromOffice).toEqual({
    Sid: 'FromOffice',
    Effect: 'Allow',
    Action: 'dynamodb:DeleteTable',
    Resource: 'arn:aws:dynamodb:eu-west-1:111111111111:table/*',
    Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
  });
  // The widened table name is said.
  expect(worker.unresolved).toEqual(
    expect.arrayContaining([
      expect.stringMatching(
        /Resource \{"Fn::GetAtt":\["Table[0-9A-F]+","Arn"\]\} could not be resolved \(the name CloudFormation generates for `Table[0-9A-F]+`\); it is read as `arn:aws:dynamodb:eu-west-1:111111111111:table\/\*`/,
      ),
    ]),
  );
});

test("a user gets its group's policies, via the group", () => {
  const alice = principal(read, 'alice');
  expect(alice.kind).toBe('user');
  expect(alice.arn).toBe('arn:aws:iam::111111111111:user/alice');
  expect(alice.trustPolicy).toBeUndefined();
  expect(alice.policies).toHaveLength(1);
  const [groupPolicy] = alice.policies;
  expect(groupPolicy.name).toMatch(/^AdminsDefaultPolicy/);
  expect(groupPolicy.via).toBe('inline in group `admins`');
  expect(statements(groupPolicy)).toEqual([
    { Effect: 'Allow', Action: 's3:DeleteBucket', Resource: 'arn:aws:s3:::prod-data' },
  ]);
  expect(alice.unresolved).toBeUndefined();
});

test('a permissions boundary applied with PermissionsBoundary.of is the customer managed policy of the template', () => {
  const bounded = read.principals.find((p) => p.source?.includes('Data/Bounded/Resource'))!;
  expect(bounded.policies.map((p) => p.arn)).toEqual([ADMIN_ARN]);
  expect(bounded.boundary).toMatchObject({
    name: 'no-deletes',
    arn: 'arn:aws:iam::111111111111:policy/no-deletes',
    via: `permissions boundary of role \`${bounded.name}\``,
  });
  expect(statementsOf(bounded.boundary!.document)).toEqual([
    { Effect: 'Allow', Action: '*', Resource: '*' },
    { Effect: 'Deny', Action: 'dynamodb:DeleteTable', Resource: '*' },
  ]);
});

test('a Deny under Fn::If on a parameter is not counted, and the principal says so', () => {
  const maybe = principal(read, 'Maybe');
  const p = policy(maybe, 'maybe-deny');
  expect(p.via).toBe('inline in role `Maybe`');
  expect(statements(p)).toEqual([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }]);
  expect(maybe.unresolved).toEqual([
    'inline policy `maybe-deny` (inline in role `Maybe`): Deny: it applies only when condition `IsStrict` holds, decided at deploy time; it is not counted.',
  ]);
  // The AWS managed policy given as an L1 `managedPolicyArns` token is read too.
  expect(policy(maybe, 'AdministratorAccess').document).toEqual(ADMIN);
});

test('an environment-agnostic stack: a placeholder account, Allows widened, Denies that match nothing', () => {
  const ci = principal(read, 'ci');
  expect(ci.accountId).toBe(UNKNOWN_ACCOUNT);
  expect(ci.arn).toBe(`arn:aws:iam::${UNKNOWN_ACCOUNT}:role/ci`);
  expect(statementsOf(ci.trustPolicy!)[0].Principal).toEqual({ AWS: `arn:aws:iam::${UNKNOWN_ACCOUNT}:root` });
  const [allow, deny] = statements(ci.policies[0]);
  expect(allow).toEqual({
    Effect: 'Allow',
    Action: 'dynamodb:DeleteTable',
    Resource: ['arn:aws:dynamodb:*:*:table/scratch'],
  });
  expect(deny).toEqual({ Effect: 'Deny', Action: 'dynamodb:DeleteTable', Resource: UNRESOLVED_RESOURCE });
  expect(ci.unresolved).toEqual(
    expect.arrayContaining([
      expect.stringMatching(
        /: Deny: Resource .* could not be resolved \(the stack's region, which its environment does not name\); it matches nothing here\.$/,
      ),
      expect.stringMatching(/: Allow: Resource .* it is read as `arn:aws:dynamodb:\*:\*:table\/scratch`\.$/),
    ]),
  );
});

test("a nested stack of a Stage: its role's grant on the parent's bucket is followed through the stack parameter", () => {
  const job = principal(read, 'job');
  expect(job.arn).toBe('arn:aws:iam::222222222222:role/job');
  expect(job.source).toMatch(/\(Prod\/Store\/Jobs\/Job\/Resource\)$/);
  const [del] = statements(job.policies[0]);
  expect(del).toEqual({ Effect: 'Allow', Action: 's3:DeleteObject*', Resource: 'arn:aws:s3:::prod-archive/*' });
});

test('every role and user of the assembly is read, and the CDK-generated ones only once', () => {
  const arns = read.principals.map((p) => p.arn);
  expect(new Set(arns).size).toBe(arns.length);
  expect(arns).toEqual(
    expect.arrayContaining([
      'arn:aws:iam::111111111111:role/agent',
      'arn:aws:iam::111111111111:user/alice',
      'arn:aws:iam::111111111111:role/Maybe',
      `arn:aws:iam::${UNKNOWN_ACCOUNT}:role/ci`,
      'arn:aws:iam::222222222222:role/job',
    ]),
  );
});

describe('readTemplatePrincipals on a hand-written template', () => {
  const template = {
    Parameters: { Extra: { Type: 'String' }, Env: { Type: 'String' } },
    Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] }, Never: { 'Fn::Equals': ['a', 'b'] } },
    Resources: {
      Deployer: {
        Type: 'AWS::IAM::Role',
        Properties: {
          Path: '/ci/',
          AssumeRolePolicyDocument: {
            Statement: [
              { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: { 'Fn::GetAtt': ['Ops', 'Arn'] } } },
            ],
          },
          ManagedPolicyArns: [
            { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/shared' },
            'arn:aws:iam::aws:policy/PowerUserAccess',
            { 'Fn::ImportValue': 'somewhere-else' },
          ],
          Tags: [{ Key: 'team', Value: 'ci' }],
        },
      },
      Shared: {
        Type: 'AWS::IAM::ManagedPolicy',
        Properties: {
          ManagedPolicyName: 'shared',
          PolicyDocument: {
            Statement: [
              { Effect: 'Allow', Action: [{ 'Fn::Sub': 'rds:${Extra}' }, 's3:ListBucket'], Resource: '*' },
              { Effect: 'Deny', Action: [{ Ref: 'Extra' }, 'rds:DeleteDBCluster'], Resource: '*' },
            ],
          },
        },
      },
      DeployerInline: {
        Type: 'AWS::IAM::RolePolicy',
        Properties: {
          RoleName: { Ref: 'Deployer' },
          PolicyName: 'inline',
          PolicyDocument: {
            Statement: {
              Effect: 'Allow',
              Action: 'dynamodb:DeleteTable',
              Resource: { 'Fn::GetAtt': ['Orders', 'Arn'] },
            },
          },
        },
      },
      Orders: { Type: 'AWS::DynamoDB::Table', Properties: { TableName: 'orders' } },
      Ops: { Type: 'AWS::IAM::User', Properties: { UserName: 'ops' } },
      Operators: {
        Type: 'AWS::IAM::Group',
        Properties: {
          Policies: [
            {
              PolicyName: 'assume',
              PolicyDocument: {
                Statement: [
                  { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: { 'Fn::GetAtt': ['Deployer', 'Arn'] } },
                ],
              },
            },
          ],
        },
      },
      AddOps: {
        Type: 'AWS::IAM::UserToGroupAddition',
        Properties: { GroupName: { Ref: 'Operators' }, Users: ['ops'] },
      },
      ProdOnly: {
        Type: 'AWS::IAM::UserPolicy',
        Condition: 'IsProd',
        Properties: {
          UserName: 'ops',
          PolicyName: 'prod-only',
          PolicyDocument: {
            Statement: [
              { Effect: 'Allow', Action: 'rds:DeleteDBInstance', Resource: '*' },
              { Effect: 'Deny', Action: 'rds:DeleteDBInstance', Resource: '*' },
            ],
          },
        },
      },
      NeverCreated: {
        Type: 'AWS::IAM::Role',
        Condition: 'Never',
        Properties: { AssumeRolePolicyDocument: { Statement: [] } },
      },
      Elsewhere: {
        Type: 'AWS::IAM::Policy',
        Properties: { PolicyName: 'elsewhere', Roles: ['not-in-this-template'], PolicyDocument: { Statement: [] } },
      },
    },
  };
  const result = readTemplatePrincipals(
    [
      {
        template,
        stackName: 'ci',
        source: 'ci.json',
        accountId: '333333333333',
        region: 'cn-north-1',
        constructPaths: { Deployer: 'Ci/Deployer' },
      },
    ],
    { resolveAwsManagedPolicy },
  );

  test('a role: path, partition from the region, construct path, trust resolved to the user it names', () => {
    const d = principal(result, 'Deployer');
    expect(d.arn).toBe('arn:aws-cn:iam::333333333333:role/ci/Deployer');
    expect(d.path).toBe('/ci/');
    expect(d.source).toBe('ci.json (Ci/Deployer)');
    expect(d.tags).toEqual({ team: 'ci' });
    expect(statementsOf(d.trustPolicy!)[0].Principal).toEqual({ AWS: 'arn:aws-cn:iam::333333333333:user/ops' });
  });

  test("managed policies by ARN: the template's own by name; unknown AWS managed and imported ones are unresolved", () => {
    const d = principal(result, 'Deployer');
    const shared = policy(d, 'shared');
    expect(shared.arn).toBe('arn:aws-cn:iam::333333333333:policy/shared');
    expect(shared.via).toBe('attached to role `Deployer`');
    // The unresolved action widens in an Allow and is left out of a Deny.
    expect(statements(shared)).toEqual([
      { Effect: 'Allow', Action: ['rds:*', 's3:ListBucket'], Resource: '*' },
      { Effect: 'Deny', Action: ['rds:DeleteDBCluster'], Resource: '*' },
    ]);
    expect(statements(policy(d, 'inline'))).toEqual([
      {
        Effect: 'Allow',
        Action: 'dynamodb:DeleteTable',
        Resource: 'arn:aws-cn:dynamodb:cn-north-1:333333333333:table/orders',
      },
    ]);
    expect(d.policies.map((p) => p.name).sort()).toEqual(['inline', 'shared']);
    expect(d.unresolved).toEqual(
      expect.arrayContaining([
        'managed policy "arn:aws:iam::aws:policy/PowerUserAccess" (attached to role `Deployer`): the AWS managed policy `arn:aws:iam::aws:policy/PowerUserAccess` is not known, so its statements were not read.',
        expect.stringMatching(
          /^managed policy \{"Fn::ImportValue":"somewhere-else"\} \(attached to role `Deployer`\): it could not be resolved/,
        ),
        expect.stringMatching(
          /^managed policy `shared` \(attached to role `Deployer`\): Allow: Action \{"Fn::Sub":"rds:\$\{Extra\}"\} could not be resolved \(parameter "Extra", chosen at deploy time\); it is read as `rds:\*`\.$/,
        ),
        expect.stringMatching(
          /^managed policy `shared` \(attached to role `Deployer`\): Deny: Action \{"Ref":"Extra"\} could not be resolved .*; it is left out\.$/,
        ),
      ]),
    );
  });

  test("a user added to a group by UserToGroupAddition; a conditional policy's Deny is not counted", () => {
    const ops = principal(result, 'ops');
    expect(ops.arn).toBe('arn:aws-cn:iam::333333333333:user/ops');
    expect(policy(ops, 'assume').via).toBe('inline in group `Operators`');
    expect(statements(policy(ops, 'assume'))[0].Resource).toBe('arn:aws-cn:iam::333333333333:role/ci/Deployer');
    expect(statements(policy(ops, 'prod-only'))).toEqual([
      { Effect: 'Allow', Action: 'rds:DeleteDBInstance', Resource: '*' },
    ]);
    expect(ops.unresolved).toEqual([
      'inline policy `prod-only` (inline in user `ops`): Deny: it applies only when condition `IsProd` holds, decided at deploy time; it is not counted.',
    ]);
  });

  test('a role whose condition is false is not read; a policy for a role the templates lack is a note', () => {
    expect(result.principals.map((p) => p.name).sort()).toEqual(['Deployer', 'ops']);
    expect(result.notes).toEqual([
      'ci.json (logical id Elsewhere): inline policy `elsewhere` attaches to role `not-in-this-template`, which is not created by these templates; that role is not part of this audit.',
    ]);
  });

  test('a template that is not a template is an InputError', () => {
    expect(() =>
      readTemplatePrincipals([{ template: { Resources: [] }, stackName: 's', source: 'bad.json' }], {}),
    ).toThrow(InputError);
  });
});
