import { cloudFormationDocument } from '../dialects/cloudformation';
import type { ResourceModel, StackDocument } from '../model';
import crossAccountCopy from '../rules/backup/backup-cross-account-copy';
import type { TemplateCase } from '../rules/testing/harness';
import { BackupCoverage } from './backup-coverage';
import { evaluate } from './evaluate';
import { arnAccount, referencedResources, stringParts } from './references';

/**
 * Templates as CDK writes them for a `NestedStack`: the parent reads a value
 * out of the nested stack as `Fn::GetAtt [<nested stack>, Outputs.<name>]`,
 * and passes a value into it in the `Parameters` of the
 * `AWS::CloudFormation::Stack` resource, which the nested template reads
 * with `Ref`.
 */
const CENTRAL = 'arn:aws:backup:us-east-1:222222222222:backup-vault:central';
const ENV = { account: '111111111111', region: 'us-east-1' };

/** A parent template and the nested templates its `AWS::CloudFormation::Stack` resources deploy, by logical id. */
function nestedModel(parent: TemplateCase, nested: Record<string, TemplateCase>, skip: string[] = []): ResourceModel {
  const root = cloudFormationDocument({ id: 'Root', template: parent, ...ENV });
  const documents: StackDocument[] = [root];
  for (const [logicalId, template] of Object.entries(nested)) {
    if (skip.includes(logicalId)) continue;
    documents.push(
      cloudFormationDocument({
        id: `Root/${logicalId}`,
        template,
        ...ENV,
        parent: { document: root, logicalId },
      }),
    );
  }
  return { documents };
}

const stack = (parameters?: Record<string, unknown>) => ({
  Type: 'AWS::CloudFormation::Stack',
  Properties: { TemplateURL: 'https://s3.amazonaws.com/cdk-assets/nested.json', Parameters: parameters },
});

const db = {
  Type: 'AWS::RDS::DBInstance',
  Properties: { DBInstanceIdentifier: 'orders', DBInstanceClass: 'db.t3.micro' },
};

/** What `IsolatedBackupVault` writes: a plan copying to the backup account and a selection of `resources`. */
const vault = (resources: unknown[]): Record<string, unknown> => ({
  Plan: {
    Type: 'AWS::Backup::BackupPlan',
    Properties: {
      BackupPlan: {
        BackupPlanName: 'p',
        BackupPlanRule: [
          { RuleName: 'Daily', TargetBackupVault: 'local', CopyActions: [{ DestinationBackupVaultArn: CENTRAL }] },
        ],
      },
    },
  },
  Selection: {
    Type: 'AWS::Backup::BackupSelection',
    Properties: {
      BackupPlanId: { 'Fn::GetAtt': ['Plan', 'BackupPlanId'] },
      BackupSelection: { SelectionName: 's', IamRoleArn: 'arn:aws:iam::111111111111:role/r', Resources: resources },
    },
  },
});

/** An RDS instance ARN around a reference to its `Ref` (CDK's `instanceArn`). */
const dbArn = (ref: unknown) => ({
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':rds:us-east-1:111111111111:db:', ref]],
});

const copyFindings = (model: ResourceModel) => evaluate(model, { rules: [crossAccountCopy] }).findings;

describe('stringParts and referencedResources read across a nested stack boundary', () => {
  const model = nestedModel(
    {
      Parameters: { Stage: { Type: 'String' } },
      Resources: { Data: stack({ Name: { Ref: 'Topic' } }), Topic: { Type: 'AWS::SNS::Topic' } },
    },
    {
      Data: {
        Parameters: { Name: { Type: 'String' }, Unpassed: { Type: 'String' } },
        Resources: { Db: db },
        Outputs: { DbRef: { Value: { Ref: 'Db' } }, Literal: { Value: CENTRAL } },
      },
    },
  );
  const [root, nested] = model.documents;

  test('Fn::GetAtt [<nested stack>, Outputs.X] is the output, its resources named in the nested document', () => {
    expect(stringParts(dbArn({ 'Fn::GetAtt': ['Data', 'Outputs.DbRef'] }), root, 0, model)).toEqual([
      'arn:',
      { pseudo: 'AWS::Partition' },
      ':rds:us-east-1:111111111111:db:',
      { resource: 'Db', document: nested },
    ]);
    // The string form, and `${Data.Outputs.DbRef}` in an Fn::Sub.
    expect(stringParts({ 'Fn::GetAtt': 'Data.Outputs.DbRef' }, root, 0, model)).toEqual([
      { resource: 'Db', document: nested },
    ]);
    expect(stringParts({ 'Fn::Sub': 'db:${Data.Outputs.DbRef}' }, root, 0, model)).toEqual([
      'db:',
      { resource: 'Db', document: nested },
    ]);
    expect(referencedResources({ 'Fn::GetAtt': ['Data', 'Outputs.DbRef'] }, root, model)).toEqual([
      nested.resources.get('Db'),
    ]);
  });

  test('a Ref to a nested stack parameter is what the parent passes in', () => {
    expect(stringParts({ Ref: 'Name' }, nested, 0, model)).toEqual([{ resource: 'Topic', document: root }]);
    expect(stringParts({ 'Fn::Sub': 'x-${Name}' }, nested)).toEqual(['x-', { resource: 'Topic', document: root }]);
    expect(referencedResources({ Ref: 'Name' }, nested, model)).toEqual([root.resources.get('Topic')]);
    // A parameter the parent does not pass is chosen at deploy time, as before.
    expect(stringParts({ Ref: 'Unpassed' }, nested, 0, model)).toEqual([{ unknown: 'parameter "Unpassed"' }]);
  });

  test('an output the nested template does not define, or whose template is not in the model, says so', () => {
    expect(stringParts({ 'Fn::GetAtt': ['Data', 'Outputs.Nope'] }, root, 0, model)).toEqual([
      {
        unknown: 'output "Nope" of nested stack Data, which its template (stack Root/Data) does not define',
        unfollowed: true,
      },
    ]);
    const alone = nestedModel(
      { Resources: { Data: stack() } },
      { Data: { Resources: { Db: db }, Outputs: { DbRef: { Value: { Ref: 'Db' } } } } },
      ['Data'],
    );
    expect(stringParts({ 'Fn::GetAtt': ['Data', 'Outputs.DbRef'] }, alone.documents[0], 0, alone)).toEqual([
      {
        unknown: 'output "DbRef" of nested stack Data, whose template is not among the stacks checked here',
        unfollowed: true,
      },
    ]);
  });

  test("a copy destination that is a nested stack's output is read as its value", () => {
    expect(arnAccount({ 'Fn::GetAtt': ['Data', 'Outputs.Literal'] }, root, model)).toEqual({
      kind: 'literal',
      account: '222222222222',
    });
    expect(arnAccount({ 'Fn::GetAtt': ['Data', 'Outputs.Nope'] }, root, model)).toEqual({
      kind: 'unknown',
      reason: 'it is output "Nope" of nested stack Data, which its template (stack Root/Data) does not define',
    });
  });

  test('outputs and parameters that refer to each other in a circle end, bounded, unresolved', () => {
    // CloudFormation refuses such a pair of templates; reading them must still end, and quickly.
    const circle = nestedModel(
      { Resources: { Data: stack({ P: { 'Fn::GetAtt': ['Data', 'Outputs.O'] } }) } },
      {
        Data: {
          Parameters: { P: { Type: 'String' } },
          Resources: { Db: db },
          Outputs: { O: { Value: { 'Fn::Join': ['', [{ Ref: 'P' }, { Ref: 'P' }, { Ref: 'P' }]] } } },
        },
      },
    );
    const start = Date.now();
    const parts = stringParts({ 'Fn::GetAtt': ['Data', 'Outputs.O'] }, circle.documents[0], 0, circle);
    const refs = referencedResources({ 'Fn::GetAtt': ['Data', 'Outputs.O'] }, circle.documents[0], circle);
    expect(Date.now() - start).toBeLessThan(1000);
    expect(parts.every((p) => typeof p === 'object' && 'unknown' in p)).toBe(true);
    expect(refs).toEqual([]);
  });
});

describe('backup-cross-account-copy: a database and its backup selection on two sides of a nested stack', () => {
  test('the database in the nested stack, the selection in the parent (Fn::GetAtt of its output): no finding', () => {
    const model = nestedModel(
      { Resources: { Data: stack(), ...vault([dbArn({ 'Fn::GetAtt': ['Data', 'Outputs.DbRef'] })]) } },
      { Data: { Resources: { Db: db }, Outputs: { DbRef: { Value: { Ref: 'Db' } } } } },
    );
    // Before: "No backup plan in the app selects this resource, so no copy of it exists in another account."
    expect(copyFindings(model)).toEqual([]);
    const coverage = new BackupCoverage(model);
    expect(coverage.verdict(model.documents[1].resources.get('Db')!)).toMatchObject({
      status: 'isolated',
      account: '222222222222',
    });
  });

  test("an output that is the table's ARN attribute (CDK's tableArn) selects the table", () => {
    const model = nestedModel(
      { Resources: { Data: stack(), ...vault([{ 'Fn::GetAtt': ['Data', 'Outputs.TableArn'] }]) } },
      {
        Data: {
          Resources: { Table: { Type: 'AWS::DynamoDB::Table', Properties: {} } },
          Outputs: { TableArn: { Value: { 'Fn::GetAtt': ['Table', 'Arn'] } } },
        },
      },
    );
    expect(copyFindings(model)).toEqual([]);
  });

  test('the selection in the nested stack, the database in the parent (a parameter passed in): no finding', () => {
    const model = nestedModel(
      { Resources: { Db: db, Backup: stack({ DbRef: { Ref: 'Db' } }) } },
      { Backup: { Parameters: { DbRef: { Type: 'String' } }, Resources: vault([dbArn({ Ref: 'DbRef' })]) } },
    );
    // Before: "… its Resources entry … cannot be resolved: it refers to resource "Db", known only after deployment."
    expect(copyFindings(model)).toEqual([]);
  });

  test("two sibling nested stacks: one's output passed to the other as a parameter: no finding", () => {
    const model = nestedModel(
      {
        Resources: {
          Data: stack(),
          Backup: stack({ DbRef: { 'Fn::GetAtt': ['Data', 'Outputs.DbRef'] } }),
        },
      },
      {
        Data: { Resources: { Db: db }, Outputs: { DbRef: { Value: { Ref: 'Db' } } } },
        Backup: { Parameters: { DbRef: { Type: 'String' } }, Resources: vault([dbArn({ Ref: 'DbRef' })]) },
      },
    );
    expect(copyFindings(model)).toEqual([]);
  });

  test('the plan in the nested stack, the selection beside the database in the parent (BackupPlanId an output)', () => {
    const { Plan, Selection } = vault([dbArn({ Ref: 'Db' })]) as Record<string, { Properties: object }>;
    const selection = {
      ...Selection,
      Properties: { ...Selection.Properties, BackupPlanId: { 'Fn::GetAtt': ['Backup', 'Outputs.PlanId'] } },
    };
    const model = nestedModel(
      { Resources: { Db: db, Backup: stack(), Selection: selection } },
      { Backup: { Resources: { Plan }, Outputs: { PlanId: { Value: { 'Fn::GetAtt': ['Plan', 'BackupPlanId'] } } } } },
    );
    expect(copyFindings(model)).toEqual([]);

    // The same, the nested template without the output: the selection's plan cannot be read, and the finding says why.
    const missing = nestedModel(
      { Resources: { Db: db, Backup: stack(), Selection: selection } },
      { Backup: { Resources: { Plan } } },
    );
    const [f, ...rest] = copyFindings(missing);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'error', unresolved: true, resource: { logicalId: 'Db' } });
    expect(f.message).toBe(
      'No backup copy of this resource is proven to be in another account: selection Selection is not proven to belong to a plan of this app: ' +
        'BackupPlanId is {"Fn::GetAtt":["Backup","Outputs.PlanId"]}: it is output "PlanId" of nested stack Backup, which its template (stack Root/Backup) does not define.',
    );
  });

  test("a copy destination that is a nested stack's output: read as the ARN it outputs", () => {
    const { Plan, Selection } = vault([dbArn({ Ref: 'Db' })]) as Record<string, { Properties: { BackupPlan: object } }>;
    const plan = {
      ...Plan,
      Properties: {
        BackupPlan: {
          BackupPlanName: 'p',
          BackupPlanRule: [
            {
              RuleName: 'Daily',
              TargetBackupVault: 'local',
              CopyActions: [{ DestinationBackupVaultArn: { 'Fn::GetAtt': ['Central', 'Outputs.Arn'] } }],
            },
          ],
        },
      },
    };
    const model = nestedModel(
      { Resources: { Db: db, Central: stack(), Plan: plan, Selection } },
      { Central: { Resources: {}, Outputs: { Arn: { Value: CENTRAL } } } },
    );
    // Before: the destination was taken for an attribute of a resource of this stack, so in its own account.
    expect(copyFindings(model)).toEqual([]);
  });

  test('an output the nested template does not define: unresolved, naming the output and the nested stack', () => {
    const model = nestedModel(
      { Resources: { Data: stack(), ...vault([dbArn({ 'Fn::GetAtt': ['Data', 'Outputs.DbRef'] })]) } },
      { Data: { Resources: { Db: db } } },
    );
    const [f, ...rest] = copyFindings(model);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'error', unresolved: true, resource: { key: 'Root/Data/Db' } });
    expect(f.message).toMatch(
      /^No backup copy of this resource is proven to be in another account: selection Selection \(stack Root\) is not proven to select it: its Resources entry .* cannot be resolved: part of it is output "DbRef" of nested stack Data, which its template \(stack Root\/Data\) does not define\.$/,
    );
  });

  test('a parameter the parent does not pass: unresolved, chosen at deploy time', () => {
    const model = nestedModel(
      { Resources: { Db: db, Backup: stack() } },
      { Backup: { Parameters: { DbRef: { Type: 'String' } }, Resources: vault([dbArn({ Ref: 'DbRef' })]) } },
    );
    const [f, ...rest] = copyFindings(model);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'error', unresolved: true, resource: { key: 'Root/Db' } });
    expect(f.message).toMatch(
      /^No backup copy of this resource is proven to be in another account: selection Selection \(stack Root\/Backup\) is not proven to select it: its Resources entry .* cannot be resolved: it is parameter "DbRef", chosen at deploy time\.$/,
    );
  });
});
