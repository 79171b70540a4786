import {
  checkSuppressions,
  readOptionsRecord,
  RETENTION_FLOOR_DAYS,
  suppressions,
  suppressionTrace,
  type OptionsRecord,
} from './suppressions';

const NAMES = {
  caller: 'test',
  retention: 'minimumBackupRetentionDays',
  offWithReason: (id: string) => `{ '${id}': { severity: 'off', reason: '…' } }`,
};

const BASE: OptionsRecord = { checker: 'test', minimumBackupRetentionDays: 7, severities: [], nonProduction: false };

describe('checkSuppressions', () => {
  test('a rule turned off needs a written reason; a lowered or raised one does not', () => {
    expect(() => checkSuppressions({ severities: [{ ruleId: 's3-versioning', severity: 'off' }] }, NAMES)).toThrow(
      "test: `severities` turns `s3-versioning` off without a `reason`, and a rule that is off leaves no finding in any report. Write why: { 's3-versioning': { severity: 'off', reason: '…' } }",
    );
    expect(() =>
      checkSuppressions({ severities: [{ ruleId: 's3-versioning', severity: 'off', reason: 'tbd' }] }, NAMES),
    ).toThrow(/without a `reason`/);
    expect(() =>
      checkSuppressions(
        { severities: [{ ruleId: 's3-versioning', severity: 'off', reason: 'Logs only, kept in Glacier too.' }] },
        NAMES,
      ),
    ).not.toThrow();
    expect(() =>
      checkSuppressions(
        {
          severities: [
            { ruleId: 's3-versioning', severity: 'info' },
            { ruleId: 'stack-termination-protection', severity: 'error' },
          ],
        },
        NAMES,
      ),
    ).not.toThrow();
  });

  test('the floor is 7 days: below it, a written reason is required', () => {
    expect(RETENTION_FLOOR_DAYS).toBe(7);
    expect(() => checkSuppressions({ minimumBackupRetentionDays: 6, severities: [] }, NAMES)).toThrow(
      'test: `minimumBackupRetentionDays` of 6 days is below the floor of 7 days',
    );
    expect(() =>
      checkSuppressions(
        { minimumBackupRetentionDays: 1, minimumBackupRetentionReason: 'Fixtures only.', severities: [] },
        NAMES,
      ),
    ).not.toThrow();
    expect(() => checkSuppressions({ minimumBackupRetentionDays: 7, severities: [] }, NAMES)).not.toThrow();
  });
});

describe('suppressions', () => {
  test('names each suppression with its reason; raising a severity or the minimum is none', () => {
    const record: OptionsRecord = {
      ...BASE,
      minimumBackupRetentionDays: 2,
      minimumBackupRetentionReason: 'Fixtures only.',
      severities: [
        { ruleId: 'deadbolt::s3-versioning', severity: 'off', reason: 'Build cache.' },
        { ruleId: 'rds-deletion-protection', severity: 'warning' },
        { ruleId: 'stack-termination-protection', severity: 'error' },
      ],
      nonProduction: true,
      judgeAtExit: false,
    };
    expect(suppressions(record, NAMES)).toEqual([
      'rule s3-versioning is off (reason: Build cache.)',
      'rule rds-deletion-protection is lowered from error to warning',
      'minimumBackupRetentionDays 2 days is below the floor of 7 days (reason: Fixtures only.)',
      'nonProduction is on: every error is reported as a warning and nothing fails',
      'judgeAtExit is false: the program fails on findings only if it awaits `enforcement.enforce()`',
    ]);
    expect(
      suppressionTrace(
        {
          ...BASE,
          minimumBackupRetentionDays: 30,
          severities: [{ ruleId: 'stack-termination-protection', severity: 'error' }],
        },
        NAMES,
      ),
    ).toBeUndefined();
  });

  test('a recorded entry reads back; what is not one reads as undefined', () => {
    const record: OptionsRecord = {
      ...BASE,
      severities: [{ ruleId: 's3-versioning', severity: 'off', reason: 'Build cache.' }],
      validationSkipped: true,
    };
    expect(readOptionsRecord(JSON.parse(JSON.stringify(record)))).toEqual(record);
    expect(readOptionsRecord({ severities: [] })).toBeUndefined();
    expect(readOptionsRecord('off')).toBeUndefined();
    expect(
      readOptionsRecord({ minimumBackupRetentionDays: 7, severities: [{ ruleId: 'x', severity: 'loud' }] })?.severities,
    ).toEqual([]);
  });
});
