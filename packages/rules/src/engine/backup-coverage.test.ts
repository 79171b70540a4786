import crossAccountCopy from '../rules/backup/backup-cross-account-copy';
import { findingsOf, modelOf, type TemplateCase } from '../rules/testing/harness';
import { BackupCoverage, readTags } from './backup-coverage';

const CENTRAL = 'arn:aws:backup:us-east-1:222222222222:backup-vault:central';

describe('BackupCoverage.copyDestinations', () => {
  test('reads the copy actions of a CDK-shaped plan whose TargetBackupVault is an attribute', () => {
    // Before: the whole rule list was resolved, and the GetAtt made every CDK plan unreadable.
    const model = modelOf({
      Resources: {
        Vault: { Type: 'AWS::Backup::BackupVault', Properties: {} },
        Plan: {
          Type: 'AWS::Backup::BackupPlan',
          Properties: {
            BackupPlan: {
              BackupPlanName: 'p',
              BackupPlanRule: [
                {
                  RuleName: 'Daily',
                  TargetBackupVault: { 'Fn::GetAtt': ['Vault', 'BackupVaultName'] },
                  CopyActions: [{ DestinationBackupVaultArn: CENTRAL }],
                },
              ],
            },
          },
        },
      },
    });
    const coverage = new BackupCoverage(model);
    const plan = model.documents[0].resources.get('Plan')!;
    const { copies, unresolved } = coverage.copyDestinations(plan);
    expect(unresolved).toBeUndefined();
    expect(copies.map((c) => [c.ruleName, c.account])).toEqual([
      ['Daily', { kind: 'literal', account: '222222222222' }],
    ]);
    expect(BackupCoverage.crossAccount(copies[0], '111111111111')).toBe(true);
    expect(BackupCoverage.crossAccount(copies[0], '222222222222')).toBe(false);
    expect(BackupCoverage.crossAccount(copies[0], undefined)).toBe(false);
  });
});

describe('readTags', () => {
  const tableWith = (props: Record<string, unknown>, type = 'AWS::DynamoDB::Table'): TemplateCase => ({
    Parameters: { P: { Type: 'String' } },
    Conditions: { C: { 'Fn::Equals': [{ Ref: 'P' }, 'x'] } },
    Resources: { T: { Type: type, Properties: props } },
  });
  const tagsOf = (t: TemplateCase, extra = {}) => readTags(modelOf(t, extra).documents[0].resources.get('T')!);

  test("stack tags, overridden by the resource's own", () => {
    const r = tagsOf(tableWith({ Tags: [{ Key: 'team', Value: 'data' }] }), { tags: { team: 'platform', cost: 'x' } });
    expect(Object.fromEntries(r.tags)).toEqual({ team: 'data', cost: 'x' });
  });

  test('an unresolvable value is recorded by key, an unresolvable key as unknown keys', () => {
    const r = tagsOf(
      tableWith({
        Tags: [
          { Key: 'a', Value: { Ref: 'P' } },
          { Key: { Ref: 'P' }, Value: 'v' },
          { Key: 'b', Value: 'ok' },
        ],
      }),
    );
    expect(Object.fromEntries(r.tags)).toEqual({ b: 'ok' });
    expect([...r.unresolvedKeys]).toEqual(['a']);
    expect(r.unknownKeys).toBe(true);
  });

  test('a tag under an undecidable condition whose key is known', () => {
    const r = tagsOf(
      tableWith({ Tags: [{ 'Fn::If': ['C', { Key: 'backup', Value: 'daily' }, { Key: 'backup', Value: 'none' }] }] }),
    );
    expect([...r.unresolvedKeys]).toEqual(['backup']);
  });

  test("a global table carries the tags of its replica in the stack's region", () => {
    const r = tagsOf(
      tableWith(
        {
          Replicas: [
            { Region: 'eu-west-1', Tags: [{ Key: 'x', Value: 'eu' }] },
            { Region: 'us-east-1', Tags: [{ Key: 'x', Value: 'us' }] },
          ],
        },
        'AWS::DynamoDB::GlobalTable',
      ),
    );
    expect(Object.fromEntries(r.tags)).toEqual({ x: 'us' });
    const agnostic = tagsOf(
      tableWith(
        { Replicas: [{ Region: { Ref: 'AWS::Region' }, Tags: [{ Key: 'x', Value: 'local' }] }] },
        'AWS::DynamoDB::GlobalTable',
      ),
      { region: undefined },
    );
    expect(Object.fromEntries(agnostic.tags)).toEqual({ x: 'local' });
  });
});

/**
 * A template with one DynamoDB table, one plan copying to another account and
 * one selection; `selection` and `plan` override their properties and attributes.
 */
function backupApp(
  options: {
    selectionProps?: Record<string, unknown>;
    selection?: Record<string, unknown>;
    plan?: Record<string, unknown>;
    table?: Record<string, unknown>;
    extra?: Omit<TemplateCase, 'Resources'>;
    resources?: Record<string, unknown>;
  } = {},
): TemplateCase {
  return {
    Parameters: { Env: { Type: 'String' }, PlanId: { Type: 'String' }, Arns: { Type: 'CommaDelimitedList' } },
    Conditions: {
      Prod: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
      Eu: { 'Fn::Equals': [{ Ref: 'Env' }, 'eu'] },
      ProdAndEu: { 'Fn::And': [{ Condition: 'Prod' }, { Condition: 'Eu' }] },
    },
    ...options.extra,
    Resources: {
      Table: { Type: 'AWS::DynamoDB::Table', Properties: { TableName: 'orders' }, ...options.table },
      Plan: {
        Type: 'AWS::Backup::BackupPlan',
        Properties: {
          BackupPlan: {
            BackupPlanName: 'p',
            BackupPlanRule: [
              {
                RuleName: 'Daily',
                TargetBackupVault: 'local',
                CopyActions: [{ DestinationBackupVaultArn: 'arn:aws:backup:us-east-1:222222222222:backup-vault:c' }],
              },
            ],
          },
        },
        ...options.plan,
      },
      Sel: {
        Type: 'AWS::Backup::BackupSelection',
        Properties: {
          BackupPlanId: { Ref: 'Plan' },
          BackupSelection: {
            SelectionName: 's',
            IamRoleArn: 'arn:aws:iam::111111111111:role/backup',
            Resources: [{ 'Fn::GetAtt': ['Table', 'Arn'] }],
            ...options.selectionProps,
          },
        },
        ...options.selection,
      },
      ...options.resources,
    },
  };
}

const tableFindings = (t: TemplateCase) =>
  findingsOf(crossAccountCopy, t).filter((f) => f.resource.logicalId === 'Table');

describe('linking fields that cannot be resolved are findings that name the field and the expression', () => {
  const withPlanId = (BackupPlanId: unknown) =>
    backupApp({
      selection: {
        Properties: {
          BackupPlanId,
          BackupSelection: {
            SelectionName: 's',
            IamRoleArn: 'arn:aws:iam::111111111111:role/backup',
            Resources: [{ 'Fn::GetAtt': ['Table', 'Arn'] }],
          },
        },
      },
    });
  const unresolved: [string, TemplateCase, string][] = [
    [
      '1. BackupPlanId from a parameter',
      withPlanId({ Ref: 'PlanId' }),
      'selection Sel is not proven to belong to a plan of this app: BackupPlanId is {"Ref":"PlanId"}: it is parameter "PlanId", chosen at deploy time',
    ],
    [
      '2. BackupPlanId that is the plan under one condition and a parameter under the other (was counted as the plan)',
      withPlanId({ 'Fn::If': ['Prod', { Ref: 'Plan' }, { Ref: 'PlanId' }] }),
      'selection Sel is not proven to belong to a plan of this app: BackupPlanId is {"Ref":"PlanId"}: it is parameter "PlanId", chosen at deploy time',
    ],
    [
      '3. BackupPlanId picked from a list with Fn::Select: the parameter it picks',
      withPlanId({ 'Fn::Select': [1, [{ Ref: 'Plan' }, { Ref: 'PlanId' }]] }),
      'selection Sel is not proven to belong to a plan of this app: BackupPlanId is {"Ref":"PlanId"}: it is parameter "PlanId", chosen at deploy time',
    ],
    [
      '3b. BackupPlanId picked by an index from a parameter',
      withPlanId({ 'Fn::Select': [{ Ref: 'Env' }, [{ Ref: 'Plan' }, { Ref: 'PlanId' }]] }),
      'selection Sel is not proven to belong to a plan of this app: BackupPlanId is {"Fn::Select":[{"Ref":"Env"},[{"Ref":"Plan"},{"Ref":"PlanId"}]]}: it is parameter "Env", chosen at deploy time',
    ],
    [
      '4. BackupPlanId imported from an export no stack of the app defines',
      withPlanId({ 'Fn::ImportValue': 'shared-plan-id' }),
      'selection Sel is not proven to belong to a plan of this app: BackupPlanId is {"Fn::ImportValue":"shared-plan-id"}: it is imported from export "shared-plan-id", which no stack checked here (or more than one) defines. The selection imports "shared-plan-id" from a stack not checked here: check the stacks together',
    ],
    [
      "5. BackupPlanId that is the plan's ARN, not its id",
      withPlanId({ 'Fn::GetAtt': ['Plan', 'BackupPlanArn'] }),
      'selection Sel is not proven to belong to a plan of this app: BackupPlanId is {"Fn::GetAtt":["Plan","BackupPlanArn"]}: it is an attribute of resource "Plan", known only after deployment',
    ],
    [
      '6. a Resources entry picked with Fn::Select from a parameter list (was skipped as naming other resources)',
      backupApp({
        selectionProps: { Resources: [{ 'Fn::Select': [0, [{ 'Fn::GetAtt': ['Other', 'Arn'] }, { Ref: 'Env' }]] }] },
        resources: { Other: { Type: 'AWS::DynamoDB::Table', Properties: { TableName: 'scratch' } } },
      }),
      'selection Sel is not proven to select it: its Resources entry {"Fn::Select":[0,[{"Fn::GetAtt":["Other","Arn"]},{"Ref":"Env"}]]} cannot be resolved: it is an attribute of resource "Other", known only after deployment',
    ],
    [
      '7. Resources from a list parameter',
      backupApp({ selectionProps: { Resources: { Ref: 'Arns' } } }),
      'selection Sel is not proven to select it: its Resources is {"Ref":"Arns"}, which cannot be resolved: it is parameter "Arns", chosen at deploy time',
    ],
    [
      '8. ListOfTags from a parameter',
      backupApp({ selectionProps: { Resources: undefined, ListOfTags: { Ref: 'Arns' } } }),
      'selection Sel is not proven to select it: its ListOfTags is {"Ref":"Arns"}, which cannot be resolved: it is parameter "Arns", chosen at deploy time',
    ],
    [
      '9. Conditions under an undecidable Fn::If',
      backupApp({
        selectionProps: {
          Conditions: {
            'Fn::If': [
              'Prod',
              { StringEquals: [{ ConditionKey: 'aws:ResourceTag/backup', ConditionValue: 'yes' }] },
              { Ref: 'AWS::NoValue' },
            ],
          },
        },
      }),
      'selection Sel is not proven to select it: its Conditions depends on condition "Prod", decided at deploy time',
    ],
    [
      '10. NotResources under a parameter',
      backupApp({ selectionProps: { NotResources: [{ Ref: 'Env' }] } }),
      'selection Sel is not proven to select it: it may be excluded: its NotResources entry {"Ref":"Env"} cannot be resolved: it is parameter "Env", chosen at deploy time',
    ],
  ];
  test.each(unresolved)('%s', (_name, template, reason) => {
    const findings = tableFindings(template);
    expect(findings).toHaveLength(1);
    expect(findings[0].unresolved).toBe(true);
    expect(findings[0].message).toBe(`No backup copy of this resource is proven to be in another account: ${reason}.`);
  });

  test('a BackupPlanId picked from a literal list by a literal index is the plan picked', () => {
    expect(tableFindings(withPlanId({ 'Fn::Select': [0, [{ Ref: 'Plan' }, { Ref: 'PlanId' }]] }))).toEqual([]);
  });

  test('a BackupPlanId imported from the stack that defines the plan is that plan', () => {
    const planStack: TemplateCase = {
      Resources: backupApp().Resources,
      Outputs: { Id: { Value: { Ref: 'Plan' }, Export: { Name: 'plan-id' } } },
    };
    const model = modelOf([
      planStack,
      {
        Resources: {
          Sel2: {
            Type: 'AWS::Backup::BackupSelection',
            Properties: {
              BackupPlanId: { 'Fn::ImportValue': 'plan-id' },
              BackupSelection: { SelectionName: 's', IamRoleArn: 'r', Resources: ['arn:aws:dynamodb:*:*:table/x'] },
            },
          },
        },
      },
    ]);
    const coverage = new BackupCoverage(model);
    expect(coverage.planOf(model.documents[1].resources.get('Sel2')!)).toBe(model.documents[0].resources.get('Plan'));
  });
});

describe('a selection and a resource under the same Condition are judged together', () => {
  test.each<[string, Parameters<typeof backupApp>[0]]>([
    ['selection and table under Prod', { table: { Condition: 'Prod' }, selection: { Condition: 'Prod' } }],
    [
      'selection, plan and table under Prod',
      { table: { Condition: 'Prod' }, selection: { Condition: 'Prod' }, plan: { Condition: 'Prod' } },
    ],
    [
      'a table under Fn::And of Prod and Eu, the selection under Prod',
      { table: { Condition: 'ProdAndEu' }, selection: { Condition: 'Prod' } },
    ],
    [
      'an entry Fn::If [Prod, table, AWS::NoValue] for a table under Prod',
      {
        table: { Condition: 'Prod' },
        selectionProps: {
          Resources: [{ 'Fn::If': ['Prod', { 'Fn::GetAtt': ['Table', 'Arn'] }, { Ref: 'AWS::NoValue' }] }],
        },
      },
    ],
  ])('%s: covered whenever the table exists', (_name, options) => {
    expect(tableFindings(backupApp(options))).toEqual([]);
  });

  test.each<[string, Parameters<typeof backupApp>[0], string]>([
    [
      'the selection under Prod, the table unconditional',
      { selection: { Condition: 'Prod' } },
      'selection Sel is not proven to select it: Sel is created only under condition "Prod", decided at deploy time',
    ],
    [
      'the selection under Eu, the table under Prod',
      { table: { Condition: 'Prod' }, selection: { Condition: 'Eu' } },
      'selection Sel is not proven to select it: Sel is created only under condition "Eu", decided at deploy time',
    ],
    [
      'the plan under Eu, selection and table under Prod',
      { table: { Condition: 'Prod' }, selection: { Condition: 'Prod' }, plan: { Condition: 'Eu' } },
      'plan Plan is not proven to exist: Plan is created only under condition "Eu", decided at deploy time',
    ],
  ])('%s: still not proven', (_name, options, reason) => {
    const findings = tableFindings(backupApp(options));
    expect(findings.map((f) => f.message)).toEqual([
      `No backup copy of this resource is proven to be in another account: ${reason}.`,
    ]);
  });
});

describe('wildcard selections cost linear time', () => {
  test('fourteen consecutive stars (and 500 star-separated letters) in a selection ARN: the whole check well under 1 s', () => {
    for (const pattern of [`arn:aws:rds:${'*'.repeat(14)}x`, `arn:aws:dynamodb:${'o*'.repeat(500)}q`]) {
      const start = Date.now();
      const findings = tableFindings(backupApp({ selectionProps: { Resources: [pattern] } }));
      expect(Date.now() - start).toBeLessThan(1000);
      expect(findings.map((f) => f.message)).toEqual([
        'No backup plan in the app selects this resource, so no copy of it exists in another account.',
      ]);
    }
  });
});
