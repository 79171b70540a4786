/**
 * Every option that makes `enforceDataProtection` (and the policy pack) report
 * less leaves a trace: a rule turned off or a minimum retention below the
 * 7-day floor needs a written reason, and each run logs one warning naming
 * every suppression. Real programs under `pulumi.runtime.setMocks`.
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { runProgram } from '../harness';
import { enforceDataProtection, type DataProtectionArgs } from '../../src';
import { dataProtectionPolicies } from '../../src/policy';

const OFF_REASON = 'Copies are made by the organisation-wide AWS Backup policy.';

/** Runs a program that calls `enforceDataProtection(args)`, returning the warnings it logged. */
async function warningsOf(args: DataProtectionArgs): Promise<string[]> {
  const warnings: string[] = [];
  const spy = jest.spyOn(pulumi.log, 'warn').mockImplementation(async (text: string) => {
    warnings.push(text);
  });
  try {
    const run = await runProgram(() => {
      enforceDataProtection(args);
      new aws.s3.Bucket('uploads', {});
    });
    expect(run.error).toBeUndefined();
  } finally {
    spy.mockRestore();
  }
  return warnings.filter((w) => w.startsWith('Deadbolt: '));
}

describe('enforceDataProtection: suppressions need a written reason', () => {
  it('refuses a rule turned off without a reason, in either form', () => {
    const forms: NonNullable<DataProtectionArgs['severities']>[] = [
      { 's3-versioning': 'off' as const },
      { 's3-versioning': { severity: 'off' as const } },
      { 'deadbolt::s3-versioning': { severity: 'off' as const, reason: '<why no finding of this rule matters here>' } },
    ];
    for (const severities of forms) {
      expect(() => enforceDataProtection({ judgeAtExit: false, severities })).toThrow(
        /^enforceDataProtection: `severities` turns `s3-versioning` off without a `reason`.*`severities: \{ 's3-versioning': \{ severity: 'off', reason: '<why/,
      );
    }
  });

  it('refuses a minimum retention below 7 days without minimumBackupRetentionReason', () => {
    expect(() => enforceDataProtection({ judgeAtExit: false, minimumBackupRetentionDays: 1 })).toThrow(
      'enforceDataProtection: `minimumBackupRetentionDays` of 1 day is below the floor of 7 days',
    );
  });

  it('the policy pack refuses the same', () => {
    expect(() => dataProtectionPolicies({ severities: { 's3-versioning': 'off' } })).toThrow(
      /^dataProtectionPolicyPack: `severities` turns `s3-versioning` off without a `reason`/,
    );
    expect(() => dataProtectionPolicies({ minimumBackupRetentionDays: 3 })).toThrow(
      /^dataProtectionPolicyPack: `minimumBackupRetentionDays` of 3 days is below the floor of 7 days/,
    );
    expect(
      dataProtectionPolicies({ severities: { 's3-versioning': { severity: 'off', reason: OFF_REASON } } }).find(
        (p) => p.name === 's3-versioning',
      )!.enforcementLevel,
    ).toBe('disabled');
  });
});

describe('enforceDataProtection: the trace', () => {
  it('logs one warning per run naming every suppression with its reason', async () => {
    expect(
      await warningsOf({
        judgeAtExit: false,
        severities: {
          's3-versioning': { severity: 'off', reason: OFF_REASON },
          'rds-deletion-protection': 'warning',
        },
        minimumBackupRetentionDays: 3,
        minimumBackupRetentionReason: 'Sandbox data, rebuilt from fixtures every night.',
        nonProduction: true,
      }),
    ).toEqual([
      `Deadbolt: rule s3-versioning is off (reason: ${OFF_REASON}); ` +
        'rule rds-deletion-protection is lowered from error to warning; ' +
        'minimumBackupRetentionDays 3 days is below the floor of 7 days (reason: Sandbox data, rebuilt from fixtures every night.); ' +
        'nonProduction is on: every error is reported as a warning and nothing fails; ' +
        'judgeAtExit is false: the program fails on findings only if it awaits `enforcement.enforce()`.',
    ]);
  });

  it('judgeAtExit: false alone is reported; the defaults are not', async () => {
    expect(await warningsOf({ judgeAtExit: false })).toEqual([
      'Deadbolt: judgeAtExit is false: the program fails on findings only if it awaits `enforcement.enforce()`.',
    ]);
    // Under the mocks a program outside a stack is not judged at exit by default: that is not the user's choice.
    expect(await warningsOf({})).toEqual([]);
  });
});
