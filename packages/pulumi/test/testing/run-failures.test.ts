/**
 * A program that fails after it returned fails the run, as it fails
 * `pulumi up`, instead of leaving the test waiting: an `apply` that throws in a
 * resource's input, an output missing from a stack reference, mocks that
 * refuse a resource, an input that never resolves. The next test still runs,
 * in a fresh module registry too.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { enforceDataProtection } from '@deadbolt/pulumi';
import { awsMocks, runWithDeadbolt, type RunWithDeadboltResult } from '@deadbolt/pulumi/testing';
import { TS_SOURCES_PRELOAD } from '../child-process';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

const CONFIG = { 'aws:region': 'us-east-1', 'aws:allowedAccountIds': ['111111111111'] };

const tableArgs = { attributes: [{ name: 'id', type: 'S' }], hashKey: 'id' };

describe('a run whose program fails after it returned', () => {
  it('judges a stack reference under awsMocks(): a missing output is undefined, so the protection is not proven', async () => {
    const run = await runWithDeadbolt(
      () => {
        enforceDataProtection();
        const shared = new pulumi.StackReference('acme/shared/prod');
        new aws.dynamodb.Table('orders', {
          ...tableArgs,
          deletionProtectionEnabled: shared.getOutput('protectTables') as pulumi.Output<boolean>,
          pointInTimeRecovery: { enabled: true },
        });
      },
      { config: CONFIG },
    );
    expect(run.errors.map((f) => `${f.ruleId} ${f.resourceName}`)).toContain('dynamodb-deletion-protection orders');
  });

  it('reads a stack reference answered by the mocks given', async () => {
    const base = awsMocks({ account: '111111111111' });
    const mocks: pulumi.runtime.Mocks = {
      newResource: (args) =>
        args.type === 'pulumi:pulumi:StackReference'
          ? { id: args.name, state: { name: args.name, outputs: { protectTables: true } } }
          : base.newResource(args),
      call: (args) => base.call(args),
    };
    const run = await runWithDeadbolt(
      () => {
        enforceDataProtection();
        const shared = new pulumi.StackReference('acme/shared/prod');
        new aws.dynamodb.Table('orders', {
          ...tableArgs,
          deletionProtectionEnabled: shared.getOutput('protectTables') as pulumi.Output<boolean>,
        });
      },
      { config: CONFIG, mocks },
    );
    expect(run.errors.map((f) => f.ruleId)).not.toContain('dynamodb-deletion-protection');
  });

  it('rejects, naming the resource, when an input never resolves (timeout)', async () => {
    await expect(
      runWithDeadbolt(
        () => {
          enforceDataProtection();
          const never = new Promise<boolean>(() => undefined);
          new aws.dynamodb.Table('orders', { ...tableArgs, deletionProtectionEnabled: never });
        },
        { config: CONFIG, timeout: 300 },
      ),
    ).rejects.toThrow(
      'runWithDeadbolt: nothing happened for 300 ms after the program returned, and the run was not done; still waiting for 1 resource: `orders` (aws:dynamodb/table:Table).',
    );
  });

  it('leaves the next run able to run after a timeout, in a fresh module registry too', async () => {
    let timedOut: Promise<unknown> | undefined;
    await jest.isolateModulesAsync(async () => {
      timedOut = runWithDeadbolt(
        () => {
          enforceDataProtection();
          new aws.dynamodb.Table('orders', { ...tableArgs, name: new Promise<string>(() => undefined) });
        },
        { timeout: 200 },
      );
      await timedOut.catch(() => undefined);
    });
    await expect(timedOut).rejects.toThrow('nothing happened for 200 ms after the program returned');
    let run: RunWithDeadboltResult<unknown> | undefined;
    await jest.isolateModulesAsync(async () => {
      run = await runWithDeadbolt(() => import('./unsafe-program'), { config: CONFIG });
    });
    expect(run!.errors.map((f) => f.ruleId)).toContain('rds-deletion-protection');
  });
});

/**
 * A failed registration also rejects, unhandled, inside the runtime (that is
 * how it fails `pulumi up`); Jest counts that against the test that ran it,
 * so these runs are made in processes of their own.
 */
describe('a run whose program fails after it returned, in a process of its own', () => {
  let outcomes: Record<string, { rejected?: string; resolved?: string[]; ms: number }>;

  beforeAll(() => {
    const script = `${TS_SOURCES_PRELOAD}
const aws = require('@pulumi/aws');
const pulumi = require('@pulumi/pulumi');
const { enforceDataProtection } = require('@deadbolt/pulumi');
const { awsMocks, runWithDeadbolt } = require('@deadbolt/pulumi/testing');
const table = { attributes: [{ name: 'id', type: 'S' }], hashKey: 'id' };
const base = awsMocks();
const strictMocks = {
  newResource: (args) => {
    if (args.type === 'aws:kms/key:Key') throw new Error('unexpected ' + args.type);
    return base.newResource(args);
  },
  call: (args) => base.call(args),
};
const programs = {
  applyThrows: [() => {
    enforceDataProtection();
    const owner = pulumi.output('orders').apply(() => { throw new Error('no owner for orders'); });
    new aws.dynamodb.Table('orders', { ...table, tags: { owner } });
  }],
  requiredOutputMissing: [() => {
    enforceDataProtection();
    const shared = new pulumi.StackReference('acme/shared/prod');
    new aws.dynamodb.Table('orders', { ...table, name: shared.requireOutput('tableName') });
  }],
  mocksThrow: [() => {
    enforceDataProtection();
    new aws.kms.Key('orders-key', {});
  }, { mocks: strictMocks }],
  lateRejection: [() => {
    enforceDataProtection();
    new aws.dynamodb.Table('orders', { ...table, deletionProtectionEnabled: true });
    setImmediate(() => Promise.reject(new Error('late failure')));
  }],
  next: [() => {
    enforceDataProtection();
    new aws.dynamodb.Table('orders', table);
  }],
};
(async () => {
  const outcomes = {};
  for (const [name, [program, options]] of Object.entries(programs)) {
    const started = Date.now();
    try {
      const run = await runWithDeadbolt(program, { ...options, timeout: 20000 });
      outcomes[name] = { resolved: run.errors.map((f) => f.ruleId), ms: Date.now() - started };
    } catch (e) {
      outcomes[name] = { rejected: e.message, ms: Date.now() - started };
    }
  }
  process.stdout.write(JSON.stringify(outcomes));
  process.exit(0);
})();
`;
    const r = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    if (!r.stdout) throw new Error(`the runs printed nothing (exit ${r.status}): ${r.stderr}`);
    outcomes = JSON.parse(r.stdout);
  });

  it('rejects at once with the error of an apply that throws in a resource input, naming the resource', () => {
    expect(outcomes.applyThrows.rejected).toBe(
      'runWithDeadbolt: resource `orders` (aws:dynamodb/table:Table) could not be registered, so pulumi preview and pulumi up would fail: error serializing property "tags": no owner for orders',
    );
    expect(outcomes.applyThrows.ms).toBeLessThan(5000);
  });

  it('rejects when an output the program requires from a stack reference is missing', () => {
    expect(outcomes.requiredOutputMissing.rejected).toMatch(
      /^runWithDeadbolt: resource `orders` \(aws:dynamodb\/table:Table\) could not be registered, so pulumi preview and pulumi up would fail: .*tableName/,
    );
  });

  it('rejects when the mocks throw on a resource, as a provider error fails pulumi up', () => {
    expect(outcomes.mocksThrow.rejected).toBe(
      'runWithDeadbolt: the mocks refused to register resource `orders-key` (aws:kms/key:Key), as a provider error fails pulumi up: unexpected aws:kms/key:Key',
    );
  });

  it('rejects with a rejection the program left unhandled', () => {
    expect(outcomes.lateRejection.rejected).toBe(
      'runWithDeadbolt: the program failed after it returned (an unhandled rejection, which fails pulumi preview and pulumi up): late failure',
    );
  });

  it('runs the next program after the failed ones', () => {
    expect(outcomes.next.resolved).toContain('dynamodb-deletion-protection');
  });
});

describe("a run whose program fails, in a user's Jest test file", () => {
  it('fails that test at once with the error, and the next test of the file runs', () => {
    const r = spawnSync(
      process.execPath,
      [
        path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'),
        '--config',
        path.join(ROOT, 'jest.config.js'),
        '--rootDir',
        ROOT,
        '--testMatch',
        '**/test/testing/fixtures/failing-then-passing.jest.ts',
        '--json',
        '--silent',
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
    );
    const report = JSON.parse(r.stdout) as {
      testResults: {
        assertionResults: { title: string; status: string; duration: number; failureMessages: string[] }[];
      }[];
    };
    const [failing, next] = report.testResults[0].assertionResults;
    expect(failing.status).toBe('failed');
    expect(failing.failureMessages.join('\n')).toContain(
      'runWithDeadbolt: resource `orders` (aws:dynamodb/table:Table) could not be registered, so pulumi preview and pulumi up would fail: error serializing property "name": no name for orders',
    );
    expect(failing.duration).toBeLessThan(5000);
    expect(next.status).toBe('passed');
  });
});
