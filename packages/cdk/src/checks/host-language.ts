import type { Finding } from '@deadbolt/rules';
import { PLUGIN_NAME } from './acknowledgements';

/**
 * The language of the CDK app that runs this package. A jsii binding names itself in the `JSII_AGENT` variable of
 * the Node.js process it starts (Python `Python/<version>`, Java `Java/<version>`, .NET `DotNet/<version>`, Go
 * `go<version>/<os>/<arch>`), as aws-cdk-lib reads it for its stack metadata; a Node.js app has none.
 * @see https://aws.github.io/jsii/overview/runtime-architecture/
 * @see https://github.com/aws/jsii/commit/cf1d0c3 (JSII_AGENT: each language runtime names itself)
 */
export type HostLanguage = 'typescript' | 'python' | 'java' | 'dotnet' | 'go';

export function hostLanguage(agent: string | undefined = process.env.JSII_AGENT): HostLanguage {
  if (!agent) return 'typescript';
  if (/^python\//i.test(agent)) return 'python';
  if (/^java\//i.test(agent)) return 'java';
  if (/^dotnet\//i.test(agent)) return 'dotnet';
  if (/^go\d/i.test(agent)) return 'go';
  return 'typescript';
}

const REASON = '<why the risk is accepted>';

/**
 * CDK's acknowledgement of `id` on `scope` (a placeholder such as `<construct at Prod/Db/Resource>`), as the app's
 * language writes it. `Validations.acknowledge` takes its `Acknowledgment`s as a variadic argument, so jsii does not
 * turn them into keyword arguments in Python: the struct is built explicitly there, and in Java, .NET and Go.
 */
export function acknowledgementCall(scope: string, id: string, language: HostLanguage = hostLanguage()): string {
  switch (language) {
    case 'python':
      return `Validations.of(${scope}).acknowledge(Acknowledgment(id="${id}", reason="${REASON}"))`;
    case 'java':
      return `Validations.of(${scope}).acknowledge(Acknowledgment.builder().id("${id}").reason("${REASON}").build())`;
    case 'dotnet':
      return `Validations.Of(${scope}).Acknowledge(new Acknowledgment { Id = "${id}", Reason = "${REASON}" })`;
    case 'go':
      return `awscdk.Validations_Of(${scope}).Acknowledge(&awscdk.Acknowledgment{Id: jsii.String("${id}"), Reason: jsii.String("${REASON}")})`;
    default:
      return `Validations.of(${scope}).acknowledge({ id: '${id}', reason: '${REASON}' })`;
  }
}

/** How a fix's prop and method names, written as TypeScript spells them, are spelled in the app's language. */
const NAMING: Readonly<Record<Exclude<HostLanguage, 'typescript' | 'java'>, string>> = {
  python: 'in Python, the same names in snake_case, props as keyword arguments',
  dotnet: 'in C#, the same names in PascalCase',
  go: 'in Go, the same names in PascalCase',
};

/**
 * The finding as the app's language reads it: the acknowledgement call in that language, on the construct the
 * engine's CDK line names (the resource's path, or its logical id when the tree does not hold it), and the fix with a
 * word on how its TypeScript names are spelled there. A Node.js app gets the finding unchanged.
 */
export function inHostLanguage(f: Finding, language: HostLanguage = hostLanguage()): Finding {
  if (language === 'typescript') return f;
  const naming = language === 'java' ? undefined : NAMING[language];
  return {
    ...f,
    acknowledgeWith: acknowledgementCall(
      `<construct at ${f.resource.path ?? f.resource.logicalId}>`,
      `${PLUGIN_NAME}::${f.ruleId}`,
      language,
    ),
    fix: naming ? `${f.fix} (Names as TypeScript writes them: ${naming}.)` : f.fix,
  };
}
