import * as fs from 'fs';
import * as path from 'path';
import type { IConstruct } from 'constructs';
import {
  NestedStack,
  Stack,
  type IPolicyValidationContext,
  type IPolicyValidationPlugin,
  type PolicyValidationPluginReport,
  type PolicyViolation,
} from 'aws-cdk-lib';
import {
  cloudFormationDocument,
  evaluate,
  refusal,
  RULE_IDS,
  OPTIONS_METADATA_TYPE,
  SUPPRESSIONS_ID,
  type EvaluationOptions,
  type OptionsRecord,
  type StackDocument,
} from '@deadbolt/rules';
import { AcknowledgementIndex, PLUGIN_NAME, UNKNOWN_RULE_ID, unknownAcknowledgementText } from './acknowledgements';
import { engineOptions, optionsRecord, type DataProtectionOptions } from './options';
import { acknowledgedRefusal, REFUSED_SUFFIX } from './refused-acknowledgements';
import { constructAtPath, logicalIdPaths, nearestConstructAtPath } from './to-model';
import { inHostLanguage } from './host-language';
import { cdkTrace } from './trace';

/** Options for `DataProtectionPlugin`. */
export interface DataProtectionPluginProps extends DataProtectionOptions {}

/**
 * The Deadbolt catalogue as a CDK policy validation plugin:
 *
 * ```ts
 * import { Validations } from 'aws-cdk-lib';
 * import { DataProtectionPlugin } from '@deadbolt/cdk';
 *
 * Validations.of(app).addPlugins(new DataProtectionPlugin());
 * ```
 *
 * Findings appear in CDK's validation report with construct paths, and
 * `Validations.of(scope).acknowledge({ id: 'deadbolt::<rule>', reason })`
 * suppresses them there natively. An acknowledgement without a reason or past
 * its expiry is refused: the finding is reported as
 * `<rule>[acknowledgement-refused]` with severity `fatal`, which CDK never
 * suppresses and which fails synthesis in every mode (`nonProduction`
 * included), and an acknowledgement of that id is itself refused. CDK hands a plugin only top-level stack
 * templates; the plugin follows each `AWS::CloudFormation::Stack` to its nested
 * template in the cloud assembly and judges it too.
 */
export class DataProtectionPlugin implements IPolicyValidationPlugin {
  public readonly name = PLUGIN_NAME;
  // Optional as `IPolicyValidationPlugin` declares them: jsii refuses an implementation that makes them required.
  public readonly version?: string = '0.1.0';
  public readonly ruleIds?: string[] = [...RULE_IDS];
  private readonly options: EvaluationOptions;
  private readonly record: OptionsRecord;

  public constructor(props: DataProtectionPluginProps = {}) {
    this.options = engineOptions(props, 'DataProtectionPlugin');
    this.record = optionsRecord(props, 'DataProtectionPlugin');
  }

  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const root = context.appConstruct;
    // Every stack of the app by construct path, gathered only when a template is not found by its
    // path or has nested stacks: walking the whole tree is a cost of its own on a large app.
    let all: Map<string, Stack> | undefined;
    const stacks = (): Map<string, Stack> => {
      if (!all) {
        all = new Map<string, Stack>();
        for (const c of root.node.findAll()) if (Stack.isStack(c)) all.set(c.node.path, c);
      }
      return all;
    };
    // Findings name a few hundred resources, most more than once: walk each path once.
    const found = new Map<string, IConstruct | undefined>();
    const constructAt = (p: string): IConstruct | undefined => {
      if (!found.has(p)) found.set(p, nearestConstructAtPath(root, p));
      return found.get(p);
    };

    const documents: StackDocument[] = [];
    for (const entry of context.stackTemplates) {
      const atPath = constructAtPath(root, entry.stackConstructPath);
      const stack = atPath && Stack.isStack(atPath) ? atPath : findByHierarchicalId(stacks(), entry.stackConstructPath);
      const doc = cloudFormationDocument({
        id: entry.stackConstructPath,
        name: entry.stackConstructPath,
        template: readJson(entry.templatePath),
        templatePath: entry.templatePath,
        account: entry.accountId,
        region: entry.region,
        terminationProtection: stack?.terminationProtection ?? false,
        tags: stack?.tags.tagValues() ?? {},
        pathOf: (logicalId) => (stack ? pathOfLogicalId(stack, logicalId) : undefined),
      });
      documents.push(doc, ...nestedDocuments(doc, entry.accountId, entry.region, stacks));
    }

    // Valid acknowledgements are CDK's to apply: it removes `deadbolt::<rule>` from the
    // report and lists it as acknowledged. Deadbolt only refuses the ones without a
    // reason or past their expiry, by reporting the finding under a granular id the
    // acknowledgement does not name, as `fatal`: the one severity CDK never
    // suppresses, so no other acknowledgement (such as one of
    // `deadbolt::<rule>[acknowledgement-refused]`) can hide it; an acknowledgement of
    // that id is itself refused.
    const now = new Date();
    const result = evaluate({ documents }, this.options);
    // One violation per finding, never grouped by rule: a finding's fix and its
    // acknowledgement line name its own construct, and CDK's report prints a
    // violation's fix once for all of its resources. CDK still groups the report by
    // rule name, and applies acknowledgements resource by resource either way.
    const list: PolicyViolation[] = [];
    const index = new AcknowledgementIndex();
    for (const f of result.findings) {
      if (f.severity === 'info') continue;
      const construct = constructAt(f.resource.path ?? f.resource.key);
      const acks = construct ? index.acknowledgementsFor(construct, f.ruleId) : [];
      const bypass = construct ? acknowledgedRefusal(construct, f.ruleId, index) : undefined;
      const policy = { maximumDays: this.options.maximumAcknowledgementDays };
      const valid = acks.some((a) => !refusal(a, now, policy));
      const refused = valid ? undefined : (bypass ?? (acks.length > 0 ? refusal(acks[0], now, policy) : undefined));
      // Fatal in every mode, warnings included: a refused warning that CDK could
      // suppress would come with CDK's own hint to acknowledge the refused id.
      const severity = refused ? 'fatal' : f.severity;
      const spoken = inHostLanguage(f);
      list.push({
        ruleName: refused ? `${f.ruleId}${REFUSED_SUFFIX}` : f.ruleId,
        description: `${f.title}. ${f.message} ${f.why}${refused ? ` Acknowledgement refused (this finding cannot be acknowledged until the acknowledgement is fixed): ${refused}` : ''}`,
        fix: `${spoken.fix} To accept the risk: ${spoken.acknowledgeWith}`,
        severity,
        violatingResources: [
          {
            resourceLogicalId: f.resource.logicalId,
            templatePath: f.resource.template,
            constructPath: f.resource.path,
            locations: f.location ? [f.location] : [],
          },
        ],
      });
    }
    // An acknowledgement of a rule the catalogue does not have acknowledges nothing: fatal, as CDK never suppresses it.
    for (const u of index.unknownAcknowledgements(root)) {
      list.push({
        ruleName: UNKNOWN_RULE_ID,
        description: unknownAcknowledgementText(u.problem),
        fix: 'Write the id as `deadbolt::<rule>` with a rule id of the catalogue (`npx deadbolt rules` lists them), or remove the acknowledgement.',
        severity: 'fatal',
        violatingResources: [{ constructPath: u.construct.node.path, locations: [] }],
      });
    }
    // The options that make the report say less, once per synthesis: a warning naming every stack judged (CDK
    // prints it with the report, and `Validations.of(app).acknowledge({ id: 'deadbolt::suppressions', reason })`
    // accepts it), and the options in the report's metadata (`validation-report.json` in the cloud assembly).
    const trace = cdkTrace(this.record);
    if (trace) {
      list.push({
        ruleName: SUPPRESSIONS_ID,
        description: trace,
        fix: 'Nothing, if each suppression is intended: its reason is on record. Otherwise remove it from the DataProtectionPlugin options.',
        severity: 'warning',
        violatingResources: context.stackTemplates.map((entry) => ({
          resourceLogicalId: entry.stackConstructPath,
          templatePath: entry.templatePath,
          constructPath: entry.stackConstructPath,
          locations: [],
        })),
      });
    }
    return {
      success: !list.some((v) => v.severity === 'error' || v.severity === 'fatal'),
      violations: list,
      metadata: { [OPTIONS_METADATA_TYPE]: JSON.stringify(this.record) },
    };
  }
}

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/**
 * Nested stack templates: each `AWS::CloudFormation::Stack` of a parent is
 * matched to its `NestedStack` construct, whose `templateFile` sits beside the
 * parent's template (or, without the tree, to the `aws:asset:path` metadata CDK
 * writes when asset metadata is on).
 */
function nestedDocuments(
  parent: StackDocument,
  account: string | undefined,
  region: string | undefined,
  stacks: () => Map<string, Stack>,
): StackDocument[] {
  const out: StackDocument[] = [];
  const dir = path.dirname(parent.templatePath ?? '.');
  for (const r of parent.resources.values()) {
    if (r.type !== 'AWS::CloudFormation::Stack') continue;
    const parentStack = stacks().get(parent.id);
    const nested = [...stacks().values()].find(
      (s): s is NestedStack =>
        NestedStack.isNestedStack(s) &&
        s.nestedStackParent === parentStack &&
        s.nestedStackResource !== undefined &&
        parentStack!.resolve(s.nestedStackResource.logicalId) === r.logicalId,
    );
    const asset = r.metadata?.['aws:asset:path'];
    const file = nested
      ? path.join(dir, nested.templateFile)
      : typeof asset === 'string'
        ? path.join(dir, asset)
        : undefined;
    if (!file || !fs.existsSync(file)) continue;
    const id = nested ? nested.node.path : `${parent.id}/${r.logicalId}`;
    const doc = cloudFormationDocument({
      id,
      name: id,
      template: readJson(file),
      templatePath: file,
      account,
      region,
      terminationProtection: parent.terminationProtection,
      tags: parent.tags,
      parent: { document: parent, logicalId: r.logicalId },
      pathOf: (logicalId) => (nested ? pathOfLogicalId(nested, logicalId) : undefined),
    });
    out.push(doc, ...nestedDocuments(doc, account, region, stacks));
  }
  return out;
}

const logicalIdIndex = new WeakMap<Stack, Map<string, string>>();

/** The construct path of a logical id in a stack (when `aws:cdk:path` metadata is off), indexed once per stack. */
function pathOfLogicalId(stack: Stack, logicalId: string): string | undefined {
  let index = logicalIdIndex.get(stack);
  if (!index) logicalIdIndex.set(stack, (index = logicalIdPaths(stack)));
  return index.get(logicalId);
}

function findByHierarchicalId(stacks: Map<string, Stack>, id: string): Stack | undefined {
  for (const s of stacks.values()) if (s.artifactId === id || s.stackName === id) return s;
  return undefined;
}
