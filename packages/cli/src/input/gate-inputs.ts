/**
 * What `deadbolt plan` and `deadbolt approve` read: a plan file (Terraform,
 * Pulumi, change set; `-` for stdin), or two templates / two cloud assemblies
 * to diff, and an approvals file. Anything unreadable throws `InputError`.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  cloudFormationDocument,
  detectPlanFormat,
  diffTemplates,
  InputError,
  loadCloudAssembly,
  parseApprovals,
  parsePlanText,
  parseTypeDeclarations,
  readChangeSets,
  readPlan,
  type ChangeSetInput,
  type Approval,
  type GatePlan,
  type TypeDeclarations,
  type StackDocument,
} from '@deadbolt/rules';
import { parse as parseYaml } from 'yaml';
import { UsageError } from '../errors';
import { displayPath } from '../paths';
import { readTemplateFile, TEMPLATE_EXTENSIONS } from './template-file';

/** Where the changes come from, as the user named it. */
export type PlanInput =
  /** `nested`: the change sets of nested stacks (`--include-nested FILE`), judged under the change set in `file`. */
  | { readonly kind: 'file'; readonly file: string; readonly nested?: readonly string[] }
  | { readonly kind: 'diff'; readonly before: string; readonly after: string };

/** The plan, and the label reports and suggested commands use for it. */
export interface LoadedPlan {
  readonly plan: GatePlan;
  /** `plan.json`, `-`, or `--before a --after b`, relative to the working directory. */
  readonly label: string;
  /** The arguments that name the same input again (`plan.json` or `--before a --after b`). */
  readonly args: readonly string[];
  /** The file findings point at in SARIF. */
  readonly file?: string;
}

/** Reads positionals and `--before`/`--after` into one input; throws `UsageError` when they do not name exactly one. */
export function planInputOf(
  command: string,
  positionals: readonly string[],
  before: string | undefined,
  after: string | undefined,
  nested: readonly string[] = [],
): PlanInput {
  if (nested.length && (before !== undefined || after !== undefined))
    throw new UsageError(
      `${command}: \`--include-nested\` adds nested stacks' change sets to a change set FILE; a \`--before\`/\`--after\` diff of two cdk.out directories reads the nested templates itself.`,
    );
  if (before !== undefined || after !== undefined) {
    if (before === undefined || after === undefined)
      throw new UsageError(`${command}: \`--before\` and \`--after\` go together: name both.`);
    if (positionals.length)
      throw new UsageError(`${command}: name either FILE or \`--before OLD --after NEW\`, not both.`);
    return { kind: 'diff', before, after };
  }
  if (positionals.length === 0)
    throw new UsageError(
      `${command}: name the plan FILE (or \`--before OLD --after NEW\`). See \`npx deadbolt ${command} --help\`.`,
    );
  if (positionals.length > 1) throw new UsageError(`${command}: name one plan FILE, got ${positionals.length}.`);
  if (nested.includes('-'))
    throw new UsageError(`${command}: \`--include-nested\` reads files; standard input is the plan's.`);
  return nested.length ? { kind: 'file', file: positionals[0], nested } : { kind: 'file', file: positionals[0] };
}

async function readStdin(stdin: NodeJS.ReadableStream | undefined): Promise<string> {
  if (!stdin) throw new InputError('no standard input to read the plan from.', '<stdin>');
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function readText(file: string, what: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`no such ${what}.`, file);
    if (code === 'EISDIR') throw new InputError(`is a directory, not a ${what}.`, file);
    throw new InputError(`the ${what} cannot be read (${code ?? (e as Error).message}).`, file);
  }
}

/** The described change sets in a parsed file (one, or a list of them); throws when it holds something else. */
function changeSetsOf(doc: unknown, source: string, nested: boolean): ChangeSetInput[] {
  if (detectPlanFormat(doc) !== 'change-set')
    throw new InputError(
      nested
        ? '`--include-nested` names a file that is not a CloudFormation change set (`aws cloudformation describe-change-set`).'
        : '`--include-nested` adds nested stacks to a CloudFormation change set, and this plan is not one.',
      source,
    );
  return (Array.isArray(doc) ? doc : [doc]).map((d) => ({ doc: d, source, nested }));
}

/** Reads the plan named by `input`. */
export async function loadPlan(input: PlanInput, cwd: string, stdin?: NodeJS.ReadableStream): Promise<LoadedPlan> {
  if (input.kind === 'file') {
    const stdinPlan = input.file === '-';
    const file = stdinPlan ? '<stdin>' : path.resolve(cwd, input.file);
    const doc = parsePlanText(stdinPlan ? await readStdin(stdin) : readText(file, 'plan file'), file);
    const label = stdinPlan ? '-' : displayPath(file, cwd);
    const nested = (input.nested ?? []).map((n) => path.resolve(cwd, n));
    const plan = nested.length
      ? readChangeSets([
          ...changeSetsOf(doc, file, false),
          ...nested.flatMap((n) => changeSetsOf(parsePlanText(readText(n, 'change set file'), n), n, true)),
        ])
      : readPlan(doc, file);
    const args = [label, ...nested.flatMap((n) => ['--include-nested', displayPath(n, cwd)])];
    return stdinPlan ? { plan, label, args } : { plan, label, args, file };
  }
  const before = loadSide(path.resolve(cwd, input.before), cwd);
  const after = loadSide(path.resolve(cwd, input.after), cwd);
  if (before.kind !== after.kind) {
    throw new UsageError(
      `plan: \`--before\` is ${before.kind} and \`--after\` is ${after.kind}; compare two templates or two cdk.out directories.`,
    );
  }
  const b = displayPath(path.resolve(cwd, input.before), cwd);
  const a = displayPath(path.resolve(cwd, input.after), cwd);
  return {
    // Resources of a cloud assembly are `Stack/LogicalId`, of one template each side their logical id.
    plan: diffTemplates(before.documents, after.documents, { logicalIdsOnly: before.kind === 'a template' }),
    label: `--before ${b} --after ${a}`,
    args: ['--before', b, '--after', a],
    file: after.file,
  };
}

interface Side {
  readonly kind: 'a template' | 'a cdk.out directory' | 'a directory of templates';
  readonly documents: StackDocument[];
  readonly file?: string;
}

/** One side of a template diff. Documents are given the same ids on both sides, so that they pair. */
function loadSide(abs: string, cwd: string): Side {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(
      code === 'ENOENT' ? 'no such file or directory.' : `cannot be read (${code ?? (e as Error).message}).`,
      abs,
    );
  }
  if (stat.isDirectory() && fs.existsSync(path.join(abs, 'manifest.json'))) {
    const assembly = loadCloudAssembly(abs);
    if (assembly.documents.length === 0)
      throw new InputError('the cloud assembly has no stacks.', path.join(abs, 'manifest.json'));
    return { kind: 'a cdk.out directory', documents: [...assembly.documents] };
  }
  if (stat.isDirectory()) {
    const documents: StackDocument[] = [];
    for (const f of fs
      .readdirSync(abs)
      .filter((n) => TEMPLATE_EXTENSIONS.includes(path.extname(n).toLowerCase()))
      .sort()) {
      const file = path.join(abs, f);
      if (!fs.statSync(file).isFile()) continue;
      const template = readTemplateFile(file);
      // In a directory, only files that claim to be templates are templates (as `deadbolt check` reads them).
      if (template === null || typeof template !== 'object' || !('Resources' in template)) continue;
      const id = f.slice(0, -path.extname(f).length).replace(/\.template$/, '');
      documents.push(cloudFormationDocument({ id, name: id, template, templatePath: file }));
    }
    if (documents.length === 0)
      throw new InputError(
        `no CloudFormation templates (${TEMPLATE_EXTENSIONS.join(', ')} with \`Resources\`) in the directory.`,
        abs,
      );
    return { kind: 'a directory of templates', documents };
  }
  const template = readTemplateFile(abs);
  return {
    kind: 'a template',
    documents: [cloudFormationDocument({ id: 'template', name: displayPath(abs, cwd), template, templatePath: abs })],
    file: abs,
  };
}

/** Reads an approvals file (JSON or YAML). */
export function loadApprovals(file: string): Approval[] {
  const text = readText(file, 'approvals file');
  let doc: unknown;
  try {
    doc = text.trimStart().startsWith('{') ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new InputError(
      `the approvals file is not valid JSON or YAML (${(e as Error).message.split('\n')[0]}).`,
      file,
    );
  }
  return parseApprovals(doc, file);
}

/**
 * Reads `--stateful-types FILE` (JSON or YAML): the user's decisions on types
 * the gate cannot decide. Unreadable or malformed: `InputError` (exit 2).
 */
export function loadTypeDeclarations(file: string, cwd: string): TypeDeclarations {
  const text = readText(file, 'stateful types file');
  let doc: unknown;
  try {
    doc = text.trimStart().startsWith('{') ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new InputError(
      `the stateful types file is not valid JSON or YAML (${(e as Error).message.split('\n')[0]}).`,
      file,
    );
  }
  return parseTypeDeclarations(doc, file, displayPath(file, cwd));
}

/** A word as a POSIX shell reads it: quoted when it holds anything but safe characters. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
