/**
 * Pulumi values → the provider dialect's plain data. An `Output` becomes a
 * `ProviderOutputValue` that keeps what the catalogue needs to relate
 * resources: whether the value is known (a `pulumi preview` leaves most ARNs
 * unknown) and the URNs of the resources it was computed from. That is how a
 * backup selection listing `db.arn` is still tied to the database when the ARN
 * is unknown.
 */
import * as pulumi from '@pulumi/pulumi';
import { providerOutput, type ProviderOutputValue } from '@deadbolt/rules';

/**
 * The parts of an `Output` the SDK does not declare but every Output has
 * (`@pulumi/pulumi` output.js `OutputImpl`): its known-ness, its value and the
 * resources it depends on (`allResources` includes those found through
 * `apply`).
 */
interface OutputInternals {
  readonly isKnown: Promise<boolean>;
  promise(withUnknowns?: boolean): Promise<unknown>;
  resources(): Set<pulumi.Resource>;
  allResources?(): Promise<Set<pulumi.Resource>>;
}

/** Reads a Pulumi input (plain data, Promises, Outputs, nested anywhere) into provider-dialect data. */
export async function recordValue(value: unknown): Promise<unknown> {
  return convert(value, 0, []);
}

/**
 * Reads resource inputs: `recordValue` on each property, undefined ones dropped.
 * A refused (rejected) Output or Promise reads as an unknown value at once, and
 * its error is added to `refusals`: the SDK cannot serialize such an input, so
 * the resource's registration never completes and its URN never resolves.
 */
export async function recordInputs(props: unknown, refusals: string[] = []): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  if (props === null || typeof props !== 'object') return out;
  const entries = await Promise.all(
    Object.entries(props as Record<string, unknown>).map(async ([k, v]) => [k, await convert(v, 0, refusals)] as const),
  );
  for (const [k, v] of entries) if (v !== undefined) out[k] = v;
  return out;
}

/** Deeper than any real resource input: a cycle, not data. */
const MAX_DEPTH = 64;

async function convert(value: unknown, depth: number, refusals: string[]): Promise<unknown> {
  if (depth > MAX_DEPTH) return undefined;
  if (value === null || value === undefined) return value;
  if (typeof value !== 'object' && typeof value !== 'function') return value;
  // A bare unknown: what an engine-side transform gets, in a preview, for a value not yet computed.
  if (pulumi.isUnknown(value)) return providerOutput(false, undefined, []);
  if (pulumi.Output.isInstance(value)) return convertOutput(value as unknown as OutputInternals, depth, refusals);
  if (value instanceof Promise) {
    let settled: unknown;
    try {
      settled = await value;
    } catch (e) {
      refusals.push(reasonOf(e));
      return providerOutput(false, undefined, []);
    }
    return convert(settled, depth + 1, refusals);
  }
  if (pulumi.Resource.isInstance(value)) {
    // A resource passed as an input is sent as a reference to it.
    const urn = await urnOf(value);
    return urn ? providerOutput(true, urn, [urn]) : providerOutput(false, undefined, []);
  }
  if (pulumi.asset.Asset.isInstance(value) || pulumi.asset.Archive.isInstance(value)) return '<asset>';
  if (Array.isArray(value)) return Promise.all((value as unknown[]).map((v) => convert(v, depth + 1, refusals)));
  if (typeof value === 'function') return undefined;
  const out: Record<string, unknown> = {};
  const entries = await Promise.all(
    Object.entries(value as Record<string, unknown>).map(
      async ([k, v]) => [k, await convert(v, depth + 1, refusals)] as const,
    ),
  );
  for (const [k, v] of entries) if (v !== undefined) out[k] = v;
  return out;
}

async function convertOutput(o: OutputInternals, depth: number, refusals: string[]): Promise<ProviderOutputValue> {
  let known = false;
  let deps: Set<pulumi.Resource>;
  try {
    [known, deps] = await Promise.all([o.isKnown, o.allResources ? o.allResources() : Promise.resolve(o.resources())]);
  } catch (e) {
    // An output whose computation failed is unknown: never assumed safe.
    refusals.push(reasonOf(e));
    return providerOutput(false, undefined, await urnsOf(safeResources(o)));
  }
  const dependsOn = await urnsOf(deps);
  if (!known) return providerOutput(false, undefined, dependsOn);
  let value: unknown;
  try {
    value = await o.promise();
  } catch (e) {
    refusals.push(reasonOf(e));
    return providerOutput(false, undefined, dependsOn);
  }
  // The value of a known output may itself hold outputs (an object built inside an `apply`).
  return providerOutput(true, await convert(value, depth + 1, refusals), dependsOn);
}

/** What a refused value was refused with, in one line. */
function reasonOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function safeResources(o: OutputInternals): Set<pulumi.Resource> {
  try {
    return o.resources();
  } catch {
    return new Set();
  }
}

/** The URNs of resources (engine-side transforms hand `DependencyResource`s, whose `urn` is known). */
export async function urnsOf(resources: Iterable<pulumi.Resource>): Promise<string[]> {
  const urns = await Promise.all([...resources].map(urnOf));
  return [...new Set(urns.filter((u): u is string => typeof u === 'string' && u !== ''))];
}

/** The value of an output that is always known (a URN), or undefined when its computation failed. */
export async function knownValue<T>(o: pulumi.Output<T>): Promise<T | undefined> {
  try {
    return (await (o as unknown as OutputInternals).promise()) as T;
  } catch {
    return undefined;
  }
}

/** A resource's URN, or undefined when its registration failed. */
export async function urnOf(resource: pulumi.Resource): Promise<string | undefined> {
  try {
    const urn = await (resource.urn as unknown as OutputInternals).promise();
    return typeof urn === 'string' ? urn : undefined;
  } catch {
    return undefined;
  }
}
