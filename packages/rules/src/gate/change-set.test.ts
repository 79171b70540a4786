import { InputError } from '../dialects/errors';
import { readChangeSet } from './change-set';
import { runGate } from './read-plan';
import { blockedOf, changeSet, gateOf, planOf } from './testing';

describe('readChangeSet: fixtures from `aws cloudformation describe-change-set`', () => {
  test('deletes, a snapshot removal, replacements and a touched DeletionProtection block; a Retain removal is reported', () => {
    const report = runGate(planOf('change-set'));
    expect(blockedOf(report)).toEqual([
      'OrdersDatabase',
      'ReportingCluster',
      'SessionsTable',
      'OrdersReplica',
      'CacheCluster',
    ]);
    const by = Object.fromEntries(report.blocked.map((b) => [b.change.address, b]));
    expect(by.OrdersDatabase.reasons[0]).toBe('CloudFormation deletes it and the data in it (PolicyAction Delete).');
    expect(by.ReportingCluster.reasons[0]).toBe(
      'CloudFormation takes a final snapshot, then deletes it: the live data and its automated backups are gone (PolicyAction Snapshot).',
    );
    expect(by.SessionsTable.reasons[0]).toMatch(
      /^CloudFormation replaces it: the old one is deleted with its data \(`KeySchema` requires recreation; PolicyAction ReplaceAndDelete\)\.$/,
    );
    expect(by.OrdersReplica.reasons).toEqual(['changes `DeletionProtection`; the change set does not say to what.']);
    expect(by.CacheCluster.reasons[0]).toMatch(/^CloudFormation may replace it/);
    expect(report.allowed.find((d) => d.change.address === 'InvoicesBucket')!.note).toMatch(
      /kept \(PolicyAction Retain\)/,
    );
    expect(report.plan.description).toBe('CloudFormation change set orders-prod/orders-release-142');
  });

  test('a safe change set passes', () => {
    expect(runGate(planOf('change-set-safe')).blocked).toEqual([]);
  });

  test('with property values, values decide: lowered ones block, raised ones pass', () => {
    const report = runGate(planOf('change-set-values'));
    expect(blockedOf(report)).toEqual(['OrdersDatabase', 'SessionsTable', 'InvoicesBucket']);
    expect(report.blocked[0].reasons).toEqual([
      '`DeletionProtection` changes from true to false: deletion protection is off, so one API call can delete it.',
    ]);
    expect(report.blocked[1].reasons).toEqual([
      '`PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled` changes from true to false: point-in-time recovery is off.',
    ]);
  });
});

describe('readChangeSet: removals by PolicyAction', () => {
  test.each([
    [undefined, true],
    ['Delete', true],
    ['Snapshot', true],
    ['ReplaceAndDelete', true],
    ['ReplaceAndRetain', true],
    ['ReplaceAndSnapshot', true],
    ['Retain', false],
  ])('Remove of a database with PolicyAction %s blocks: %s', (policy, blocked) => {
    const doc = changeSet([
      {
        Action: 'Remove',
        LogicalResourceId: 'Db',
        PhysicalResourceId: 'db-1',
        ResourceType: 'AWS::RDS::DBInstance',
        ...(policy ? { PolicyAction: policy } : {}),
      },
    ]);
    expect(gateOf(doc).blocked.length === 1).toBe(blocked);
  });

  test('a stateless removal passes', () => {
    expect(
      gateOf(
        changeSet([
          { Action: 'Remove', LogicalResourceId: 'Fn', ResourceType: 'AWS::Lambda::Function', PolicyAction: 'Delete' },
        ]),
      ).blocked,
    ).toEqual([]);
  });
});

describe('readChangeSet: modifications', () => {
  const modify = (replacement: string | undefined, details: unknown[] = [], type = 'AWS::DynamoDB::Table') =>
    changeSet([
      {
        Action: 'Modify',
        LogicalResourceId: 'T',
        PhysicalResourceId: 't',
        ResourceType: type,
        ...(replacement ? { Replacement: replacement } : {}),
        Details: details,
      },
    ]);

  test.each([
    ['True', true],
    ['Conditional', true],
    ['False', false],
    [undefined, true],
  ])('Replacement %s of a table blocks: %s', (replacement, blocked) => {
    expect(gateOf(modify(replacement)).blocked.length === 1).toBe(blocked);
  });

  test('Dynamic blocks on a stateful type; SyncWithActual and Import pass', () => {
    expect(
      gateOf(changeSet([{ Action: 'Dynamic', LogicalResourceId: 'T', ResourceType: 'AWS::DynamoDB::Table' }]))
        .blocked[0].reasons[0],
    ).toMatch(/Action Dynamic/);
    expect(
      gateOf(changeSet([{ Action: 'SyncWithActual', LogicalResourceId: 'T', ResourceType: 'AWS::DynamoDB::Table' }]))
        .blocked,
    ).toEqual([]);
    expect(
      gateOf(changeSet([{ Action: 'Import', LogicalResourceId: 'T', ResourceType: 'AWS::DynamoDB::Table' }])).blocked,
    ).toEqual([]);
  });

  test('a DeletionPolicy change without values blocks; one from Delete to Retain with values passes', () => {
    const noValues = modify('False', [
      { Target: { Attribute: 'DeletionPolicy' }, Evaluation: 'Static', ChangeSource: 'DirectModification' },
    ]);
    expect(gateOf(noValues).blocked[0].reasons).toEqual([
      'changes `DeletionPolicy`; the change set does not say to what.',
    ]);
    const raised = modify('False', [
      {
        Target: {
          Attribute: 'DeletionPolicy',
          BeforeValue: 'Delete',
          AfterValue: 'Retain',
          AttributeChangeType: 'Modify',
        },
        Evaluation: 'Static',
        ChangeSource: 'DirectModification',
      },
    ]);
    expect(gateOf(raised).blocked).toEqual([]);
  });

  test('a change to a non-protective property of a database passes', () => {
    const doc = modify('False', [
      {
        Target: { Attribute: 'Properties', Name: 'BillingMode', RequiresRecreation: 'Never' },
        Evaluation: 'Static',
        ChangeSource: 'DirectModification',
      },
    ]);
    expect(gateOf(doc).blocked).toEqual([]);
  });

  test('PointInTimeRecoverySpecification touched without values blocks', () => {
    const doc = modify('False', [
      {
        Target: { Attribute: 'Properties', Name: 'PointInTimeRecoverySpecification', RequiresRecreation: 'Never' },
        Evaluation: 'Static',
        ChangeSource: 'DirectModification',
      },
    ]);
    expect(gateOf(doc).blocked[0].reasons).toEqual([
      'changes `PointInTimeRecoverySpecification`; the change set does not say to what.',
    ]);
  });
});

describe('readChangeSet: unreadable change sets', () => {
  test.each([
    [
      'an unknown Action',
      changeSet([{ Action: 'Obliterate', LogicalResourceId: 'T', ResourceType: 'AWS::DynamoDB::Table' }]),
      /Action "Obliterate"; Deadbolt knows/,
    ],
    [
      'an unknown Replacement',
      changeSet([
        { Action: 'Modify', Replacement: 'Maybe', LogicalResourceId: 'T', ResourceType: 'AWS::DynamoDB::Table' },
      ]),
      /Replacement "Maybe"/,
    ],
    [
      'an unknown PolicyAction',
      changeSet([
        { Action: 'Remove', PolicyAction: 'Shred', LogicalResourceId: 'T', ResourceType: 'AWS::DynamoDB::Table' },
      ]),
      /PolicyAction "Shred"/,
    ],
    [
      'no logical id',
      changeSet([{ Action: 'Remove', ResourceType: 'AWS::DynamoDB::Table' }]),
      /no `LogicalResourceId`/,
    ],
    ['a page of several', changeSet([], { NextToken: 'abc' }), /NextToken/],
    ['still being created', changeSet([], { Status: 'CREATE_IN_PROGRESS' }), /still being created/],
    [
      'failed',
      changeSet([], { Status: 'FAILED', StatusReason: 'Template format error' }),
      /failed \(Status FAILED: Template format error\)/,
    ],
    ['a change that is not a resource', { ...changeSet([]), Changes: [{ Type: 'Hook' }] }, /Type "Hook"/],
  ])('%s', (_name, doc, message) => {
    expect(() => readChangeSet(doc)).toThrow(InputError);
    expect(() => readChangeSet(doc)).toThrow(message);
  });

  test('a FAILED change set that had no changes is read as empty', () => {
    const plan = readChangeSet(
      changeSet([], {
        Status: 'FAILED',
        StatusReason:
          "The submitted information didn't contain changes. Submit different information to create a change set.",
      }),
    );
    expect(plan.changes).toEqual([]);
    expect(plan.notices).toEqual(['The change set has no changes.']);
  });
});
