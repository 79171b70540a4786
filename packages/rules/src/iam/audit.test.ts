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
    // Everything but IAM: the role cannot detach the deny from itself (see the self-change tests below).
    const power = policy('PowerUser', doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }));
    const a = audit([role('almost', [power, deny])]);
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

  it('a role that may put or attach a policy on itself can grant itself anything its boundary and SCPs leave', () => {
    const selfGrant = policy(
      'self',
      doc({
        Effect: 'Allow',
        Action: ['iam:PutRolePolicy', 'iam:AttachRolePolicy'],
        Resource: `arn:aws:iam::${ACCOUNT}:role/agent`,
      }),
    );
    const a = audit([role('agent', [selfGrant])]);
    expect(a.destructive.map((g) => g.action)).toEqual(ACTIONS.map((x) => x.action));
    expect(a.destructive[0].via).toEqual([
      expect.objectContaining({ how: 'iam:PutRolePolicy on itself', role: `arn:aws:iam::${ACCOUNT}:role/agent` }),
    ]);
    expect(a.reachableRoles).toEqual([]);
    // On another role only: no route.
    const other = policy(
      'other',
      doc({ Effect: 'Allow', Action: 'iam:PutRolePolicy', Resource: `arn:aws:iam::${ACCOUNT}:role/someone-else` }),
    );
    expect(audit([role('agent', [other])]).destructive).toEqual([]);
    // A boundary still limits what it can grant itself.
    const boundary = policy('boundary', doc({ Effect: 'Allow', Action: ['iam:*', 's3:*'], Resource: '*' }));
    const bounded = audit([role('agent', [selfGrant], { boundary })]);
    expect(bounded.destructive.map((g) => g.action)).toEqual(['s3:DeleteBucket']);
  });

  it('a deny in a policy the principal may delete or detach from itself stops nothing', () => {
    const deny = policy(
      'deny-deletes',
      doc({ Sid: 'NoDeletes', Effect: 'Deny', Action: ['rds:Delete*', 's3:DeleteBucket'], Resource: '*' }),
      `arn:aws:iam::${ACCOUNT}:policy/deny-deletes`,
    );
    const inline = policy('inline-deny', deny.document);
    // AdministratorAccess may detach the managed policy, and delete the inline one, holding the deny.
    for (const held of [deny, inline]) {
      const a = audit([role('agent', [ADMIN, held])]);
      expect(a.destructive.map((g) => g.action)).toEqual(ACTIONS.map((x) => x.action));
      const how = held.arn ? 'iam:DetachRolePolicy' : 'iam:DeleteRolePolicy';
      expect(a.destructive[0].via[0].how).toContain(how);
    }
    // A deny that also covers the calls that would remove it holds.
    const guarded = policy(
      'guarded',
      doc(
        { Effect: 'Deny', Action: ['rds:Delete*', 's3:DeleteBucket'], Resource: '*' },
        { Effect: 'Deny', Action: ['iam:Detach*', 'iam:Delete*', 'iam:Put*', 'iam:Attach*'], Resource: '*' },
      ),
      `arn:aws:iam::${ACCOUNT}:policy/guarded`,
    );
    const a = audit([role('agent', [ADMIN, guarded])]);
    expect(a.destructive.map((g) => g.action)).toEqual(['rds:ModifyDBInstance', 'dynamodb:DeleteTable']);
    expect(a.stopped.map((s) => s.stoppedBy[0].kind)).toEqual(['explicit-deny', 'explicit-deny']);
    // Denying the detach of that one policy (iam:PolicyARN) is enough for a managed policy.
    const pinned = policy(
      'pinned',
      doc(
        { Effect: 'Deny', Action: ['rds:Delete*', 's3:DeleteBucket'], Resource: '*' },
        {
          Effect: 'Deny',
          Action: 'iam:DetachRolePolicy',
          Resource: '*',
          Condition: { ArnEquals: { 'iam:PolicyARN': `arn:aws:iam::${ACCOUNT}:policy/pinned` } },
        },
        // An administrator could otherwise create a role of its own, without the deny, and assume it.
        { Effect: 'Deny', Action: 'iam:CreateRole', Resource: '*' },
      ),
      `arn:aws:iam::${ACCOUNT}:policy/pinned`,
    );
    expect(audit([role('agent', [ADMIN, pinned])]).destructive.map((g) => g.action)).toEqual([
      'rds:ModifyDBInstance',
      'dynamodb:DeleteTable',
    ]);
  });

  it("iam:UpdateAssumeRolePolicy on a role, or new credentials of a user, reach that principal's rights", () => {
    const admin = role('admin', [ADMIN], {
      trustPolicy: doc({ Effect: 'Allow', Principal: { AWS: '222222222222' }, Action: 'sts:AssumeRole' }),
    });
    const rewrite = policy(
      'rewrite',
      doc({ Effect: 'Allow', Action: 'iam:UpdateAssumeRolePolicy', Resource: admin.arn }),
    );
    const a = audit([role('agent', [rewrite]), admin]);
    expect(a.destructive).toHaveLength(ACTIONS.length);
    expect(a.destructive[0]).toEqual(
      expect.objectContaining({
        actingAs: admin.arn,
        via: [expect.objectContaining({ how: 'iam:UpdateAssumeRolePolicy' })],
      }),
    );
    const user: IamPrincipal = { ...role('ops', [ADMIN]), kind: 'user', arn: `arn:aws:iam::${ACCOUNT}:user/ops` };
    const keys = policy('keys', doc({ Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: user.arn }));
    const b = audit([role('agent', [keys]), user]);
    expect(b.destructive[0]).toEqual(expect.objectContaining({ actingAs: user.arn }));
    expect(
      audit([role('agent', [policy('none', doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }))]), user])
        .destructive,
    ).toEqual([]);
  });

  it('principal tags are unknown when the trust policy allows session tags, which override them', () => {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html
    const deny = policy(
      'unless-break-glass',
      doc({
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:PrincipalTag/break-glass': 'yes' } },
      }),
    );
    const trust = (...actions: string[]) =>
      doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: actions });
    expect(audit([role('agent', [ADMIN, deny], { trustPolicy: trust('sts:AssumeRole') })]).destructive).toEqual([]);
    const tagged = audit([role('agent', [ADMIN, deny], { trustPolicy: trust('sts:AssumeRole', 'sts:TagSession') })]);
    expect(tagged.destructive).toHaveLength(ACTIONS.length);
    expect(tagged.destructive.every((g) => g.certainty === 'possible')).toBe(true);
  });

  it('a principal that may tag itself, or join a group, is not held by what its tags or groups are now', () => {
    const deny = policy(
      'unless-break-glass',
      doc(
        { Effect: 'Allow', Action: ['s3:*', 'rds:*', 'dynamodb:*'], Resource: '*' },
        {
          Effect: 'Deny',
          Action: ['s3:*', 'rds:*', 'dynamodb:*'],
          Resource: '*',
          Condition: { StringNotEquals: { 'aws:PrincipalTag/break-glass': 'yes' } },
        },
      ),
    );
    expect(audit([role('agent', [deny])]).destructive).toEqual([]);
    const tagSelf = policy(
      'tag',
      doc({ Effect: 'Allow', Action: 'iam:TagRole', Resource: `arn:aws:iam::${ACCOUNT}:role/agent` }),
    );
    const a = audit([role('agent', [deny, tagSelf])]);
    expect(a.destructive).toHaveLength(ACTIONS.length);
    expect(a.destructive[0].via[0].how).toBe('iam:TagRole on itself');
    const user: IamPrincipal = {
      ...role('dev', [policy('join', doc({ Effect: 'Allow', Action: 'iam:AddUserToGroup', Resource: '*' }))]),
      kind: 'user',
      arn: `arn:aws:iam::${ACCOUNT}:user/dev`,
    };
    expect(audit([user]).destructive[0].via[0].how).toBe('iam:AddUserToGroup on itself');
  });

  it("a trust policy naming a session of the principal's role is a possible route", () => {
    const agent = role('agent', []);
    const admin = role('admin', [ADMIN], {
      trustPolicy: doc({
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:sts::${ACCOUNT}:assumed-role/agent/ci` },
        Action: 'sts:AssumeRole',
      }),
    });
    const a = audit([agent, admin]);
    expect(a.destructive).toHaveLength(ACTIONS.length);
    expect(a.destructive[0]).toEqual(
      expect.objectContaining({
        actingAs: admin.arn,
        certainty: 'possible',
        via: [expect.objectContaining({ how: 'sts:AssumeRole' })],
      }),
    );
    expect(audit([role('other', []), admin]).destructive).toEqual([]);
  });

  it('iam:PassRole to a compute service plus a call that runs code with the role is a possible route', () => {
    const fn = role('fn-admin', [ADMIN], {
      trustPolicy: doc({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }),
    });
    const dev = policy(
      'dev',
      doc(
        { Effect: 'Allow', Action: ['lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: '*' },
        {
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: '*',
          Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
        },
      ),
    );
    const a = audit([role('agent', [dev]), fn]);
    expect(a.destructive).toHaveLength(ACTIONS.length);
    expect(a.destructive[0]).toEqual(
      expect.objectContaining({
        actingAs: fn.arn,
        certainty: 'possible',
        via: [expect.objectContaining({ how: 'iam:PassRole + lambda:CreateFunction' })],
      }),
    );
    // PassRole only to another service: no route through Lambda.
    const ec2Only = policy(
      'ec2-only',
      doc(
        { Effect: 'Allow', Action: 'lambda:CreateFunction', Resource: '*' },
        {
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: '*',
          Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
        },
      ),
    );
    expect(audit([role('agent', [ec2Only]), fn]).destructive).toEqual([]);
    // Changing the code of a function that may already run with the role needs no PassRole.
    const update = policy('update', doc({ Effect: 'Allow', Action: 'lambda:UpdateFunctionCode', Resource: '*' }));
    expect(audit([role('agent', [update]), fn]).destructive[0].via[0].how).toBe(
      'lambda:UpdateFunctionCode on what already runs with it',
    );
    // ssm:SendCommand runs commands with an instance's role, unless the document is one that runs no code of the
    // caller's (AWSBackupOperatorAccess allows only AWSEC2-CreateVssSnapshot).
    const instance = role('instance', [ADMIN], {
      trustPolicy: doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }),
    });
    const vss = policy(
      'vss',
      doc({
        Effect: 'Allow',
        Action: 'ssm:SendCommand',
        Resource: ['arn:aws:ssm:*:*:document/AWSEC2-CreateVssSnapshot', 'arn:aws:ec2:*:*:instance/*'],
      }),
    );
    expect(audit([role('backup', [vss]), instance]).destructive).toEqual([]);
    const anyCommand = policy('ops', doc({ Effect: 'Allow', Action: 'ssm:SendCommand', Resource: '*' }));
    expect(audit([role('ops', [anyCommand]), instance]).destructive[0].via[0].how).toBe(
      'ssm:SendCommand on what already runs with it',
    );
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

  it('a stop that rests on an SCP says SCPs do not bind the management account', () => {
    const deny: ScpLevel = {
      name: 'root.json',
      policies: [
        { name: 'deny', via: 'SCP', document: doc({ Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' }) },
      ],
    };
    const account: IamAccount = { principals: [role('admin', [ADMIN])], scpLevels: [deny] };
    const result = auditAccount(account, { actions: ACTIONS });
    expect(result.notes.join('\n')).toContain(`if ${ACCOUNT} is it, give --management-account`);
    const managed = auditAccount({ ...account, managementAccountId: ACCOUNT }, { actions: ACTIONS });
    expect(managed.notes.join('\n')).not.toContain('--management-account');
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

  it('a principal that may create a role and write its policy can act as that role; only an SCP stops it', () => {
    const creator = role('creator', [
      // Not on itself: only on roles it creates (named new-*).
      policy(
        'iam',
        doc({
          Effect: 'Allow',
          Action: ['iam:CreateRole', 'iam:AttachRolePolicy'],
          Resource: `arn:aws:iam::${ACCOUNT}:role/new-*`,
        }),
      ),
    ]);
    const a = audit([creator]);
    expect(a.destructive).toHaveLength(ACTIONS.length);
    expect(a.destructive[0].via[0]).toMatchObject({
      how: 'iam:CreateRole + iam:AttachRolePolicy',
      certainty: 'allowed',
    });
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
    expect(audit([creator], [scp]).destructive).toEqual([]);
    // Without a way to give the new role rights, creating it grants nothing.
    const bare = role('bare', [policy('iam', doc({ Effect: 'Allow', Action: 'iam:CreateRole', Resource: '*' }))]);
    expect(audit([bare]).destructive).toEqual([]);
  });
});
