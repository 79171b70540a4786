/**
 * Recognises which tool wrote a plan and reads it, and runs the whole gate:
 * read, classify, apply approvals. Text in, report out; no file system.
 */
import { InputError } from '../dialects/errors';
import { applyApprovals, type ApprovalOptions, type GateResult } from './approvals';
import { isObject, type ChangeSource, type GatePlan } from './changes';
import { readChangeSet, readChangeSets, looksLikeChangeSet } from './change-set';
import { classifyChanges } from './classify';
import { looksLikePulumiPreview, readPulumiPreview } from './pulumi-preview';
import { looksLikeTerraformPlan, readTerraformPlan } from './terraform-plan';
import type { TypeDeclarations } from './type-declarations';

/** The formats `readPlan` recognises (template diffs are built from two inputs, see `diffTemplates`). */
export type PlanFormat = Exclude<ChangeSource, 'template-diff'>;

/** Which format a parsed document is, or undefined. A list of described change sets is a change set. */
export function detectPlanFormat(doc: unknown): PlanFormat | undefined {
  if (looksLikeTerraformPlan(doc)) return 'terraform-plan';
  if (looksLikeChangeSet(doc) || isChangeSetList(doc)) return 'change-set';
  if (looksLikePulumiPreview(doc)) return 'pulumi-preview';
  return undefined;
}

/** A JSON list of described change sets (a root and its nested stacks' change sets). */
function isChangeSetList(doc: unknown): doc is unknown[] {
  return Array.isArray(doc) && doc.length > 0 && doc.every(looksLikeChangeSet);
}

/** Bounds the values read from one file of concatenated JSON documents. */
const MAX_DOCUMENTS = 1000;

/**
 * Splits text that holds several JSON objects one after another (`aws
 * cloudformation describe-change-set` run once per change set into one file)
 * into those objects, or undefined when it is not that. One pass over the
 * text, tracking strings and nesting.
 */
function concatenatedObjects(text: string): unknown[] | undefined {
  const out: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      if (depth === 0) return undefined;
      inString = true;
    } else if (c === '{' || c === '[') {
      if (depth === 0) {
        if (c === '[') return undefined;
        start = i;
      }
      depth++;
    } else if (c === '}' || c === ']') {
      depth--;
      if (depth < 0) return undefined;
      if (depth === 0) {
        try {
          out.push(JSON.parse(text.slice(start, i + 1)));
        } catch {
          return undefined;
        }
        if (out.length > MAX_DOCUMENTS) return undefined;
      }
    } else if (depth === 0 && !/\s/.test(c)) return undefined;
  }
  return depth === 0 && out.length > 1 ? out : undefined;
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
    // Several change sets described into one file, one after another: read them as a list.
    const docs = concatenatedObjects(text);
    if (docs && isChangeSetList(docs)) return docs;
    throw new InputError(`the file is not valid JSON (${oneLine((e as Error).message)}).`, source);
  }
}

/** Reads a parsed plan of any format `detectPlanFormat` knows; throws `InputError` for anything else. */
export function readPlan(doc: unknown, source?: string): GatePlan {
  switch (detectPlanFormat(doc)) {
    case 'terraform-plan':
      return readTerraformPlan(doc, source);
    case 'change-set':
      return isChangeSetList(doc) ? readChangeSets(doc.map((d) => ({ doc: d, source }))) : readChangeSet(doc, source);
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

/** What a gate run reads besides the plan: the approvals, and the user's `--stateful-types`. */
export interface GateOptions extends ApprovalOptions {
  readonly types?: TypeDeclarations;
}

/** Classifies every change of `plan` and applies the approvals. */
export function runGate(plan: GatePlan, options: GateOptions = {}): GateReport {
  return { plan, ...applyApprovals(classifyChanges(plan.changes, options.types), options) };
}
