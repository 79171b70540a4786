/**
 * The user's decisions on resource types the gate cannot decide itself
 * (`deadbolt plan --stateful-types FILE`): which hold data (`stateful`: their
 * deletes and replacements are blocked) and which do not (`stateless`: let
 * through, and reported as let through for the record).
 *
 * ```json
 * {
 *   "stateful": { "kubernetes_persistent_volume_claim": "its volume is deleted with it (reclaim policy Delete)" },
 *   "stateless": { "kubernetes_*": "our clusters keep data only in cloud disks, judged on their own" }
 * }
 * ```
 *
 * A name is a type as the plan writes it, or a prefix ending in `*`. Every
 * entry carries a written reason. A `stateless` entry cannot overrule the
 * catalogue: naming a type Deadbolt knows holds data (`aws_db_instance`,
 * `azurerm_mssql_server`) is refused, since losing its data is accepted change
 * by change, with `deadbolt approve`. A prefix declared stateless applies only
 * to the types the gate cannot decide.
 */
import { InputError } from '../dialects/errors';
import { pulumiTypeMapping, terraformTypeMapping } from '../dialects/aws-provider-types';
import { providerDataDecision } from '../protection/provider-types';
import { isStatefulType } from '../spec/stateful-types';
import { isWrittenReason } from '../text/written-reason';
import { isObject } from './changes';

export type DeclaredKind = 'stateful' | 'stateless';

/** One entry of the file. */
export interface TypeDeclaration {
  /** The type, or a prefix when `prefix` is set (without its `*`). */
  readonly name: string;
  readonly prefix: boolean;
  readonly kind: DeclaredKind;
  readonly reason: string;
}

/** The user's decisions, read from a file. */
export interface TypeDeclarations {
  /** Where they came from, for messages (the file as the user named it). */
  readonly source: string;
  readonly entries: readonly TypeDeclaration[];
}

/** A declaration that applies to a type, and the file it came from. */
export interface AppliedDeclaration extends TypeDeclaration {
  readonly source: string;
}

/** The most entries a file may hold: a list, not a registry dump. */
export const MAXIMUM_DECLARATIONS = 2000;

const NAME = /^[A-Za-z0-9][A-Za-z0-9_:/.@-]{0,199}\*?$/;

/**
 * The catalogue's reason a type holds data, or undefined: a CloudFormation type
 * it judges, a Terraform or Pulumi AWS name of one, or a provider table row.
 */
export function builtInDataReason(type: string): string | undefined {
  if (isStatefulType(type)) return `the catalogue judges ${type} as a data store`;
  const mapping = terraformTypeMapping(type) ?? pulumiTypeMapping(type);
  if (mapping?.cloudFormationType && !mapping.part && isStatefulType(mapping.cloudFormationType))
    return `it is ${mapping.cloudFormationType}, which the catalogue judges as a data store`;
  const decided = providerDataDecision(type);
  if (decided?.decision === 'stateful') return decided.reason;
  return undefined;
}

function readKind(doc: Record<string, unknown>, kind: DeclaredKind, source: string): TypeDeclaration[] {
  const list = doc[kind];
  if (list === undefined) return [];
  if (!isObject(list)) {
    throw new InputError(
      `\`${kind}\` must be an object of type names to reasons (\`{ "random_pet": "…why…" }\`).`,
      source,
    );
  }
  const out: TypeDeclaration[] = [];
  for (const [name, reason] of Object.entries(list)) {
    if (!NAME.test(name) || name === '*') {
      throw new InputError(
        `\`${kind}\` names \`${name.slice(0, 80)}\`, which is not a resource type (a prefix ends in \`*\`, after at least one character).`,
        source,
      );
    }
    if (!isWrittenReason(reason)) {
      throw new InputError(
        `\`${kind}.${name}\` has no reason; write why the type ${kind === 'stateful' ? 'holds' : 'holds no'} data (a placeholder such as \`TODO\` is not a reason).`,
        source,
      );
    }
    const prefix = name.endsWith('*');
    out.push({ name: prefix ? name.slice(0, -1) : name, prefix, kind, reason: reason.trim() });
  }
  return out;
}

/**
 * Reads a parsed `--stateful-types` file; throws `InputError` for anything but
 * an object of `stateful` and `stateless` maps with written reasons, a type
 * declared both ways, or a type the catalogue knows holds data declared stateless.
 * `source`: the file, for errors; `label`: the file as reports name it.
 */
export function parseTypeDeclarations(doc: unknown, source: string, label: string = source): TypeDeclarations {
  if (!isObject(doc)) {
    throw new InputError('the stateful types file must be an object with `stateful` and/or `stateless`.', source);
  }
  const unknown = Object.keys(doc).filter((k) => k !== 'stateful' && k !== 'stateless');
  if (unknown.length) {
    throw new InputError(
      `the stateful types file has ${unknown.map((k) => `\`${k.slice(0, 40)}\``).join(', ')}; it holds only \`stateful\` and \`stateless\`.`,
      source,
    );
  }
  const entries = [...readKind(doc, 'stateful', source), ...readKind(doc, 'stateless', source)];
  if (entries.length === 0) throw new InputError('the stateful types file declares no type.', source);
  if (entries.length > MAXIMUM_DECLARATIONS) {
    throw new InputError(
      `the stateful types file declares ${entries.length} types; at most ${MAXIMUM_DECLARATIONS}.`,
      source,
    );
  }
  const seen = new Map<string, DeclaredKind>();
  for (const e of entries) {
    const key = e.prefix ? `${e.name}*` : e.name;
    if (seen.has(key)) throw new InputError(`\`${key}\` is declared both stateful and stateless.`, source);
    seen.set(key, e.kind);
    if (e.kind === 'stateless' && !e.prefix) {
      const known = builtInDataReason(e.name);
      if (known) {
        throw new InputError(
          `\`${e.name}\` is declared stateless, but Deadbolt knows it holds data (${known}); approve a change that loses it with \`deadbolt approve\` instead.`,
          source,
        );
      }
    }
  }
  return { source: label, entries };
}

/**
 * The declaration that applies to `type`: its exact name, else the longest
 * prefix it starts with (of either kind); undefined when none does.
 */
export function declarationOf(
  declarations: TypeDeclarations | undefined,
  type: string,
): AppliedDeclaration | undefined {
  if (!declarations) return undefined;
  let best: TypeDeclaration | undefined;
  for (const e of declarations.entries) {
    if (!e.prefix) {
      if (e.name === type) return { ...e, source: declarations.source };
      continue;
    }
    if (type.startsWith(e.name) && (!best || e.name.length > best.name.length)) best = e;
  }
  return best ? { ...best, source: declarations.source } : undefined;
}
