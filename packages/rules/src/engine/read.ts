import type { FixText, NormalisedResource } from '../model';
import type { Violation } from './rule';
import { quote, resolvePath, type Resolved } from './values';

/** Reads a property path of a CloudFormation resource, resolving intrinsics on the way. */
export function readProperty(resource: NormalisedResource, ...path: (string | number)[]): Resolved {
  return resolvePath(resource.properties, path, resource.document);
}

/** CloudFormation accepts booleans as `true`/`"true"`; anything else is not a boolean. */
export function asBoolean(value: unknown): boolean | undefined {
  if (value === true || value === 'true' || value === 'True' || value === 'TRUE') return true;
  if (value === false || value === 'false' || value === 'False' || value === 'FALSE') return false;
  return undefined;
}

/** CloudFormation accepts numbers as numbers or numeric strings. */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

export interface RequirementSpec {
  /** Property path under Properties. */
  readonly path: readonly (string | number)[];
  /** What must hold, for messages: "true", "`ENABLED`", "at least 7". */
  readonly want: string;
  /** Does this literal value satisfy the requirement? */
  readonly test: (value: unknown) => boolean;
  /** What CloudFormation does when the property is absent, for the message; `undefined` → absence satisfies. */
  readonly absentMeans?: string;
  readonly fix: FixText;
  readonly detail?: string;
  /** Display name of the property; defaults to the joined path. */
  readonly label?: string;
}

/**
 * The common shape of a property rule: the value must satisfy `test`; absence
 * fails when the service default is unsafe; an unresolvable value fails closed.
 */
export function requireProperty(resource: NormalisedResource, spec: RequirementSpec): Violation | undefined {
  const label = spec.label ?? spec.path.join('.');
  const location = `Properties/${spec.path.join('/')}`;
  const r = readProperty(resource, ...spec.path);
  const base = { fix: spec.fix, location, detail: spec.detail };
  switch (r.kind) {
    case 'absent':
      if (spec.absentMeans === undefined) return undefined;
      return { ...base, message: `${label} is not set (CloudFormation default: ${spec.absentMeans}).` };
    case 'unresolved':
      return {
        ...base,
        unresolved: true,
        message: `${label} is ${quote(r.expression)} and cannot be proven ${spec.want}: ${r.reason}.`,
      };
    case 'known':
      return spec.test(r.value) ? undefined : { ...base, message: `${label} is ${quote(r.value)}; it must be ${spec.want}.` };
  }
}

/** `requireProperty` for a boolean that must be true. */
export function requireTrue(
  resource: NormalisedResource,
  path: readonly (string | number)[],
  fix: FixText,
  absentMeans: string | undefined = 'false',
  detail?: string,
): Violation | undefined {
  return requireProperty(resource, { path, want: 'true', test: (v) => asBoolean(v) === true, absentMeans, fix, detail });
}

/** `requireProperty` for a boolean that must be false. */
export function requireFalse(
  resource: NormalisedResource,
  path: readonly (string | number)[],
  fix: FixText,
  absentMeans: string | undefined = 'true',
  detail?: string,
): Violation | undefined {
  return requireProperty(resource, { path, want: 'false', test: (v) => asBoolean(v) === false, absentMeans, fix, detail });
}
