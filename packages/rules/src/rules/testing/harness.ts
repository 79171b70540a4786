/**
 * Helpers for rule tests: build a one-template model from a literal template
 * and run one rule (or the catalogue) over it.
 */
import { readProviderModel } from '../../dialects/aws-provider';
import type { ProviderResourceRecord } from '../../dialects/aws-provider-model';
import { cloudFormationDocument, type CloudFormationDocumentInput } from '../../dialects/cloudformation';
import { readGoogleModel } from '../../dialects/google-provider';
import { evaluate as evaluateWith, type EvaluationOptions } from '../../engine/evaluate';
import type { Rule } from '../../engine/rule';
import type { Finding, ResourceModel } from '../../model';

export interface TemplateCase {
  readonly Resources: Record<string, unknown>;
  readonly Parameters?: Record<string, unknown>;
  readonly Conditions?: Record<string, unknown>;
  readonly Mappings?: Record<string, unknown>;
  readonly Outputs?: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
}

/** A model of one or more templates; the first is `Stack`, the rest `Stack2`, `Stack3`… */
export function modelOf(
  templates: TemplateCase | readonly TemplateCase[],
  extra:
    | Partial<Omit<CloudFormationDocumentInput, 'template' | 'id'>>
    | readonly Partial<Omit<CloudFormationDocumentInput, 'template' | 'id'>>[] = {},
): ResourceModel {
  const list = Array.isArray(templates) ? templates : [templates];
  const extras = Array.isArray(extra) ? extra : list.map(() => extra);
  return {
    documents: list.map((template, i) =>
      cloudFormationDocument({
        id: i === 0 ? 'Stack' : `Stack${i + 1}`,
        account: '111111111111',
        region: 'us-east-1',
        ...extras[i],
        template,
      }),
    ),
  };
}

/** Runs `rule` over the template(s) and returns its findings. */
export function findingsOf(
  rule: Rule,
  templates: TemplateCase | readonly TemplateCase[],
  extra?: Parameters<typeof modelOf>[1],
  options: Omit<EvaluationOptions, 'rules'> = {},
): Finding[] {
  return [...evaluateWith(modelOf(templates, extra), { ...options, rules: [rule] }).findings];
}

/** One resource in a template. */
export function one(
  type: string,
  properties: Record<string, unknown> = {},
  attributes: Record<string, unknown> = {},
): TemplateCase {
  return { Resources: { Res: { Type: type, Properties: properties, ...attributes } } };
}

/** A model of one Pulumi stack (aws-provider dialect) in account 111111111111. */
export function providerModelOf(
  resources: readonly ProviderResourceRecord[],
  account: string | undefined = '111111111111',
): ResourceModel {
  return readProviderModel({ id: 'project/stack', name: 'stack', account, region: 'us-east-1', resources });
}

/** A Google resource for rule tests: a Terraform type (snake_case, list blocks) or a `gcp:` token (camelCase, objects). */
export function googleRecord(
  type: string,
  inputs: Record<string, unknown> = {},
  extra: { readonly id?: string; readonly name?: string; readonly options?: ProviderResourceRecord['options'] } = {},
): ProviderResourceRecord {
  const pulumi = type.startsWith('gcp:') || type.startsWith('pulumi:');
  const name = extra.name ?? (pulumi ? 'res' : 'main');
  const id = extra.id ?? (pulumi ? `urn:pulumi:stack::project::${type}::${name}` : `${type}.${name}`);
  return { id, name, type, inputs, ...(extra.options ? { options: extra.options } : {}) };
}

/** What `googleModelOf` reads: records, or records and the project resources without one are created in. */
export type GoogleCase =
  | readonly ProviderResourceRecord[]
  | { readonly resources: readonly ProviderResourceRecord[]; readonly project?: string };

/** A model of one Terraform configuration or Pulumi stack of Google resources (default project `my-project`). */
export function googleModelOf(input: GoogleCase): ResourceModel {
  const resources = Array.isArray(input)
    ? input
    : (input as { resources: readonly ProviderResourceRecord[] }).resources;
  const project = Array.isArray(input) ? 'my-project' : 'project' in input ? input.project : 'my-project';
  return readGoogleModel({ id: 'project/stack', name: 'stack', project, region: 'europe-west1', resources });
}

/** Runs `rule` over Google resources and returns its findings. */
export function googleFindingsOf(
  rule: Rule,
  input: GoogleCase,
  options: Omit<EvaluationOptions, 'rules'> = {},
): Finding[] {
  const records = Array.isArray(input) ? input : (input as { resources: readonly ProviderResourceRecord[] }).resources;
  // Fixes read in the idiom the records are written in: Pulumi tokens, or Terraform types.
  const idiom = records.some((r) => r.type.startsWith('gcp:')) ? 'pulumi' : 'terraform';
  return [...evaluateWith(googleModelOf(input), { idiom, ...options, rules: [rule] }).findings];
}
