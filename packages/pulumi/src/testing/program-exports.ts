/**
 * What the Pulumi CLI's Node.js runner does with a program's module once it
 * has loaded it (`@pulumi/pulumi` cmd/run/run.js): a default export that is
 * the module's only export stands for the module; a module whose export is a
 * function (`export = async () => { ... }`, `export default async function
 * main() { ... }`) is called and awaited, and what it returns becomes the
 * stack outputs (https://github.com/pulumi/pulumi/pull/3321).
 *
 * The runner takes the default export of an ES module only (`"type": "module"`
 * in package.json, https://github.com/pulumi/pulumi/pull/8766); it does not run
 * the default export of a CommonJS program (https://github.com/pulumi/pulumi/issues/4017). A test cannot tell the two
 * apart (Jest loads both as CommonJS), so the default export is run for both:
 * judging resources `pulumi up` would not create costs a finding, not running
 * the program would hide every finding.
 */

/** Keys a module namespace carries besides its exports, added by the loader or the compiler. */
const LOADER_KEYS: ReadonlySet<string> = new Set(['default', '__esModule', 'module.exports']);

/**
 * Runs the program the module stands for, as the runner does, and returns the
 * stack outputs. Rejects when the module has a function as its default export
 * and named exports too: `pulumi up` fails on such an ES module, and never
 * runs the function of such a CommonJS one.
 */
export async function runProgramModule(loaded: unknown): Promise<unknown> {
  const program = programExport(loaded);
  return typeof program === 'function' ? await (program as () => unknown)() : program;
}

function programExport(loaded: unknown): unknown {
  if (loaded === null || typeof loaded !== 'object') return loaded;
  if (Object.getOwnPropertyDescriptor(loaded, 'default') === undefined) return loaded;
  const namespace = loaded as Record<string, unknown>;
  const main = namespace.default;
  // A CommonJS module's namespace copies the properties of `module.exports` next to `default`.
  const named = Object.keys(namespace).filter((key) => !LOADER_KEYS.has(key) && !mirrors(main, key, namespace[key]));
  if (named.length === 0) return main;
  if (typeof main === 'function') {
    throw new Error(
      `runWithDeadbolt: the program's module exports a function as its default export and also named exports (${named.join(', ')}). ` +
        'pulumi up fails on such an ES module ("expected entrypoint module to have either a default export or named exports but not both") ' +
        'and does not run the function of such a CommonJS one. Return the stack outputs from the function and export nothing else.',
    );
  }
  return loaded;
}

/** Is `value` the same as the default export's own `key` (a CommonJS namespace's copy of it)? */
function mirrors(main: unknown, key: string, value: unknown): boolean {
  return (
    main !== null &&
    (typeof main === 'object' || typeof main === 'function') &&
    Object.prototype.hasOwnProperty.call(main, key) &&
    (main as Record<string, unknown>)[key] === value
  );
}
