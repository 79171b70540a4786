/**
 * What a program does that the hook cares about, as the code readers
 * (`python.ts`, `javascript.ts`) report it: processes it starts (an argument
 * list or a shell string), cloud calls it makes (as the equivalent AWS or
 * Pulumi CLI command, so the catalogue judges them like a command line), code
 * it evaluates, and calls it makes that Deadbolt cannot read.
 */

/** One argument of a process start: its value, or `null` when computed at run time. */
export type ArgValue = string | null;

export type Effect =
  /** A process started from an argument list (`subprocess.run([...])`, `spawn('terraform', [...])`). */
  | { readonly kind: 'argv'; readonly argv: readonly ArgValue[]; readonly at: string }
  /** A shell command string (`os.system(...)`, `exec(...)`, `shell=True`); `null` when computed. */
  | { readonly kind: 'shell'; readonly code: string | null; readonly at: string }
  /** A cloud API call, as the CLI command that does the same (`aws rds delete-db-instance …`, `pulumi destroy --yes`). */
  | { readonly kind: 'api'; readonly argv: readonly ArgValue[]; readonly at: string }
  /** Program text the program evaluates (`exec("…")`, `eval("…")`); `null` when computed. */
  | { readonly kind: 'eval'; readonly code: string | null; readonly at: string }
  /**
   * Something Deadbolt cannot read that may delete data. `guarded`: it is
   * tied to a guarded tool or a cloud delete (ask whatever the file mentions);
   * otherwise it is a computed process start (ask when the program mentions a
   * guarded tool).
   */
  | { readonly kind: 'opaque'; readonly why: string; readonly at: string; readonly guarded: boolean };

/** What a code reader found in a program. */
export interface Reading {
  readonly effects: readonly Effect[];
  /** The program's strings and names (not its comments) mention a guarded tool. */
  readonly mentions: boolean;
  /** The reader stopped early (syntax it could not read, too large, too slow): unknown parts may remain. */
  readonly incomplete?: string;
}

/** Bounds: a program is read at most this far. */
export const LIMITS = {
  /** Syntax nodes visited per program. */
  nodes: 200_000,
  /** Milliseconds spent walking one program. */
  millis: 250,
  /** Effects reported per program. */
  effects: 200,
  /** Nested calls of the program's own functions followed. */
  callDepth: 4,
  /** Items of a literal list a loop variable takes, each followed. */
  loopItems: 16,
  /** Nested expressions and blocks followed (the walk recurses). */
  nesting: 300,
  /** Length of a string built by concatenation. */
  stringLength: 100_000,
} as const;

/** Shortens source text for messages. */
export function excerpt(text: string, max = 160): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max)}…` : one;
}
