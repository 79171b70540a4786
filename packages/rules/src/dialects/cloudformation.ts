import type { NormalisedResource, StackDocument } from '../model';
import { InputError } from './errors';

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
}

const ACCOUNT = /^\d{12}$/;

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Turns a parsed CloudFormation template into a `StackDocument`. Throws
 * `InputError` for anything that is not a template: no `Resources`, a resource
 * without a string `Type`. Values are kept as written; rules resolve them.
 */
export function cloudFormationDocument(input: CloudFormationDocumentInput): StackDocument {
  const source = input.templatePath ?? input.id;
  const t = input.template;
  if (!isObject(t)) throw new InputError('the template is not a JSON/YAML object.', source);
  if (!isObject(t.Resources)) throw new InputError('the template has no `Resources` section.', source);
  const resourcesIn = expandForEach(t.Resources, source);
  for (const section of ['Parameters', 'Conditions', 'Mappings', 'Outputs'] as const) {
    if (t[section] !== undefined && !isObject(t[section]))
      throw new InputError(`\`${section}\` is not an object.`, source);
  }
  const exports = new Map<string, unknown>();
  for (const output of Object.values((t.Outputs as Record<string, unknown>) ?? {})) {
    if (isObject(output) && isObject(output.Export) && typeof output.Export.Name === 'string') {
      exports.set(output.Export.Name, output.Value);
    }
  }
  const resources = new Map<string, NormalisedResource>();
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
    resources,
    templatePath: input.templatePath,
    parent: input.parent,
  };
  for (const [logicalId, raw] of Object.entries(resourcesIn)) {
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
  return doc;
}

/**
 * Expands `Fn::ForEach::<Loop>` entries (the `AWS::LanguageExtensions`
 * transform) in `Resources`, so that each generated resource is judged. A
 * collection that is not a literal list (a `CommaDelimitedList` parameter) is
 * expanded once with the identifier left unresolved: the resource is still
 * judged, and any value that depends on the identifier fails closed.
 */
function expandForEach(resources: Record<string, unknown>, source: string, depth = 0): Record<string, unknown> {
  if (depth > 8) throw new InputError('`Fn::ForEach` loops nest more than 8 deep.', source);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(resources)) {
    if (!key.startsWith('Fn::ForEach::')) {
      out[key] = value;
      continue;
    }
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
    for (const item of items) {
      const expanded = expandForEach(
        substitute(fragment, identifier, item) as Record<string, unknown>,
        source,
        depth + 1,
      );
      Object.assign(out, expanded);
    }
  }
  return out;
}

/** Replaces a loop identifier: `${Id}`/`&{Id}` in keys and strings, `{ Ref: Id }` in values. */
function substitute(value: unknown, identifier: string, item: string | undefined): unknown {
  if (item === undefined) return value;
  const alnum = item.replace(/[^A-Za-z0-9]/g, '');
  const inText = (s: string) => s.split(`\${${identifier}}`).join(item).split(`&{${identifier}}`).join(alnum);
  if (typeof value === 'string') return inText(value);
  if (Array.isArray(value)) return value.map((v) => substitute(v, identifier, item));
  if (!isObject(value)) return value;
  if (Object.keys(value).length === 1 && value.Ref === identifier) return item;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[inText(k)] = substitute(v, identifier, item);
  return out;
}
