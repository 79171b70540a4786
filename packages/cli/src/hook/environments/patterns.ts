/**
 * The two pattern forms of `deadbolt.config.json`: names with `*` (an AWS
 * profile `prod-*`, a kube context `arn:aws:eks:*:111111111111:cluster/*`)
 * and paths with `*` and `**` (`infra/prod/**`). Matching is iterative with
 * one backtracking point per form, so its cost is bounded by the product of
 * the two lengths (both capped by the schema and the command line): no
 * regular expression is built from user input.
 */

/** True when `value` matches `pattern`, where `*` matches any run of characters (none included). */
export function matchesName(pattern: string, value: string): boolean {
  let p = 0;
  let v = 0;
  let starP = -1;
  let starV = 0;
  while (v < value.length) {
    if (p < pattern.length && pattern[p] !== '*' && pattern[p] === value[v]) {
      p++;
      v++;
    } else if (p < pattern.length && pattern[p] === '*') {
      starP = p++;
      starV = v;
    } else if (starP >= 0) {
      p = starP + 1;
      v = ++starV;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/**
 * True when the relative path `value` (segments joined by `/`, no `.` or `..`)
 * matches `pattern`: `**` is any number of whole segments (none included, so
 * `infra/prod/**` matches `infra/prod` itself), `*` any run of characters
 * inside one segment.
 */
export function matchesPath(pattern: string, value: string): boolean {
  const ps = pattern.split('/').filter(Boolean);
  const vs = value.split('/').filter(Boolean);
  let p = 0;
  let v = 0;
  let starP = -1;
  let starV = 0;
  while (v < vs.length) {
    if (p < ps.length && ps[p] === '**') {
      starP = p++;
      starV = v;
    } else if (p < ps.length && matchesName(ps[p], vs[v])) {
      p++;
      v++;
    } else if (starP >= 0) {
      p = starP + 1;
      v = ++starV;
    } else {
      return false;
    }
  }
  while (p < ps.length && ps[p] === '**') p++;
  return p === ps.length;
}

/**
 * Pulumi stack names are `stack`, `project/stack` or `org/project/stack`, and
 * the short forms are relative to the current project and organization. Two
 * names match when their common trailing segments do: `prod` matches marker
 * `acme/app/prod` (it may be that stack), `other/app/prod` does not.
 */
export function matchesStack(pattern: string, value: string): boolean {
  const ps = pattern.split('/');
  const vs = value.split('/');
  const n = Math.min(ps.length, vs.length);
  for (let k = 1; k <= n; k++) {
    if (!matchesName(ps[ps.length - k], vs[vs.length - k])) return false;
  }
  return true;
}
