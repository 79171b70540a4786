/**
 * Reading helpers shared by the Google Cloud data-service rules (Spanner,
 * Firestore, Bigtable, BigQuery, Cloud Storage, Filestore, Memorystore,
 * Compute). The Google dialect (`readGoogleModel`) has already given Terraform
 * and `@pulumi/gcp` inputs one shape: snake_case names, single nested blocks as
 * objects (a plan's one-element list included), repeated blocks as lists, and
 * values known only after apply as `Deadbolt::Output` (read as unresolved: fail
 * closed). So a rule reads with `readProperty` and words a property with
 * `labelOf`, which spells it back as the user wrote it (`bootDisk.autoDelete` in
 * a Pulumi program).
 */
import { asBoolean, asNumber, labelOf, locationOf, readProperty } from '../../engine/read';
import type { Violation } from '../../engine/rule';
import { quote } from '../../engine/values';
import type { FixText, NormalisedResource } from '../../model';
import { plural } from '../../text/plural';
import { isPulumi } from './general/google-fix';

export { googleFix } from './general/google-fix';

export interface GoogleRequirement {
  readonly path: readonly (string | number)[];
  /** What must hold, for messages: "true", "`PROTECTED`". */
  readonly want: string;
  readonly test: (value: unknown) => boolean;
  /** What the provider does when the property is absent; undefined: absence satisfies. */
  readonly absentMeans?: string;
  readonly fix: FixText;
  /** Appended to every message this requirement words (a sentence, or empty). */
  readonly note?: string;
  readonly detail?: string;
}

/**
 * The value at `path` must satisfy `test`; absence fails when the provider's
 * default is unsafe (`absentMeans`); an unresolvable value fails closed.
 */
export function requireGoogle(resource: NormalisedResource, spec: GoogleRequirement): Violation | undefined {
  const label = labelOf(resource, spec.path);
  const note = spec.note ? ` ${spec.note}` : '';
  const base = { fix: spec.fix, location: locationOf(resource, spec.path), detail: spec.detail };
  const r = readProperty(resource, ...spec.path);
  switch (r.kind) {
    case 'absent':
      if (spec.absentMeans === undefined) return undefined;
      return { ...base, message: `${label} is not set (provider default: ${spec.absentMeans}).${note}` };
    case 'unresolved':
      return {
        ...base,
        unresolved: true,
        message: `${label} is ${quote(r.expression)} and cannot be proven ${spec.want}: ${r.reason}.${note}`,
      };
    case 'known':
      if (r.value === null && spec.absentMeans !== undefined)
        return { ...base, message: `${label} is null (provider default: ${spec.absentMeans}).${note}` };
      if (r.value === null) return undefined;
      return spec.test(r.value)
        ? undefined
        : { ...base, message: `${label} is ${quote(r.value)}; it must be ${spec.want}.${note}` };
  }
}

/**
 * A provider-side switch that deletes data on destroy (`force_destroy`,
 * `delete_contents_on_destroy`) must be false or unset; unreadable fails closed.
 */
export function requireSwitchOff(
  resource: NormalisedResource,
  path: readonly string[],
  consequence: string,
  fix: FixText,
): Violation | undefined {
  const label = labelOf(resource, path);
  const r = readProperty(resource, ...path);
  if (r.kind === 'absent' || (r.kind === 'known' && (r.value === null || asBoolean(r.value) === false))) return;
  const base = { fix, location: locationOf(resource, path) };
  if (r.kind === 'unresolved')
    return {
      ...base,
      unresolved: true,
      message: `${label} is ${quote(r.expression)} and cannot be proven false: ${r.reason}; when true, ${consequence}.`,
    };
  return {
    ...base,
    message: `${label} is ${quote(r.value)}: when the resource is destroyed or replaced, ${consequence}.`,
  };
}

/** True for a boolean `true` as Terraform or Pulumi write it. */
export function isTrue(v: unknown): boolean {
  return asBoolean(v) === true;
}

/** A number (or numeric string, as the provider takes `max_time_travel_hours`), or undefined. */
export function numberOf(v: unknown): number | undefined {
  return asNumber(v);
}

/** A block that is not there: absent, null, or (hand-written) an empty list. */
export function isUnsetBlock(resource: NormalisedResource, path: readonly (string | number)[]): boolean {
  const r = readProperty(resource, ...path);
  return (
    r.kind === 'absent' ||
    (r.kind === 'known' && (r.value === null || (Array.isArray(r.value) && r.value.length === 0)))
  );
}

const UNIT_SECONDS: Readonly<Record<string, number>> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
  d: 86400,
};

/**
 * A duration in seconds, from the spellings Google's APIs and the provider
 * accept: Go durations (`72h0m0s`, `1.5h`: Bigtable), Spanner's `1d`/`24h`/
 * `1440m`/`86400s`, and protobuf durations (`3024000s`, `3.5s`: Memorystore,
 * Firestore). A bare number or `"0"` is seconds. Undefined when unreadable.
 * @see https://pkg.go.dev/time#ParseDuration
 * @see https://protobuf.dev/reference/protobuf/google.protobuf/#duration
 */
export function durationSeconds(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  if (s === '' || s.length > 64) return undefined;
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  const part = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h|d)/y;
  let total = 0;
  let at = 0;
  // A duration has at most one part per unit; a longer string is not one.
  for (let i = 0; i < 8 && at < s.length; i++) {
    part.lastIndex = at;
    const m = part.exec(s);
    if (!m) return undefined;
    total += Number(m[1]) * UNIT_SECONDS[m[2]];
    at = part.lastIndex;
  }
  return at === s.length ? total : undefined;
}

/** A duration for messages: "1 hour", "3 days", "36 hours", "90 minutes". */
export function showDuration(seconds: number): string {
  if (seconds >= 86400 && seconds % 86400 === 0) return plural(seconds / 86400, 'day');
  if (seconds >= 3600 && seconds % 3600 === 0) return plural(seconds / 3600, 'hour');
  if (seconds >= 60 && seconds % 60 === 0) return plural(seconds / 60, 'minute');
  return plural(seconds, 'second');
}

/**
 * The sentence a finding about a Terraform-only guard carries (issue #14): the
 * provider checks it before it deletes (`terraform destroy`, `pulumi destroy`,
 * a replacing change: Pulumi runs the same provider code), but the cloud's API
 * never sees it, so `command`, the console or a client library delete regardless.
 * The property is quoted as the user wrote it (`deletionProtection` in Pulumi).
 */
export function terraformOnly(resource: NormalisedResource, path: readonly string[], command: string): string {
  const tool = isPulumi(resource)
    ? '`pulumi destroy` (and a replacing `pulumi up`)'
    : '`terraform destroy` (and a replacing apply)';
  return `\`${labelOf(resource, path)}\` is a Terraform/Pulumi-only guard: it stops ${tool}, but not \`${command}\`, the console or an API call.`;
}

/**
 * The sentence a finding about a guard the cloud enforces carries, to tell it
 * from a Terraform/Pulumi-only one (issue #14): the service refuses the delete
 * whoever asks. `when`: "true", "`PROTECTED`".
 */
export function cloudEnforced(service: string, when: string): string {
  return `It is ${service}'s own guard: while ${when}, every delete fails, \`gcloud\`, the console and a destroy alike.`;
}
