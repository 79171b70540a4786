import spec from './cloudformation-types.generated.json';
import { outOfScopeReason, PROTECTED_TYPES, PROTECTION_TABLE } from '../protection/table';

/**
 * Which resource types hold data. The base is the CloudFormation specification's
 * own `isStateful` marking (generated, see scripts/generate-spec.js); the lists
 * below are the hand-checked corrections to it, each with its reason.
 */

/**
 * Types the specification does not mark stateful but that store data a user
 * cannot recreate: the protection table's entries outside the specification's
 * marking, with what each holds.
 */
export const ADDITIONAL_DATA_TYPES: Readonly<Record<string, string>> = Object.fromEntries(
  PROTECTION_TABLE.filter((s) => !s.protectsOnly && !spec.stateful.includes(s.type)).map((s) => [s.type, s.holds]),
);

/**
 * Stateful types whose loss is recoverable or whose contents are transient:
 * the removal rules report them as warnings, not errors (the table's `transient`).
 */
export const TRANSIENT_TYPES: Readonly<Record<string, string>> = Object.fromEntries(
  PROTECTION_TABLE.filter((s) => s.transient !== undefined).map((s) => [s.type, s.transient as string]),
);

/**
 * Stateful per the specification, but not a holder of data in its own right:
 * a nested stack's resources carry their own policies.
 */
export const CONTAINER_TYPES: ReadonlySet<string> = new Set(['AWS::CloudFormation::Stack']);

const STATEFUL: ReadonlySet<string> = new Set(
  [...spec.stateful, ...PROTECTED_TYPES].filter((t) => outOfScopeReason(t) === undefined && !CONTAINER_TYPES.has(t)),
);

/** Every type the removal rules judge, sorted. */
export const STATEFUL_TYPES: readonly string[] = [...STATEFUL].sort();

/** Types from the CloudFormation specification's `isStateful` marking. */
export const SPEC_STATEFUL_TYPES: readonly string[] = spec.stateful;

export const SPEC_VERSION: string = spec.specVersion;

export function isStatefulType(type: string): boolean {
  return STATEFUL.has(type);
}

/** True for stateful types whose loss is recoverable (findings are warnings). */
export function isTransientType(type: string): boolean {
  return type in TRANSIENT_TYPES;
}

/**
 * Whether a resource marked as data by its tags (`deadbolt:data=true`) should be
 * treated as data even though its type is transient.
 */
export const DATA_TAG_KEY = 'deadbolt:data';

/** Properties whose change forces (`yes`) or may force (`maybe`) replacement, per the specification. */
export function replacementProperties(type: string): {
  readonly yes: readonly string[];
  readonly maybe: readonly string[];
} {
  return (spec.replacement as Record<string, { yes: string[]; maybe: string[] }>)[type] ?? { yes: [], maybe: [] };
}
