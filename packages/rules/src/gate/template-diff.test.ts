import { cloudFormationDocument } from '../dialects/cloudformation';
import type { StackDocument } from '../model';
import { runGate } from './read-plan';
import { diffTemplates } from './template-diff';
import { blockedOf, fixture } from './testing';

function doc(template: unknown, extra: { id?: string; terminationProtection?: boolean } = {}): StackDocument {
  return cloudFormationDocument({
    id: extra.id ?? 'template',
    template,
    terminationProtection: extra.terminationProtection,
  });
}

function gate(before: unknown, after: unknown) {
  return runGate(diffTemplates([doc(before)], [doc(after)]));
}

const table = (
  props: Record<string, unknown> = {},
  attrs: Record<string, unknown> = { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' },
) => ({
  Resources: {
    T: {
      Type: 'AWS::DynamoDB::Table',
      ...attrs,
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        ...props,
      },
    },
  },
});

describe('diffTemplates: fixtures', () => {
  test('a safe change passes, reporting the retained bucket that leaves the template', () => {
    const report = gate(fixture('template-before'), fixture('template-after-safe'));
    expect(report.blocked).toEqual([]);
    expect(report.allowed.find((d) => d.change.address === 'ExportsBucket')!.note).toMatch(
      /kept \(DeletionPolicy Retain\)/,
    );
  });

  test('an unsafe change blocks protection off, a key-schema replacement, a policy lowered, a shorter key window and a deleted table', () => {
    const report = gate(fixture('template-before'), fixture('template-after-unsafe'));
    const by = Object.fromEntries(report.blocked.map((b) => [b.change.address, b]));
    expect(Object.keys(by)).toEqual(['OrdersDatabase', 'SessionsTable', 'InvoicesBucket', 'DataKey', 'ScratchTable']);
    expect(by.OrdersDatabase.reasons).toEqual([
      '`DeletionProtection` changes from true to false: deletion protection is off, so one API call can delete it.',
    ]);
    expect(by.SessionsTable).toMatchObject({ approvalAction: 'replace' });
    expect(by.SessionsTable.reasons[0]).toMatch(
      /changing `KeySchema` forces replacement \(CloudFormation specification\); UpdateReplacePolicy Retain/,
    );
    expect(by.InvoicesBucket.reasons).toEqual([
      '`DeletionPolicy` changes from Retain to Delete: removing it from the template or deleting the stack now deletes the live data.',
    ]);
    expect(by.DataKey.reasons[0]).toMatch(/`PendingWindowInDays` changes from not set to 7/);
    expect(by.ScratchTable.reasons[0]).toBe(
      'CloudFormation deletes it and the data in it (it is no longer in the template; DeletionPolicy Delete (not set)).',
    );
  });
});

describe('diffTemplates: replacement per the CloudFormation specification', () => {
  test('a property that always replaces (TableName) blocks as replace', () => {
    const [b] = gate(table({ TableName: 'a' }), table({ TableName: 'b' })).blocked;
    expect(b.approvalAction).toBe('replace');
    expect(b.change.conditional).toBe(false);
  });

  test('a property that may replace (RDS Engine) blocks as a conditional replace', () => {
    const db = (engine: string) => ({
      Resources: {
        Db: {
          Type: 'AWS::RDS::DBInstance',
          DeletionPolicy: 'Retain',
          UpdateReplacePolicy: 'Retain',
          Properties: { Engine: engine, DBInstanceClass: 'db.t4g.small', DeletionProtection: true },
        },
      },
    });
    const [b] = gate(db('postgres'), db('aurora-postgresql')).blocked;
    expect(b.change.conditional).toBe(true);
    expect(b.reasons[0]).toMatch(/^CloudFormation may replace it/);
  });

  test('a changed type is a replacement', () => {
    const before = { Resources: { X: { Type: 'AWS::DynamoDB::Table', Properties: {} } } };
    const after = { Resources: { X: { Type: 'AWS::DynamoDB::GlobalTable', Properties: {} } } };
    expect(gate(before, after).blocked[0].reasons[0]).toMatch(
      /its type changes from `AWS::DynamoDB::Table` to `AWS::DynamoDB::GlobalTable`/,
    );
  });

  test('a stateless replacement passes', () => {
    const role = (name: string) => ({
      Resources: { R: { Type: 'AWS::IAM::Role', Properties: { RoleName: name, AssumeRolePolicyDocument: {} } } },
    });
    expect(gate(role('a'), role('b')).blocked).toEqual([]);
  });
});

describe('diffTemplates: protection', () => {
  test('PITR off blocks; billing mode change passes', () => {
    expect(
      gate(table(), table({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false } })).blocked[0]
        .reasons[0],
    ).toMatch(/`PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled` changes from true to false/);
    expect(
      gate(
        table(),
        table({ BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } }),
      ).blocked,
    ).toEqual([]);
  });

  test('a protective value that becomes a parameter cannot be proven and blocks', () => {
    const after = {
      Parameters: { Pitr: { Type: 'String' } },
      ...table({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: { Ref: 'Pitr' } } }),
    };
    expect(gate(table(), after).blocked[0].reasons[0]).toMatch(/cannot be proven that point-in-time recovery is kept/);
  });

  test('Retain → Snapshot lowers the DeletionPolicy of a database', () => {
    const db = (policy: string) => ({
      Resources: {
        Db: {
          Type: 'AWS::RDS::DBInstance',
          DeletionPolicy: policy,
          UpdateReplacePolicy: 'Retain',
          Properties: { Engine: 'postgres', DBInstanceClass: 'db.t4g.small', DeletionProtection: true },
        },
      },
    });
    expect(gate(db('Retain'), db('Snapshot')).blocked[0].reasons).toContain(
      '`DeletionPolicy` changes from Retain to Snapshot: removing it from the template or deleting the stack now deletes the live data.',
    );
    expect(gate(db('Snapshot'), db('Retain')).blocked).toEqual([]);
  });

  test('a catalogue finding new after, on an unchanged resource, blocks (the catalogue decides for CloudFormation)', () => {
    // Removing the backup copy action from the plan makes the vault's own finding appear.
    const vault = (lock: unknown) => ({
      Resources: {
        V: {
          Type: 'AWS::Backup::BackupVault',
          DeletionPolicy: 'Retain',
          UpdateReplacePolicy: 'Retain',
          Properties: { BackupVaultName: 'v', ...(lock ? { LockConfiguration: lock } : {}) },
        },
      },
    });
    const report = gate(vault({ MinRetentionDays: 35, ChangeableForDays: 3 }), vault(undefined));
    const reasons = report.blocked[0].reasons.join(' ');
    expect(reasons).toMatch(/the vault lock is removed/);
  });

  test('turning stack termination protection off blocks through the catalogue', () => {
    const t = {
      Resources: {
        Db: {
          Type: 'AWS::RDS::DBInstance',
          DeletionPolicy: 'Retain',
          UpdateReplacePolicy: 'Retain',
          Properties: { Engine: 'postgres', DBInstanceClass: 'db.t4g.small', DeletionProtection: true },
        },
      },
    };
    const report = runGate(
      diffTemplates(
        [doc(t, { id: 'App', terminationProtection: true })],
        [doc(t, { id: 'App', terminationProtection: false })],
      ),
    );
    expect(report.blocked.map((b) => [b.change.address, b.change.type])).toEqual([
      ['App', 'AWS::CloudFormation::Stack'],
    ]);
    expect(report.blocked[0].reasons[0]).toMatch(/stack-termination-protection/);
  });

  test('a new Condition that is false removes the resource', () => {
    const after = {
      Conditions: { Never: { 'Fn::Equals': ['a', 'b'] } },
      Resources: { T: { ...table().Resources.T, DeletionPolicy: 'Delete', Condition: 'Never' } },
    };
    const [b] = gate(table({}, { DeletionPolicy: 'Delete' }), after).blocked;
    expect(b.approvalAction).toBe('delete');
    expect(b.reasons[0]).toMatch(/new Condition `Never` is false/);
  });
});

describe('diffTemplates: several stacks', () => {
  test('resources are addressed `stack/logical id`, and a stack that disappears deletes its resources', () => {
    const t = table({}, { DeletionPolicy: 'Delete' });
    const report = runGate(diffTemplates([doc(t, { id: 'A' }), doc(t, { id: 'B' })], [doc(t, { id: 'A' })]));
    expect(report.blocked.map((b) => b.change.address)).toEqual(['B/T']);
    expect(report.blocked[0].reasons[0]).toMatch(/its stack `B` is no longer in the assembly/);
  });
});

describe('diffTemplates: nested stacks', () => {
  const TABLE = {
    Type: 'AWS::DynamoDB::Table',
    DeletionPolicy: 'Delete',
    Properties: { KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }] },
  };
  const stackResource = (extra: Record<string, unknown> = {}) => ({
    Type: 'AWS::CloudFormation::Stack',
    Properties: { TemplateURL: 'https://s3.eu-west-1.amazonaws.com/assets/storage.json' },
    ...extra,
  });
  /** A parent stack document and, when `nested` is given, its nested stack's document (as a cloud assembly reads them). */
  function docs(
    parentResources: Record<string, unknown>,
    nested?: { logicalId: string; resources: Record<string, unknown> },
  ) {
    const parent = cloudFormationDocument({ id: 'App', name: 'App', template: { Resources: parentResources } });
    if (!nested) return [parent];
    const child = cloudFormationDocument({
      id: 'App/Storage',
      name: 'App/Storage',
      template: { Resources: nested.resources },
      parent: { document: parent, logicalId: nested.logicalId },
    });
    return [parent, child];
  }

  test('removing a nested stack whose template is in the assembly judges every resource in it', () => {
    const report = runGate(
      diffTemplates(
        docs({ Storage: stackResource() }, { logicalId: 'Storage', resources: { Table: TABLE } }),
        docs({}),
      ),
    );
    expect(blockedOf(report)).toEqual(['App/Storage/Table']);
    expect(report.blocked[0].reasons[0]).toMatch(/its nested stack `Storage` is removed from `App`/);
  });

  test('removing a nested stack whose template is not in the input blocks the stack itself', () => {
    const report = runGate(diffTemplates(docs({ Storage: stackResource() }), docs({})));
    // One document each side: addressed by logical id.
    expect(blockedOf(report)).toEqual(['Storage']);
    expect(report.blocked[0].data).toBe('stateful');
    expect(report.blocked[0].reasons[0]).toMatch(/deleting a nested stack deletes every resource in it/);
  });

  test('a nested stack removed with DeletionPolicy Retain keeps everything in it', () => {
    const retain = stackResource({ DeletionPolicy: 'Retain' });
    expect(runGate(diffTemplates(docs({ Storage: retain }), docs({}))).blocked).toEqual([]);
    expect(
      runGate(diffTemplates(docs({ Storage: retain }, { logicalId: 'Storage', resources: { Table: TABLE } }), docs({})))
        .blocked,
    ).toEqual([]);
  });

  test('a nested stack moved to another logical id is a new stack: the old one is deleted with its resources', () => {
    const report = runGate(
      diffTemplates(
        docs({ Storage: stackResource() }, { logicalId: 'Storage', resources: { Table: TABLE } }),
        docs({ StorageV2: stackResource() }, { logicalId: 'StorageV2', resources: { Table: TABLE } }),
      ),
    );
    expect(blockedOf(report)).toEqual(['App/Storage/Table']);
  });

  test('a changed nested stack whose template is in neither input blocks; with its templates, its resources decide', () => {
    const changed = stackResource({
      Properties: { TemplateURL: 'https://s3.eu-west-1.amazonaws.com/assets/storage-v2.json' },
    });
    const report = runGate(diffTemplates(docs({ Storage: stackResource() }), docs({ Storage: changed })));
    expect(blockedOf(report)).toEqual(['Storage']);
    expect(report.blocked[0].reasons[0]).toMatch(/template is not in the input/);
    expect(
      runGate(
        diffTemplates(
          docs({ Storage: stackResource() }, { logicalId: 'Storage', resources: { Table: TABLE } }),
          docs({ Storage: changed }, { logicalId: 'Storage', resources: { Table: TABLE } }),
        ),
      ).blocked,
    ).toEqual([]);
  });
});
