import * as pulumi from '@pulumi/pulumi';
import { BackupEnrolment, IsolatedBackupVault, SafeTable, type SafeTableArgs } from '../../src';
import { runProgram, type ProgramRun, expectGuarded } from '../harness';

const CENTRAL = 'arn:aws:backup:us-east-1:222222222222:backup-vault:central';
const TABLE = 'aws:dynamodb/table:Table';
const SELECTION = 'aws:backup/selection:Selection';

const base: SafeTableArgs = {
  name: 'carts',
  hashKey: 'id',
  attributes: [{ name: 'id', type: 'S' }],
  billingMode: 'PAY_PER_REQUEST',
};

function construct(args: Partial<SafeTableArgs>, opts?: pulumi.ComponentResourceOptions): () => SafeTable {
  return () => new SafeTable('carts', { ...base, ...args } as SafeTableArgs, opts);
}

describe('SafeTable', () => {
  let run: ProgramRun;
  beforeAll(async () => {
    run = await runProgram(() => {
      new SafeTable('carts', base);
    });
    expect(run.error).toBeUndefined();
  });

  test('forces deletion protection and 35 days of point-in-time recovery under a fixed name', () => {
    expect(run.get(TABLE, 'carts-table').inputs).toMatchObject({
      name: 'carts',
      deletionProtectionEnabled: true,
      pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: 35 },
    });
  });

  test("passes the caller's other args through", () => {
    expect(run.get(TABLE, 'carts-table').inputs).toMatchObject({
      hashKey: 'id',
      attributes: [{ name: 'id', type: 'S' }],
      billingMode: 'PAY_PER_REQUEST',
    });
  });

  test('the table is protected, retained, guarded and tagged', () => {
    const table = run.get(TABLE, 'carts-table');
    expectGuarded(table);
    expect(table.inputs.tags).toEqual({ 'deadbolt:protected': 'true' });
    expect(table.parent).toBe(run.get('deadbolt:dynamodb:SafeTable', 'carts').urn);
  });

  test('without backup, no selection is made', () => {
    expect(run.ofType(SELECTION)).toHaveLength(0);
  });
});

describe('SafeTable: options', () => {
  test('the recovery period can be shortened to 1 day', async () => {
    const run = await runProgram(() => {
      new SafeTable('carts', { ...base, pointInTimeRecoveryPeriodInDays: 1 });
    });
    expect(run.get(TABLE, 'carts-table').inputs.pointInTimeRecovery).toEqual({
      enabled: true,
      recoveryPeriodInDays: 1,
    });
  });

  test('replicas get deletion protection and point-in-time recovery too', async () => {
    const run = await runProgram(() => {
      new SafeTable('carts', {
        ...base,
        streamEnabled: true,
        streamViewType: 'NEW_AND_OLD_IMAGES',
        replicas: [{ regionName: 'eu-west-1' }],
      });
    });
    expect(run.get(TABLE, 'carts-table').inputs.replicas).toEqual([
      { regionName: 'eu-west-1', deletionProtectionEnabled: true, pointInTimeRecovery: true },
    ]);
  });

  test('enrolled in a vault, the table is selected by its ARN', async () => {
    const run = await runProgram(() => {
      const vault = new IsolatedBackupVault('backups', { destinationVaultArn: CENTRAL });
      new SafeTable('carts', { ...base, backup: BackupEnrolment.inVault(vault) });
    });
    expect(run.get(SELECTION, 'backups-selection-carts').inputs.resources).toEqual([
      'arn:aws:dynamodb:us-east-1:111111111111:carts',
    ]);
  });

  test('an opt-out records its reason as a tag', async () => {
    const run = await runProgram(() => {
      new SafeTable('carts', {
        ...base,
        backup: BackupEnrolment.optOut('Session carts; lost carts are rebuilt by the client.'),
      });
    });
    expect(run.get(TABLE, 'carts-table').inputs.tags).toEqual({
      'deadbolt:protected': 'true',
      'deadbolt:backup-opt-out': 'Session carts lost carts are rebuilt by the client.',
    });
  });

  test('a preview works', async () => {
    const run = await runProgram(
      () => {
        new SafeTable('carts', base);
      },
      { preview: true },
    );
    expect(run.error).toBeUndefined();
    expect(run.get(TABLE, 'carts-table').inputs).toMatchObject({
      deletionProtectionEnabled: true,
      pointInTimeRecovery: { enabled: true },
    });
    expectGuarded(run.get(TABLE, 'carts-table'));
  });
});

describe('SafeTable: refused misuse', () => {
  test('deletionProtectionEnabled: false is refused', () => {
    expect(construct({ deletionProtectionEnabled: false } as never)).toThrow(
      'deadbolt:dynamodb:SafeTable `carts`: `deletionProtectionEnabled` cannot be set (got false): SafeTable forces it to true.',
    );
  });

  test('pointInTimeRecovery is refused, pointing to pointInTimeRecoveryPeriodInDays', () => {
    expect(construct({ pointInTimeRecovery: { enabled: false } } as never)).toThrow(
      'use `pointInTimeRecoveryPeriodInDays` (1 to 35 days)',
    );
  });

  test('a replica without deletion protection is refused', () => {
    expect(construct({ replicas: [{ regionName: 'eu-west-1', deletionProtectionEnabled: false }] })).toThrow(
      '`replicas[0].deletionProtectionEnabled` cannot be set (got false): SafeTable forces it to true.',
    );
  });

  test.each([[0], [36], [2.5]])('a recovery period of %j days is refused', (days) => {
    expect(construct({ pointInTimeRecoveryPeriodInDays: days })).toThrow(
      `\`pointInTimeRecoveryPeriodInDays\` must be a whole number of days from 1 to 35, got ${days}.`,
    );
  });

  test('a missing or malformed name is refused', () => {
    expect(construct({ name: undefined })).toThrow('`name` is required');
    expect(construct({ name: 'a b' })).toThrow(
      '`name` must be 3 to 255 letters, digits, underscores, hyphens or dots, got "a b".',
    );
  });

  test('an opt-out without a reason is refused', () => {
    expect(construct({ backup: { optOutReason: ' ' } as unknown as BackupEnrolment })).toThrow(
      'opts out of isolated backups without a reason',
    );
  });

  test('protect: false on the component is refused', () => {
    expect(construct({}, { protect: false })).toThrow('`protect: false` is refused: SafeTable keeps `protect: true`');
  });
});
