/**
 * Turns the PATH arguments of `deadbolt check` into documents: a cloud assembly
 * directory (it has a `manifest.json`), a template file, a directory of
 * templates, or `-` for a template on stdin.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  cloudFormationDocument,
  InputError,
  loadCloudAssembly,
  type Acknowledgement,
  type AcknowledgementLookup,
  type StackDocument,
} from '@deadbolt/rules';
import { displayPath } from '../paths';
import { decodeTemplate, parseTemplate, readTemplateFile, TEMPLATE_EXTENSIONS } from './template-file';

export interface LoadOptions {
  /** Relative PATHs are resolved against this directory. */
  readonly cwd: string;
  /** The account of templates (and environment-agnostic stacks) that do not name one. */
  readonly account?: string;
  readonly region?: string;
  /** Read for the PATH `-`. */
  readonly stdin?: NodeJS.ReadableStream;
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
  const lookups = new Map<StackDocument, AcknowledgementLookup>();
  const seen = new Set<string>();

  const addTemplate = (file: string, template: unknown, label: string): void => {
    const doc = cloudFormationDocument({
      id: label,
      name: label === STDIN_LABEL ? 'stdin' : path.basename(file),
      template,
      templatePath: label === STDIN_LABEL ? undefined : file,
      account: options.account,
      region: options.region,
    });
    documents.push(doc);
    for (const r of doc.resources.values()) {
      if (r.type === 'AWS::CloudFormation::Stack') {
        notices.push(
          `${label}: nested stack \`${r.logicalId}\` is not read from a bare template; check its template too.`,
        );
      }
    }
  };

  for (const arg of paths) {
    if (arg === '-') {
      if (seen.has('-')) continue;
      seen.add('-');
      addTemplate(STDIN_LABEL, parseTemplate(await readStdin(options.stdin), STDIN_LABEL), STDIN_LABEL);
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
        throw new InputError(`no CloudFormation templates (${TEMPLATE_EXTENSIONS.join(', ')}) in the directory.`, abs);
    } else {
      if (seen.has(abs)) continue;
      seen.add(abs);
      addTemplate(abs, readTemplateFile(abs), displayPath(abs, options.cwd));
    }
  }

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

  const acknowledgements: AcknowledgementLookup = (ruleId, target): readonly Acknowledgement[] =>
    lookups.get(target.document)?.(ruleId, target) ?? [];
  return { documents, acknowledgements, notices, cdkTemplates, cdkStacks };
}

async function readStdin(stdin: NodeJS.ReadableStream | undefined): Promise<string> {
  if (!stdin) throw new InputError('no standard input to read the template from.', STDIN_LABEL);
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return decodeTemplate(Buffer.concat(chunks), STDIN_LABEL);
}
