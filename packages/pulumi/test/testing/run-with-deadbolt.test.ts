/**
 * `runWithDeadbolt` as a user's jest test uses it: programs written as a user
 * writes them (./unsafe-program, ./safe-program: `@pulumi/aws` and
 * `@deadbolt/pulumi` imported by name), imported through the helper.
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { enforceDataProtection } from '@deadbolt/pulumi';
import { runWithDeadbolt, type RunWithDeadboltResult } from '@deadbolt/pulumi/testing';

// The URN `pulumi up` gives a top-level resource: the root stack's type is not part of it.
const ORDERS_URN = 'urn:pulumi:dev::shop::aws:rds/instance:Instance::orders';
const CONFIG = { 'aws:region': 'us-east-1', 'aws:allowedAccountIds': ['111111111111'] };

describe('runWithDeadbolt', () => {
  it('returns, not throws, the findings of an unsafe database: rule id, URN, and the fix', async () => {
    const { findings, errors, notes, protectionsAdded, resources } = await runWithDeadbolt(
      () => import('./unsafe-program'),
      {
        project: 'shop',
        stack: 'dev',
        config: CONFIG,
      },
    );
    expect(errors.map((f) => [f.ruleId, f.urn])).toEqual([
      ['rds-deletion-protection', ORDERS_URN],
      ['rds-automated-backups-retained', ORDERS_URN],
      ['rds-backup-retention', ORDERS_URN],
      ['rds-final-snapshot', ORDERS_URN],
      ['backup-cross-account-copy', ORDERS_URN],
    ]);
    expect(findings).toEqual(errors);
    const protection = findings.find((f) => f.ruleId === 'rds-deletion-protection')!;
    expect(protection).toMatchObject({
      severity: 'error',
      resourceName: 'orders',
      resourceType: 'aws:rds/instance:Instance',
      message: 'deletionProtection is not set (provider default: false).',
      acknowledgeWith:
        "enforceDataProtection({ acknowledge: [{ resource: 'orders', id: 'rds-deletion-protection', reason: '<why the risk is accepted>' }] })",
    });
    expect(protection.fix).toContain('deletionProtection: true');
    expect(protection.text).toContain(`Resource: orders (aws:rds/instance:Instance) ${ORDERS_URN}`);
    // The account is given by config, so no note; the transform still protected the database.
    expect(notes).toEqual([]);
    expect(protectionsAdded).toEqual([
      { urn: ORDERS_URN, name: 'orders', type: 'aws:rds/instance:Instance', added: ['protect', 'retainOnDelete'] },
    ]);
    expect(resources).toEqual([
      expect.objectContaining({
        type: 'aws:rds/instance:Instance',
        name: 'orders',
        urn: ORDERS_URN,
        protect: true,
        retainOnDelete: true,
      }),
    ]);
  });

  it('finds nothing in a safe database; the opt-out is an acknowledged finding with its reason', async () => {
    const { findings, acknowledged, outputs, resources } = await runWithDeadbolt(() => import('./safe-program'), {
      config: CONFIG,
    });
    expect(findings).toEqual([]);
    expect(acknowledged.map((f) => [f.ruleId, f.resourceName, f.acknowledged])).toEqual([
      ['backup-cross-account-copy', 'orders-db', { reason: 'Rebuilt from the orders event stream' }],
    ]);
    expect(outputs).toEqual({ endpoint: 'orders.abcdefghijkl.us-east-1.rds.amazonaws.com:5432' });
    expect(resources.find((r) => r.name === 'orders-db')).toMatchObject({
      protect: true,
      retainOnDelete: true,
      beforeDeleteHooks: ['deadbolt-deletion-guard'],
    });
  });

  it('judges a preview too: relations to values not known yet still hold', async () => {
    let run: RunWithDeadboltResult<unknown> | undefined;
    // The program ran in this file already: a fresh module registry runs it again.
    await jest.isolateModulesAsync(async () => {
      run = await runWithDeadbolt(() => import('./safe-program'), { config: CONFIG, preview: true });
    });
    expect(run!.findings).toEqual([]);
    expect(run!.acknowledged.map((f) => `${f.ruleId} ${f.resourceName}`)).toEqual([
      'backup-cross-account-copy orders-db',
    ]);
    // The parameter group's name is not known in a preview: the database is still judged.
    expect(pulumi.isUnknown(run!.resources.find((r) => r.name === 'orders-db')!.inputs.parameterGroupName)).toBe(true);
  });

  it('rejects with every error finding when asked to (throwOnErrors)', async () => {
    let rejection: Promise<unknown> | undefined;
    await jest.isolateModulesAsync(async () => {
      rejection = runWithDeadbolt(() => import('./unsafe-program'), { config: CONFIG, throwOnErrors: true });
      await rejection.catch(() => undefined);
    });
    await expect(rejection).rejects.toThrow(
      /^Deadbolt: 5 data-protection errors in stack project\/stack; pulumi preview and pulumi up would fail:\n\n\[deadbolt::rds-deletion-protection\]/,
    );
  });

  it('runs an inline program, and takes acknowledgements and their expiry from the program', async () => {
    const program = () => {
      enforceDataProtection({
        acknowledge: [
          {
            resource: 'scratch',
            id: 'dynamodb-point-in-time-recovery',
            reason: 'Rebuilt from S3 every night',
            expires: '2026-12-31',
          },
          { resource: 'scratch', id: 'backup-cross-account-copy', reason: 'Rebuilt from S3 every night' },
        ],
      });
      new aws.dynamodb.Table('scratch', {
        attributes: [{ name: 'id', type: 'S' }],
        hashKey: 'id',
        deletionProtectionEnabled: true,
      });
    };
    // Within 90 days of the expiry: an acknowledgement may be dated at most `maximumAcknowledgementDays` (90) ahead.
    const before = await runWithDeadbolt(program, { config: CONFIG, now: new Date('2026-11-01T00:00:00Z') });
    expect(before.findings).toEqual([]);
    expect(before.acknowledged.map((f) => [f.ruleId, f.acknowledged])).toEqual([
      ['dynamodb-point-in-time-recovery', { reason: 'Rebuilt from S3 every night', expires: '2026-12-31' }],
      ['backup-cross-account-copy', { reason: 'Rebuilt from S3 every night' }],
    ]);
    const after = await runWithDeadbolt(program, { config: CONFIG, now: new Date('2027-01-02T00:00:00Z') });
    expect(after.errors.map((f) => `${f.ruleId} ${f.resourceName}`)).toEqual([
      'dynamodb-point-in-time-recovery scratch',
    ]);
  });

  it('rejects a program that does not call enforceDataProtection(): nothing was judged', async () => {
    await expect(
      runWithDeadbolt(() => {
        new aws.s3.Bucket('uploads', {});
      }),
    ).rejects.toThrow(
      'runWithDeadbolt: the program registered 1 resource but did not call enforceDataProtection(), so Deadbolt judged nothing.',
    );
  });

  it('rejects with the error of a program that fails', async () => {
    await expect(
      runWithDeadbolt(() => {
        new aws.s3.Bucket('early', {});
        enforceDataProtection();
      }),
    ).rejects.toThrow(
      /^enforceDataProtection\(\) was called after the program had already created 1 resource: early \(aws:s3\/bucket:Bucket\)/,
    );
  });

  it('sets the stack configuration for its own run only', async () => {
    const regionSeen = async (config?: Record<string, unknown>): Promise<{ region?: string }> => {
      let region: string | undefined;
      await runWithDeadbolt(
        () => {
          enforceDataProtection();
          region = new pulumi.Config('aws').get('region');
        },
        { config },
      );
      return { region };
    };
    expect((await regionSeen(CONFIG)).region).toBe('us-east-1');
    expect((await regionSeen()).region).toBeUndefined();
    // Configuration the test set itself is what a run without `config` sees, and is back after a run with one.
    pulumi.runtime.setAllConfig({ 'aws:region': 'eu-west-1' });
    try {
      expect((await regionSeen()).region).toBe('eu-west-1');
      expect((await regionSeen(CONFIG)).region).toBe('us-east-1');
      expect(new pulumi.Config('aws').get('region')).toBe('eu-west-1');
    } finally {
      pulumi.runtime.setAllConfig({});
    }
  });

  it('notes a multi-language component, whose children the mocks never create', async () => {
    const { notes, resources } = await runWithDeadbolt(
      () => {
        enforceDataProtection();
        new pulumi.ComponentResource('awsx:ec2:Vpc', 'network', {}, {}, true);
      },
      { config: CONFIG },
    );
    expect(resources).toEqual([expect.objectContaining({ name: 'network', custom: false, remote: true })]);
    expect(notes).toEqual([
      "`network` (awsx:ec2:Vpc) is a multi-language component: its provider creates its children, and under the mocks nothing does, so they were neither protected nor judged here. Under pulumi preview and pulumi up, enforceDataProtection() reaches them through the engine's resource transforms.",
    ]);
  });

  it('says why a program imported twice without a fresh module registry judged nothing', async () => {
    await expect(runWithDeadbolt(() => import('./unsafe-program'))).rejects.toThrow('jest.isolateModulesAsync');
  });
});
