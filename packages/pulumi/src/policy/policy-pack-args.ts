/**
 * The policy pack's options, apart from the pack itself so that the main entry
 * (`@deadbolt/pulumi`) can name them without its typings naming `@pulumi/policy`,
 * an optional peer dependency a program without a policy pack does not install.
 */
import type { DataProtectionJudgingArgs } from '../model/judging';

/** Options for the Deadbolt policy pack. */
export interface DataProtectionPolicyPackArgs extends DataProtectionJudgingArgs {
  /**
   * The policy pack's name.
   * @default 'deadbolt-data-protection'
   */
  readonly name?: string;
}

/** The default policy pack name. */
export const POLICY_PACK_NAME = 'deadbolt-data-protection';
