/**
 * The enforcements each stack's program created, and whether a caller judges
 * the stack itself (the testing helper, `runWithDeadbolt`) rather than the
 * program at exit. Kept on `globalThis` so that two copies of this package in
 * one process (a test's `jest.isolateModules`, a second install) agree, as the
 * Pulumi SDK keeps its own runtime state.
 */
import type { DataProtectionEnforcement } from './enforce-data-protection';

interface Registry {
  readonly enforcements: WeakMap<object, DataProtectionEnforcement[]>;
  readonly judgedByCaller: WeakSet<object>;
}

const REGISTRY_KEY = Symbol.for('@deadbolt/pulumi.enforcements-by-stack');

function registry(): Registry {
  const holder = globalThis as { [REGISTRY_KEY]?: Registry };
  holder[REGISTRY_KEY] ??= { enforcements: new WeakMap(), judgedByCaller: new WeakSet() };
  return holder[REGISTRY_KEY];
}

/** Records an enforcement created in `stack`'s program. */
export function recordEnforcement(stack: object, enforcement: DataProtectionEnforcement): void {
  const { enforcements } = registry();
  enforcements.set(stack, [...(enforcements.get(stack) ?? []), enforcement]);
}

/** The enforcements `stack`'s program created, in order. */
export function enforcementsOf(stack: object): readonly DataProtectionEnforcement[] {
  return registry().enforcements.get(stack) ?? [];
}

/** Marks `stack` as judged by its caller: its enforcements do not judge at exit. */
export function markJudgedByCaller(stack: object): void {
  registry().judgedByCaller.add(stack);
}

/** Is `stack` judged by its caller (see `markJudgedByCaller`)? */
export function isJudgedByCaller(stack: object): boolean {
  return registry().judgedByCaller.has(stack);
}
