/**
 * Turns the PATH arguments of `deadbolt check` into documents: a cloud assembly
 * directory (it has a `manifest.json`), a template file, a directory of
 * templates, `terraform show -json` output (a plan or a state, recognised by its
 * content), or `-` for a template or Terraform JSON on stdin.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  cloudFormationDocument,
  InputError,
  loadCloudAssembly,
  unknownMetadataAcknowledgements,
  type Acknowledgement,
  type AcknowledgementLookup,
  type StackDocument,
} from '@deadbolt/rules';
import { displayPath } from '../paths';
import type { TerraformBlock } from './terraform-files';
import { mayBeTerraformJson, readTerraformInput } from './terraform-input';
import {
  decodeTemplate,
  MAX_TEMPLATE_BYTES,
  mayBeTemplate,
  parseTemplate,
  readTemplateFile,
  TEMPLATE_EXTENSIONS,
} from './template-file';

export interface LoadOptions {
  /** Relative PATHs are resolved against this directory. */
  readonly cwd: string;
  /** The account of templates (and environment-agnostic stacks) that do not name one. */
  readonly account?: string;
  readonly region?: string;
  /** Read for the PATH `-`. */
  readonly stdin?: NodeJS.ReadableStream;
  /** `--terraform-dir`: the root module's directory, for Terraform JSON. @default the JSON file's directory */
  readonly terraformDir?: string;
}

/** What was read from Terraform JSON, for its findings' idiom and locations. */
export interface TerraformInputs {
  /** The JSON files (absolute, or `<stdin>`) read: every resource read from one is located in it. */
  readonly files: ReadonlySet<string>;
  /** Ids of the documents read from Terraform JSON (a finding about a document has no file). */
  readonly documents: ReadonlySet<string>;
  /** Per JSON file, the `.tf` block of each resource address, when the configuration was found. */
  readonly blocks: ReadonlyMap<string, ReadonlyMap<string, TerraformBlock>>;
  /** How many plans and states were read (one JSON file is one, whatever number of documents it makes). */
  readonly plans: number;
  readonly states: number;
  /** What each document read from Terraform JSON came from, by document name: `plan` or `state`. */
  readonly kinds: ReadonlyMap<string, 'plan' | 'state'>;
}

export interface LoadedInputs {
  readonly documents: readonly StackDocument[];
  /** Acknowledgements recorded in cloud assemblies (`Validations.of(scope).acknowledge`). */
  readonly acknowledgements: AcknowledgementLookup;
  /** What could not be checked, or was passed over, in sentences for stderr. */
  readonly notices: readonly string[];
  /** Template paths read from a cloud assembly: their findings are given in the CDK idiom. */
  readonly cdkTemplates: ReadonlySet<string>;
  /** Ids of the documents read from a cloud assembly: each is its stack's construct path. */
  readonly cdkStacks: ReadonlySet<string>;
  /** The cloud assembly directories read, for what their synthesis recorded besides templates. */
  readonly assemblies: readonly string[];
  readonly terraform: TerraformInputs;
}

/** The label findings carry for a template read from stdin. */
export const STDIN_LABEL = '<stdin>';

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Reads every PATH; throws `InputError` on the first that cannot be read. */
export async function loadInputs(paths: readonly string[], options: LoadOptions): Promise<LoadedInputs> {
  const documents: StackDocument[] = [];
  const notices: string[] = [];
  const cdkTemplates = new Set<string>();
  const cdkStacks = new Set<string>();
  const assemblies: string[] = [];
  const lookups = new Map<StackDocument, AcknowledgementLookup>();
  /** Acknowledgements that name no rule: `<where>: <why>`. */
  const unknownAcknowledgements: string[] = [];
  const seen = new Set<string>();
  const terraform = {
    files: new Set<string>(),
    documents: new Set<string>(),
    blocks: new Map<string, ReadonlyMap<string, TerraformBlock>>(),
    plans: 0,
    states: 0,
    kinds: new Map<string, 'plan' | 'state'>(),
  };
  /** Reads Terraform JSON text; false when the text is not Terraform's. */
  const addTerraform = (text: string, file: string, label: string, named = true): boolean => {
    if (!mayBeTerraformJson(text)) return false;
    const read = readTerraformInput(text, {
      source: file,
      label,
      named,
      account: options.account,
      region: options.region,
      terraformDir: options.terraformDir,
    });
    if (!read) return false;
    documents.push(...read.documents);
    for (const d of read.documents) {
      terraform.documents.add(d.id);
      terraform.kinds.set(d.name, read.kind);
    }
    if (read.kind === 'plan') terraform.plans++;
    else terraform.states++;
    terraform.files.add(file);
    terraform.blocks.set(file, read.blocks);
    if (!read.configurationRead)
      notices.push(
        `${label}: no \`.tf\` files ${options.terraformDir ? `in ${displayPath(options.terraformDir, options.cwd)}` : 'beside it'}, so \`lifecycle { prevent_destroy }\` cannot be read and findings point at the JSON; pass the configuration directory with \`--terraform-dir\`.`,
      );
    return true;
  };

  /** Templates given as files (or stdin), read before any becomes a document: nested stacks link them. */
  const given: GivenTemplate[] = [];
  const addTemplate = (file: string, template: unknown, label: string): void => {
    given.push({ file, template, label });
  };

  for (const arg of paths) {
    if (arg === '-') {
      if (seen.has('-')) continue;
      seen.add('-');
      const text = await readStdin(options.stdin);
      if (addTerraform(text, STDIN_LABEL, STDIN_LABEL)) continue;
      addTemplate(STDIN_LABEL, parseTemplate(text, STDIN_LABEL), STDIN_LABEL);
      continue;
    }
    const abs = path.resolve(options.cwd, arg);
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
    const assemblyDir =
      stat.isDirectory() && fs.existsSync(path.join(abs, 'manifest.json'))
        ? abs
        : stat.isFile() && path.basename(abs) === 'manifest.json'
          ? path.dirname(abs)
          : undefined;
    if (assemblyDir) {
      if (seen.has(assemblyDir)) continue;
      seen.add(assemblyDir);
      assemblies.push(assemblyDir);
      const assembly = loadCloudAssembly(assemblyDir, { account: options.account, region: options.region });
      if (assembly.documents.length === 0)
        throw new InputError('the cloud assembly has no stacks.', path.join(assemblyDir, 'manifest.json'));
      for (const doc of assembly.documents) {
        if (doc.templatePath && seen.has(path.resolve(doc.templatePath))) continue;
        if (doc.templatePath) {
          seen.add(path.resolve(doc.templatePath));
          cdkTemplates.add(doc.templatePath);
        }
        documents.push(doc);
        cdkStacks.add(doc.id);
        lookups.set(doc, assembly.acknowledgements);
      }
      notices.push(...assembly.notices);
      for (const u of assembly.unknownAcknowledgements)
        unknownAcknowledgements.push(`${displayPath(assemblyDir, options.cwd)}: ${u}`);
    } else if (stat.isDirectory()) {
      const files = fs
        .readdirSync(abs)
        .filter((f) => TEMPLATE_EXTENSIONS.includes(path.extname(f).toLowerCase()))
        .sort()
        .map((f) => path.join(abs, f))
        .filter((f) => fs.statSync(f).isFile());
      let found = 0;
      for (const file of files) {
        if (seen.has(file)) continue;
        // Found in a directory, other Terraform JSON (a provider schema, `validate -json`) is skipped, not refused.
        const inDirectory = (text: string, f: string, label: string) => addTerraform(text, f, label, false);
        if (path.extname(file).toLowerCase() === '.json' && readsAsTerraform(file, inDirectory, options.cwd)) {
          seen.add(file);
          found++;
          continue;
        }
        // A large file that does not even name `Resources` (a lock file, an API spec) is passed over unparsed.
        if (fs.statSync(file).size > MAX_TEMPLATE_BYTES && !mayBeTemplate(fs.readFileSync(file, 'utf8'))) {
          notices.push(`${displayPath(file, options.cwd)}: skipped, not a CloudFormation template (no \`Resources\`).`);
          continue;
        }
        const template = readTemplateFile(file);
        // In a directory, only files that claim to be templates are templates; a named file must be one.
        if (
          !isObject(template) ||
          (template.Resources === undefined && template.AWSTemplateFormatVersion === undefined)
        ) {
          notices.push(`${displayPath(file, options.cwd)}: skipped, not a CloudFormation template (no \`Resources\`).`);
          continue;
        }
        seen.add(file);
        addTemplate(file, template, displayPath(file, options.cwd));
        found++;
      }
      if (found === 0)
        throw new InputError(
          `no CloudFormation templates (${TEMPLATE_EXTENSIONS.join(', ')}) or Terraform JSON in the directory.`,
          abs,
        );
    } else {
      if (seen.has(abs)) continue;
      seen.add(abs);
      // Terraform JSON is recognised by its content, whatever the file is called.
      if (readsAsTerraform(abs, addTerraform, options.cwd)) continue;
      addTemplate(abs, readTemplateFile(abs), displayPath(abs, options.cwd));
    }
  }

  documents.push(...templateDocuments(given, options));

  const ids = new Map<string, StackDocument>();
  for (const doc of documents) {
    const other = ids.get(doc.id);
    if (other) {
      throw new InputError(
        `two stacks are both called \`${doc.id}\` (${displayPath(other.templatePath ?? other.id, options.cwd)} and ${displayPath(doc.templatePath ?? doc.id, options.cwd)}); check them in separate runs.`,
      );
    }
    ids.set(doc.id, doc);
  }

  // An acknowledgement of a rule that does not exist acknowledges nothing: refused as unreadable input (exit 2),
  // never passed over while the finding it was meant for stays an error with no word on why.
  for (const u of unknownMetadataAcknowledgements({ documents })) {
    const file = u.document.templatePath ? displayPath(u.document.templatePath, options.cwd) : u.document.id;
    unknownAcknowledgements.push(
      `${file}: ${u.resource ? `resource ${u.resource.logicalId}` : 'the template'}: \`Metadata.deadbolt.acknowledge\` names an ${u.problem}`,
    );
  }
  if (unknownAcknowledgements.length > 0) {
    throw new InputError(
      `an acknowledgement names a rule the catalogue does not have, so it would acknowledge nothing; correct or remove it:\n  ${unknownAcknowledgements.slice(0, 20).join('\n  ')}${unknownAcknowledgements.length > 20 ? `\n  … and ${unknownAcknowledgements.length - 20} more` : ''}`,
    );
  }

  const acknowledgements: AcknowledgementLookup = (ruleId, target): readonly Acknowledgement[] =>
    lookups.get(target.document)?.(ruleId, target) ?? [];
  return { documents, acknowledgements, notices, cdkTemplates, cdkStacks, assemblies, terraform };
}

/** Largest Terraform JSON read: a plan of tens of thousands of resources fits many times over. */
const MAX_TERRAFORM_BYTES = 1024 * 1024 * 1024;

/**
 * Reads a file as Terraform JSON when its content says it is (true), or leaves it to be read as a template
 * (false). A binary plan file is refused with the command that makes its JSON.
 */
function readsAsTerraform(
  file: string,
  add: (text: string, file: string, label: string) => boolean,
  cwd: string,
): boolean {
  let fd: number | undefined;
  let head: string;
  try {
    fd = fs.openSync(file, 'r');
    const buf = Buffer.alloc(4096);
    head = buf.toString('utf8', 0, fs.readSync(fd, buf, 0, buf.length, 0));
  } catch {
    // Unreadable: the template reader says why.
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  if (!mayBeTerraformJson(head)) return false;
  if (fs.statSync(file).size > MAX_TERRAFORM_BYTES)
    throw new InputError(
      `the file is over ${MAX_TERRAFORM_BYTES.toLocaleString('en-US')} bytes; it is not read.`,
      file,
    );
  const text = fs.readFileSync(file, 'utf8');
  return add(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, file, displayPath(file, cwd));
}

interface GivenTemplate {
  /** Absolute path, or `STDIN_LABEL`. */
  readonly file: string;
  readonly template: unknown;
  /** How findings name the file: relative to the working directory. */
  readonly label: string;
}

const NESTED_STACK = 'AWS::CloudFormation::Stack';
/** Deeper than CloudFormation nests stacks: guards against templates that nest each other. */
const MAX_NESTING = 32;
/**
 * Nested stack documents read from local files in one run: a template that
 * deploys one file twice, whose file does the same, doubles with each level.
 */
const MAX_NESTED_STACKS = 200;

/**
 * The local file a nested stack's `TemplateURL` names, when it is a path
 * rather than a URL: how `aws cloudformation package` takes nested templates
 * before uploading them, relative to the parent template's directory.
 * @see https://docs.aws.amazon.com/cli/latest/reference/cloudformation/package.html
 */
function localTemplateOf(templateUrl: unknown, parentFile: string, cwd: string): string | undefined {
  if (typeof templateUrl !== 'string' || templateUrl === '' || /^[a-z][a-z0-9+.-]*:/i.test(templateUrl))
    return undefined;
  const dir = parentFile === STDIN_LABEL ? cwd : path.dirname(parentFile);
  const file = path.resolve(dir, templateUrl);
  try {
    return fs.statSync(file).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}

/** The nested stack resources of a template as written, with the local file each deploys (pre-`Fn::ForEach`). */
function nestedLocalFiles(t: GivenTemplate, cwd: string): string[] {
  const resources = isObject(t.template) && isObject(t.template.Resources) ? t.template.Resources : {};
  const out: string[] = [];
  for (const r of Object.values(resources)) {
    if (!isObject(r) || r.Type !== NESTED_STACK || !isObject(r.Properties)) continue;
    const file = localTemplateOf(r.Properties.TemplateURL, t.file, cwd);
    if (file) out.push(file);
  }
  return out;
}

/**
 * Documents for the templates given as files. A nested stack whose
 * `TemplateURL` is a local file (one of those given, or any beside its parent)
 * is read as that stack's template, with its parent, so that the parameters the
 * parent passes resolve and `template-unexpanded-content` knows it was read; a
 * file some other given template nests is read only through its parent. A
 * template that nests itself, directly or not, is an `InputError`.
 */
function templateDocuments(given: readonly GivenTemplate[], options: LoadOptions): StackDocument[] {
  const documents: StackDocument[] = [];
  const nested = new Set<string>();
  for (const t of given) for (const f of nestedLocalFiles(t, options.cwd)) if (f !== t.file) nested.add(f);
  const read = new Set<string>();
  const parseText = (text: string, source: string) => parseTemplate(text, source);
  /** Each file is parsed once, however many stacks deploy it. */
  const parsed = new Map<string, unknown>(given.map((g) => [g.file, g.template]));
  let nestedCount = 0;

  const visit = (doc: StackDocument, file: string, chain: readonly string[]): void => {
    read.add(file);
    for (const r of doc.resources.values()) {
      if (r.type !== NESTED_STACK) continue;
      const child = localTemplateOf(r.properties.TemplateURL, file, options.cwd);
      if (!child) continue;
      if (chain.includes(child) || chain.length > MAX_NESTING) {
        throw new InputError(
          `nested stack \`${r.logicalId}\` deploys ${displayPath(child, options.cwd)}, which encloses it: CloudFormation cannot create a stack that nests itself.`,
          file === STDIN_LABEL ? STDIN_LABEL : displayPath(file, options.cwd),
        );
      }
      // Stacks that deploy one file several times, level after level, multiply: the count is bounded.
      if (++nestedCount > MAX_NESTED_STACKS) {
        throw new InputError(
          `the templates deploy more than ${MAX_NESTED_STACKS} nested stacks from local files, more than Deadbolt reads in one run; check the nested templates on their own.`,
          file === STDIN_LABEL ? STDIN_LABEL : displayPath(file, options.cwd),
        );
      }
      let template = parsed.get(child);
      if (template === undefined) parsed.set(child, (template = readTemplateFile(child)));
      const childDoc = cloudFormationDocument({
        id: `${doc.id}/${r.logicalId}`,
        name: `${doc.name}/${r.logicalId}`,
        template,
        templatePath: child,
        // A nested stack deploys where its parent deploys.
        account: options.account,
        region: options.region,
        parent: { document: doc, logicalId: r.logicalId },
        parseTemplateText: parseText,
      });
      documents.push(childDoc);
      visit(childDoc, child, [...chain, child]);
    }
  };

  for (const t of given) {
    if (nested.has(t.file)) continue;
    const doc = cloudFormationDocument({
      id: t.label,
      name: t.label === STDIN_LABEL ? 'stdin' : path.basename(t.file),
      template: t.template,
      templatePath: t.label === STDIN_LABEL ? undefined : t.file,
      account: options.account,
      region: options.region,
      parseTemplateText: parseText,
    });
    documents.push(doc);
    visit(doc, t.file, [t.file]);
  }
  // Given templates that only nest each other have no root to be read from.
  const unread = given.find((t) => !read.has(t.file));
  if (unread) {
    throw new InputError(
      'it is nested by another template given, which it nests in turn: CloudFormation cannot create stacks that nest each other.',
      displayPath(unread.file, options.cwd),
    );
  }
  return documents;
}

async function readStdin(stdin: NodeJS.ReadableStream | undefined): Promise<string> {
  if (!stdin) throw new InputError('no standard input to read the template from.', STDIN_LABEL);
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return decodeTemplate(Buffer.concat(chunks), STDIN_LABEL);
}
