import { auditAccount } from './audit';
import type { DestructiveAction } from './destructive-actions';
import type { IamAccount, IamPrincipal, NamedPolicy, PolicyDocument, PolicyStatement, ScpLevel } from './model';

const ACCOUNT = '111122223333';

const ACTIONS: DestructiveAction[] = [
  { action: 'rds:DeleteDBInstance', kind: 'delete', why: 'Deletes the database.', stores: ['AWS::RDS::DBInstance'] },
  {
    action: 'rds:ModifyDBInstance',
    kind: 'lower-protection',
    why: 'Turns deletion protection off.',
    stores: ['AWS::RDS::DBInstance'],
  },
  { action: 's3:DeleteBucket', kind: 'delete', why: 'Deletes the bucket.', stores: ['AWS::S3::Bucket'] },
  { action: 'dynamodb:DeleteTable', kind: 'delete', why: 'Deletes the table.', stores: ['AWS::DynamoDB::Table'] },
];

function doc(...Statement: PolicyStatement[]): PolicyDocument {
  return { Version: '2012-10-17', Statement };
}

function policy(name: string, document: PolicyDocument, arn?: string): NamedPolicy {
  return { name, arn, via: `attached to role \`${name}\``, document };
}

function role(name: string, policies: NamedPolicy[], extra: Partial<IamPrincipal> = {}): IamPrincipal {
  return {
    kind: 'role',
    arn: `arn:aws:iam::${ACCOUNT}:role/${name}`,
    name,
    accountId: ACCOUNT,
    path: '/',
    policies,
    tags: {},
    trustPolicy: doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }),
    ...extra,
  };
}

const ADMIN = policy(
  'AdministratorAccess',
  doc({ Effect: 'Allow', Action: '*', Resource: '*' }),
  'arn:aws:iam::aws:policy/AdministratorAccess',
);

function audit(principals: IamPrincipal[], scpLevels: ScpLevel[] = [], options = {}) {
  const account: IamAccount = { principals, scpLevels };
  return auditAccount(account, { actions: ACTIONS, ...options }, principals.slice(0, 1)).principals[0];
}

describe('auditAccount', () => {
  it('an administrator can perform every destructive action, on any resource', () => {
    const a = audit([role('admin', [ADMIN])]);
    expect(a.destructive.map((g) => g.action)).toEqual(ACTIONS.map((x) => x.action));
    expect(a.destructive[0].allowedOn).toEqual([expect.objectContaining({ resource: '*', certainty: 'allowed' })]);
    expect(a.stopped).toEqual([]);
  });

  it('a read-only role is stopped by the missing allow', () => {
    const ro = policy(
      'ReadOnly',
      doc({ Effect: 'Allow', Action: ['rds:Describe*', 's3:Get*', 'dynamodb:Get*'], Resource: '*' }),
    );
    const a = audit([role('reader', [ro])]);
    expect(a.destructive).toEqual([]);
    expect(a.stopped[0].stoppedBy[0]).toEqual({ kind: 'no-allow', detail: 'no identity policy allows it' });
  });

  it('a deny list that forgets a Modify action leaves that action open', () => {
    const deny = policy(
      'deny-deletes',
      doc({
        Sid: 'NoDeletes',
        Effect: 'Deny',
        Action: ['rds:Delete*', 's3:DeleteBucket', 'dynamodb:DeleteTable'],
        Resource: '*',
      }),
    );
    const a = audit([role('almost', [ADMIN, deny])]);
    expect(a.destructive.map((g) => g.action)).toEqual(['rds:ModifyDBInstance']);
    expect(a.stopped.find((s) => s.action === 'rds:DeleteDBInstance')?.stoppedBy[0]).toEqual(
      expect.objectContaining({ kind: 'explicit-deny', detail: expect.stringContaining('`NoDeletes`') }),
    );
  });

  it('NotAction allows everything it does not name', () => {
    const power = policy('PowerUser', doc({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }));
    expect(audit([role('power', [power])]).destructive).toHaveLength(ACTIONS.length);
  });

  it('a deployer scoped to staging ARNs can destroy staging only', () => {
    const deployer = policy(
      'staging',
      doc({ Effect: 'Allow', Action: 'rds:*', Resource: `arn:aws:rds:*:${ACCOUNT}:db:staging-*` }),
    );
    const a = audit([role('deployer', [deployer])]);
    expect(a.destructive.map((g) => [g.action, g.allowedOn.map((o) => o.resource)])).toEqual([
      ['rds:DeleteDBInstance', [`arn:aws:rds:*:${ACCOUNT}:db:staging-*`]],
      ['rds:ModifyDBInstance', [`arn:aws:rds:*:${ACCOUNT}:db:staging-*`]],
    ]);
    // On a production ARN, nothing allows it.
    const prod = audit([role('deployer', [deployer])], [], {
      resources: [`arn:aws:rds:us-east-1:${ACCOUNT}:db:prod-main`],
    });
    expect(prod.destructive).toEqual([]);
  });

  it('a permissions boundary limits what the identity policies allow', () => {
    const boundary = policy('boundary', doc({ Effect: 'Allow', Action: ['s3:*'], Resource: '*' }));
    const a = audit([role('bounded', [ADMIN], { boundary })]);
    expect(a.destructive.map((g) => g.action)).toEqual(['s3:DeleteBucket']);
    expect(a.stopped[0].stoppedBy[0]).toEqual(expect.objectContaining({ kind: 'boundary' }));
  });

  it('every SCP level must allow; a deny in any level stops', () => {
    const full: ScpLevel = {
      name: 'root.json',
      policies: [policy('FullAWSAccess', doc({ Effect: 'Allow', Action: '*', Resource: '*' }))],
    };
    const onlyS3: ScpLevel = {
      name: 'ou.json',
      policies: [policy('s3-only', doc({ Effect: 'Allow', Action: ['s3:*', 'rds:*'], Resource: '*' }))],
    };
    const deny: ScpLevel = {
      name: 'acct.json',
      policies: [policy('deny', doc({ Effect: 'Deny', Action: 'rds:Delete*', Resource: '*' }))],
    };
    const a = audit([role('admin', [ADMIN])], [full, onlyS3, deny]);
    expect(a.destructive.map((g) => g.action)).toEqual(['rds:ModifyDBInstance', 's3:DeleteBucket']);
    const why = Object.fromEntries(a.stopped.map((s) => [s.action, s.stoppedBy[0].kind]));
    expect(why).toEqual({ 'rds:DeleteDBInstance': 'explicit-deny', 'dynamodb:DeleteTable': 'scp' });
  });

  it('an undecidable condition makes an allow possible and a deny not certain', () => {
    const mfa = policy(
      'mfa',
      doc({
        Effect: 'Allow',
        Action: 's3:DeleteBucket',
        Resource: '*',
        Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
      }),
    );
    const a = audit([role('mfa', [mfa])]);
    expect(a.destructive).toEqual([expect.objectContaining({ action: 's3:DeleteBucket', certainty: 'possible' })]);
    const ipDeny = policy(
      'ip',
      doc({
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
      }),
    );
    const b = audit([role('ip', [ADMIN, ipDeny])]);
    expect(b.destructive).toHaveLength(ACTIONS.length);
    expect(b.destructive[0].certainty).toBe('possible');
  });

  it('conditions on the principal are decided: a break-glass exemption and principal tags', () => {
    const deny = policy(
      'guard',
      doc({
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: { ArnNotLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/break-glass` } },
      }),
    );
    expect(audit([role('agent', [ADMIN, deny])]).destructive).toEqual([]);
    expect(audit([role('break-glass', [ADMIN, deny])]).destructive).toHaveLength(ACTIONS.length);
    const tagged = policy(
      'team',
      doc({
        Effect: 'Allow',
        Action: '*',
        Resource: '*',
        Condition: { StringEquals: { 'aws:PrincipalTag/team': 'data' } },
      }),
    );
    expect(audit([role('untagged', [tagged])]).destructive).toEqual([]);
    expect(audit([role('tagged', [tagged], { tags: { team: 'data' } })]).destructive).toHaveLength(ACTIONS.length);
  });

  it('a resource-tag deny counts only when the data is known to carry the tag', () => {
    const deny = policy(
      'tagged',
      doc({
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: { StringEquals: { 'aws:ResourceTag/deadbolt:protected': 'true' } },
      }),
    );
    expect(audit([role('agent', [ADMIN, deny])]).destructive).toHaveLength(ACTIONS.length);
    expect(
      audit([role('agent', [ADMIN, deny])], [], { resourceTags: { 'deadbolt:protected': 'true' } }).destructive,
    ).toEqual([]);
  });

  it('a deny on some resources leaves the rest, named as exceptions', () => {
    const deny = policy('prod', doc({ Effect: 'Deny', Action: 's3:DeleteBucket', Resource: 'arn:aws:s3:::prod-*' }));
    const a = audit([role('agent', [ADMIN, deny])]);
    const g = a.destructive.find((x) => x.action === 's3:DeleteBucket');
    expect(g?.allowedOn).toEqual([expect.objectContaining({ resource: '*', except: ['arn:aws:s3:::prod-*'] })]);
  });

  it('follows sts:AssumeRole into a role that trusts the account, when the identity policy allows the call', () => {
    const agent = role('agent', [
      policy(
        'assume',
        doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::${ACCOUNT}:role/admin` }),
      ),
    ]);
    const admin = role('admin', [ADMIN]);
    const a = audit([agent, admin]);
    expect(a.destructive).toHaveLength(ACTIONS.length);
    expect(a.destructive[0].via).toEqual([{ how: 'sts:AssumeRole', role: admin.arn, certainty: 'allowed' }]);
    // Without the identity allow, a trust of the account root is not enough.
    const b = audit([role('agent', []), admin]);
    expect(b.destructive).toEqual([]);
  });

  it('a trust policy naming the principal needs no identity allow within the account', () => {
    const agent = role('agent', []);
    const admin = role('admin', [ADMIN], {
      trustPolicy: doc({ Effect: 'Allow', Principal: { AWS: agent.arn }, Action: 'sts:AssumeRole' }),
    });
    expect(audit([agent, admin]).destructive).toHaveLength(ACTIONS.length);
  });

  it('iam:PassRole to a CloudFormation execution role plus UpdateStack acts with that role', () => {
    const exec = role('cdk-hnb659fds-cfn-exec-role', [ADMIN], {
      trustPolicy: doc({
        Effect: 'Allow',
        Principal: { Service: 'cloudformation.amazonaws.com' },
        Action: 'sts:AssumeRole',
      }),
    });
    const deployer = role('deployer', [
      policy(
        'deploy',
        doc(
          { Effect: 'Allow', Action: 'iam:PassRole', Resource: exec.arn },
          { Effect: 'Allow', Action: ['cloudformation:CreateStack', 'cloudformation:UpdateStack'], Resource: '*' },
        ),
      ),
    ]);
    const a = audit([deployer, exec]);
    expect(a.destructive).toHaveLength(ACTIONS.length);
    expect(a.destructive[0].via[0]).toEqual({
      how: 'iam:PassRole + cloudformation:CreateStack',
      role: exec.arn,
      certainty: 'allowed',
    });
    // An SCP that denies the destructive actions binds the execution role too.
    const scp: ScpLevel = {
      name: 'guard.json',
      policies: [
        policy(
          'guard',
          doc(
            { Effect: 'Allow', Action: '*', Resource: '*' },
            { Effect: 'Deny', Action: ['rds:*', 's3:DeleteBucket', 'dynamodb:DeleteTable'], Resource: '*' },
          ),
        ),
      ],
    };
    expect(audit([deployer, exec], [scp]).destructive).toEqual([]);
  });

  it('a principal whose policies could not be read is assumed able to do anything', () => {
    const a = audit([
      role('unknown', [], { unresolved: ['customer managed policy arn:aws:iam::111122223333:policy/missing'] }),
    ]);
    expect(a.destructive).toHaveLength(ACTIONS.length);
    expect(a.destructive[0].certainty).toBe('possible');
    expect(a.assumptions[0]).toContain('could not be read');
  });

  it('a deny-only SCP level is read beside FullAWSAccess, and says so', () => {
    const deny: ScpLevel = {
      name: 'deny.json',
      policies: [policy('deny', doc({ Effect: 'Deny', Action: 's3:*', Resource: '*' }))],
    };
    const result = auditAccount({ principals: [role('admin', [ADMIN])], scpLevels: [deny] }, { actions: ACTIONS });
    expect(result.principals[0].destructive.map((g) => g.action)).toEqual([
      'rds:DeleteDBInstance',
      'rds:ModifyDBInstance',
      'dynamodb:DeleteTable',
    ]);
    expect(result.notes[0]).toContain('only Deny statements');
  });

  it('SCPs do not apply to service-linked roles or the management account', () => {
    const deny: ScpLevel = {
      name: 'deny.json',
      policies: [
        policy(
          'deny',
          doc({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: '*', Resource: '*' }),
        ),
      ],
    };
    const linked = role('AWSServiceRoleForBackup', [ADMIN], { path: '/aws-service-role/backup.amazonaws.com/' });
    const r = auditAccount({ principals: [linked], scpLevels: [deny] }, { actions: ACTIONS });
    expect(r.principals[0].serviceLinked).toBe(true);
    expect(r.principals[0].destructive).toHaveLength(ACTIONS.length);
    const admin = role('admin', [ADMIN]);
    expect(
      auditAccount({ principals: [admin], scpLevels: [deny], managementAccountId: ACCOUNT }, { actions: ACTIONS })
        .principals[0].destructive,
    ).toHaveLength(ACTIONS.length);
  });

  it("decides a condition on the destructive call's own request values", () => {
    const session: DestructiveAction = {
      action: 's3express:CreateSession',
      kind: 'delete',
      why: 'A ReadWrite session deletes objects.',
      stores: ['AWS::S3Express::DirectoryBucket'],
      request: { 's3express:SessionMode': ['ReadWrite'] },
    };
    const readOnly = policy(
      'ro',
      doc({
        Effect: 'Allow',
        Action: 's3express:CreateSession',
        Resource: '*',
        Condition: { StringEquals: { 's3express:SessionMode': 'ReadOnly' } },
      }),
    );
    const account: IamAccount = { principals: [role('reader', [readOnly])], scpLevels: [] };
    expect(auditAccount(account, { actions: [session] }).principals[0].destructive).toEqual([]);
    const any = policy('rw', doc({ Effect: 'Allow', Action: 's3express:CreateSession', Resource: '*' }));
    const writer: IamAccount = { principals: [role('writer', [any])], scpLevels: [] };
    expect(auditAccount(writer, { actions: [session] }).principals[0].destructive).toHaveLength(1);
  });
});
