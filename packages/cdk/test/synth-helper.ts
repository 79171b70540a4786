/**
 * Test helper: build a real CDK app, synthesize it with the real aws-cdk-lib,
 * and return what Deadbolt finds in the synthesized templates.
 */
import { App, AspectPriority, Aspects, Stack, type Environment } from 'aws-cdk-lib';
import type { Finding } from '@deadbolt/rules';
import { DataProtectionChecks, type DataProtectionChecksProps } from '../src';

export const ENV: Environment = { account: '111111111111', region: 'us-east-1' };

export interface SynthOptions {
  /** The stack's environment. @default ENV (account 111111111111, us-east-1) */
  readonly env?: Environment;
  /** Pass `false` to synthesize an environment-agnostic stack. */
  readonly envAgnostic?: boolean;
  /** Options for the checks. */
  readonly checks?: DataProtectionChecksProps;
}

/**
 * Synthesizes `build(stack)` with `DataProtectionChecks` on the App and returns
 * every finding it reported (in the CDK idiom). `stack` is a fresh `Stack`
 * named `Test` in `ENV`.
 */
export function synthFindings(build: (stack: Stack, app: App) => void, options: SynthOptions = {}): Finding[] {
  // CDK's own template validation is off: it is slow and prints unrelated warnings.
  const app = new App({ builtinCloudFormationValidation: false });
  const stack = new Stack(app, 'Test', options.envAgnostic ? {} : { env: options.env ?? ENV });
  build(stack, app);
  const checks = new DataProtectionChecks(options.checks);
  Aspects.of(app).add(checks, { priority: AspectPriority.READONLY });
  app.synth();
  return [...checks._engineFindings()];
}

/** What the helpers read of a finding: the engine's (`Finding`) and the public struct (`DataProtectionFinding`) both have it. */
interface FindingLike {
  readonly ruleId: string;
  readonly resource: { readonly logicalId: string; readonly path?: string };
}

/** Rule ids of the findings whose construct path contains `pathPart`, sorted. */
export function ruleIdsAt(findings: readonly FindingLike[], pathPart: string): string[] {
  return findings
    .filter((f) => (f.resource.path ?? f.resource.logicalId).includes(pathPart))
    .map((f) => f.ruleId)
    .sort();
}

/** The findings of one rule. */
export function ofRule<F extends FindingLike>(findings: readonly F[], ruleId: string): F[] {
  return findings.filter((f) => f.ruleId === ruleId);
}
