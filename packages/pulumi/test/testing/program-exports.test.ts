/**
 * Programs whose work is an exported function: `runWithDeadbolt` calls and
 * awaits it, as Pulumi's runner does (`export = async () => {...}`, or an ES
 * module's default export), and what it returns becomes the stack outputs.
 */
import * as aws from '@pulumi/aws';
import { enforceDataProtection } from '@deadbolt/pulumi';
import { runWithDeadbolt } from '@deadbolt/pulumi/testing';

const CONFIG = { 'aws:region': 'us-east-1', 'aws:allowedAccountIds': ['111111111111'] };

describe('a program that exports a function', () => {
  it('runs `export = async () => {...}` (enforceDataProtection() at the top level) and judges what it creates', async () => {
    const run = await runWithDeadbolt(() => import('./async-export-program'), { config: CONFIG });
    expect(run.resources.map((r) => r.urn)).toEqual(['urn:pulumi:stack::project::aws:dynamodb/table:Table::orders']);
    expect(run.errors.map((f) => `${f.ruleId} ${f.resourceName}`)).toEqual(
      expect.arrayContaining(['dynamodb-deletion-protection orders', 'dynamodb-point-in-time-recovery orders']),
    );
    // The function's result is the stack outputs; the module is what the test's function returned.
    expect(run.outputs).toEqual({ account: '111111111111', table: 'orders-1a2b3c4' });
    expect(typeof (run.exports as { default?: unknown }).default).toBe('function');
  });

  it('runs an ES module default export (enforceDataProtection() inside it)', async () => {
    const run = await runWithDeadbolt(() => import('./default-export-program'), { config: CONFIG });
    expect(run.resources.map((r) => `${r.type} ${r.name}`)).toEqual(['aws:s3/bucket:Bucket uploads']);
    expect(run.findings.map((f) => `${f.ruleId} ${f.resourceName}`)).toContain('s3-no-auto-delete-objects uploads');
    expect(run.outputs).toEqual({ bucket: 'uploads-1a2b3c4' });
  });

  it('runs an inline program that returns a function', async () => {
    const run = await runWithDeadbolt(() => async () => {
      enforceDataProtection();
      new aws.dynamodb.Table('sessions', { attributes: [{ name: 'id', type: 'S' }], hashKey: 'id' });
      return { ok: true };
    });
    expect(run.resources.map((r) => r.name)).toEqual(['sessions']);
    expect(run.outputs).toEqual({ ok: true });
  });

  it('rejects a module with a function as default export and named exports: pulumi up would not run the function', async () => {
    const main = async () => {
      enforceDataProtection();
      new aws.dynamodb.Table('never', { attributes: [{ name: 'id', type: 'S' }], hashKey: 'id' });
    };
    await expect(runWithDeadbolt(() => ({ default: main, region: 'us-east-1' }))).rejects.toThrow(
      "runWithDeadbolt: the program's module exports a function as its default export and also named exports (region).",
    );
  });
});
