/**
 * `deadbolt check` on what `terraform show -json` prints: a plan or a state,
 * recognised by its content, read into documents with the `.tf` files beside
 * it (or under `--terraform-dir`) for what the JSON leaves out.
 */
import * as path from 'path';
import {
  InputError,
  looksLikeTerraformJson,
  parsePlanText,
  readTerraformModel,
  type StackDocument,
} from '@deadbolt/rules';
import { TerraformConfiguration, type TerraformBlock } from './terraform-files';

/** How far into a file its first key is looked for: Terraform writes `format_version` first. */
const SNIFF_CHARS = 4096;

/**
 * True when text may be `terraform show -json` output, or Terraform's by mistake: a binary plan file, or a raw
 * state file (`terraform.tfstate`, which has `lineage` where `terraform show -json` has `format_version`).
 */
export function mayBeTerraformJson(text: string): boolean {
  if (text.startsWith('PK\u0003\u0004')) return true;
  const head = text.slice(0, SNIFF_CHARS);
  return /^\s*\{/.test(head) && (head.includes('"format_version"') || head.includes('"lineage"'));
}

/** A plan or state read into documents. */
export interface TerraformInput {
  readonly documents: readonly StackDocument[];
  /** Where each resource's block is, by address, when the `.tf` files were found. */
  readonly blocks: ReadonlyMap<string, TerraformBlock>;
  /** Whether `.tf` files were read, for the note when they were not. */
  readonly configurationRead: boolean;
  readonly kind: 'plan' | 'state';
}

export interface TerraformReadOptions {
  /** The file (absolute) or `<stdin>`. */
  readonly source: string;
  /** Its name in the report (relative to the working directory). */
  readonly label: string;
  readonly account?: string;
  readonly region?: string;
  /** `--terraform-dir`: the root module's directory. @default the plan file's directory */
  readonly terraformDir?: string;
  /**
   * The file was named on the command line: Terraform JSON that is not a plan or state is refused, not passed on
   * to be read as a template. @default true
   */
  readonly named?: boolean;
}

/**
 * Reads `terraform show -json` text. Returns undefined when the JSON is not
 * Terraform's (the caller reads it as a template); throws `InputError` when it
 * claims to be and cannot be read.
 */
export function readTerraformInput(text: string, options: TerraformReadOptions): TerraformInput | undefined {
  refuseBinaryPlan(text, options.source);
  const doc = parsePlanText(text, options.source);
  if (!looksLikeTerraformJson(doc)) {
    if (options.named !== false) refuseOtherTerraformJson(doc, options.source);
    return undefined;
  }
  const root = options.terraformDir ?? (options.source.startsWith('<') ? undefined : path.dirname(options.source));
  const config = root === undefined ? undefined : new TerraformConfiguration(root, doc);
  const found = config?.found === true;
  const blocks = new Map<string, TerraformBlock>();
  const model = readTerraformModel(doc, {
    id: options.label,
    name: options.label,
    account: options.account,
    region: options.region,
    source: options.source.startsWith('<') ? undefined : options.source,
    configuration: found
      ? (configAddress, address) => {
          const block = config!.block(configAddress);
          if (block) blocks.set(address, block);
          // A resource whose module's files are not on disk (a registry module not installed) is unseen, not unsafe.
          return block;
        }
      : undefined,
    locals: found ? (module) => config!.locals(module) : undefined,
  });
  const isPlan = isPlanDoc(doc);
  return { documents: model.documents, blocks, configurationRead: found, kind: isPlan ? 'plan' : 'state' };
}

function isPlanDoc(doc: unknown): boolean {
  return typeof doc === 'object' && doc !== null && ('planned_values' in doc || 'resource_changes' in doc);
}

/**
 * Refuses JSON that Terraform wrote but that is not a plan or a state `terraform show -json` prints, naming the
 * command that makes one, rather than reading it as a CloudFormation template with no `Resources`.
 * @see https://developer.hashicorp.com/terraform/cli/commands/show
 */
function refuseOtherTerraformJson(doc: unknown, source: string): void {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return;
  const o = doc as Record<string, unknown>;
  if ('Resources' in o || 'AWSTemplateFormatVersion' in o) return;
  if (typeof o.lineage === 'string' && Array.isArray(o.resources))
    throw new InputError(
      'this is a raw Terraform state file (`terraform.tfstate`); check what Terraform shows of it: `terraform show -json terraform.tfstate > state.json`.',
      source,
    );
  if (typeof o.format_version === 'string')
    throw new InputError(
      `this JSON has \`format_version\` but is neither a Terraform plan (\`terraform show -json tfplan\`, with \`planned_values\`) nor a state (\`terraform show -json\`, with \`values\`); it has ${Object.keys(
        o,
      )
        .slice(0, 5)
        .map((k) => `\`${k}\``)
        .join(', ')}.`,
      source,
    );
}

/** Refuses a binary plan file with the command that makes its JSON. */
export function refuseBinaryPlan(text: string, source: string): void {
  if (text.startsWith('PK\u0003\u0004'))
    throw new InputError(
      'this is a binary Terraform plan file; check its JSON: `terraform show -json tfplan > plan.json`.',
      source,
    );
}
