/** A key written twice in one JSON object, and where its second occurrence starts (1-based). */
export interface DuplicateJsonKey {
  readonly key: string;
  readonly line: number;
  readonly column: number;
}

/**
 * The first key that appears twice in one object of a JSON text, or undefined.
 * `JSON.parse` keeps the last of two equal keys without a word: a resource
 * with `"DeletionPolicy": "Retain"` and, further down, `"DeletionPolicy":
 * "Delete"` would be judged on one of two contradicting values. Front ends
 * refuse such a template instead, naming the key and its line. Keys are
 * compared decoded (`"a"` and `"\u0061"` are one key).
 *
 * One pass over the text, one set of keys per open object: linear time. Call it
 * on text `JSON.parse` accepted: it trusts the structure.
 */
export function duplicateJsonKey(text: string): DuplicateJsonKey | undefined {
  /** One entry per open container: the keys of an object, or null for an array. */
  const open: (Set<string> | null)[] = [];
  let expectKey = false;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    switch (c) {
      case 0x0a: // newline (never inside a JSON string)
        line++;
        lineStart = i + 1;
        break;
      case 0x7b: // {
        open.push(new Set());
        expectKey = true;
        break;
      case 0x5b: // [
        open.push(null);
        expectKey = false;
        break;
      case 0x7d: // }
      case 0x5d: // ]
        open.pop();
        expectKey = false;
        break;
      case 0x2c: // ,
        expectKey = open.length > 0 && open[open.length - 1] !== null;
        break;
      case 0x22: {
        // "
        const start = i;
        let escaped = false;
        for (i++; i < text.length; i++) {
          const d = text.charCodeAt(i);
          if (d === 0x5c) {
            escaped = true;
            i++;
          } else if (d === 0x22) break;
        }
        if (!expectKey) break;
        expectKey = false;
        const raw = text.slice(start, i + 1);
        const key = escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        const keys = open[open.length - 1]!;
        if (keys.has(key)) return { key, line, column: start - lineStart + 1 };
        keys.add(key);
        break;
      }
    }
  }
  return undefined;
}
