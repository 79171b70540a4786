/**
 * Deadbolt for Pulumi: `enforceDataProtection`, the safe components, the
 * deletion guard hook, and `dataProtectionPolicyPack`.
 * @module @deadbolt/pulumi
 */
export * from './components';
export * from './hooks';
export * from './enforce';
// The policy pack is `@deadbolt/pulumi/policy` (its typings name the optional `@pulumi/policy`);
// the main entry keeps only what names no policy type.
export { POLICY_PACK_NAME, type DataProtectionPolicyPackArgs } from './policy/policy-pack-args';
export { dataProtectionPolicyPack } from './policy/main-entry-policy-pack';
