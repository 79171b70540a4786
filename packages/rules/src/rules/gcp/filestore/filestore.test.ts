import type { ProviderResourceRecord } from '../../../dialects/aws-provider-model';
import { providerOutput } from '../../../dialects/aws-provider-model';
import type { EvaluationOptions } from '../../../engine/evaluate';
import type { Rule } from '../../../engine/rule';
import type { Finding } from '../../../model';
import { googleFindingsOf, googleRecord } from '../../testing/harness';
import rule from './filestore-deletion-protection';

/** A value known only after apply, as the Terraform and Pulumi readers hand it to the Google dialect. */
const unknown = (reason?: string): unknown => providerOutput(false, undefined, [], reason);
/** One rule over one Google resource, through the real dialect reader and engine. */
const run = (rule: Rule, r: ProviderResourceRecord, options: Omit<EvaluationOptions, 'rules'> = {}): Finding[] =>
  googleFindingsOf(rule, [r], options);

const instance = (p: Record<string, unknown> = {}) =>
  googleRecord('google_filestore_instance', { tier: 'ZONAL', ...p });

describe('filestore-deletion-protection: Filestore instances have deletion protection on', () => {
  test.each([
    [
      '1. unset',
      instance(),
      /^deletion_protection_enabled is not set \(provider default: false\)\. It is Filestore's own guard/,
    ],
    [
      '2. false',
      instance({ deletion_protection_enabled: false }),
      /^deletion_protection_enabled is false; it must be true\. It is Filestore's own guard/,
    ],
    ['3. unknown', instance({ deletion_protection_enabled: unknown() }), /cannot be proven true/],
  ])('%s is a finding', (_n, r, message) => {
    const f = run(rule, r);
    expect(f).toHaveLength(1);
    expect(f[0].message).toMatch(message);
    expect(f[0].fix).toBe(
      'Set `deletion_protection_enabled = true` on the `google_filestore_instance` (and `deletion_protection_reason`).',
    );
  });
  test('on passes', () => expect(run(rule, instance({ deletion_protection_enabled: true }))).toEqual([]));
});

describe('filestore-deletion-protection in @pulumi/gcp quotes the Pulumi names', () => {
  const pInstance = (inputs: Record<string, unknown> = {}) =>
    googleRecord('gcp:filestore/instance:Instance', { tier: 'ZONAL', ...inputs });
  test('unset is a finding worded in Pulumi', () => {
    const f = run(rule, pInstance());
    expect(f.map((x) => x.message)).toEqual([
      "deletionProtectionEnabled is not set (provider default: false). It is Filestore's own guard: while true, every delete fails, `gcloud`, the console and a destroy alike.",
    ]);
    expect(f[0].location).toBe('inputs/deletionProtectionEnabled');
    expect(f[0].fix).toBe(
      'Pass `deletionProtectionEnabled: true` (and `deletionProtectionReason`) to the `gcp.filestore.Instance`.',
    );
  });
  test('on passes', () => expect(run(rule, pInstance({ deletionProtectionEnabled: true }))).toEqual([]));
});

describe('filestore-deletion-protection on the Basic tiers, which have no deletion protection', () => {
  test.each([['BASIC_HDD'], ['BASIC_SSD'], ['STANDARD']])('%s: a warning with a fix that works there', (tier) => {
    const f = run(rule, instance({ tier }));
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('warning');
    expect(f[0].location).toBe('inputs/tier');
    expect(f[0].message).toBe(
      `tier is "${tier}", a tier on which Filestore has no deletion protection: one \`gcloud filestore instances delete\`, a console click or a destroy deletes the file shares and their snapshots; only backups outlive the instance.`,
    );
    expect(f[0].fix).toMatch(/prevent_destroy = true/);
  });
  test('in Pulumi the fix names protect', () =>
    expect(run(rule, googleRecord('gcp:filestore/instance:Instance', { tier: 'BASIC_SSD' }))[0].fixes.pulumi).toMatch(
      /protect: true/,
    ));
  test('an unknown tier keeps the requirement', () =>
    expect(run(rule, instance({ tier: unknown() }))[0].message).toMatch(/^deletion_protection_enabled is not set/));
});
