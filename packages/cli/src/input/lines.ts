/**
 * Finds the line each resource starts on in a template's text, for SARIF
 * regions and editors. A heuristic over the text (no second parse): the first
 * key at the indentation of the first entry under `Resources`.
 */
const KEY = /^(\s*)(?:"([^"\\]+)"|'([^'\\]+)'|([A-Za-z0-9]+))\s*:/;

/** Logical id → 1-based line, for the resources the text declares one per line. */
export function resourceLines(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const lines = text.split('\n');
  let inResources = false;
  let resourcesIndent = -1;
  let entryIndent = -1;
  for (let i = 0; i < lines.length; i++) {
    const m = KEY.exec(lines[i]);
    if (!m) continue;
    const indent = m[1].length;
    const key = m[2] ?? m[3] ?? m[4];
    if (!inResources) {
      if (key === 'Resources') {
        inResources = true;
        resourcesIndent = indent;
      }
      continue;
    }
    if (indent <= resourcesIndent) {
      // The next top-level section: Resources is over (a template has one).
      if (entryIndent >= 0) break;
      continue;
    }
    if (entryIndent < 0) entryIndent = indent;
    if (indent === entryIndent && !out.has(key)) out.set(key, i + 1);
  }
  return out;
}
