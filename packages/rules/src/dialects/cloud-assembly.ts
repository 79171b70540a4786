/**
 * Reads a CDK cloud assembly (`cdk.out`) into `StackDocument`s: every stack
 * artifact, the stacks of nested assemblies (CDK Stages) and the templates of
 * nested stacks (`AWS::CloudFormation::Stack` resources whose template is an
 * asset of the assembly). Anything that cannot be read is an `InputError`:
 * a stack that cannot be read is never skipped.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Acknowledgement, NormalisedResource, StackDocument } from '../model';
import { normaliseRuleId, readCdkAcknowledgementId, type AcknowledgementLookup } from '../engine/acknowledgements';
import { cloudFormationDocument } from './cloudformation';
import { InputError } from './errors';

export interface CloudAssemblyOptions {
  /**
   * The 12-digit account of stacks whose environment does not name one
   * (environment-agnostic stacks, bare templates).
   * @default - the account stays unknown
   */
  readonly account?: string;
  /**
   * The region of stacks whose environment does not name one.
   * @default - the region stays unknown
   */
  readonly region?: string;
}

/** A cloud assembly as Deadbolt reads it. */
export interface CloudAssembly {
  /** The assembly directory, as given. */
  readonly directory: string;
  /** Every stack, stage stack and nested stack, parents before their nested stacks. */
  readonly documents: readonly StackDocument[];
  /**
   * Acknowledgements the app recorded with `Validations.of(scope).acknowledge({ id: 'deadbolt::<rule>', reason })`,
   * found on the resource's construct or any of its ancestors inside the stack.
   */
  readonly acknowledgements: AcknowledgementLookup;
  /** What could not be checked, in sentences (a nested stack whose template is not in the assembly). */
  readonly notices: readonly string[];
  /**
   * Acknowledgements that name no Deadbolt rule (`deadbolt::<typo>`), each `<construct path>: <why>`: front ends
   * refuse the assembly rather than let an acknowledgement of nothing pass in silence.
   */
  readonly unknownAcknowledgements: readonly string[];
}

/** What is known about a template besides its body: its stack artifact in a manifest, when there is one. */
export interface TemplateDocumentsOptions extends CloudAssemblyOptions {
  /**
   * Read `manifest.json` beside each template for the stack's environment,
   * termination protection, tags and construct paths.
   * @default true
   */
  readonly useManifest?: boolean;
}

/** The CDK metadata entry types Deadbolt reads. */
const LOGICAL_ID = 'aws:cdk:logicalId';
const TEMPLATE_FILE = 'aws:cdk:templateFile';
const STACK_TAGS = 'aws:cdk:stack-tags';
const ACKNOWLEDGED_RULES = 'aws:cdk:acknowledged-rules';
/** Written by `DataProtectionAcknowledgement.add` in @deadbolt/cdk beside CDK's acknowledgement: `{ <rule id>: 'YYYY-MM-DD' }`. */
const ACKNOWLEDGEMENT_EXPIRY = 'deadbolt:acknowledgement-expiry';
const ASSET_PATH = 'aws:asset:path';
const STACK_TYPE = 'aws:cloudformation:stack';
const NESTED_ASSEMBLY_TYPE = 'cdk:cloud-assembly';
const NESTED_STACK_RESOURCE = 'AWS::CloudFormation::Stack';
/** Deeper than CloudFormation or CDK ever go: guards against a manifest or template that points at itself. */
const MAX_DEPTH = 32;

/**
 * Reads the cloud assembly in `dir` (the `cdk.out` directory `cdk synth` writes)
 * into one `StackDocument` per stack, nested assembly stack and nested stack.
 * Throws `InputError` when the manifest or a template cannot be read.
 */
export function readCloudAssembly(dir: string, options: CloudAssemblyOptions = {}): StackDocument[] {
  return [...loadCloudAssembly(dir, options).documents];
}

/** `readCloudAssembly`, plus the acknowledgements recorded in the assembly and what could not be checked. */
export function loadCloudAssembly(dir: string, options: CloudAssemblyOptions = {}): CloudAssembly {
  const reader = new AssemblyReader(options);
  reader.readAssembly(dir, 0, new Set());
  return {
    directory: dir,
    documents: reader.documents,
    acknowledgements: reader.acknowledgementLookup(),
    notices: reader.notices,
    unknownAcknowledgements: reader.unknownAcknowledgements,
  };
}

/**
 * Reads top-level stack templates (the `templatePaths` a CDK validation plugin
 * receives) and the nested stack templates they deploy, found the way
 * `readCloudAssembly` finds them. A `manifest.json` beside a template, when
 * present, supplies the stack's environment, termination protection, tags and
 * construct paths.
 */
export function readTemplateDocuments(
  templatePaths: readonly string[],
  options: TemplateDocumentsOptions = {},
): StackDocument[] {
  return [...loadTemplateDocuments(templatePaths, options).documents];
}

/** `readTemplateDocuments`, plus acknowledgements recorded in a manifest beside the templates and what could not be checked. */
export function loadTemplateDocuments(
  templatePaths: readonly string[],
  options: TemplateDocumentsOptions = {},
): Omit<CloudAssembly, 'directory'> {
  const reader = new AssemblyReader(options);
  const manifests = new Map<string, Map<string, RawStackArtifact>>();
  for (const templatePath of templatePaths) {
    const dir = path.dirname(templatePath);
    let artifact: RawStackArtifact | undefined;
    if (options.useManifest !== false && fs.existsSync(path.join(dir, 'manifest.json'))) {
      let byTemplate = manifests.get(dir);
      if (!byTemplate) {
        byTemplate = new Map();
        for (const a of reader.stackArtifacts(dir)) byTemplate.set(path.resolve(dir, a.templateFile), a);
        manifests.set(dir, byTemplate);
      }
      artifact = byTemplate.get(path.resolve(templatePath));
    }
    reader.readStack(
      dir,
      artifact ?? {
        id: templatePath,
        name: path.basename(templatePath),
        templateFile: path.basename(templatePath),
        templatePath,
        tags: {},
        metadata: new AssemblyMetadata(),
      },
    );
  }
  return {
    documents: reader.documents,
    acknowledgements: reader.acknowledgementLookup(),
    notices: reader.notices,
    unknownAcknowledgements: reader.unknownAcknowledgements,
  };
}

interface RawStackArtifact {
  readonly id: string;
  readonly name: string;
  readonly templateFile: string;
  /** The template as the caller named it (a `templatePaths` entry), when not joined from the assembly dir. */
  readonly templatePath?: string;
  readonly account?: string;
  readonly region?: string;
  readonly terminationProtection?: boolean;
  readonly tags: Record<string, string>;
  readonly metadata: AssemblyMetadata;
  /** The stack's construct path (`Stage/Stack`). */
  readonly constructPath?: string;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function oneLine(message: string): string {
  return message.split('\n')[0].trim();
}

/** Reads and parses a JSON file of the assembly, throwing `InputError` worded for the user. */
function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`${what} does not exist.`, file);
    if (code === 'EISDIR') throw new InputError(`${what} is a directory, not a file.`, file);
    throw new InputError(`${what} cannot be read (${oneLine((e as Error).message)}).`, file);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(`${what} is not valid JSON (${oneLine((e as Error).message)}).`, file);
  }
}

/** `aws://ACCOUNT/REGION`; `unknown-account` and `unknown-region` mean the stack is environment-agnostic there. */
function parseEnvironment(env: unknown, source: string): { account?: string; region?: string } {
  if (env === undefined) return {};
  const m = typeof env === 'string' ? /^aws:\/\/([^/]+)\/([^/]+)$/.exec(env) : null;
  if (!m) throw new InputError(`the environment ${JSON.stringify(env)} is not \`aws://ACCOUNT/REGION\`.`, source);
  return {
    account: m[1] === 'unknown-account' ? undefined : m[1],
    region: m[2] === 'unknown-region' ? undefined : m[2],
  };
}

/**
 * The rule an expiry recorded by `DataProtectionAcknowledgement.add` names (it writes the rule id without a prefix).
 */
function cdkRuleId(id: string): string {
  const m = /^(?:Annotation|annotation)::(.*)$/.exec(id);
  return normaliseRuleId(m ? m[1] : id);
}

/** Construct paths without the leading slash the manifest writes: `Stage/Stack/Db/Resource`. */
function trimSlash(p: string): string {
  return p.startsWith('/') ? p.slice(1) : p;
}

/**
 * What a stack artifact's metadata says: which construct path each logical id
 * belongs to (per template, so nested stacks are told apart), which construct
 * path each (nested) stack template belongs to, and the acknowledgements.
 */
class AssemblyMetadata {
  /** Template file (as the manifest names it) → logical id → construct path. */
  readonly pathsByTemplate = new Map<string, Map<string, string>>();
  /** Template file → the construct path of the stack it belongs to. */
  readonly stackPathByTemplate = new Map<string, string>();
  readonly acknowledgements: Array<{ readonly path: string; ack: Acknowledgement }> = [];
  /** `deadbolt::<not a rule>` acknowledgements: `<construct path>: <why>`. */
  readonly unknown: string[] = [];
  stackTags?: Record<string, string>;

  static read(raw: unknown, ownTemplate: string, source: string): AssemblyMetadata {
    const meta = new AssemblyMetadata();
    if (raw === undefined) return meta;
    if (!isObject(raw)) throw new InputError('the stack metadata is not an object.', source);
    const stackPaths: Array<{ path: string; template: string }> = [];
    const logicalIds: Array<{ path: string; logicalId: string }> = [];
    /** `construct path\nrule id` → the last day the acknowledgement there holds. */
    const expiries = new Map<string, string>();
    for (const [p, entries] of Object.entries(raw)) {
      if (!Array.isArray(entries)) continue;
      const cpath = trimSlash(p);
      for (const entry of entries) {
        if (!isObject(entry)) continue;
        switch (entry.type) {
          case LOGICAL_ID:
            if (typeof entry.data === 'string') logicalIds.push({ path: cpath, logicalId: entry.data });
            break;
          case TEMPLATE_FILE:
            if (typeof entry.data === 'string') stackPaths.push({ path: cpath, template: entry.data });
            break;
          case STACK_TAGS:
            if (Array.isArray(entry.data)) {
              meta.stackTags = {};
              for (const t of entry.data) {
                if (isObject(t) && typeof t.key === 'string' && typeof t.value === 'string')
                  meta.stackTags[t.key] = t.value;
              }
            }
            break;
          case ACKNOWLEDGED_RULES:
            if (isObject(entry.data)) {
              for (const [id, reason] of Object.entries(entry.data)) {
                // The same reading as the CDK checks and plugin: `deadbolt::<rule>` only; an unprefixed rule id is
                // an acknowledgement the engine refuses, saying why; another plugin's id is not Deadbolt's.
                const read = readCdkAcknowledgementId(id);
                if (read.kind === 'unknown') meta.unknown.push(`${cpath}: ${read.problem}`);
                if (read.kind !== 'rule' && read.kind !== 'unprefixed') continue;
                // A reason that is not text cannot be read: it is recorded empty, and the engine refuses it.
                meta.acknowledgements.push({
                  path: cpath,
                  ack: {
                    ruleId: read.ruleId,
                    reason: typeof reason === 'string' ? reason : '',
                    source: cpath,
                    ...(read.kind === 'unprefixed' ? { problem: read.problem } : {}),
                  },
                });
              }
            }
            break;
          case ACKNOWLEDGEMENT_EXPIRY:
            if (isObject(entry.data)) {
              for (const [id, expires] of Object.entries(entry.data)) {
                // Kept as written, even when it is not a date: the engine refuses an expiry it cannot read.
                expiries.set(`${cpath}\n${cdkRuleId(id)}`, typeof expires === 'string' ? expires : String(expires));
              }
            }
            break;
        }
      }
    }
    // `DataProtectionAcknowledgement.add` records the expiry beside CDK's acknowledgement, on the same construct.
    for (const a of meta.acknowledgements) {
      const expires = expiries.get(`${a.path}\n${a.ack.ruleId}`);
      if (expires !== undefined) a.ack = { ...a.ack, expires };
    }
    for (const s of stackPaths) meta.stackPathByTemplate.set(s.template, s.path);
    // Longest stack path first: a nested stack's resources belong to it, not to its parent.
    stackPaths.sort((a, b) => b.path.length - a.path.length);
    for (const { path: p, logicalId } of logicalIds) {
      const owner = stackPaths.find((s) => p.startsWith(`${s.path}/`));
      const template = owner?.template ?? ownTemplate;
      let map = meta.pathsByTemplate.get(template);
      if (!map) meta.pathsByTemplate.set(template, (map = new Map()));
      if (!map.has(logicalId)) map.set(logicalId, p);
    }
    return meta;
  }
}

/** Maps the object keys of file assets to their files, to find nested stack templates without `aws:asset:path` metadata. */
class AssetIndex {
  private entries?: Array<{ objectKey: string; file: string }>;

  constructor(private readonly dir: string) {}

  /** The assembly file whose published object key appears in `templateUrl`, if any. */
  find(templateUrl: unknown): string | undefined {
    const url = JSON.stringify(templateUrl ?? '');
    for (const e of this.load()) if (url.includes(e.objectKey)) return e.file;
    return undefined;
  }

  private load(): Array<{ objectKey: string; file: string }> {
    if (this.entries) return this.entries;
    this.entries = [];
    let names: string[];
    try {
      names = fs.readdirSync(this.dir);
    } catch (e) {
      throw new InputError(`the assembly directory cannot be listed (${oneLine((e as Error).message)}).`, this.dir);
    }
    for (const name of names.filter((n) => n.endsWith('.assets.json')).sort()) {
      const file = path.join(this.dir, name);
      const manifest = readJson(file, 'the asset manifest');
      if (!isObject(manifest)) throw new InputError('the asset manifest is not a JSON object.', file);
      for (const asset of Object.values(isObject(manifest.files) ? manifest.files : {})) {
        if (!isObject(asset) || !isObject(asset.source) || typeof asset.source.path !== 'string') continue;
        if (!asset.source.path.endsWith('.json')) continue;
        for (const dest of Object.values(isObject(asset.destinations) ? asset.destinations : {})) {
          if (isObject(dest) && typeof dest.objectKey === 'string' && dest.objectKey.length > 8) {
            this.entries.push({ objectKey: dest.objectKey, file: path.join(this.dir, asset.source.path) });
          }
        }
      }
    }
    return this.entries;
  }
}

class AssemblyReader {
  readonly documents: StackDocument[] = [];
  readonly notices: string[] = [];
  readonly unknownAcknowledgements: string[] = [];
  private readonly acks = new Map<string, Acknowledgement[]>();
  /** Document → the construct path of its stack, for acknowledgements of stack-level findings. */
  private readonly stackPaths = new Map<StackDocument, string>();
  private readonly assetIndexes = new Map<string, AssetIndex>();
  private readonly manifests = new Map<string, Record<string, Record<string, unknown>>>();

  constructor(private readonly options: CloudAssemblyOptions) {}

  readAssembly(dir: string, depth: number, seen: Set<string>): void {
    const key = path.resolve(dir);
    if (seen.has(key) || depth > MAX_DEPTH) {
      throw new InputError(
        'the cloud assembly nests itself (a `cdk:cloud-assembly` artifact points back at an enclosing assembly).',
        dir,
      );
    }
    seen.add(key);
    const manifestPath = path.join(dir, 'manifest.json');
    for (const artifact of this.stackArtifacts(dir)) this.readStack(dir, artifact);
    for (const nested of this.nestedAssemblies(dir, manifestPath)) this.readAssembly(nested, depth + 1, seen);
  }

  /** The stack artifacts of the manifest in `dir`, in manifest order. */
  stackArtifacts(dir: string): RawStackArtifact[] {
    const manifestPath = path.join(dir, 'manifest.json');
    const artifacts = this.artifactsOf(manifestPath);
    const out: RawStackArtifact[] = [];
    for (const [id, a] of Object.entries(artifacts)) {
      if (a.type !== STACK_TYPE) continue;
      const source = `${manifestPath} (artifact ${id})`;
      const props = isObject(a.properties) ? a.properties : {};
      if (typeof props.templateFile !== 'string' || props.templateFile === '') {
        throw new InputError(`stack artifact \`${id}\` has no \`properties.templateFile\`.`, manifestPath);
      }
      const env = parseEnvironment(a.environment, source);
      let rawMetadata: unknown = a.metadata;
      if (typeof a.additionalMetadataFile === 'string') {
        const extra = readJson(path.join(dir, a.additionalMetadataFile), `the metadata file of stack \`${id}\``);
        rawMetadata = isObject(rawMetadata) && isObject(extra) ? { ...rawMetadata, ...extra } : extra;
      }
      const metadata = AssemblyMetadata.read(rawMetadata, props.templateFile, source);
      const tags: Record<string, string> = {};
      if (isObject(props.tags)) {
        for (const [k, v] of Object.entries(props.tags)) if (typeof v === 'string') tags[k] = v;
      } else if (metadata.stackTags) {
        Object.assign(tags, metadata.stackTags);
      }
      const displayName = typeof a.displayName === 'string' ? a.displayName : undefined;
      out.push({
        id,
        name: typeof props.stackName === 'string' ? props.stackName : id,
        templateFile: props.templateFile,
        account: env.account,
        region: env.region,
        terminationProtection: props.terminationProtection === true,
        tags,
        metadata,
        constructPath: metadata.stackPathByTemplate.get(props.templateFile) ?? displayName ?? id,
      });
    }
    return out;
  }

  private artifactsOf(manifestPath: string): Record<string, Record<string, unknown>> {
    const cached = this.manifests.get(manifestPath);
    if (cached) return cached;
    const manifest = readJson(manifestPath, 'the cloud assembly manifest');
    if (!isObject(manifest)) throw new InputError('the cloud assembly manifest is not a JSON object.', manifestPath);
    if (manifest.artifacts === undefined) return {};
    if (!isObject(manifest.artifacts)) throw new InputError('`artifacts` is not an object.', manifestPath);
    const out: Record<string, Record<string, unknown>> = {};
    for (const [id, a] of Object.entries(manifest.artifacts)) {
      if (!isObject(a) || typeof a.type !== 'string')
        throw new InputError(`artifact \`${id}\` has no \`type\`.`, manifestPath);
      out[id] = a;
    }
    this.manifests.set(manifestPath, out);
    return out;
  }

  private nestedAssemblies(dir: string, manifestPath: string): string[] {
    const out: string[] = [];
    for (const [id, a] of Object.entries(this.artifactsOf(manifestPath))) {
      if (a.type !== NESTED_ASSEMBLY_TYPE) continue;
      const props = isObject(a.properties) ? a.properties : {};
      if (typeof props.directoryName !== 'string' || props.directoryName === '') {
        throw new InputError(`nested assembly \`${id}\` has no \`properties.directoryName\`.`, manifestPath);
      }
      out.push(path.join(dir, props.directoryName));
    }
    return out;
  }

  /** Reads one top-level stack and, through it, its nested stacks. */
  readStack(dir: string, artifact: RawStackArtifact): void {
    const templatePath = artifact.templatePath ?? path.join(dir, artifact.templateFile);
    const raw = readJson(templatePath, `the template of stack \`${artifact.name}\``);
    // CDK writes a stack without resources with no `Resources` section (only its bootstrap
    // parameter and rule, or nothing): that is an empty stack, not an unreadable template.
    const template = isEmptyCdkStack(raw) ? { ...(raw as object), Resources: {} } : raw;
    const paths = artifact.metadata.pathsByTemplate.get(artifact.templateFile);
    const doc = cloudFormationDocument({
      // The construct path (`Stage/Stack`), as the CDK checks name documents; the artifact id without metadata.
      id: artifact.constructPath ?? artifact.id,
      name: artifact.name,
      template,
      templatePath,
      account: artifact.account ?? this.options.account,
      region: artifact.region ?? this.options.region,
      terminationProtection: artifact.terminationProtection,
      tags: artifact.tags,
      pathOf: paths ? (logicalId) => paths.get(logicalId) : undefined,
    });
    this.documents.push(doc);
    this.stackPaths.set(doc, artifact.constructPath ?? artifact.id);
    this.unknownAcknowledgements.push(...artifact.metadata.unknown);
    for (const { path: p, ack } of artifact.metadata.acknowledgements) {
      let list = this.acks.get(p);
      if (!list) this.acks.set(p, (list = []));
      list.push(ack);
    }
    this.readNestedStacks(doc, dir, artifact.metadata, [path.resolve(templatePath)]);
  }

  private readNestedStacks(parent: StackDocument, dir: string, metadata: AssemblyMetadata, chain: string[]): void {
    for (const resource of parent.resources.values()) {
      if (resource.type !== NESTED_STACK_RESOURCE) continue;
      const file = this.nestedTemplateOf(resource, dir, parent);
      if (!file) continue;
      const source = parent.templatePath ?? parent.id;
      const resolved = path.resolve(file);
      if (chain.includes(resolved) || chain.length > MAX_DEPTH) {
        throw new InputError(
          `nested stack \`${resource.logicalId}\` deploys a template that encloses it (${path.basename(file)}).`,
          source,
        );
      }
      const template = readJson(file, `the template of nested stack \`${resource.logicalId}\``);
      const templateFile = path.relative(dir, file).split(path.sep).join('/');
      const paths = metadata.pathsByTemplate.get(templateFile);
      const constructPath = metadata.stackPathByTemplate.get(templateFile) ?? nestedStackPath(resource);
      const doc = cloudFormationDocument({
        id: constructPath ?? `${parent.id}/${resource.logicalId}`,
        name: constructPath ?? `${parent.name}/${resource.logicalId}`,
        template,
        templatePath: file,
        // A nested stack deploys where its root stack deploys, under the root's termination protection.
        account: parent.account,
        region: parent.region,
        terminationProtection: parent.terminationProtection,
        tags: { ...parent.tags, ...literalTags(resource) },
        pathOf: paths ? (logicalId) => paths.get(logicalId) : undefined,
        parent: { document: parent, logicalId: resource.logicalId },
      });
      this.documents.push(doc);
      this.stackPaths.set(doc, constructPath ?? doc.id);
      this.readNestedStacks(doc, dir, metadata, [...chain, resolved]);
    }
  }

  /** The template file a nested stack resource deploys, when it is part of the assembly. */
  private nestedTemplateOf(resource: NormalisedResource, dir: string, parent: StackDocument): string | undefined {
    const source = parent.templatePath ?? parent.id;
    const assetPath = resource.metadata?.[ASSET_PATH];
    if (assetPath !== undefined) {
      if (typeof assetPath !== 'string' || assetPath === '') {
        throw new InputError(
          `nested stack \`${resource.logicalId}\` has \`Metadata.${ASSET_PATH}\` that is not a file name.`,
          source,
        );
      }
      const file = path.resolve(dir, assetPath);
      if (!fs.existsSync(file)) {
        throw new InputError(
          `nested stack \`${resource.logicalId}\` names template \`${assetPath}\` (Metadata \`${ASSET_PATH}\`), which is not in the assembly.`,
          source,
        );
      }
      return path.isAbsolute(assetPath) ? assetPath : path.join(dir, assetPath);
    }
    let index = this.assetIndexes.get(dir);
    if (!index) this.assetIndexes.set(dir, (index = new AssetIndex(dir)));
    const found = index.find(resource.properties.TemplateURL);
    if (found) {
      if (!fs.existsSync(found)) {
        throw new InputError(
          `nested stack \`${resource.logicalId}\` deploys asset \`${path.basename(found)}\`, which is not in the assembly.`,
          source,
        );
      }
      return found;
    }
    this.notices.push(
      `${source}: nested stack \`${resource.logicalId}\` deploys a template that is not in the assembly (TemplateURL ${JSON.stringify(resource.properties.TemplateURL ?? null).slice(0, 120)}); its resources were not checked.`,
    );
    return undefined;
  }

  acknowledgementLookup(): AcknowledgementLookup {
    const acks = this.acks;
    const stackPaths = this.stackPaths;
    return (ruleId, { resource, document }) => {
      if (acks.size === 0) return [];
      const where = resource?.location.path ?? stackPaths.get(document);
      if (!where) return [];
      const out: Acknowledgement[] = [];
      // The construct and each of its ancestors, nearest first.
      for (let p = trimSlash(where); p !== ''; p = p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '') {
        for (const a of acks.get(p) ?? []) if (a.ruleId === ruleId) out.push(a);
      }
      return out;
    };
  }
}

/** `Stack/Inner.NestedStack/Inner.NestedStackResource` → `Stack/Inner`: the construct path CDK gives a nested stack. */
function nestedStackPath(resource: NormalisedResource): string | undefined {
  const p = resource.location.path;
  const m = p ? /^(.*)\/([^/]+)\.NestedStack\/\2\.NestedStackResource$/.exec(p) : null;
  return m ? `${m[1]}/${m[2]}` : undefined;
}

/** Literal `Tags` of a nested stack resource: CloudFormation applies them to the nested stack's resources. */
function literalTags(resource: NormalisedResource): Record<string, string> {
  const out: Record<string, string> = {};
  const tags = resource.properties.Tags;
  if (!Array.isArray(tags)) return out;
  for (const t of tags) {
    if (isObject(t) && typeof t.Key === 'string' && typeof t.Value === 'string') out[t.Key] = t.Value;
  }
  return out;
}

const EMPTY_STACK_SECTIONS = new Set([
  'AWSTemplateFormatVersion',
  'Description',
  'Metadata',
  'Parameters',
  'Rules',
  'Conditions',
  'Mappings',
  'Transform',
]);

function isEmptyCdkStack(t: unknown): boolean {
  return isObject(t) && t.Resources === undefined && Object.keys(t).every((k) => EMPTY_STACK_SECTIONS.has(k));
}
