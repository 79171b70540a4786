import type { FixText, NormalisedResource } from '../model';
import type { Violation } from './rule';
import { quote, resolveAlternatives, resolvePath, type Resolved } from './values';
import { plural } from '../text/plural';
import { isTerraformResource, terraformSpelling } from '../dialects/terraform-json-names';
import { googleNativeName } from '../dialects/google-provider';

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
  const label = spec.label ?? labelOf(resource, spec.path);
  const location = locationOf(resource, spec.path);
  const defaults = defaultsOf(resource);
  const base = { fix: spec.fix, location, detail: spec.detail };
  const alternatives = resolveAlternatives(resource.properties, spec.path, resource.document);
  const judged = alternatives.map((a) => ({ when: a.when, violation: judge(a.value) }));
  const failing = judged.find((j) => j.violation);
  if (!failing) return undefined;
  if (alternatives.length === 1) return failing.violation;
  // The value depends on conditions decided at deploy time, and at least one outcome fails.
  const raw = readRaw(resource.properties, spec.path);
  return {
    ...base,
    unresolved: true,
    message: `${label} is ${quote(raw)} and cannot be proven ${spec.want}: it depends on ${conditionsOf(failing.when)}, decided at deploy time; when ${failing.when.join(' and ')}, ${failing.violation!.message}`,
  };

  function judge(r: Resolved): Violation | undefined {
    switch (r.kind) {
      case 'absent':
        if (spec.absentMeans === undefined) return undefined;
        return { ...base, message: `${label} is not set (${defaults}: ${spec.absentMeans}).` };
      case 'unresolved':
        return {
          ...base,
          unresolved: true,
          message: `${label} is ${quote(r.expression)} and cannot be proven ${spec.want}: ${r.reason}.`,
        };
      case 'known':
        return spec.test(r.value)
          ? undefined
          : { ...base, message: `${label} is ${quote(r.value)}; it must be ${spec.want}.` };
    }
  }
}

/** The value as written at `path`, for quoting: the outermost expression that stands in the way. */
function readRaw(root: unknown, path: readonly (string | number)[]): unknown {
  let v = root;
  for (const step of path) {
    if (v === null || typeof v !== 'object' || Object.keys(v).some((k) => k.startsWith('Fn::'))) return v;
    v = (v as Record<string | number, unknown>)[step];
  }
  return v;
}

function conditionsOf(when: readonly string[]): string {
  const names = when.map((w) => `"${w.split('=')[0]}"`);
  return names.length === 1 ? `condition ${names[0]}` : `conditions ${names.join(', ')}`;
}

/** `requireProperty` for a boolean that must be true; `absentMeans: null` when absence is safe. */
export function requireTrue(
  resource: NormalisedResource,
  path: readonly (string | number)[],
  fix: FixText,
  absentMeans: string | null = 'false',
  detail?: string,
): Violation | undefined {
  return requireProperty(resource, {
    path,
    want: 'true',
    test: (v) => asBoolean(v) === true,
    absentMeans: absentMeans ?? undefined,
    fix,
    detail,
  });
}

/** `requireProperty` for a boolean that must be false. */
export function requireFalse(
  resource: NormalisedResource,
  path: readonly (string | number)[],
  fix: FixText,
  absentMeans: string | null = 'true',
  detail?: string,
): Violation | undefined {
  return requireProperty(resource, {
    path,
    want: 'false',
    test: (v) => asBoolean(v) === false,
    absentMeans: absentMeans ?? undefined,
    fix,
    detail,
  });
}

/** A property path as the user wrote it: the provider's input name, or CloudFormation's property path. */
export function labelOf(resource: NormalisedResource, path: readonly (string | number)[]): string {
  return nativeName(resource, path) ?? path.join('.');
}

/** Where a finding points: `inputs/deletionProtection` (provider) or `Properties/DeletionProtection`. */
export function locationOf(resource: NormalisedResource, path: readonly (string | number)[]): string {
  const native = nativeName(resource, path);
  // A native name may explain itself ("versioning (an aws.s3.BucketVersioning resource)"): the path is its first word.
  return native ? `inputs/${native.split(' ')[0].replace(/\./g, '/')}` : `Properties/${path.join('/')}`;
}

/** Whose default applies to an unset property. */
export function defaultsOf(resource: NormalisedResource): string {
  return resource.dialect === 'cloudformation' ? 'CloudFormation default' : 'provider default';
}

/**
 * The provider's own name for a CloudFormation property path, when the resource
 * came from the aws-provider dialect: `PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled`
 * → `pointInTimeRecovery.enabled`. Undefined for templates.
 */
export function nativeName(resource: NormalisedResource, path: readonly (string | number)[]): string | undefined {
  // Google properties are Terraform's names already; a Pulumi program's are spelt back in camelCase.
  if (resource.dialect === 'google') return googleNativeName(resource, path);
  const names = resource.nativeNames;
  if (!names) return undefined;
  for (let n = path.length; n > 0; n--) {
    const hit = names[path.slice(0, n).join('.')];
    if (hit !== undefined) return spelt(resource, [hit, ...path.slice(n)].join('.'));
  }
  // Provider inputs are CloudFormation's names in camelCase, unless the dialect said otherwise.
  return spelt(
    resource,
    path.map((p) => (typeof p === 'string' ? p.charAt(0).toLowerCase() + p.slice(1) : p)).join('.'),
  );
}

/** A provider name as the user wrote it: Terraform's snake_case for a resource read from Terraform. */
function spelt(resource: NormalisedResource, name: string): string {
  return isTerraformResource(resource) ? terraformSpelling(name) : name;
}

/** The value at `path` as written in the template, without resolving anything on the way. */
export function rawAt(root: unknown, path: readonly (string | number)[]): unknown {
  let v = root;
  for (const step of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[step];
  }
  return v;
}

/**
 * The number of entries of a list property (absent: 0), or why it cannot be
 * read. A literal list is counted as written, so that one entry that cannot be
 * resolved does not hide the others (each is read on its own).
 */
export function listLength(
  resource: NormalisedResource,
  path: readonly (string | number)[],
): number | { readonly kind: 'unresolved'; readonly expression: unknown; readonly reason: string } {
  const raw = rawAt(resource.properties, path);
  if (Array.isArray(raw)) return raw.length;
  const list = readProperty(resource, ...path);
  switch (list.kind) {
    case 'absent':
      return 0;
    case 'unresolved':
      return { kind: 'unresolved', expression: list.expression, reason: list.reason };
    case 'known':
      return Array.isArray(list.value)
        ? list.value.length
        : { kind: 'unresolved', expression: list.value, reason: 'it is not a list' };
  }
}

/**
 * A retention in days of at least `min`, where 0 turns the backups or snapshots
 * off (`off`: "automated backups", "automatic snapshots"), said so in the
 * message; otherwise as `requireProperty` judges it.
 */
export function requireRetention(
  resource: NormalisedResource,
  spec: {
    readonly path: readonly (string | number)[];
    readonly min: number;
    readonly off: string;
    readonly absentMeans?: string;
    readonly fix: FixText;
  },
): Violation | undefined {
  const { path, min, fix } = spec;
  const r = readProperty(resource, ...path);
  if (r.kind === 'known' && asNumber(r.value) === 0) {
    return {
      fix,
      location: locationOf(resource, path),
      message: `${labelOf(resource, path)} is ${JSON.stringify(r.value)}, which turns ${spec.off} off; it must be at least ${plural(min, 'day')}.`,
    };
  }
  return requireProperty(resource, {
    path,
    want: `at least ${plural(min, 'day')}`,
    test: (v) => (asNumber(v) ?? -1) >= min,
    absentMeans: spec.absentMeans,
    fix,
  });
}
