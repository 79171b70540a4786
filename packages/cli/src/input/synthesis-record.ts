/**
 * What a CDK synthesis recorded in its cloud assembly besides the templates:
 * the options the Deadbolt checks ran with (`deadbolt:options` metadata on each
 * stack, and the plugin's entry in `validation-report.json`), and the error
 * findings they reported, which are in the assembly only when it was written
 * despite them (`cdk synth --ignore-errors`, or an app that synthesizes itself).
 */
import * as fs from 'fs';
import * as path from 'path';
import { InputError, OPTIONS_METADATA_TYPE, readOptionsRecord, type OptionsRecord } from '@deadbolt/rules';

/** An error annotation the Deadbolt checks wrote, or an error of the plugin's report. */
export interface RecordedError {
  readonly ruleId: string;
  /** The construct path, without a leading slash. */
  readonly path: string;
  /** The stack's template, when known. */
  readonly templatePath?: string;
  /** The resource's logical id in it, when known. */
  readonly logicalId?: string;
  /** The annotation or violation text as recorded. */
  readonly text: string;
}

/** Every record of one cloud assembly (its nested assemblies included). */
export interface SynthesisRecord {
  /** Each distinct options record, with the stacks (artifact ids) or reports that carry it. */
  readonly options: readonly { readonly record: OptionsRecord; readonly stacks: readonly string[] }[];
  readonly errors: readonly RecordedError[];
}

/** The metadata types read here (cloud-assembly-schema `ArtifactMetadataEntryType`). */
const ERROR = 'aws:cdk:error';
const LOGICAL_ID = 'aws:cdk:logicalId';
const STACK_TYPE = 'aws:cloudformation:stack';
const NESTED_ASSEMBLY_TYPE = 'cdk:cloud-assembly';
/** The report CDK writes into the assembly when validation plugins run. */
const VALIDATION_REPORT = 'validation-report.json';
/** How the checks end an error annotation: `… (deadbolt::<rule>)`. */
const DEADBOLT_ERROR = /\(deadbolt::([a-z0-9-]+(?:\[[a-z-]+\])?)\)\s*$/;
/** Deeper than CDK nests Stages: guards against a manifest that points back at itself. */
const MAX_DEPTH = 32;

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function readJson(file: string, what: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new InputError(`${what} cannot be read (${(e as Error).message.split('\n')[0]}).`, file);
  }
}

/** Reads the records of the cloud assembly in `dir` (already read as templates: its manifest is valid). */
export function readSynthesisRecord(dir: string): SynthesisRecord {
  const byRecord = new Map<string, { record: OptionsRecord; stacks: string[] }>();
  const errors: RecordedError[] = [];
  const addRecord = (record: OptionsRecord, where: string): void => {
    const key = JSON.stringify(record);
    const entry = byRecord.get(key);
    if (entry) entry.stacks.push(where);
    else byRecord.set(key, { record, stacks: [where] });
  };

  const visit = (assembly: string, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    const manifest = readJson(path.join(assembly, 'manifest.json'), 'the cloud assembly manifest');
    const artifacts = isObject(manifest) && isObject(manifest.artifacts) ? manifest.artifacts : {};
    for (const [id, a] of Object.entries(artifacts)) {
      if (!isObject(a)) continue;
      const props = isObject(a.properties) ? a.properties : {};
      if (a.type === NESTED_ASSEMBLY_TYPE && typeof props.directoryName === 'string') {
        visit(path.join(assembly, props.directoryName), depth + 1);
        continue;
      }
      if (a.type !== STACK_TYPE) continue;
      let metadata: unknown = a.metadata;
      if (typeof a.additionalMetadataFile === 'string') {
        const extra = readJson(path.join(assembly, a.additionalMetadataFile), `the metadata file of stack \`${id}\``);
        metadata = isObject(metadata) && isObject(extra) ? { ...metadata, ...extra } : extra;
      }
      if (!isObject(metadata)) continue;
      const templatePath = typeof props.templateFile === 'string' ? path.join(assembly, props.templateFile) : undefined;
      const logicalIds = new Map<string, string>();
      const found: RecordedError[] = [];
      for (const [p, entries] of Object.entries(metadata)) {
        if (!Array.isArray(entries)) continue;
        const cpath = p.replace(/^\//, '');
        for (const entry of entries) {
          if (!isObject(entry)) continue;
          if (entry.type === OPTIONS_METADATA_TYPE) {
            const record = readOptionsRecord(entry.data);
            if (record) addRecord(record, id);
          } else if (entry.type === LOGICAL_ID && typeof entry.data === 'string') {
            logicalIds.set(cpath, entry.data);
          } else if (entry.type === ERROR && typeof entry.data === 'string') {
            const m = DEADBOLT_ERROR.exec(entry.data);
            if (m) found.push({ ruleId: m[1], path: cpath, templatePath, text: entry.data });
          }
        }
      }
      // An annotation on an L2 construct is on its `Resource` child's logical id.
      for (const e of found) {
        errors.push({ ...e, logicalId: logicalIds.get(e.path) ?? logicalIds.get(`${e.path}/Resource`) });
      }
    }
    readValidationReport(assembly, addRecord, errors);
  };
  visit(dir, 0);
  return { options: [...byRecord.values()], errors };
}

/** The Deadbolt plugin's entry in the validation report: its options, and its error and fatal violations. */
function readValidationReport(
  assembly: string,
  addRecord: (record: OptionsRecord, where: string) => void,
  errors: RecordedError[],
): void {
  const file = path.join(assembly, VALIDATION_REPORT);
  if (!fs.existsSync(file)) return;
  const report = readJson(file, 'the validation report');
  for (const r of isObject(report) && Array.isArray(report.pluginReports) ? report.pluginReports : []) {
    if (!isObject(r) || r.pluginName !== 'deadbolt') continue;
    const raw = isObject(r.metadata) ? r.metadata[OPTIONS_METADATA_TYPE] : undefined;
    if (typeof raw === 'string') {
      let data: unknown;
      try {
        data = JSON.parse(raw);
      } catch {
        data = undefined;
      }
      const record = readOptionsRecord(data);
      if (record) addRecord(record, VALIDATION_REPORT);
    }
    for (const v of Array.isArray(r.violations) ? r.violations : []) {
      if (!isObject(v) || typeof v.ruleName !== 'string' || (v.severity !== 'error' && v.severity !== 'fatal'))
        continue;
      const ruleId = v.ruleName;
      for (const c of Array.isArray(v.violatingConstructs) ? v.violatingConstructs : []) {
        if (!isObject(c) || typeof c.constructPath !== 'string') continue;
        const res = isObject(c.cloudFormationResource) ? c.cloudFormationResource : {};
        errors.push({
          ruleId,
          path: c.constructPath.replace(/^\//, ''),
          templatePath: typeof res.templatePath === 'string' ? path.resolve(assembly, res.templatePath) : undefined,
          logicalId: typeof res.logicalId === 'string' ? res.logicalId : undefined,
          text: typeof v.description === 'string' ? v.description : ruleId,
        });
      }
    }
  }
}
