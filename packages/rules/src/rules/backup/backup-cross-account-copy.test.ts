import { findingsOf, type TemplateCase } from '../testing/harness';
import rule from './backup-cross-account-copy';

const CENTRAL = 'arn:aws:backup:us-east-1:222222222222:backup-vault:central';
const join = (...parts: unknown[]) => ({ 'Fn::Join': ['', parts] });
/** What CDK's BackupResource.fromRdsDatabaseInstance / fromEfsFileSystem / fromConstruct render. */
const cdkArn = (service: string, marker: string, logicalId: string) =>
  join('arn:', { Ref: 'AWS::Partition' }, `:${service}:us-east-1:111111111111:${marker}`, { Ref: logicalId });

/** A plan (with CDK's `TargetBackupVault` GetAtt) and one selection, plus the given resources. */
function app(
  resources: Record<string, unknown>,
  selection: Record<string, unknown>,
  options: {
    copy?: unknown;
    extra?: Omit<TemplateCase, 'Resources'>;
    selectionAttributes?: Record<string, unknown>;
  } = {},
): TemplateCase {
  const copy = 'copy' in options ? options.copy : [{ DestinationBackupVaultArn: CENTRAL }];
  return {
    ...options.extra,
    Resources: {
      ...resources,
      Vault: { Type: 'AWS::Backup::BackupVault', Properties: { BackupVaultName: 'local' } },
      Plan: {
        Type: 'AWS::Backup::BackupPlan',
        Properties: {
          BackupPlan: {
            BackupPlanName: 'p',
            BackupPlanRule: [
              {
                RuleName: 'Daily',
                TargetBackupVault: { 'Fn::GetAtt': ['Vault', 'BackupVaultName'] },
                ...(copy === undefined ? {} : { CopyActions: copy }),
              },
            ],
          },
        },
      },
      Sel: {
        Type: 'AWS::Backup::BackupSelection',
        Properties: {
          BackupPlanId: { 'Fn::GetAtt': ['Plan', 'BackupPlanId'] },
          BackupSelection: { SelectionName: 's', IamRoleArn: 'arn:aws:iam::111111111111:role/backup', ...selection },
        },
        ...options.selectionAttributes,
      },
    },
  };
}

const db = {
  Res: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres', DBInstanceIdentifier: 'Orders' } },
};
const table = (props: Record<string, unknown> = {}): Record<string, unknown> & { Resources?: never } => ({
  Res: { Type: 'AWS::DynamoDB::Table', Properties: { TableName: 'orders', ...props } },
});
const other = { Other: { Type: 'AWS::DynamoDB::Table', Properties: { TableName: 'scratch' } } };
const conditions = {
  Parameters: { Env: { Type: 'String' } },
  Conditions: { Prod: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
};

describe('backup-cross-account-copy: Databases, tables and file systems are copied to a backup vault in another account', () => {
  const valid: [string, TemplateCase | TemplateCase[], Record<string, unknown>[]?][] = [
    [
      'an RDS instance by its ARN built from Ref (CDK fromRdsDatabaseInstance)',
      app(db, { Resources: [cdkArn('rds', 'db:', 'Res')] }),
    ],
    [
      'an RDS instance by its DBInstanceArn attribute',
      app(db, { Resources: [{ 'Fn::GetAtt': ['Res', 'DBInstanceArn'] }] }),
    ],
    [
      'an Aurora cluster (CDK fromRdsDatabaseCluster)',
      app(
        { Res: { Type: 'AWS::RDS::DBCluster', Properties: { Engine: 'aurora-postgresql' } } },
        { Resources: [cdkArn('rds', 'cluster:', 'Res')] },
      ),
    ],
    [
      'a DocumentDB cluster',
      app(
        { Res: { Type: 'AWS::DocDB::DBCluster', Properties: {} } },
        { Resources: [{ 'Fn::Sub': 'arn:${AWS::Partition}:rds:${AWS::Region}:${AWS::AccountId}:cluster:${Res}' }] },
      ),
    ],
    [
      'a Neptune cluster',
      app(
        { Res: { Type: 'AWS::Neptune::DBCluster', Properties: {} } },
        { Resources: [cdkArn('rds', 'cluster:', 'Res')] },
      ),
    ],
    [
      'a table by its Arn attribute (CDK fromDynamoDbTable)',
      app(table(), { Resources: [{ 'Fn::GetAtt': ['Res', 'Arn'] }] }),
    ],
    [
      'a table by its ARN built from Ref (CDK fromConstruct)',
      app(table(), { Resources: [cdkArn('dynamodb', 'table/', 'Res')] }),
    ],
    [
      'a global table by its Arn attribute',
      app(
        { Res: { Type: 'AWS::DynamoDB::GlobalTable', Properties: { Replicas: [{ Region: 'us-east-1' }] } } },
        { Resources: [{ 'Fn::GetAtt': ['Res', 'Arn'] }] },
      ),
    ],
    [
      'an EFS file system (CDK fromEfsFileSystem)',
      app(
        { Res: { Type: 'AWS::EFS::FileSystem', Properties: {} } },
        { Resources: [cdkArn('elasticfilesystem', 'file-system/', 'Res')] },
      ),
    ],
    [
      'a literal ARN (CDK fromArn)',
      app(table(), { Resources: ['arn:aws:dynamodb:us-east-1:111111111111:table/orders'] }),
    ],
    ['an ARN pattern', app(db, { Resources: ['arn:aws:rds:*:*:db:*'] })],
    ['the wildcard *', app(table(), { Resources: ['*'] })],
    [
      "ListOfTags on the resource's own tag (CDK fromTag)",
      app(table({ Tags: [{ Key: 'backup', Value: 'daily' }] }), {
        ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'daily' }],
      }),
    ],
    [
      'ListOfTags with the aws:ResourceTag/ prefix',
      app(table({ Tags: [{ Key: 'backup', Value: 'daily' }] }), {
        ListOfTags: [
          { ConditionType: 'STRINGEQUALS', ConditionKey: 'aws:ResourceTag/backup', ConditionValue: 'daily' },
        ],
      }),
    ],
    [
      'ListOfTags on a stack-level tag',
      app(table(), {
        ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'daily' }],
      }),
      [{ tags: { backup: 'daily' } }],
    ],
    [
      'ListOfTags on an EFS FileSystemTags tag',
      app(
        { Res: { Type: 'AWS::EFS::FileSystem', Properties: { FileSystemTags: [{ Key: 'backup', Value: 'daily' }] } } },
        { ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'daily' }] },
      ),
    ],
    [
      "ListOfTags on a global table's local replica tag (CDK Tags.of(tableV2))",
      app(
        {
          Res: {
            Type: 'AWS::DynamoDB::GlobalTable',
            Properties: {
              Replicas: [
                { Region: 'us-west-2', Tags: [] },
                { Region: 'us-east-1', Tags: [{ Key: 'backup', Value: 'daily' }] },
              ],
            },
          },
        },
        { ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'daily' }] },
      ),
    ],
    [
      'ListOfTags OR Resources: the tag selects it',
      app(table({ Tags: [{ Key: 'backup', Value: 'daily' }] }), {
        Resources: ['arn:aws:ec2:*:*:volume/*'],
        ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'daily' }],
      }),
    ],
    [
      'Resources * AND Conditions StringEquals',
      app(table({ Tags: [{ Key: 'backup', Value: 'true' }] }), {
        Resources: ['*'],
        Conditions: { StringEquals: [{ ConditionKey: 'aws:ResourceTag/backup', ConditionValue: 'true' }] },
      }),
    ],
    [
      'Conditions StringLike',
      app(table({ Tags: [{ Key: 'env', Value: 'production' }] }), {
        Resources: ['*'],
        Conditions: { StringLike: [{ ConditionKey: 'aws:ResourceTag/env', ConditionValue: 'prod*' }] },
      }),
    ],
    [
      'Conditions StringNotEquals on a tag the resource lacks',
      app(table(), {
        Resources: ['*'],
        Conditions: { StringNotEquals: [{ ConditionKey: 'aws:ResourceTag/backup', ConditionValue: 'skip' }] },
      }),
    ],
    [
      'Conditions alone select every supported resource that matches',
      app(table({ Tags: [{ Key: 'backup', Value: 'true' }] }), {
        Conditions: { StringEquals: [{ ConditionKey: 'aws:ResourceTag/backup', ConditionValue: 'true' }] },
      }),
    ],
    [
      'NotResources naming another table',
      app({ ...table(), ...other }, { Resources: ['*'], NotResources: [{ 'Fn::GetAtt': ['Other', 'Arn'] }] }),
    ],
    [
      'a decidable condition that keeps the entry',
      app(
        table(),
        { Resources: [{ 'Fn::If': ['Always', { 'Fn::GetAtt': ['Res', 'Arn'] }, { Ref: 'AWS::NoValue' }] }] },
        { extra: { Conditions: { Always: { 'Fn::Equals': ['a', 'a'] } } } },
      ),
    ],
    [
      'an RDS instance in a cluster (judged through its cluster)',
      app(
        {
          Res: {
            Type: 'AWS::RDS::DBInstance',
            Properties: { DBClusterIdentifier: { Ref: 'C' }, Engine: 'aurora-mysql' },
          },
        },
        {},
      ),
    ],
  ];
  // `extra` has a default so the callback's arity stays 2: jest-each treats a parameter beyond a row's length as `done`.
  test.each(valid)('%s passes', (_name, templates, extra = undefined) => {
    expect(findingsOf(rule, templates, extra).filter((f) => f.resource.logicalId === 'Res')).toEqual([]);
  });

  test('a read replica is covered through its source; a standalone instance beside it is judged', () => {
    const findings = findingsOf(rule, {
      Resources: {
        Source: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'mysql' } },
        Replica: { Type: 'AWS::RDS::DBInstance', Properties: { SourceDBInstanceIdentifier: { Ref: 'Source' } } },
      },
    });
    expect(findings.map((f) => f.resource.logicalId)).toEqual(['Source']);
  });

  test('a table in another stack, selected through Fn::ImportValue (CDK cross-stack fromDynamoDbTable), passes', () => {
    const tableStack: TemplateCase = {
      Resources: table(),
      Outputs: { Arn: { Value: { 'Fn::GetAtt': ['Res', 'Arn'] }, Export: { Name: 'Data:TableArn' } } },
    };
    const backupStack = app({}, { Resources: [{ 'Fn::ImportValue': 'Data:TableArn' }] });
    expect(findingsOf(rule, [tableStack, backupStack])).toEqual([]);
  });

  test('an export name built with Fn::Sub is resolved', () => {
    const tableStack: TemplateCase = {
      Resources: table(),
      Outputs: { Arn: { Value: { 'Fn::GetAtt': ['Res', 'Arn'] }, Export: { Name: 'prod-TableArn' } } },
    };
    const backupStack = app(
      {},
      { Resources: [{ 'Fn::ImportValue': { 'Fn::Sub': '${Stage}-TableArn' } }] },
      { extra: { Parameters: { Stage: { Type: 'String' } } } },
    );
    // A parameter in the export name is chosen at deploy time: the selection is not proven.
    expect(findingsOf(rule, [tableStack, backupStack])[0].message).toMatch(
      /is not proven to select it: the export name of .* cannot be resolved: it is parameter "Stage"/,
    );
    const literal = app({}, { Resources: [{ 'Fn::ImportValue': { 'Fn::Sub': ['${S}-TableArn', { S: 'prod' }] } }] });
    expect(findingsOf(rule, [tableStack, literal])).toEqual([]);
  });

  test('a plan in another stack, named through Fn::ImportValue, is read', () => {
    const planStack: TemplateCase = {
      Resources: {
        Plan: {
          Type: 'AWS::Backup::BackupPlan',
          Properties: {
            BackupPlan: {
              BackupPlanName: 'p',
              BackupPlanRule: [
                { RuleName: 'Daily', TargetBackupVault: 'v', CopyActions: [{ DestinationBackupVaultArn: CENTRAL }] },
              ],
            },
          },
        },
      },
      Outputs: { Id: { Value: { Ref: 'Plan' }, Export: { Name: 'PlanId' } } },
    };
    const dataStack: TemplateCase = {
      Resources: {
        ...table(),
        Sel: {
          Type: 'AWS::Backup::BackupSelection',
          Properties: {
            BackupPlanId: { 'Fn::ImportValue': 'PlanId' },
            BackupSelection: { SelectionName: 's', IamRoleArn: 'r', Resources: [{ 'Fn::GetAtt': ['Res', 'Arn'] }] },
          },
        },
      },
    };
    expect(findingsOf(rule, [dataStack, planStack])).toEqual([]);
  });

  const notSelected: [string, TemplateCase, Record<string, unknown>?][] = [
    ['1. no backup plan at all', { Resources: table() }],
    [
      '2. a selection of another table',
      app({ ...table(), ...other }, { Resources: [{ 'Fn::GetAtt': ['Other', 'Arn'] }] }),
    ],
    [
      '3. a literal ARN of another table',
      app(table(), { Resources: ['arn:aws:dynamodb:us-east-1:111111111111:table/scratch'] }),
    ],
    ['4. an ARN pattern for another type', app(table(), { Resources: ['arn:aws:rds:*:*:db:*'] })],
    [
      '5. ListOfTags that the resource does not match',
      app(table({ Tags: [{ Key: 'backup', Value: 'weekly' }] }), {
        ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'daily' }],
      }),
    ],
    [
      '6. Resources * but Conditions not met',
      app(table({ Tags: [{ Key: 'backup', Value: 'false' }] }), {
        Resources: ['*'],
        Conditions: { StringEquals: [{ ConditionKey: 'aws:ResourceTag/backup', ConditionValue: 'true' }] },
      }),
    ],
    [
      '7. Conditions StringNotLike that excludes it',
      app(table({ Tags: [{ Key: 'env', Value: 'dev-1' }] }), {
        Resources: ['*'],
        Conditions: { StringNotLike: [{ ConditionKey: 'aws:ResourceTag/env', ConditionValue: 'dev*' }] },
      }),
    ],
    [
      '8. NotResources naming it by its ARN',
      app(table(), { Resources: ['*'], NotResources: [{ 'Fn::GetAtt': ['Res', 'Arn'] }] }),
    ],
    [
      '9. NotResources naming it by literal pattern',
      app(table(), { Resources: ['*'], NotResources: ['arn:aws:dynamodb:*:*:table/ord*'] }),
    ],
    [
      '10. a selection whose condition is false',
      app(
        table(),
        { Resources: ['*'] },
        { extra: { Conditions: { Never: { 'Fn::Equals': ['a', 'b'] } } }, selectionAttributes: { Condition: 'Never' } },
      ),
    ],
    [
      '11. a decidable condition that drops the entry',
      app(
        table(),
        { Resources: [{ 'Fn::If': ['Never', { 'Fn::GetAtt': ['Res', 'Arn'] }, { Ref: 'AWS::NoValue' }] }] },
        { extra: { Conditions: { Never: { 'Fn::Equals': ['a', 'b'] } } } },
      ),
    ],
  ];
  test.each(notSelected)('%s: not selected', (_name, template, extra = undefined) => {
    const findings = findingsOf(rule, template, extra);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'backup-cross-account-copy',
      severity: 'error',
      resource: { logicalId: 'Res' },
    });
    expect(findings[0].message).toBe(
      'No backup plan in the app selects this resource, so no copy of it exists in another account.',
    );
    expect(findings[0].fix).toMatch(/CopyActions/);
  });

  test('a wildcard selection in a stack of another account does not select it', () => {
    const findings = findingsOf(
      rule,
      [{ Resources: table() }, app({}, { Resources: ['*'] })],
      [{}, { account: '333333333333' }],
    );
    expect(findings.map((f) => f.message)).toEqual([
      'No backup plan in the app selects this resource, so no copy of it exists in another account.',
    ]);
  });

  const noCopy: [string, TemplateCase, RegExp, boolean][] = [
    [
      '12. the plan has no copy action (CDK plans by default)',
      app(table(), { Resources: ['*'] }, { copy: undefined }),
      /No backup copy of this resource is proven to be in another account: plan Plan has no copy action\./,
      false,
    ],
    [
      '13. the plan copies to a vault in the same template',
      app(
        table(),
        { Resources: ['*'] },
        { copy: [{ DestinationBackupVaultArn: { 'Fn::GetAtt': ['Vault', 'BackupVaultArn'] } }] },
      ),
      /plan Plan \(rule Daily\) copies to a vault in the same account/,
      false,
    ],
    [
      "14. the plan copies to the resource's own account by literal ARN",
      app(
        table(),
        { Resources: ['*'] },
        { copy: [{ DestinationBackupVaultArn: 'arn:aws:backup:us-west-2:111111111111:backup-vault:dr' }] },
      ),
      /copies to account 111111111111, the resource's own account/,
      false,
    ],
    [
      '15. the destination account is a parameter',
      app(
        table(),
        { Resources: ['*'] },
        {
          copy: [{ DestinationBackupVaultArn: { 'Fn::Sub': 'arn:aws:backup:us-east-1:${Acct}:backup-vault:central' } }],
          extra: { Parameters: { Acct: { Type: 'String' } } },
        },
      ),
      /copies to a destination whose account cannot be read: DestinationBackupVaultArn is \{"Fn::Sub":"arn:aws:backup:us-east-1:\$\{Acct\}:backup-vault:central"\}: its account comes from parameter "Acct"/,
      true,
    ],
    [
      '16. a selection under an undecidable condition',
      app(table(), { Resources: ['*'] }, { extra: conditions, selectionAttributes: { Condition: 'Prod' } }),
      /selection Sel is not proven to select it: Sel is created only under condition "Prod"/,
      true,
    ],
    [
      '17. an entry that exists under one branch only',
      app(
        table(),
        { Resources: [{ 'Fn::If': ['Prod', { 'Fn::GetAtt': ['Res', 'Arn'] }, { Ref: 'AWS::NoValue' }] }] },
        { extra: conditions },
      ),
      /is not proven to select it: its Resources entry \{"Fn::If":\["Prod",.*\]\} depends on condition "Prod", decided at deploy time/,
      true,
    ],
    [
      '18. NotResources from a parameter may exclude it',
      app(
        table(),
        { Resources: ['*'], NotResources: [{ Ref: 'Skip' }] },
        { extra: { Parameters: { Skip: { Type: 'String' } } } },
      ),
      /it may be excluded: its NotResources entry \{"Ref":"Skip"\} cannot be resolved: it is parameter "Skip"/,
      true,
    ],
    [
      '19. a stream ARN is not the table',
      app(table(), { Resources: [{ 'Fn::GetAtt': ['Res', 'StreamArn'] }] }),
      /\{"Fn::GetAtt":\["Res","StreamArn"\]\} refers to Res but is not its ARN/,
      true,
    ],
    [
      '20. an index ARN is not the table',
      app(table(), { Resources: [join('arn:aws:dynamodb:us-east-1:111111111111:table/', { Ref: 'Res' }, '/index/*')] }),
      /refers to Res but is not its ARN/,
      true,
    ],
    [
      '21. a tag value that cannot be resolved',
      app(
        table({ Tags: [{ Key: 'backup', Value: { Ref: 'Env' } }] }),
        {
          Resources: ['*'],
          Conditions: { StringNotEquals: [{ ConditionKey: 'aws:ResourceTag/backup', ConditionValue: 'skip' }] },
        },
        { extra: conditions },
      ),
      /the value of its tag "backup" cannot be resolved/,
      true,
    ],
    [
      '22. the selection belongs to a plan outside the app',
      (() => {
        const t = app(table(), { Resources: ['*'] });
        (t.Resources.Sel as { Properties: Record<string, unknown> }).Properties.BackupPlanId = 'plan-0123';
        return t;
      })(),
      /is not proven to belong to a plan of this app: BackupPlanId is "plan-0123": it names plan "plan-0123", which is not in this app, so its copy actions cannot be read/,
      true,
    ],
    [
      "23. an ARN in an account that is not the resource's",
      app(db, {
        Resources: [join('arn:', { Ref: 'AWS::Partition' }, ':rds:us-east-1:999999999999:db:', { Ref: 'Res' })],
      }),
      /refers to Res but is not its ARN/,
      true,
    ],
  ];
  test.each(noCopy)('%s: no isolated copy', (_name, template, message, unresolved) => {
    const findings = findingsOf(rule, template);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'backup-cross-account-copy',
      severity: 'error',
      resource: { logicalId: 'Res' },
    });
    expect(findings[0].message).toMatch(message);
    expect(findings[0].unresolved).toBe(unresolved ? true : undefined);
  });

  test('a selection whose BackupPlanId depends on a condition names two plans and proves neither', () => {
    const t = app(table(), { Resources: ['*'] }, { extra: conditions });
    const plan2 = { ...(t.Resources.Plan as object) };
    const sel = t.Resources.Sel as { Properties: Record<string, unknown> };
    sel.Properties.BackupPlanId = { 'Fn::If': ['Prod', { 'Fn::GetAtt': ['Plan', 'BackupPlanId'] }, { Ref: 'Plan2' }] };
    const [f] = findingsOf(rule, { ...t, Resources: { ...t.Resources, Plan2: plan2 } });
    expect(f).toMatchObject({ unresolved: true });
    expect(f.message).toMatch(/selection Sel names plan Plan or Plan2, depending on a value known only at deploy time/);
  });

  test('an environment-agnostic stack is never proven to copy elsewhere', () => {
    const [f] = findingsOf(rule, app(table(), { Resources: [{ 'Fn::GetAtt': ['Res', 'Arn'] }] }), {
      account: undefined,
      region: undefined,
    });
    expect(f.unresolved).toBe(true);
    expect(f.message).toMatch(
      /copies to account 222222222222, but the resource's own account is not known \(an environment-agnostic stack\)/,
    );
  });

  test('an environment-agnostic stack without any plan says so', () => {
    const [f] = findingsOf(rule, { Resources: table() }, { account: undefined });
    expect(f.message).toMatch(/account is not known \(an environment-agnostic stack\)/);
  });

  describe('a database and its backup set-up in two stacks of one app', () => {
    /** What CDK writes for `vault.protect(db)` with the vault in another stack: the database stack exports its `Ref`. */
    const dataStack: TemplateCase = {
      Resources: db,
      Outputs: { ExportsOutputRefRes: { Value: { Ref: 'Res' } }, Other: { Value: 'x', Export: { Name: 'Unrelated' } } },
    };
    (dataStack.Outputs!.ExportsOutputRefRes as Record<string, unknown>).Export = { Name: 'Data:ExportsOutputRefRes' };
    /** The vault's stack: its selection names the database by an ARN around `Fn::ImportValue` of that export. */
    const vaultStack = app(
      {},
      {
        Resources: [
          join('arn:', { Ref: 'AWS::Partition' }, ':rds:us-east-1:111111111111:db:', {
            'Fn::ImportValue': 'Data:ExportsOutputRefRes',
          }),
        ],
      },
    );

    test('a selection whose ARN joins an Fn::ImportValue of the database (CDK cross-stack protect) passes', () => {
      // Before: "its Resources entry … cannot be resolved: it is imported from another stack's export".
      expect(findingsOf(rule, [dataStack, vaultStack])).toEqual([]);
      expect(findingsOf(rule, [vaultStack, dataStack])).toEqual([]);
    });

    test('an imported ARN of another database does not select this one', () => {
      const two: TemplateCase = {
        Resources: {
          ...db,
          Second: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres' } },
        },
        Outputs: { Exp: { Value: { Ref: 'Second' }, Export: { Name: 'Data:ExportsOutputRefRes' } } },
      };
      const findings = findingsOf(rule, [two, vaultStack]);
      expect(findings.map((f) => f.resource.logicalId)).toEqual(['Res']);
    });

    test('the database stack checked alone: a finding that says the selection may be in another stack', () => {
      const [f] = findingsOf(rule, [dataStack]);
      expect(f).toMatchObject({ severity: 'error', unresolved: true });
      expect(f.message).toBe(
        'No backup plan in the stacks checked here selects this resource, but stack Stack exports it as "Data:ExportsOutputRefRes" and no stack checked here imports that: a backup selection in another stack may select it. Check the stacks together to prove its copy in another account.',
      );
      expect(f.fix).toMatch(
        /^Check this stack together with the stack on the other side of export "Data:ExportsOutputRefRes"/,
      );
      expect(f.fix).toMatch(/deadbolt check cdk\.out/);
      const [cdk] = findingsOf(rule, [dataStack], {}, { idiom: 'cdk' });
      expect(cdk.fix).toMatch(/add `DataProtectionChecks` to the App/);
      expect(cdk.fix).toMatch(/If no stack selects the resource: Add it to a `BackupPlan`/);
    });

    test('a plan imported from a stack not checked: the message names the export and says to check both', () => {
      const selectionHere: TemplateCase = {
        Resources: {
          ...db,
          Sel: {
            Type: 'AWS::Backup::BackupSelection',
            Properties: {
              BackupPlanId: { 'Fn::ImportValue': 'Backup:PlanId' },
              BackupSelection: { SelectionName: 's', IamRoleArn: 'r', Resources: [cdkArn('rds', 'db:', 'Res')] },
            },
          },
        },
      };
      const [f] = findingsOf(rule, selectionHere);
      expect(f.unresolved).toBe(true);
      expect(f.message).toMatch(
        /BackupPlanId is \{"Fn::ImportValue":"Backup:PlanId"\}: it is imported from export "Backup:PlanId", which no stack checked here \(or more than one\) defines\. The selection imports "Backup:PlanId" from a stack not checked here: check the stacks together\.$/,
      );
      expect(f.fix).toMatch(/^Check this stack together with the stack on the other side of export "Backup:PlanId"/);
    });

    test('a database no stack selects, whose stack exports nothing about it, keeps the plain message', () => {
      const [f] = findingsOf(rule, [{ Resources: db, Outputs: { O: { Value: 'x', Export: { Name: 'Unrelated' } } } }]);
      expect(f.message).toBe(
        'No backup plan in the app selects this resource, so no copy of it exists in another account.',
      );
    });
  });

  test('the CDK fix names the BackupResource factory for the type', () => {
    const [f] = findingsOf(rule, { Resources: db }, {}, { idiom: 'cdk' });
    expect(f.fix).toMatch(/BackupResource\.fromRdsDatabaseInstance\(db\)/);
    expect(f.fix).toMatch(/BackupVault\.fromBackupVaultArn/);
  });
});
