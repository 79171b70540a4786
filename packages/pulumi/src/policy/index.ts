/**
 * `@deadbolt/pulumi/policy`: the catalogue as a CrossGuard policy pack. Its own
 * entry point, because its typings name `@pulumi/policy`, which only a policy
 * pack installs: the main entry's typings must compile without it.
 * @module @deadbolt/pulumi/policy
 */
export * from './policy-pack-args';
export * from './data-protection-policy-pack';
