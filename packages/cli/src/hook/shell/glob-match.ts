/**
 * Shell-style wildcard matching in linear time, for the hook's globs over
 * program and script names. A regular expression of `.*` runs backtracks
 * exponentially on a name it does not match: a command word of forty `*`
 * kept the hook busy past a minute, and an agent runs the command when its
 * hook times out. This keeps the set of pattern positions a prefix of the name
 * can reach (a Thompson simulation): O(pattern × name), whatever the pattern.
 */

/** One step of a pattern: a character, any one character, or any run of characters. */
export type GlobStep =
  | { readonly kind: 'char'; readonly char: string }
  | { readonly kind: 'one'; readonly except?: string }
  | { readonly kind: 'star'; readonly except?: string };

/** Does `name` match the steps? `except` is a character a wildcard does not match (`:` in npm-run-all). */
export function globStepsMatch(pattern: readonly GlobStep[], name: string): boolean {
  const steps = collapsed(pattern);
  const m = steps.length;
  let active = new Uint8Array(m + 1);
  let next = new Uint8Array(m + 1);
  /** Marks `i` and every position a run of stars from it reaches without reading a character. */
  const reach = (set: Uint8Array, from: number): void => {
    for (let i = from; i <= m; i++) {
      set[i] = 1;
      if (i === m || steps[i].kind !== 'star') return;
    }
  };
  reach(active, 0);
  for (const c of name) {
    next.fill(0);
    let any = false;
    for (let i = 0; i < m; i++) {
      if (!active[i]) continue;
      const s = steps[i];
      if (s.kind === 'char' ? s.char === c : c !== s.except) {
        any = true;
        if (s.kind === 'star') reach(next, i);
        else reach(next, i + 1);
      }
    }
    if (!any) return false;
    [active, next] = [next, active];
  }
  return active[m] === 1;
}

const collapsedSteps = new WeakMap<readonly GlobStep[], readonly GlobStep[]>();

/** Adjacent stars as one (the broader of the two): what keeps a step's reach constant. */
function collapsed(steps: readonly GlobStep[]): readonly GlobStep[] {
  let out = collapsedSteps.get(steps);
  if (out) return out;
  const list: GlobStep[] = [];
  for (const s of steps) {
    const last = list[list.length - 1];
    if (s.kind === 'star' && last?.kind === 'star') {
      if (last.except !== s.except) list[list.length - 1] = { kind: 'star' };
    } else list.push(s);
  }
  collapsedSteps.set(steps, (out = list));
  return out;
}

/** `*` any run, `?` any one character, everything else itself. */
export function globSteps(pattern: string): GlobStep[] {
  return Array.from(pattern, (c): GlobStep =>
    c === '*' ? { kind: 'star' } : c === '?' ? { kind: 'one' } : { kind: 'char', char: c },
  );
}
