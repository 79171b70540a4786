import type { ProviderResourceRecord } from '../../../dialects/aws-provider-model';
import { providerOutput } from '../../../dialects/aws-provider-model';
import type { EvaluationOptions } from '../../../engine/evaluate';
import type { Rule } from '../../../engine/rule';
import type { Finding } from '../../../model';
import { googleFindingsOf, googleRecord } from '../../testing/harness';
import deleteProtection from './firestore-delete-protection';
import pitr from './firestore-point-in-time-recovery';
import deletionPolicy from './firestore-deletion-policy';
import gcpDeletionPolicy from '../general/gcp-deletion-policy';

/** A value known only after apply, as the Terraform and Pulumi readers hand it to the Google dialect. */
const unknown = (reason?: string): unknown => providerOutput(false, undefined, [], reason);
/** One rule over one Google resource, through the real dialect reader and engine. */
const run = (rule: Rule, r: ProviderResourceRecord, options: Omit<EvaluationOptions, 'rules'> = {}): Finding[] =>
  googleFindingsOf(rule, [r], options);

const db = (properties: Record<string, unknown> = {}): ProviderResourceRecord =>
  googleRecord('google_firestore_database', { name: '(default)', type: 'FIRESTORE_NATIVE', ...properties });

describe('firestore rules', () => {
  test.each([
    [
      deleteProtection,
      db(),
      /^delete_protection_state is not set \(provider default: DELETE_PROTECTION_STATE_UNSPECIFIED, which is disabled\)\. It is Firestore's own guard: while `DELETE_PROTECTION_ENABLED`, every delete fails, `gcloud`, the console and a destroy alike\.$/,
    ],
    [
      deleteProtection,
      db({ delete_protection_state: 'DELETE_PROTECTION_DISABLED' }),
      /^delete_protection_state is "DELETE_PROTECTION_DISABLED"; it must be `DELETE_PROTECTION_ENABLED`\. It is Firestore's own guard: while `DELETE_PROTECTION_ENABLED`, every delete fails, `gcloud`, the console and a destroy alike\.$/,
    ],
    [deleteProtection, db({ delete_protection_state: unknown() }), /cannot be proven `DELETE_PROTECTION_ENABLED`/],
    [
      pitr,
      db(),
      /^point_in_time_recovery_enablement is not set \(provider default: POINT_IN_TIME_RECOVERY_DISABLED, 1 hour of versions\)\.$/,
    ],
    [
      pitr,
      db({ point_in_time_recovery_enablement: 'POINT_IN_TIME_RECOVERY_DISABLED' }),
      /must be `POINT_IN_TIME_RECOVERY_ENABLED`/,
    ],
    [
      deletionPolicy,
      db({ deletion_policy: 'DELETE' }),
      /^deletion_policy is "DELETE": a destroy or replacement deletes the database and its documents \(`ABANDON`, this resource's default, leaves them in place\)\.$/,
    ],
    [
      deletionPolicy,
      db({ deletion_policy: unknown() }),
      /^deletion_policy is (?:an unknown output|a value known only after apply), which cannot be proven `ABANDON` or `PREVENT`/,
    ],
  ] as const)('%#: %p finds the unsafe setting', (rule, r, message) => {
    const f = run(rule, r);
    expect(f).toHaveLength(1);
    expect(f[0].ruleId).toBe(rule.id);
    expect(f[0].message).toMatch(message);
    expect(f[0].fix).toMatch(/google_firestore_database/);
    expect(f[0].fixes.pulumi).toMatch(/gcp\.firestore\.Database/);
  });

  test.each([
    [deleteProtection, db({ delete_protection_state: 'DELETE_PROTECTION_ENABLED' })],
    [pitr, db({ point_in_time_recovery_enablement: 'POINT_IN_TIME_RECOVERY_ENABLED' })],
    [deletionPolicy, db()],
    [deletionPolicy, db({ deletion_policy: 'ABANDON' })],
    [deletionPolicy, db({ deletion_policy: 'PREVENT' })],
  ] as const)('%#: %p passes the safe setting', (rule, r) => expect(run(rule, r)).toEqual([]));

  /** Attack: the resource says nothing, but the provider block sets deletion_policy = "DELETE" for everything it creates. */
  test('an unset deletion_policy inherits the provider-level DELETE', () => {
    const provider: ProviderResourceRecord = {
      id: 'default',
      name: 'default',
      type: 'pulumi:providers:gcp',
      inputs: { project: 'prod-data', deletionPolicy: 'DELETE' },
    };
    const f = googleFindingsOf(deletionPolicy, [provider, db()]);
    expect(f.map((x) => x.message)).toEqual([
      'deletion_policy is not set and the provider\'s deletion_policy is "DELETE": a destroy or replacement deletes the database and its documents (`ABANDON`, this resource\'s default, leaves them in place).',
    ]);
  });
});

describe('Firestore rules in @pulumi/gcp quote the Pulumi names', () => {
  const pDb = (inputs: Record<string, unknown> = {}) =>
    googleRecord('gcp:firestore/database:Database', { name: '(default)', type: 'FIRESTORE_NATIVE', ...inputs });
  test.each([
    [
      deleteProtection,
      pDb({ deleteProtectionState: 'DELETE_PROTECTION_DISABLED' }),
      /^deleteProtectionState is "DELETE_PROTECTION_DISABLED"; it must be `DELETE_PROTECTION_ENABLED`\. It is Firestore's own guard: while `DELETE_PROTECTION_ENABLED`, every delete fails, `gcloud`, the console and a destroy alike\.$/,
    ],
    [pitr, pDb(), /^pointInTimeRecoveryEnablement is not set \(provider default: POINT_IN_TIME_RECOVERY_DISABLED/],
    [
      deletionPolicy,
      pDb({ deletionPolicy: 'DELETE' }),
      /^deletionPolicy is "DELETE": a destroy or replacement deletes/,
    ],
  ] as const)('%#: %p', (rule, r, message) => {
    const f = run(rule, r);
    expect(f).toHaveLength(1);
    expect(f[0].message).toMatch(message);
    expect(f[0].fix).toMatch(/gcp\.firestore\.Database/);
  });
  test('everything on passes', () => {
    const safe = pDb({
      deleteProtectionState: 'DELETE_PROTECTION_ENABLED',
      pointInTimeRecoveryEnablement: 'POINT_IN_TIME_RECOVERY_ENABLED',
    });
    for (const rule of [deleteProtection, pitr, deletionPolicy]) expect(run(rule, safe)).toEqual([]);
  });
});

describe('firestore-deletion-policy and delete protection', () => {
  test('DELETE with delete protection enabled: Firestore refuses the delete, no finding', () =>
    expect(
      run(deletionPolicy, db({ deletion_policy: 'DELETE', delete_protection_state: 'DELETE_PROTECTION_ENABLED' })),
    ).toEqual([]));
  test('DELETE with delete protection that cannot be read is still a finding', () =>
    expect(run(deletionPolicy, db({ deletion_policy: 'DELETE', delete_protection_state: unknown() }))).toHaveLength(1));
});

describe('firestore-deletion-policy and the general rule', () => {
  const db = (options?: ProviderResourceRecord['options']): ProviderResourceRecord =>
    googleRecord(
      'gcp:firestore/database:Database',
      { locationId: 'eur3', type: 'FIRESTORE_NATIVE', deletionPolicy: 'DELETE' },
      options ? { options } : {},
    );

  test('Pulumi `protect` or `retainOnDelete` keeps the database from a destroy', () => {
    expect(googleFindingsOf(deletionPolicy, [db()])).toHaveLength(1);
    expect(googleFindingsOf(deletionPolicy, [db({ protect: true })])).toEqual([]);
    expect(googleFindingsOf(deletionPolicy, [db({ retainOnDelete: true })])).toEqual([]);
  });

  test('gcp-deletion-policy leaves Firestore to this rule: one finding, not two', () => {
    expect(googleFindingsOf(deletionPolicy, [db()]).map((f) => f.ruleId)).toEqual(['firestore-deletion-policy']);
    expect(googleFindingsOf(gcpDeletionPolicy, [db()])).toEqual([]);
  });
});
