/**
 * Every option that makes the CDK checks report less leaves a trace: a rule
 * turned off or a minimum retention below the 7-day floor needs a written
 * reason, each suppression is one `deadbolt::suppressions` warning per stack and
 * a `deadbolt:options` metadata entry in the cloud assembly, and a synthesis
 * that skips validation is judged all the same. Real aws-cdk-lib synthesis.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  Annotations as CdkAnnotations,
  App,
  AspectPriority,
  Aspects,
  Duration,
  Stack,
  Stage,
  Validations,
} from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { IConstruct } from 'constructs';
import { DataProtectionChecks, DataProtectionPlugin, FindingSeverity, type DataProtectionChecksProps } from '../../src';
import { ENV } from '../synth-helper';

const OFF_REASON = 'Copies are made by the organisation-wide AWS Backup policy.';
const RETENTION_REASON = 'Sandbox data, rebuilt from fixtures every night.';

function unsafeTable(scope: IConstruct, id = 'Table') {
  return new dynamodb.CfnTable(scope, id, {
    keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
    attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }],
    billingMode: 'PAY_PER_REQUEST',
  });
}

function appWithChecks(props: DataProtectionChecksProps = {}) {
  const app = new App({ builtinCloudFormationValidation: false });
  const checks = new DataProtectionChecks(props);
  Aspects.of(app).add(checks, { priority: AspectPriority.READONLY });
  return { app, checks };
}

/** The metadata entries of one type in a synthesized stack's artifact, by construct path. */
function artifactEntries(app: App, stack: Stack, type: string): Array<{ path: string; data: unknown }> {
  const artifact = app.synth().getStackArtifact(stack.artifactId);
  return Object.entries(artifact.metadata).flatMap(([p, entries]) =>
    entries.filter((e) => e.type === type).map((e) => ({ path: p, data: e.data })),
  );
}

const KNOBS: DataProtectionChecksProps = {
  severities: [
    { ruleId: 'backup-cross-account-copy', severity: FindingSeverity.OFF, reason: OFF_REASON },
    { ruleId: 'dynamodb-deletion-protection', severity: FindingSeverity.WARNING },
  ],
  minimumBackupRetention: Duration.days(3),
  minimumBackupRetentionReason: RETENTION_REASON,
};

describe('suppressions need a written reason', () => {
  test.each([
    ['no reason', undefined],
    ['an empty reason', '  '],
    ['a placeholder', '<why no finding of this rule matters here>'],
  ])('a rule turned off with %s is refused, by the aspect and the plugin', (_label, reason) => {
    const props = { severities: [{ ruleId: 's3-versioning', severity: FindingSeverity.OFF, reason }] };
    const refused =
      /DataProtection(Checks|Plugin): `severities` turns `s3-versioning` off without a `reason`.*\{ ruleId: 's3-versioning', severity: FindingSeverity\.OFF, reason: '<why/;
    expect(() => new DataProtectionChecks(props)).toThrow(refused);
    expect(() => new DataProtectionPlugin(props)).toThrow(refused);
  });

  test('a minimum retention below 7 days is refused without minimumBackupRetentionReason', () => {
    expect(() => new DataProtectionChecks({ minimumBackupRetention: Duration.days(1) })).toThrow(
      /`minimumBackupRetention` of 1 day is below the floor of 7 days .*`minimumBackupRetentionReason`/,
    );
    expect(
      () =>
        new DataProtectionPlugin({ minimumBackupRetention: Duration.days(6), minimumBackupRetentionReason: 'TODO' }),
    ).toThrow(/6 days is below the floor of 7 days/);
    expect(
      () =>
        new DataProtectionChecks({
          minimumBackupRetention: Duration.days(1),
          minimumBackupRetentionReason: RETENTION_REASON,
        }),
    ).not.toThrow();
    expect(() => new DataProtectionChecks({ minimumBackupRetention: Duration.days(7) })).not.toThrow();
  });

  test('a lowered severity needs no reason; a rule id the catalogue does not have is refused', () => {
    expect(
      () => new DataProtectionChecks({ severities: [{ ruleId: 's3-versioning', severity: FindingSeverity.INFO }] }),
    ).not.toThrow();
    expect(
      () =>
        new DataProtectionChecks({
          severities: [{ ruleId: 's3-versionning', severity: FindingSeverity.OFF, reason: OFF_REASON }],
        }),
    ).toThrow('DataProtectionChecks: `severities` names `s3-versionning`, which is not a Deadbolt rule id');
  });
});

describe('DataProtectionChecks: the trace', () => {
  test('each stack carries one warning naming every suppression with its reason, and the options as metadata', () => {
    const { app } = appWithChecks(KNOBS);
    const a = new Stack(app, 'Orders', { env: ENV, terminationProtection: true });
    const b = new Stack(app, 'Carts', { env: ENV, terminationProtection: true });
    unsafeTable(a);
    unsafeTable(b);
    // Synthesized twice: the trace is not repeated.
    app.synth();
    app.synth({ force: true });
    const expected =
      'Deadbolt: rule backup-cross-account-copy is off (reason: Copies are made by the organisation-wide AWS Backup policy.); ' +
      'rule dynamodb-deletion-protection is lowered from error to warning; ' +
      'minimumBackupRetention 3 days is below the floor of 7 days (reason: Sandbox data, rebuilt from fixtures every night.).';
    for (const stack of [a, b]) {
      const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('deadbolt::suppressions'));
      expect(warnings.map((w) => [w.id, w.entry.data])).toEqual([
        [`/${stack.stackName}`, `${expected} [ack: deadbolt::suppressions]`],
      ]);
      expect(artifactEntries(app, stack, 'deadbolt:options')).toEqual([
        {
          path: `/${stack.stackName}`,
          data: {
            checker: 'DataProtectionChecks',
            minimumBackupRetentionDays: 3,
            minimumBackupRetentionReason: RETENTION_REASON,
            severities: [
              { ruleId: 'backup-cross-account-copy', severity: 'off', reason: OFF_REASON },
              { ruleId: 'dynamodb-deletion-protection', severity: 'warning' },
            ],
            nonProduction: false,
          },
        },
      ]);
    }
  });

  test('nonProduction is reported; default options record the options and warn of nothing', () => {
    const { app } = appWithChecks({ nonProduction: true });
    const sandbox = new Stack(app, 'Sandbox', { env: ENV });
    unsafeTable(sandbox);
    Annotations.fromStack(sandbox).hasWarning(
      '/Sandbox',
      Match.stringLikeRegexp('^Deadbolt: nonProduction is on: every error is reported as a warning'),
    );

    const plain = appWithChecks();
    const shop = new Stack(plain.app, 'Shop', { env: ENV, terminationProtection: true });
    unsafeTable(shop);
    expect(Annotations.fromStack(shop).findWarning('*', Match.stringLikeRegexp('deadbolt::suppressions'))).toEqual([]);
    expect(artifactEntries(plain.app, shop, 'deadbolt:options')).toEqual([
      {
        path: '/Shop',
        data: { checker: 'DataProtectionChecks', minimumBackupRetentionDays: 7, severities: [], nonProduction: false },
      },
    ]);
  });

  test('under cdk synth --strict the warning can be acknowledged the CDK way; the metadata stays', () => {
    const { app } = appWithChecks({ nonProduction: true });
    const stack = new Stack(app, 'Sandbox', { env: ENV });
    CdkAnnotations.of(stack).acknowledgeWarning('deadbolt::suppressions', 'A sandbox account, torn down weekly.');
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('deadbolt::suppressions'))).toEqual([]);
    expect(artifactEntries(app, stack, 'deadbolt:options')).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ nonProduction: true }) }),
    ]);
  });

  test('a Stage already written is written again with the trace', () => {
    const { app } = appWithChecks({
      severities: [{ ruleId: 'backup-cross-account-copy', severity: FindingSeverity.OFF, reason: OFF_REASON }],
    });
    const prod = new Stage(app, 'Prod');
    const stack = new Stack(prod, 'Data', { env: ENV, terminationProtection: true });
    unsafeTable(stack).addPropertyOverride('DeletionProtectionEnabled', true);
    const assembly = app.synth();
    const nested = assembly.getNestedAssembly(prod.artifactId).getStackArtifact(stack.artifactId);
    const warnings = Object.values(nested.metadata)
      .flat()
      .filter((e) => e.type === 'aws:cdk:warning')
      .map((e) => e.data);
    expect(warnings).toEqual([
      `Deadbolt: rule backup-cross-account-copy is off (reason: ${OFF_REASON}). [ack: deadbolt::suppressions]`,
    ]);
  });
});

describe('DataProtectionChecks: app.synth({ skipValidation: true })', () => {
  test('the app is judged all the same: its errors are annotations in the assembly, with the trace', () => {
    const { app, checks } = appWithChecks();
    const stack = new Stack(app, 'Shop', { env: ENV, terminationProtection: true });
    unsafeTable(stack);
    const assembly = app.synth({ skipValidation: true });
    expect(checks.findings.map((f) => f.ruleId)).toContain('dynamodb-deletion-protection');
    const entries = Object.values(assembly.getStackArtifact(stack.artifactId).metadata).flat();
    expect(entries.filter((e) => e.type === 'aws:cdk:error').map((e) => e.data)).toEqual(
      expect.arrayContaining([expect.stringMatching(/\(deadbolt::dynamodb-deletion-protection\)$/)]),
    );
    expect(entries.filter((e) => e.type === 'aws:cdk:warning').map((e) => e.data)).toContain(
      'Deadbolt: validation was skipped (`skipValidation`): Deadbolt judged the templates as synthesis wrote them instead. [ack: deadbolt::suppressions]',
    );
    // The template written is the one judged, rendered once.
    const template = JSON.parse(fs.readFileSync(path.join(assembly.directory, 'Shop.template.json'), 'utf8'));
    expect(Object.keys(template.Resources)).toEqual(['Table']);
  });

  test('an App of Stages only is judged when it finishes: its Stages are written again with their errors', () => {
    const { app } = appWithChecks();
    const prod = new Stage(app, 'Prod');
    const stack = new Stack(prod, 'Data', { env: ENV, terminationProtection: true });
    unsafeTable(stack);
    const assembly = app.synth({ skipValidation: true });
    const nested = assembly.getNestedAssembly(prod.artifactId).getStackArtifact(stack.artifactId);
    const errors = Object.values(nested.metadata)
      .flat()
      .filter((e) => e.type === 'aws:cdk:error');
    expect(errors.map((e) => e.data)).toEqual(
      expect.arrayContaining([expect.stringMatching(/\(deadbolt::dynamodb-deletion-protection\)$/)]),
    );
  });

  test('two checkers on one App both judge', () => {
    const { app, checks } = appWithChecks();
    const second = new DataProtectionChecks({ nonProduction: true });
    Aspects.of(app).add(second, { priority: AspectPriority.READONLY });
    unsafeTable(new Stack(app, 'Shop', { env: ENV, terminationProtection: true }));
    app.synth({ skipValidation: true });
    expect(checks.findings.filter((f) => f.severity === 'error').length).toBeGreaterThan(0);
    expect(second.findings.filter((f) => f.severity === 'warning').length).toBeGreaterThan(0);
  });

  test('the plugin needs no fallback: CDK runs validation plugins whether or not validation is skipped', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    Validations.of(app).addPlugins(new DataProtectionPlugin());
    unsafeTable(new Stack(app, 'Shop', { env: ENV, terminationProtection: true }));
    expect(() => app.synth({ skipValidation: true })).toThrow(/deadbolt::dynamodb-deletion-protection/);
  });

  test('a normal synthesis after it is judged as a validation, once', () => {
    const { app, checks } = appWithChecks();
    const stack = new Stack(app, 'Shop', { env: ENV, terminationProtection: true });
    unsafeTable(stack);
    app.synth({ skipValidation: true });
    const first = checks.findings.length;
    app.synth({ force: true });
    expect(checks.findings).toHaveLength(first);
    const errors = Annotations.fromStack(stack).findError('/Shop/Table', Match.anyValue());
    // Each finding once: the second synthesis did not annotate again.
    expect(new Set(errors.map((e) => e.entry.data)).size).toBe(errors.length);
  });
});

describe('DataProtectionPlugin: the trace', () => {
  test('one warning in the report names every suppression and every stack; the options are in its metadata', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    Validations.of(app).addPlugins(new DataProtectionPlugin(KNOBS));
    for (const name of ['Orders', 'Carts']) {
      const stack = new Stack(app, name, { env: ENV, terminationProtection: true });
      unsafeTable(stack).addPropertyOverride('DeletionProtectionEnabled', true);
    }
    // The tables' findings are errors: synthesis fails, and its report shows the trace once per stack.
    expect(() => app.synth()).toThrow(
      /WARNING Deadbolt: rule backup-cross-account-copy is off \(reason: Copies are made by the organisation-wide AWS Backup policy\.\)/,
    );
    const report = JSON.parse(fs.readFileSync(path.join(app.outdir, 'validation-report.json'), 'utf8'));
    const deadbolt = report.pluginReports.find((r: { pluginName: string }) => r.pluginName === 'deadbolt');
    const trace = deadbolt.violations.filter((v: { ruleName: string }) => v.ruleName === 'suppressions');
    expect(trace).toHaveLength(1);
    expect(trace[0]).toMatchObject({
      severity: 'warning',
      description: expect.stringContaining(`rule backup-cross-account-copy is off (reason: ${OFF_REASON})`),
    });
    expect(trace[0].violatingConstructs.map((c: { constructPath: string }) => c.constructPath).sort()).toEqual([
      'Carts',
      'Orders',
    ]);
    expect(JSON.parse(deadbolt.metadata['deadbolt:options'])).toMatchObject({
      checker: 'DataProtectionPlugin',
      minimumBackupRetentionDays: 3,
      minimumBackupRetentionReason: RETENTION_REASON,
    });
  });

  test('the report warning can be acknowledged with Validations; the options stay in the report', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    Validations.of(app).addPlugins(new DataProtectionPlugin({ nonProduction: true }));
    Validations.of(app).acknowledge({ id: 'deadbolt::suppressions', reason: 'A sandbox account, torn down weekly.' });
    const stack = new Stack(app, 'Sandbox', { env: ENV });
    unsafeTable(stack);
    app.synth();
    const report = JSON.parse(fs.readFileSync(path.join(app.outdir, 'validation-report.json'), 'utf8'));
    const deadbolt = report.pluginReports.find((r: { pluginName: string }) => r.pluginName === 'deadbolt');
    expect(deadbolt.violations.map((v: { ruleName: string }) => v.ruleName)).not.toContain('suppressions');
    expect(deadbolt.violations.length).toBeGreaterThan(0);
    expect(JSON.parse(deadbolt.metadata['deadbolt:options'])).toMatchObject({ nonProduction: true });
  });
});
