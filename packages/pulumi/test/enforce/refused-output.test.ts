/**
 * A refused Output (one that rejects) can never be serialized, so the resource
 * it was given never finishes registering and its URN never resolves: the
 * judgement fails at once, closed, instead of waiting out its timeout.
 *
 * The SDK leaves the refused registration's rejection unhandled (that is how it
 * fails `pulumi up`), which Jest counts against the test that ran it, so the
 * programs run in a process of their own.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { TS_SOURCES_PRELOAD } from '../child-process';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

describe('a refused Output in a resource input', () => {
  let outcomes: Record<string, { outcome: string; runError: boolean; ms: number }>;

  beforeAll(async () => {
    const script = `${TS_SOURCES_PRELOAD}
const aws = require('@pulumi/aws');
const pulumi = require('@pulumi/pulumi');
const { enforceDataProtection } = require('@deadbolt/pulumi');
const { awsMocks } = require('@deadbolt/pulumi/testing');
// What the Pulumi CLI's language host does with the SDK's own rejection: it logs it.
process.on('unhandledRejection', () => undefined);
const table = { attributes: [{ name: 'id', type: 'S' }], hashKey: 'id', billingMode: 'PAY_PER_REQUEST' };
const refusals = {
  rejectedPromiseOutput: () => pulumi.output(Promise.reject(new Error('the secret store is down'))),
  applyThrows: () => pulumi.output('orders').apply(() => { throw new Error('the secret store is down'); }),
  rejectedPromise: () => Promise.reject(new Error('the secret store is down')),
};
(async () => {
  const outcomes = {};
  for (const [name, refused] of Object.entries(refusals)) {
    await pulumi.runtime.setMocks(awsMocks(), 'project', name, false);
    const enforcement = enforceDataProtection({ judgeAtExit: false });
    new aws.dynamodb.Table('orders', { ...table, tags: { owner: refused() } });
    const started = Date.now();
    const outcome = await Promise.race([
      enforcement.enforce().then(() => ({ outcome: 'judged, no error', runError: false }), (e) => ({ outcome: e.message, runError: pulumi.RunError.isInstance(e) })),
      new Promise((resolve) => setTimeout(() => resolve({ outcome: 'still waiting after 10 s', runError: false }), 10000)),
    ]);
    outcomes[name] = { ...outcome, ms: Date.now() - started };
  }
  process.stdout.write(JSON.stringify(outcomes));
  process.exit(0);
})();
`;
    const r = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 90_000 });
    if (!r.stdout) throw new Error(`the runs printed nothing (exit ${r.status}): ${r.stderr}`);
    outcomes = JSON.parse(r.stdout);
  }, 120_000);

  test.each(['rejectedPromiseOutput', 'applyThrows', 'rejectedPromise'])(
    '%s fails the judgement in well under a second, naming the resource',
    (name) => {
      const { outcome, runError, ms } = outcomes[name];
      expect(outcome).toMatch(
        /^Deadbolt cannot judge orders \(aws:dynamodb\/table:Table\): an input the program gave it was refused \(.*the secret store is down\), so its registration never completes and its values cannot be proven safe\. Fix the Output or Promise that rejects\.$/,
      );
      expect(runError).toBe(true);
      expect(ms).toBeLessThan(1000);
    },
  );
});
