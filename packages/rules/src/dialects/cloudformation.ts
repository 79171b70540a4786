import type { NormalisedResource, StackDocument, UnexpandedContent } from '../model';
import { InputError } from './errors';
import { duplicateJsonKey } from './json-keys';

/** What a front end knows about one CloudFormation template besides its body. */
export interface CloudFormationDocumentInput {
  /** Unique within one evaluation: an artifact id or a template path. */
  readonly id: string;
  /** What a user calls it: stack name or file name. */
  readonly name?: string;
  /** The parsed template (JSON or YAML already turned into objects). */
  readonly template: unknown;
  readonly templatePath?: string;
  /** The 12-digit account, when known (cloud assembly environment, `--account`). */
  readonly account?: string;
  readonly region?: string;
  /** Undefined when the source cannot say (a bare template). */
  readonly terminationProtection?: boolean;
  /** Stack-level tags (propagated by CloudFormation to the stack's resources). */
  readonly tags?: Readonly<Record<string, string>>;
  /** Construct path of a resource whose template has no `aws:cdk:path` metadata. */
  readonly pathOf?: (logicalId: string) => string | undefined;
  readonly parent?: { readonly document: StackDocument; readonly logicalId: string };
  /**
   * Parses a template written as text inside this one (a stack set's
   * `TemplateBody`), JSON or YAML, throwing `InputError` when it cannot.
   * @default - JSON only: a YAML body is reported by `template-unexpanded-content` as not read
   */
  readonly parseTemplateText?: (text: string, source: string) => unknown;
}

/** How deep an embedded template (a stack set's body) may itself embed one before it is not read. */
const MAX_EMBEDDING_DEPTH = 4;

const ACCOUNT = /^\d{12}$/;

/**
 * CloudFormation's quotas hold for the template as processed, after
 * `Fn::ForEach` has been expanded: at most 500 resources, and a template body
 * of at most 1 MB. A template beyond them cannot be deployed, and reading one
 * (a few nested loops multiply quickly) must not cost without bound.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-foreach.html
 */
export const TEMPLATE_LIMITS = Object.freeze({ resources: 500, processedBytes: 1_000_000 });

/**
 * Transforms whose output Deadbolt judges without seeing it: the rest are
 * reported by `template-unexpanded-content`.
 * - `AWS::LanguageExtensions`: `Fn::ForEach` is expanded here; its other
 *   functions read as values known only at deploy time (fail closed).
 * - `AWS::Serverless-2016-10-31` (SAM): its one data store,
 *   `AWS::Serverless::SimpleTable`, is judged as written; what it expands the
 *   other `AWS::Serverless::*` types into holds no data, except a nested
 *   `AWS::Serverless::Application`, which is reported.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/transform-aws-languageextensions.html
 * @see https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-resources-and-properties.html
 */
const JUDGED_TRANSFORMS = new Set(['AWS::LanguageExtensions', 'AWS::Serverless-2016-10-31']);

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Turns a parsed CloudFormation template into a `StackDocument`. Throws
 * `InputError` for anything that is not a template: no `Resources`, a resource
 * without a string `Type`, more resources than CloudFormation deploys. Values
 * are kept as written; rules resolve them. Macros and includes are recorded in
 * `unexpanded`; a stack set's `TemplateBody` becomes an `embedded` document.
 */
export function cloudFormationDocument(input: CloudFormationDocumentInput): StackDocument {
  return readDocument(input, undefined, 0);
}

function readDocument(
  input: CloudFormationDocumentInput,
  embeddedIn: StackDocument['embeddedIn'],
  depth: number,
): StackDocument {
  const source = input.templatePath ?? input.id;
  const t = input.template;
  if (!isObject(t)) throw new InputError('the template is not a JSON/YAML object.', source);
  if (!isObject(t.Resources)) throw new InputError('the template has no `Resources` section.', source);
  const unexpanded = unexpandedContent(t);
  const resourcesIn = expandForEach(t.Resources, source);
  for (const section of ['Parameters', 'Conditions', 'Mappings', 'Outputs'] as const) {
    if (t[section] !== undefined && !isObject(t[section]))
      throw new InputError(`\`${section}\` is not an object.`, source);
  }
  const exports = new Map<string, unknown>();
  const outputs = new Map<string, unknown>();
  for (const [name, output] of Object.entries((t.Outputs as Record<string, unknown>) ?? {})) {
    if (isObject(output) && output.Value !== undefined) outputs.set(name, output.Value);
    if (isObject(output) && isObject(output.Export) && typeof output.Export.Name === 'string') {
      exports.set(output.Export.Name, output.Value);
    }
  }
  const resources = new Map<string, NormalisedResource>();
  const embedded: StackDocument[] = [];
  const doc: StackDocument = {
    id: input.id,
    name: input.name ?? input.id,
    dialect: 'cloudformation',
    account: input.account && ACCOUNT.test(input.account) ? input.account : undefined,
    region: input.region && /^[a-z]{2}(-[a-z]+)+-\d$/.test(input.region) ? input.region : undefined,
    terminationProtection: input.terminationProtection,
    tags: input.tags ?? {},
    metadata: isObject(t.Metadata) ? t.Metadata : undefined,
    parameters: (t.Parameters as Record<string, unknown>) ?? {},
    conditions: (t.Conditions as Record<string, unknown>) ?? {},
    mappings: (t.Mappings as Record<string, unknown>) ?? {},
    exports,
    outputs,
    resources,
    templatePath: input.templatePath,
    parent: input.parent,
    unexpanded,
    embedded,
    embeddedIn,
  };
  for (const [logicalId, raw] of Object.entries(resourcesIn)) {
    // An include or macro in place of resources adds what it expands to: recorded in `unexpanded`.
    if (logicalId === 'Fn::Transform' || (isObject(raw) && raw.Type === undefined && 'Fn::Transform' in raw)) continue;
    if (!isObject(raw)) throw new InputError(`resource \`${logicalId}\` is not an object.`, source);
    if (typeof raw.Type !== 'string' || raw.Type === '') {
      throw new InputError(`resource \`${logicalId}\` has no \`Type\`.`, source);
    }
    if (raw.Properties !== undefined && !isObject(raw.Properties)) {
      throw new InputError(`resource \`${logicalId}\` has \`Properties\` that are not an object.`, source);
    }
    const metadata = isObject(raw.Metadata) ? raw.Metadata : undefined;
    const cdkPath = typeof metadata?.['aws:cdk:path'] === 'string' ? (metadata['aws:cdk:path'] as string) : undefined;
    resources.set(logicalId, {
      key: `${input.id}/${logicalId}`,
      logicalId,
      type: raw.Type,
      nativeType: raw.Type,
      dialect: 'cloudformation',
      properties: (raw.Properties as Record<string, unknown>) ?? {},
      deletionPolicy: raw.DeletionPolicy,
      updateReplacePolicy: raw.UpdateReplacePolicy,
      condition: typeof raw.Condition === 'string' ? raw.Condition : undefined,
      metadata,
      document: doc,
      location: {
        template: input.templatePath,
        stack: doc.name,
        path: cdkPath ?? input.pathOf?.(logicalId),
      },
    });
  }
  if (depth < MAX_EMBEDDING_DEPTH) {
    for (const r of resources.values()) {
      if (r.type !== STACK_SET) continue;
      const body = stackSetBody(r, input, source);
      if (body === undefined) continue;
      const where = r.location.path ?? r.logicalId;
      embedded.push(
        readDocument(
          {
            id: `${input.id}/${r.logicalId}`,
            name: `${doc.name}/${r.logicalId} (stack set)`,
            template: body,
            templatePath: input.templatePath,
            // Stack instances deploy to the accounts and regions the stack set targets, not the administrator's.
            tags: literalTags(r.properties.Tags),
            pathOf: (logicalId) => `${where}/TemplateBody/${logicalId}`,
            parseTemplateText: input.parseTemplateText,
          },
          { document: doc, logicalId: r.logicalId },
          depth + 1,
        ),
      );
    }
  }
  return doc;
}

const STACK_SET = 'AWS::CloudFormation::StackSet';

/**
 * The template a stack set deploys, when it is written in the template: a
 * `TemplateBody` string (JSON, or YAML when the front end can parse it), or
 * `Fn::ToJsonString` of the template itself. Undefined when it cannot be read
 * before deployment (a `TemplateURL`, a body built from parameters): the rule
 * `template-unexpanded-content` reports that. A body CloudFormation would
 * refuse is an `InputError`.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudformation-stackset.html
 */
function stackSetBody(r: NormalisedResource, input: CloudFormationDocumentInput, source: string): unknown {
  const body = r.properties.TemplateBody;
  const where = `${source} (stack set \`${r.logicalId}\`, TemplateBody)`;
  if (isObject(body) && Object.keys(body).length === 1 && isObject(body['Fn::ToJsonString'])) {
    return body['Fn::ToJsonString'];
  }
  if (typeof body !== 'string') return undefined;
  if (body.trimStart().startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch (e) {
      throw new InputError(`the template body is not valid JSON: ${(e as Error).message.split('\n')[0]}.`, where);
    }
    const duplicate = duplicateJsonKey(body);
    if (duplicate) {
      throw new InputError(
        `the template body has key \`${duplicate.key}\` twice in one object (line ${duplicate.line}); JSON readers keep only the last.`,
        where,
      );
    }
    return parsed;
  }
  return input.parseTemplateText ? input.parseTemplateText(body, where) : undefined;
}

/** Literal `Tags` of a stack set: CloudFormation propagates them to the resources of its stacks. */
function literalTags(tags: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(tags)) return out;
  for (const t of tags) {
    if (isObject(t) && typeof t.Key === 'string' && typeof t.Value === 'string') out[t.Key] = t.Value;
  }
  return out;
}

/**
 * Every transform the template names that Deadbolt does not expand: the
 * `Transform` section (macros and `AWS::Include`), and `Fn::Transform` wherever
 * it is written. One walk over the template, without recursion.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-macros.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/transform-aws-include.html
 */
function unexpandedContent(t: Record<string, unknown>): UnexpandedContent[] {
  const out: UnexpandedContent[] = [];
  const transforms = Array.isArray(t.Transform) ? t.Transform : t.Transform === undefined ? [] : [t.Transform];
  transforms.forEach((tr, i) => {
    const location = Array.isArray(t.Transform) ? `Transform/${i}` : 'Transform';
    if (typeof tr === 'string') {
      if (!JUDGED_TRANSFORMS.has(tr)) out.push({ location, what: describeTransform(tr, undefined) });
    } else {
      out.push({
        location,
        what: describeTransform(isObject(tr) ? tr.Name : tr, isObject(tr) ? tr.Parameters : undefined),
      });
    }
  });
  interface Node {
    readonly value: unknown;
    readonly key: string;
    readonly up?: Node;
  }
  const pathOf = (n: Node): string => {
    const parts: string[] = [];
    for (let c: Node | undefined = n; c?.up; c = c.up) parts.push(c.key);
    return parts.reverse().join('/');
  };
  const stack: Node[] = [{ value: t, key: '' }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const v = node.value;
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], key: String(i), up: node });
      continue;
    }
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i];
      const child = (v as Record<string, unknown>)[k];
      if (k === 'Fn::Transform') {
        const arg = isObject(child) ? child : undefined;
        out.push({
          location: pathOf({ value: child, key: k, up: node }),
          what: describeTransform(arg?.Name ?? child, arg?.Parameters),
        });
        continue;
      }
      // The Transform section was read above; its entries are names, not content.
      if (node.up === undefined && k === 'Transform') continue;
      stack.push({ value: child, key: k, up: node });
    }
  }
  return out;
}

function describeTransform(name: unknown, parameters: unknown): string {
  const shown = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v ?? null).slice(0, 120));
  if (name === 'AWS::Include') {
    const location = isObject(parameters) ? parameters.Location : undefined;
    return `\`AWS::Include\` of \`${shown(location)}\``;
  }
  return `macro \`${shown(name)}\``;
}

/** Work and output a `Fn::ForEach` expansion may still spend before the template is beyond CloudFormation's quotas. */
interface Budget {
  bytes: number;
}

/**
 * Expands `Fn::ForEach::<Loop>` entries (the `AWS::LanguageExtensions`
 * transform) in `Resources`, so that each generated resource is judged. A
 * collection that is not a literal list (a `CommaDelimitedList` parameter) is
 * expanded once with the identifier left unresolved: the resource is still
 * judged, and any value that depends on the identifier fails closed. The
 * result is held to CloudFormation's quotas (`TEMPLATE_LIMITS`) as it grows, so
 * nested loops cannot multiply without bound; two resources of one logical id
 * are refused, as CloudFormation refuses them.
 */
function expandForEach(resources: Record<string, unknown>, source: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  /** The loop that generated each resource (undefined: written as is). */
  const origin = new Map<string, string | undefined>();
  const budget: Budget = { bytes: TEMPLATE_LIMITS.processedBytes };
  const add = (key: string, value: unknown, loop: string | undefined): void => {
    if (origin.has(key)) {
      const by = (l: string | undefined) => (l ? `generated by \`${l}\`` : 'written in the template');
      throw new InputError(
        `resource \`${key}\` is ${by(origin.get(key))} and ${by(loop)}: CloudFormation refuses two resources of one logical id.`,
        source,
      );
    }
    origin.set(key, loop);
    out[key] = value;
    if (origin.size > TEMPLATE_LIMITS.resources) {
      throw new InputError(
        `the template has more than ${TEMPLATE_LIMITS.resources} resources${loop ? ' once `Fn::ForEach` is expanded' : ''}, CloudFormation's limit for one template.`,
        source,
      );
    }
  };
  for (const [key, value] of Object.entries(resources)) {
    if (key.startsWith('Fn::ForEach::')) expandLoop(key, value, source, 1, budget, (k, v) => add(k, v, key));
    else add(key, value, undefined);
  }
  return out;
}

function expandLoop(
  key: string,
  value: unknown,
  source: string,
  depth: number,
  budget: Budget,
  emit: (key: string, value: unknown) => void,
): void {
  if (depth > 8) throw new InputError('`Fn::ForEach` loops nest more than 8 deep.', source);
  if (!Array.isArray(value) || value.length !== 3 || typeof value[0] !== 'string' || !isObject(value[2])) {
    throw new InputError(`\`${key}\` is not a valid \`Fn::ForEach\` ([identifier, collection, fragment]).`, source);
  }
  const [identifier, collection, fragment] = value as [string, unknown, Record<string, unknown>];
  let items: (string | undefined)[];
  if (Array.isArray(collection) && collection.every((c) => typeof c === 'string' || typeof c === 'number')) {
    items = collection.map(String);
  } else {
    // A parameter's list is chosen at deploy time: judge the fragment once, identifier unresolved.
    items = [undefined];
  }
  // Each item writes a copy of the fragment into the processed template.
  const size = sizeOf(fragment, budget);
  for (const item of items) {
    budget.bytes -= size + (item?.length ?? 0);
    if (budget.bytes < 0) {
      throw new InputError(
        `\`${key}\` expands the template beyond ${TEMPLATE_LIMITS.processedBytes.toLocaleString('en-US')} bytes, CloudFormation's limit for a processed template.`,
        source,
      );
    }
    const expanded = substitute(fragment, identifier, item, 0, source) as Record<string, unknown>;
    for (const [k, v] of Object.entries(expanded)) {
      if (k.startsWith('Fn::ForEach::')) expandLoop(k, v, source, depth + 1, budget, emit);
      else emit(k, v);
    }
  }
}

/** The length of a value as JSON, counted only as far as the budget goes (beyond it, the budget plus one). */
function sizeOf(value: unknown, budget: Budget): number {
  let size = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && size <= budget.bytes) {
    const v = stack.pop();
    if (typeof v === 'string') size += v.length + 3;
    else if (v === null || typeof v !== 'object') size += 6;
    else if (Array.isArray(v)) {
      size += 2 + v.length;
      for (const item of v) stack.push(item);
    } else {
      for (const [k, child] of Object.entries(v)) {
        size += k.length + 4;
        stack.push(child);
      }
      size += 2;
    }
  }
  return size;
}

/** Replaces a loop identifier: `${Id}`/`&{Id}` in keys and strings, `{ Ref: Id }` in values. */
function substitute(
  value: unknown,
  identifier: string,
  item: string | undefined,
  depth: number,
  source: string,
): unknown {
  if (item === undefined) return value;
  // The fragment was measured against the size budget; its depth is what recursion must bound.
  if (depth > 256) throw new InputError('a `Fn::ForEach` fragment nests more than 256 levels deep.', source);
  const alnum = item.replace(/[^A-Za-z0-9]/g, '');
  const inText = (s: string) => s.split(`\${${identifier}}`).join(item).split(`&{${identifier}}`).join(alnum);
  if (typeof value === 'string') return inText(value);
  if (Array.isArray(value)) return value.map((v) => substitute(v, identifier, item, depth + 1, source));
  if (!isObject(value)) return value;
  if (Object.keys(value).length === 1 && value.Ref === identifier) return item;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[inText(k)] = substitute(v, identifier, item, depth + 1, source);
  return out;
}
