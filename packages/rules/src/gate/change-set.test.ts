import { InputError } from '../dialects/errors';
import { readChangeSet, readChangeSets } from './change-set';
import { parsePlanText, readPlan, runGate } from './read-plan';
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

describe('readChangeSets: nested stacks', () => {
  const ROOT_ID = 'arn:aws:cloudformation:eu-west-1:111111111111:changeSet/release-7/aaaa';
  const NESTED_ID = 'arn:aws:cloudformation:eu-west-1:111111111111:changeSet/release-7-Storage/bbbb';
  const NESTED_STACK_ID = 'arn:aws:cloudformation:eu-west-1:111111111111:stack/app-StorageNestedStack-1ABC/cccc';
  const stackChange = (extra: Record<string, unknown>) => ({
    LogicalResourceId: 'StorageNestedStack',
    PhysicalResourceId: NESTED_STACK_ID,
    ResourceType: 'AWS::CloudFormation::Stack',
    ...extra,
  });
  const parent = (extra: Record<string, unknown>) =>
    changeSet([stackChange(extra)], { ChangeSetId: ROOT_ID, IncludeNestedStacks: true });
  const nested = (changes: Record<string, unknown>[], extra: Record<string, unknown> = {}) =>
    changeSet(changes, {
      ChangeSetId: NESTED_ID,
      ChangeSetName: 'release-7-Storage',
      StackName: 'app-StorageNestedStack-1ABC',
      StackId: NESTED_STACK_ID,
      ParentChangeSetId: ROOT_ID,
      RootChangeSetId: ROOT_ID,
      ...extra,
    });
  const tableRemoved = {
    Action: 'Remove',
    LogicalResourceId: 'OrdersTable',
    PhysicalResourceId: 'orders',
    ResourceType: 'AWS::DynamoDB::Table',
    PolicyAction: 'Delete',
  };
  const fnModified = {
    Action: 'Modify',
    Replacement: 'False',
    LogicalResourceId: 'Handler',
    ResourceType: 'AWS::Lambda::Function',
  };

  test.each([undefined, 'Delete'])(
    'removing a nested stack (PolicyAction %s) deletes everything in it: blocked as stateful',
    (policy) => {
      const report = gateOf(parent({ Action: 'Remove', ...(policy ? { PolicyAction: policy } : {}) }));
      expect(blockedOf(report)).toEqual(['StorageNestedStack']);
      expect(report.blocked[0].data).toBe('stateful');
      expect(report.blocked[0].approvalAction).toBe('delete');
      expect(report.blocked[0].reasons[0]).toMatch(
        /deleting a nested stack deletes every resource in it, including its data stores/,
      );
    },
  );

  test('a nested stack removed with PolicyAction Retain is kept with everything in it', () => {
    const report = gateOf(parent({ Action: 'Remove', PolicyAction: 'Retain' }));
    expect(report.blocked).toEqual([]);
  });

  test('a modified nested stack without its own change set blocks, naming the change set and the command', () => {
    const report = gateOf(parent({ Action: 'Modify', Replacement: 'False', ChangeSetId: NESTED_ID }));
    expect(blockedOf(report)).toEqual(['StorageNestedStack']);
    expect(report.blocked[0].approvalAction).toBe('update');
    expect(report.blocked[0].reasons).toEqual([
      expect.stringContaining(
        `aws cloudformation describe-change-set --change-set-name ${NESTED_ID} --include-property-values > StorageNestedStack.json`,
      ),
    ]);
    expect(report.blocked[0].reasons[0]).toContain('--include-nested StorageNestedStack.json');
    expect(report.plan.notices).toEqual([]);
  });

  test('without a ChangeSetId (created without --include-nested-stacks) the message says to create it with them', () => {
    const report = gateOf(parent({ Action: 'Modify', Replacement: 'False' }));
    expect(report.blocked[0].reasons[0]).toMatch(/--include-nested-stacks/);
    expect(report.blocked[0].reasons[0]).toMatch(/--include-nested StorageNestedStack\.json/);
  });

  test.each([
    ['Modify', 'Conditional'],
    ['Dynamic', undefined],
  ])('a nested stack %s (Replacement %s) without its change set blocks', (action, replacement) => {
    const report = gateOf(parent({ Action: action, ...(replacement ? { Replacement: replacement } : {}) }));
    expect(blockedOf(report)).toEqual(['StorageNestedStack']);
  });

  test('an added nested stack passes', () => {
    expect(gateOf(parent({ Action: 'Add' })).blocked).toEqual([]);
  });

  test("with the nested change set, its resources are judged under the parent's address", () => {
    const plan = readChangeSets([
      { doc: parent({ Action: 'Modify', Replacement: 'False', ChangeSetId: NESTED_ID }) },
      { doc: nested([tableRemoved, fnModified]), nested: true },
    ]);
    expect(plan.changes.map((c) => c.address)).toEqual([
      'StorageNestedStack',
      'StorageNestedStack/OrdersTable',
      'StorageNestedStack/Handler',
    ]);
    expect(plan.changes[1].stack).toBe('app-StorageNestedStack-1ABC');
    expect(plan.description).toBe('CloudFormation change set app/cs-1 with 1 nested change set');
    expect(blockedOf(runGate(plan))).toEqual(['StorageNestedStack/OrdersTable']);
    // A safe nested change set passes: the stack itself holds nothing more.
    const safe = readChangeSets([
      { doc: parent({ Action: 'Modify', Replacement: 'False', ChangeSetId: NESTED_ID }) },
      { doc: nested([fnModified]), nested: true },
    ]);
    expect(runGate(safe).blocked).toEqual([]);
  });

  test('a nested change set is matched by ParentChangeSetId and StackId when the parent does not name it', () => {
    const plan = readChangeSets([
      { doc: parent({ Action: 'Modify', Replacement: 'False' }) },
      { doc: nested([tableRemoved]), nested: true },
    ]);
    expect(blockedOf(runGate(plan))).toEqual(['StorageNestedStack/OrdersTable']);
  });

  test('nested change sets nest: Outer/Inner/Resource', () => {
    const innerId = `${NESTED_ID}-inner`;
    const plan = readChangeSets([
      { doc: parent({ Action: 'Modify', Replacement: 'False', ChangeSetId: NESTED_ID }) },
      {
        doc: nested([
          {
            Action: 'Modify',
            Replacement: 'False',
            LogicalResourceId: 'Inner',
            ResourceType: 'AWS::CloudFormation::Stack',
            ChangeSetId: innerId,
          },
        ]),
        nested: true,
      },
      {
        doc: nested([tableRemoved], { ChangeSetId: innerId, ParentChangeSetId: NESTED_ID, StackId: 'x' }),
        nested: true,
      },
    ]);
    expect(blockedOf(runGate(plan))).toEqual(['StorageNestedStack/Inner/OrdersTable']);
  });

  test('a change set named as nested that belongs to no stack of the input is unreadable input', () => {
    expect(() =>
      readChangeSets([
        { doc: parent({ Action: 'Modify', Replacement: 'False', ChangeSetId: NESTED_ID }) },
        {
          doc: nested([tableRemoved], { ChangeSetId: 'arn:other', ParentChangeSetId: 'arn:elsewhere' }),
          nested: true,
          source: 'n.json',
        },
      ]),
    ).toThrow(/n\.json: change set .* is not the change set of a nested stack of the parent change set/);
  });

  test('the same change set given twice is read once; change sets that name each other in a cycle are refused', () => {
    const doc = parent({ Action: 'Remove' });
    expect(readChangeSets([{ doc }, { doc }]).changes).toHaveLength(1);
    const a = changeSet([stackChange({ Action: 'Modify', Replacement: 'False', ChangeSetId: 'arn:b' })], {
      ChangeSetId: 'arn:a',
    });
    const b = changeSet([stackChange({ Action: 'Modify', Replacement: 'False', ChangeSetId: 'arn:a' })], {
      ChangeSetId: 'arn:b',
    });
    expect(() => readChangeSets([{ doc: a }, { doc: b }])).toThrow(/cycle/);
  });

  test('a list of change sets, and change sets described one after another into one file, read as one plan', () => {
    const docs = [parent({ Action: 'Modify', Replacement: 'False', ChangeSetId: NESTED_ID }), nested([tableRemoved])];
    expect(blockedOf(gateOf(docs))).toEqual(['StorageNestedStack/OrdersTable']);
    const text = docs.map((d) => JSON.stringify(d, null, 2)).join('\n');
    expect(blockedOf(runGate(readPlan(parsePlanText(text, 'all.json'), 'all.json')))).toEqual([
      'StorageNestedStack/OrdersTable',
    ]);
  });

  test('two unrelated root change sets are addressed by stack name', () => {
    const one = changeSet([tableRemoved], { StackName: 'orders', ChangeSetId: 'arn:1' });
    const two = changeSet([tableRemoved], { StackName: 'billing', ChangeSetId: 'arn:2' });
    expect(blockedOf(gateOf([one, two]))).toEqual(['orders/OrdersTable', 'billing/OrdersTable']);
  });

  test('concatenated JSON that is not all change sets is still invalid JSON', () => {
    expect(() => parsePlanText('{"a":1}\n{"b":2}', 'x.json')).toThrow(/not valid JSON/);
  });
});
