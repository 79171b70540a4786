/**
 * The policy pack's starter as the main entry (`@deadbolt/pulumi`) exported it
 * before the pack moved to `@deadbolt/pulumi/policy`, so that policy-pack
 * programs written for 0.1.0 keep running. Its return type names no
 * `@pulumi/policy` type: the main entry's typings compile without that package.
 */
import { dataProtectionPolicyPack as startPolicyPack } from './data-protection-policy-pack';
import type { DataProtectionPolicyPackArgs } from './policy-pack-args';

/**
 * Starts the Deadbolt policy pack, as `dataProtectionPolicyPack` of `@deadbolt/pulumi/policy` does
 * (and returns its `PolicyPack`).
 * @deprecated Import it from `@deadbolt/pulumi/policy`, where it returns a typed `PolicyPack`:
 * `import { dataProtectionPolicyPack } from '@deadbolt/pulumi/policy';`
 */
export function dataProtectionPolicyPack(args: DataProtectionPolicyPackArgs = {}): unknown {
  return startPolicyPack(args);
}
