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
  /** Construct path of a resource when the front end knows it better than `aws:cdk:path` metadata. */
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
  const resourcesIn = t.Resources;
  if (!isObject(resourcesIn)) throw new InputError('the template has no `Resources` section.', source);
  for (const section of ['Parameters', 'Conditions', 'Mappings', 'Outputs'] as const) {
    if (t[section] !== undefined && !isObject(t[section])) throw new InputError(`\`${section}\` is not an object.`, source);
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
        path: input.pathOf?.(logicalId) ?? cdkPath,
      },
    });
  }
  return doc;
}
