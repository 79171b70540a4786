import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
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

function actions(statements: StatementJson[]): string[] {
  return statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
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
    expect(actions(json(new AgentGuardrailPolicy()))).toEqual(expect.arrayContaining(expected));
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
    expect(bySid(json(new AgentGuardrailPolicy()), 'DeadboltDenyBucketDataLoss').Resource).toEqual([
      'arn:*:s3:::*',
      'arn:*:s3:::*/*',
    ]);
  });

  test('removing or changing the protection tag on a protected resource is denied', () => {
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
    for (const s of statements)
      expect(s.Condition?.ArnNotLike).toEqual({ 'aws:PrincipalArn': [BREAK_GLASS, 'arn:aws:iam::*:role/dlm-*'] });
  });

  test('denyModifyCalls: false leaves the modify calls out', () => {
    const all = actions(json(new AgentGuardrailPolicy({ denyModifyCalls: false })));
    expect(all).not.toContain('rds:ModifyDBInstance');
    expect(all).not.toContain('dynamodb:UpdateTable');
    expect(all).toContain('rds:DeleteDBInstance');
  });

  test('the SCP document parses, has no Principal, and fits the Organizations limit', () => {
    const doc = new AgentGuardrailPolicy({
      breakGlassPrincipalArns: [
        BREAK_GLASS,
        'arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/*AWSReservedSSO_BreakGlass_*',
      ],
      protectedBucketArns: ['arn:aws:s3:::prod-*', 'arn:aws:s3:::backups-*'],
    }).toScpDocument();
    const parsed = JSON.parse(doc) as { Version: string; Statement: StatementJson[] };
    expect(parsed.Version).toBe('2012-10-17');
    expect(parsed.Statement.length).toBe(5);
    expect(parsed.Statement.every((s) => s.Principal === undefined && s.Effect === 'Deny')).toBe(true);
    expect(Buffer.byteLength(doc, 'utf8')).toBeLessThanOrEqual(5120);
    expect(doc).not.toMatch(/\s/);
  });

  test('an SCP document over the limit is refused with its size', () => {
    const many = Array.from({ length: 60 }, (_, i) => `arn:aws:iam::111111111111:role/break-glass-role-number-${i}`);
    expect(() => new AgentGuardrailPolicy({ breakGlassPrincipalArns: many }).toScpDocument()).toThrow(
      /^The SCP document is \d+ bytes, over the 5120-byte limit of AWS Organizations/,
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
