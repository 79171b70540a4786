/**
 * sed scripts whose text is partly computed when the line runs
 * (`sed -i "s/VERSION/${NEW_VERSION}/" pyproject.toml`): the everyday way to
 * fill in a template. GNU sed runs a shell command only through the `e`
 * command or the `e` flag of `s` (https://www.gnu.org/software/sed/manual/sed.html#Extended-Commands),
 * so a script that is nothing but `s` commands whose delimiters and flags are
 * written out, none of them `e` (or `w`, which writes a file), runs nothing.
 *
 * What stays possible: a variable that itself holds the delimiter followed by
 * an `e` flag. Its value comes from the shell the agent had before the line
 * (a value the line assigns is known and read exactly), so the agent would
 * have to have planted it in an earlier command; Deadbolt accepts that rather
 * than ask for every templated `sed`.
 */

/** Largest script text read (longer ones stay "cannot tell"). */
const MAX_SCRIPT = 4000;

/**
 * True when `wordText`, a sed script as written on the command line (quotes
 * included), is only `s` commands once its variables are filled in with
 * anything that holds no delimiter.
 */
export function isComputedSubstitutionOnly(wordText: string): boolean {
  if (wordText.length > MAX_SCRIPT) return false;
  // Command substitution, arithmetic or backquotes compute more than a value.
  if (/\$\(|`/.test(wordText)) return false;
  const skeleton = wordText
    .replace(/\$\{[A-Za-z_][A-Za-z0-9_]*(?:[#%:/^,][^}]*)?\}|\$[A-Za-z_][A-Za-z0-9_]*|\$[0-9@*#?$!-]/g, 'X')
    // A quote escaped inside double quotes is a literal character of the script.
    .replace(/\\["$`\\]/g, 'Q')
    .replace(/['"]/g, '');
  if (skeleton.includes('$')) return false;
  return substitutionsOnly(skeleton);
}

/** `s/a/b/g; s|c|d|` …: one or more `s` commands, nothing else. */
function substitutionsOnly(script: string): boolean {
  let i = 0;
  let commands = 0;
  const n = script.length;
  const blank = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === ';';
  while (i < n) {
    while (i < n && blank(script[i])) i++;
    if (i >= n) break;
    if (script[i] !== 's') return false;
    const delimiter = script[i + 1];
    if (delimiter === undefined || delimiter === '\\' || delimiter === '\n' || blank(delimiter)) return false;
    i += 2;
    // The pattern and the replacement.
    for (let part = 0; part < 2; part++) {
      while (i < n && script[i] !== delimiter) i += script[i] === '\\' ? 2 : 1;
      if (i >= n) return false;
      i++;
    }
    // Flags: g, p, i/I, m/M and a number; not e (execute) nor w (write a file).
    while (i < n && /[gpiImM0-9]/.test(script[i])) i++;
    if (i < n && !blank(script[i])) return false;
    commands++;
  }
  return commands > 0;
}
