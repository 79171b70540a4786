import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { DESTRUCTIVE_ACTIONS, actionWildcards } from '@deadbolt/rules';
import { AgentGuardrailPolicy } from '../../src';

const BREAK_GLASS = 'arn:aws:iam::111111111111:role/BreakGlass';

interface StatementJson {
  Sid: string;
  Effect: string;
  Action: string[] | string;
  Resource: string[] | string;
  Condition?: Record<string, Record<string, unknown>>;
  Principal?: unknown;
}

function json(policy: AgentGuardrailPolicy): StatementJson[] {
  return policy.statements().map((s) => s.toStatementJson() as StatementJson);
}

function listed(s: StatementJson): string[] {
  return Array.isArray(s.Action) ? s.Action : [s.Action];
}

/** The actions written, each pattern replaced by the SAR actions it matches (`actionWildcards`). */
function actions(statements: StatementJson[]): string[] {
  const wildcards = actionWildcards();
  return statements.flatMap((s) =>
    listed(s).flatMap((a) => (a.endsWith('*') && wildcards[a] ? [...wildcards[a]] : [a])),
  );
}

function scpJson(policy: AgentGuardrailPolicy): StatementJson[] {
  return policy.scpStatements().map((s) => s.toStatementJson() as StatementJson);
}

function bySid(statements: StatementJson[], sid: string): StatementJson {
  const s = statements.find((x) => x.Sid === sid);
  if (!s) throw new Error(`no statement ${sid}`);
  return s;
}

describe('AgentGuardrailPolicy', () => {
  test('every statement is a Deny', () => {
    expect(json(new AgentGuardrailPolicy()).every((s) => s.Effect === 'Deny')).toBe(true);
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
    expect(actions(scpJson(new AgentGuardrailPolicy()))).toEqual(expect.arrayContaining(expected));
    expect(new AgentGuardrailPolicy().deniedActions()).toEqual(expect.arrayContaining(expected));
  });

  test('denies every action of the destructive-action catalogue, each exactly once, patterns included', () => {
    const denied = actions(scpJson(new AgentGuardrailPolicy()));
    expect(new Set(denied.map((a) => a.toLowerCase())).size).toBe(denied.length);
    expect(denied).toEqual(expect.arrayContaining(DESTRUCTIVE_ACTIONS.map((a) => a.action)));
    expect(new AgentGuardrailPolicy().deniedActions().sort()).toEqual([...denied].sort());
    // The principal form keeps the tag with one Deny of `*`; the rest is the same.
    const own = json(new AgentGuardrailPolicy());
    expect(listed(bySid(own, 'DeadboltDenyProtectionTagChange'))).toEqual(['*']);
    expect(actions(own.filter((s) => s.Sid !== 'DeadboltDenyProtectionTagChange'))).toEqual(
      actions(scpJson(new AgentGuardrailPolicy()).filter((s) => s.Sid !== 'DeadboltDenyProtectionTagChange')),
    );
  });

  test('a pattern stands only for actions its own statement denies', () => {
    const wildcards = actionWildcards();
    const guardrail = new AgentGuardrailPolicy();
    const wrong: string[] = [];
    for (const s of scpJson(guardrail)) {
      const names = new Set(actions([s]).map((a) => a.toLowerCase()));
      for (const a of listed(s)) {
        if (!a.endsWith('*')) continue;
        if (!wildcards[a]) wrong.push(`${s.Sid}: ${a} is not a generated pattern`);
        else for (const m of wildcards[a]) if (!names.has(m.toLowerCase())) wrong.push(`${s.Sid}: ${a} matches ${m}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  test('copies and actions without aws:ResourceTag are denied everywhere; the rest by tag; buckets by ARN', () => {
    const s = json(new AgentGuardrailPolicy());
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
    expect(actions([bySid(s, 'DeadboltDenyBucketDataLoss')]).every((a) => a.startsWith('s3:'))).toBe(true);
  });

  test('deletes of tagged resources are scoped by the protection tag', () => {
    const s = bySid(
      json(new AgentGuardrailPolicy({ tagKey: 'team:data', tagValue: 'prod' })),
      'DeadboltDenyDestroyTagged',
    );
    expect(s.Resource).toBe('*');
    expect(s.Condition).toEqual({ StringEquals: { 'aws:ResourceTag/team:data': 'prod' } });
  });

  test('snapshots and recovery points are denied everywhere: copies do not reliably carry the tag', () => {
    const s = bySid(json(new AgentGuardrailPolicy()), 'DeadboltDenyDeleteAnywhere');
    expect(s.Resource).toBe('*');
    expect(s.Condition).toBeUndefined();
  });

  test('buckets are scoped by ARN, objects included', () => {
    const s = bySid(
      json(new AgentGuardrailPolicy({ protectedBucketArns: ['arn:aws:s3:::prod-*'] })),
      'DeadboltDenyBucketDataLoss',
    );
    expect(s.Resource).toEqual(['arn:aws:s3:::prod-*', 'arn:aws:s3:::prod-*/*']);
    // By default every resource: requests through an access point are authorized on the access point's ARN.
    expect(bySid(json(new AgentGuardrailPolicy()), 'DeadboltDenyBucketDataLoss').Resource).toBe('*');
  });

  test('removing or changing the protection tag on a protected resource is denied', () => {
    const scp = bySid(scpJson(new AgentGuardrailPolicy()), 'DeadboltDenyProtectionTagChange');
    expect(actions([scp])).toEqual(
      expect.arrayContaining(['rds:RemoveTagsFromResource', 'ec2:DeleteTags', 'iam:UntagRole', 'sqs:UntagQueue']),
    );
    const s = bySid(json(new AgentGuardrailPolicy()), 'DeadboltDenyProtectionTagChange');
    expect(s.Condition).toEqual({
      StringEquals: { 'aws:ResourceTag/deadbolt:protected': 'true' },
      'ForAnyValue:StringEquals': { 'aws:TagKeys': ['deadbolt:protected'] },
    });
  });

  test('the break-glass principals are exempt from every statement', () => {
    const statements = json(
      new AgentGuardrailPolicy({ breakGlassPrincipalArns: [BREAK_GLASS, 'arn:aws:iam::*:role/dlm-*'] }),
    );
    for (const s of [
      ...statements,
      ...scpJson(new AgentGuardrailPolicy({ breakGlassPrincipalArns: [BREAK_GLASS, 'arn:aws:iam::*:role/dlm-*'] })),
    ])
      expect(s.Condition?.ArnNotLike).toEqual({ 'aws:PrincipalArn': [BREAK_GLASS, 'arn:aws:iam::*:role/dlm-*'] });
  });

  test('denyModifyCalls: false leaves the general modify calls out, not the calls that only lower protection', () => {
    const all = actions(json(new AgentGuardrailPolicy({ denyModifyCalls: false })));
    expect(all).not.toContain('rds:ModifyDBInstance');
    expect(all).not.toContain('dynamodb:UpdateTable');
    expect(all).not.toContain('sqs:SetQueueAttributes');
    expect(all).toContain('rds:DeleteDBInstance');
    expect(all).toContain('elasticfilesystem:UpdateFileSystemProtection');
    expect(all).toContain('logs:PutRetentionPolicy');
  });

  test('MODIFY_CALLS are lower-protection actions of the catalogue', () => {
    const kinds = new Map(DESTRUCTIVE_ACTIONS.map((a) => [a.action, a.kind]));
    expect(AgentGuardrailPolicy.MODIFY_CALLS.filter((a) => kinds.get(a) !== 'lower-protection')).toEqual([]);
  });

  test.each([
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
    (_name, props) => {
      const guardrail = new AgentGuardrailPolicy(props);
      const docs = guardrail.toScpDocuments();
      const sizes = docs.map((d) => Buffer.byteLength(d, 'utf8'));
      // Measured: [5116, 2116] with the defaults, [4976, 3019] with the ARNs above.
      expect(docs.length).toBeGreaterThanOrEqual(2);
      expect(docs.length).toBeLessThanOrEqual(4);
      for (const size of sizes) expect(size).toBeLessThanOrEqual(5120);
      const statements = docs.flatMap((d) => {
        expect(d).not.toMatch(/\s/);
        const parsed = JSON.parse(d) as { Version: string; Statement: StatementJson[] };
        expect(parsed.Version).toBe('2012-10-17');
        return parsed.Statement;
      });
      expect(statements.every((s) => s.Principal === undefined && s.Effect === 'Deny')).toBe(true);
      expect(new Set(statements.map((s) => s.Sid)).size).toBe(statements.length);
      // Split statements keep their resources and conditions; together they deny what the statements deny.
      expect(actions(statements).sort()).toEqual(actions(scpJson(guardrail)).sort());
    },
  );

  test('toScpDocument refuses the catalogue, which needs several documents, and names toScpDocuments', () => {
    expect(() => new AgentGuardrailPolicy().toScpDocument()).toThrow(
      /^The SCP document is \d+ bytes, over the 5120-byte limit of AWS Organizations: use `toScpDocuments\(\)`/,
    );
  });

  test('SCPs needing more than four documents are refused with the count', () => {
    const many = Array.from({ length: 40 }, (_, i) => `arn:aws:iam::111111111111:role/break-glass-role-number-${i}`);
    expect(() => new AgentGuardrailPolicy({ breakGlassPrincipalArns: many }).toScpDocuments()).toThrow(
      /^The SCP needs \d+ documents of at most 5120 bytes; AWS Organizations attaches at most 5 SCPs to a target/,
    );
  });

  test('a managed policy over the IAM limit is refused with its size', () => {
    const many = Array.from({ length: 10 }, (_, i) => `arn:aws:iam::111111111111:role/break-glass-role-number-${i}`);
    const stack = new Stack(new App({ builtinCloudFormationValidation: false }), 'Agent');
    expect(() => new AgentGuardrailPolicy({ breakGlassPrincipalArns: many }).toManagedPolicy(stack, 'G')).toThrow(
      /^The managed policy is \d+ characters, over the 6144-character limit of IAM managed policies/,
    );
  });

  test('the managed policy synthesizes with the statements', () => {
    const stack = new Stack(new App({ builtinCloudFormationValidation: false }), 'Agent');
    const role = new iam.Role(stack, 'AgentRole', { assumedBy: new iam.AccountRootPrincipal() });
    new AgentGuardrailPolicy({ breakGlassPrincipalArns: [BREAK_GLASS] })
      .toManagedPolicy(stack, 'Guardrail')
      .attachToRole(role);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'DeadboltDenyDestroyTagged',
            Effect: 'Deny',
            Action: Match.arrayWith(['rds:DeleteDBInstance']),
          }),
        ]),
      },
      Roles: [{ Ref: Match.stringLikeRegexp('AgentRole') }],
    });
    // IAM's managed policy limit is 6,144 characters without whitespace.
    const doc = Object.values(template.findResources('AWS::IAM::ManagedPolicy'))[0].Properties.PolicyDocument;
    expect(JSON.stringify(doc).length).toBeLessThanOrEqual(6144);
  });

  test('the permissions boundary allows everything else and applies to a role', () => {
    const stack = new Stack(new App({ builtinCloudFormationValidation: false }), 'Agent');
    const role = new iam.Role(stack, 'AgentRole', { assumedBy: new iam.AccountRootPrincipal() });
    iam.PermissionsBoundary.of(role).apply(new AgentGuardrailPolicy().toPermissionsBoundary(stack, 'Boundary'));
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([{ Sid: 'DeadboltBoundaryAllow', Effect: 'Allow', Action: '*', Resource: '*' }]),
      },
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      PermissionsBoundary: { Ref: Match.stringLikeRegexp('Boundary') },
    });
  });

  test('refuses values that are not ARNs', () => {
    expect(() => new AgentGuardrailPolicy({ breakGlassPrincipalArns: ['BreakGlass'] })).toThrow(
      '`breakGlassPrincipalArns` must hold principal ARNs, got `BreakGlass`.',
    );
    expect(() => new AgentGuardrailPolicy({ protectedBucketArns: ['prod-data'] })).toThrow(
      '`protectedBucketArns` must hold S3 bucket ARNs such as `arn:aws:s3:::prod-*`, got `prod-data`.',
    );
    expect(() => new AgentGuardrailPolicy({ protectedBucketArns: ['arn:aws:s3:::prod/*'] })).toThrow(
      '`protectedBucketArns` must hold bucket ARNs without an object path, got `arn:aws:s3:::prod/*`.',
    );
  });
});
