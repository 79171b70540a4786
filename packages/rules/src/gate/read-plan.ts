/**
 * Recognises which tool wrote a plan and reads it, and runs the whole gate:
 * read, classify, apply approvals. Text in, report out; no file system.
 */
import { InputError } from '../dialects/errors';
import { applyApprovals, type ApprovalOptions, type GateResult } from './approvals';
import { isObject, type ChangeSource, type GatePlan } from './changes';
import { readChangeSet, looksLikeChangeSet } from './change-set';
import { classifyChanges } from './classify';
import { looksLikePulumiPreview, readPulumiPreview } from './pulumi-preview';
import { looksLikeTerraformPlan, readTerraformPlan } from './terraform-plan';

/** The formats `readPlan` recognises (template diffs are built from two inputs, see `diffTemplates`). */
export type PlanFormat = Exclude<ChangeSource, 'template-diff'>;

/** Which format a parsed document is, or undefined. */
export function detectPlanFormat(doc: unknown): PlanFormat | undefined {
  if (looksLikeTerraformPlan(doc)) return 'terraform-plan';
  if (looksLikeChangeSet(doc)) return 'change-set';
  if (looksLikePulumiPreview(doc)) return 'pulumi-preview';
  return undefined;
}

function oneLine(message: string): string {
  return message.split('\n')[0].trim();
}

/**
 * Parses plan text as JSON, with a hint for the usual wrong inputs: a binary
 * Terraform plan file, `terraform plan -json` log lines, an empty file.
 */
export function parsePlanText(text: string, source?: string): unknown {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.startsWith('PK\u0003\u0004')) {
    throw new InputError(
      'this is a binary Terraform plan file; gate its JSON: `terraform show -json tfplan > plan.json`.',
      source,
    );
  }
  if (/^\s*$/.test(text)) throw new InputError('the file is empty.', source);
  try {
    return JSON.parse(text);
  } catch (e) {
    const first = text.trimStart().split('\n', 1)[0];
    try {
      const line = JSON.parse(first);
      if (isObject(line) && ('@level' in line || '@message' in line)) {
        throw new InputError(
          'this is `terraform plan -json` log output (one JSON object per line); gate `terraform show -json PLANFILE` instead.',
          source,
        );
      }
    } catch (inner) {
      if (inner instanceof InputError) throw inner;
    }
    throw new InputError(`the file is not valid JSON (${oneLine((e as Error).message)}).`, source);
  }
}

/** Reads a parsed plan of any format `detectPlanFormat` knows; throws `InputError` for anything else. */
export function readPlan(doc: unknown, source?: string): GatePlan {
  switch (detectPlanFormat(doc)) {
    case 'terraform-plan':
      return readTerraformPlan(doc, source);
    case 'change-set':
      return readChangeSet(doc, source);
    case 'pulumi-preview':
      return readPulumiPreview(doc, source);
    default: {
      if (isObject(doc) && isObject(doc.Resources)) {
        throw new InputError(
          'this is a CloudFormation template, not a plan; compare two templates with `--before OLD --after NEW`.',
          source,
        );
      }
      throw new InputError(
        'the JSON is not a Terraform plan (`terraform show -json`), a Pulumi preview (`pulumi preview --json`) or a CloudFormation change set (`aws cloudformation describe-change-set`).',
        source,
      );
    }
  }
}

/** A gate run: the plan, and its changes sorted into blocked, approved and allowed. */
export interface GateReport extends GateResult {
  readonly plan: GatePlan;
}

/** Classifies every change of `plan` and applies the approvals. */
export function runGate(plan: GatePlan, options: ApprovalOptions = {}): GateReport {
  return { plan, ...applyApprovals(classifyChanges(plan.changes), options) };
}
