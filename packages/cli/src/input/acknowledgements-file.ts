/**
 * `deadbolt check --acknowledgements FILE`: findings about Terraform resources
 * accepted with a written reason, in a file beside the configuration (a plan
 * has no metadata to carry one). The file is a YAML or JSON list:
 *
 *   - resource: module.db["eu"].aws_db_instance.this[0]
 *     id: rds-deletion-protection
 *     reason: Scratch copy, rebuilt from the nightly export.
 *     expires: 2026-03-31
 *
 * An entry names one resource by its exact address, as the gate's approvals
 * do (no patterns: an acknowledgement accepts one risk on one resource). Read
 * as the gate reads approvals: malformed entries, an unknown rule id or an
 * expiry that is not a date make the file unreadable (exit 2). An entry
 * without a reason, expired, or dated further ahead than
 * `--max-acknowledgement-days` (90 by default) is refused when the finding is
 * judged, and the finding stays.
 */
import * as fs from 'fs';
import {
  expiryTime,
  InputError,
  normaliseRuleId,
  unknownRuleIdProblem,
  type Acknowledgement,
  type AcknowledgementLookup,
} from '@deadbolt/rules';
import { parse as parseYaml } from 'yaml';

/** One entry of the file. */
export interface AcknowledgementEntry {
  readonly resource: string;
  readonly ruleId: string;
  readonly reason: string;
  readonly expires?: string;
  /** `FILE entry N`, for messages. */
  readonly source: string;
}

/** Entries read from one file: an unbounded file is not a list of decisions a human wrote. */
const MAX_ENTRIES = 10_000;
const MAX_BYTES = 4 * 1024 * 1024;

/** Reads an acknowledgements file; throws `InputError` for anything malformed. */
export function readAcknowledgementsFile(file: string, label: string): AcknowledgementEntry[] {
  let text: string;
  try {
    if (fs.statSync(file).size > MAX_BYTES)
      throw new InputError(`the acknowledgements file is over ${MAX_BYTES.toLocaleString('en-US')} bytes.`, file);
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(
      code === 'ENOENT'
        ? 'the acknowledgements file does not exist.'
        : `the acknowledgements file cannot be read (${code}).`,
      file,
    );
  }
  let doc: unknown;
  try {
    doc = text.trimStart().startsWith('{') || text.trimStart().startsWith('[') ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new InputError(
      `the acknowledgements file is not valid JSON or YAML (${(e as Error).message.split('\n')[0]}).`,
      file,
    );
  }
  return parseAcknowledgements(doc, file, label);
}

/** Reads parsed acknowledgements: a list, or `{ acknowledgements: [...] }`. */
export function parseAcknowledgements(doc: unknown, file: string, label = file): AcknowledgementEntry[] {
  const list =
    doc !== null && typeof doc === 'object' && !Array.isArray(doc)
      ? (doc as Record<string, unknown>).acknowledgements
      : doc;
  if (!Array.isArray(list))
    throw new InputError(
      'the acknowledgements file must be a list of `{ resource, id, reason, expires }` entries.',
      file,
    );
  if (list.length > MAX_ENTRIES)
    throw new InputError(`the acknowledgements file has more than ${MAX_ENTRIES} entries.`, file);
  return list.map((e, i) => {
    const where = `entry ${i + 1}`;
    if (e === null || typeof e !== 'object' || Array.isArray(e))
      throw new InputError(`${where} is not a mapping.`, file);
    const entry = e as Record<string, unknown>;
    for (const key of Object.keys(entry)) {
      if (!['resource', 'id', 'reason', 'expires'].includes(key))
        throw new InputError(
          `${where} has \`${key}\`; an entry has \`resource\`, \`id\`, \`reason\` and \`expires\`.`,
          file,
        );
    }
    if (typeof entry.resource !== 'string' || entry.resource.trim() === '')
      throw new InputError(`${where} has no \`resource\` (the resource's address).`, file);
    if (typeof entry.id !== 'string' || entry.id.trim() === '')
      throw new InputError(`${where} (${entry.resource}) has no rule \`id\`.`, file);
    // A misspelt rule id would acknowledge nothing while the finding stays an error with no word on why.
    const unknown = unknownRuleIdProblem(entry.id);
    if (unknown) throw new InputError(`${where} (${entry.resource}) names an ${unknown}`, file);
    const expires = entry.expires instanceof Date ? entry.expires.toISOString().slice(0, 10) : entry.expires;
    if (expires !== undefined && (typeof expires !== 'string' || Number.isNaN(expiryTime(expires))))
      throw new InputError(
        `${where} (${entry.resource}) has \`expires\` ${JSON.stringify(expires)}; use a date such as 2026-12-31.`,
        file,
      );
    return {
      resource: entry.resource.trim(),
      ruleId: normaliseRuleId(entry.id),
      // Kept as written: a missing or placeholder reason is refused when the finding is judged.
      reason: typeof entry.reason === 'string' ? entry.reason : '',
      ...(expires !== undefined ? { expires: expires as string } : {}),
      source: `${label} entry ${i + 1}`,
    };
  });
}

/**
 * The lookup the engine asks, for the documents read from Terraform: an entry
 * covers the resource whose address it names, or the document whose id it names.
 */
export function acknowledgementLookup(
  entries: readonly AcknowledgementEntry[],
  documents: ReadonlySet<string>,
  used: Set<AcknowledgementEntry>,
): AcknowledgementLookup {
  const byResource = new Map<string, AcknowledgementEntry[]>();
  for (const e of entries) {
    const list = byResource.get(e.resource);
    if (list) list.push(e);
    else byResource.set(e.resource, [e]);
  }
  return (ruleId, target): readonly Acknowledgement[] => {
    if (!documents.has(target.document.id)) return [];
    const where = target.resource ? (target.resource.location.path ?? target.resource.logicalId) : target.document.id;
    const out: Acknowledgement[] = [];
    for (const e of byResource.get(where) ?? []) {
      if (e.ruleId !== ruleId) continue;
      used.add(e);
      out.push({ ruleId, reason: e.reason, expires: e.expires, source: e.source });
    }
    return out;
  };
}
