/**
 * Helpers for rule tests: build a one-template model from a literal template
 * and run one rule (or the catalogue) over it.
 */
import { readProviderModel } from '../../dialects/aws-provider';
import type { ProviderResourceRecord } from '../../dialects/aws-provider-model';
import { cloudFormationDocument, type CloudFormationDocumentInput } from '../../dialects/cloudformation';
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
