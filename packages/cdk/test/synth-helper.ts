/**
 * Test helper: build a real CDK app, synthesize it with the real aws-cdk-lib,
 * and return what Deadbolt finds in the synthesized templates.
 */
import { App, Stack, type Environment } from 'aws-cdk-lib';
import { cloudFormationDocument, evaluate, type Finding, type StackDocument } from '@deadbolt/rules';

export const ENV: Environment = { account: '111111111111', region: 'us-east-1' };

export interface SynthOptions {
  /** The stack's environment. @default ENV (account 111111111111, us-east-1) */
  readonly env?: Environment;
  /** Pass `false` to synthesize an environment-agnostic stack. */
  readonly envAgnostic?: boolean;
}

/**
 * Synthesizes `build(stack)` and returns every finding, in the CDK idiom.
 * `stack` is a fresh `Stack` named `Test` in `ENV`.
 */
export function synthFindings(build: (stack: Stack, app: App) => void, options: SynthOptions = {}): Finding[] {
  const app = new App({ context: { 'aws:cdk:enable-path-metadata': true } });
  const stack = new Stack(app, 'Test', options.envAgnostic ? {} : { env: options.env ?? ENV });
  build(stack, app);
  const assembly = app.synth();
  const documents: StackDocument[] = assembly.stacksRecursively.map((s) =>
    cloudFormationDocument({
      id: s.hierarchicalId,
      name: s.stackName,
      template: s.template,
      templatePath: s.templateFullPath,
      account: s.environment.account,
      region: s.environment.region,
      terminationProtection: s.terminationProtection ?? false,
      tags: s.tags,
    }),
  );
  return [...evaluate({ documents }, { idiom: 'cdk' }).findings];
}

/** Rule ids of the findings whose construct path contains `pathPart`, sorted. */
export function ruleIdsAt(findings: readonly Finding[], pathPart: string): string[] {
  return findings.filter((f) => (f.resource.path ?? f.resource.logicalId).includes(pathPart)).map((f) => f.ruleId).sort();
}

/** The findings of one rule. */
export function ofRule(findings: readonly Finding[], ruleId: string): Finding[] {
  return findings.filter((f) => f.ruleId === ruleId);
}
