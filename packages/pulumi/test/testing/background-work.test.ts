/**
 * Work a program leaves running when it returns: `pulumi up` judges at exit,
 * once the event loop is empty; a run judges once every registration is
 * answered and a few turns of the event loop pass with no new one. A program
 * that awaits its work is judged whole either way.
 */
import * as aws from '@pulumi/aws';
import { enforceDataProtection } from '@deadbolt/pulumi';
import { runWithDeadbolt } from '@deadbolt/pulumi/testing';

const CONFIG = { 'aws:region': 'us-east-1', 'aws:allowedAccountIds': ['111111111111'] };

function table(name: string): aws.dynamodb.Table {
  return new aws.dynamodb.Table(name, { attributes: [{ name: 'id', type: 'S' }], hashKey: 'id' });
}

describe('resources created by work the program did not await', () => {
  it('judges a table created after a data source call the program did not await', async () => {
    const run = await runWithDeadbolt(
      () => {
        enforceDataProtection();
        void (async () => {
          const identity = await aws.getCallerIdentity();
          table(`sessions-${identity.accountId}`);
        })();
      },
      { config: CONFIG },
    );
    expect(run.resources.map((r) => r.name)).toEqual(['sessions-111111111111']);
    expect(run.errors.map((f) => `${f.ruleId} ${f.resourceName}`)).toContain(
      'dynamodb-deletion-protection sessions-111111111111',
    );
  });

  it('judges tables created on the next turns of the event loop, and one created after those', async () => {
    const run = await runWithDeadbolt(
      () => {
        enforceDataProtection();
        setImmediate(() => table('immediate'));
        setTimeout(() => {
          table('timer');
          setImmediate(() => table('after-timer'));
        }, 0);
      },
      { config: CONFIG },
    );
    expect(run.resources.map((r) => r.name).sort()).toEqual(['after-timer', 'immediate', 'timer']);
    expect(new Set(run.errors.map((f) => f.resourceName))).toEqual(new Set(['after-timer', 'immediate', 'timer']));
  });
});
