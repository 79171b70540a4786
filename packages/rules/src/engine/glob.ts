/**
 * Wildcard matching as AWS Backup does it for selection ARNs and tag
 * conditions: `*` matches any run of characters (none included), `?` exactly
 * one, everything else itself.
 *
 * Greedy, with a backtrack to the last `*` only: a later `*` can absorb
 * whatever an earlier one would have, so earlier choices never need revisiting.
 * Worst case O(pattern × value) time, O(1) space, whatever the pattern, where a
 * regular expression built from the pattern backtracks exponentially on runs of
 * `*` (a selection ARN of nine `*` took minutes).
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/assigning-resources-json.html
 */
export function globMatches(pattern: string, value: string): boolean {
  const STAR = 42; // '*'
  const ANY = 63; // '?'
  let p = 0;
  let v = 0;
  /** Position after the last `*` seen, and the value position it is matched up to; -1 before any. */
  let starP = -1;
  let starV = 0;
  while (v < value.length) {
    const c = p < pattern.length ? pattern.charCodeAt(p) : -1;
    if (c === STAR) {
      // Collapse a run of stars: `**` means what `*` means.
      while (p < pattern.length && pattern.charCodeAt(p) === STAR) p++;
      starP = p;
      starV = v;
    } else if (c !== -1 && (c === ANY || c === value.charCodeAt(v))) {
      p++;
      v++;
    } else if (starP >= 0) {
      // Let the last star absorb one more character and retry from just after it.
      p = starP;
      v = ++starV;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern.charCodeAt(p) === STAR) p++;
  return p === pattern.length;
}
