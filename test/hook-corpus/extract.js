#!/usr/bin/env node
/**
 * Extracts candidate command lines, written by others, from fetched public
 * repositories (bare git directories), for the hook's corpora
 * (`benign.jsonl`, `destructive.jsonl`). Prints one JSON object a line:
 * `{"command": "...", "source": "owner/repo@sha:path"}`.
 *
 *   node test/hook-corpus/extract.js [--max-docs N] /path/to/owner+name/repo … > candidates.jsonl
 *
 * A directory named `owner+name/repo` (for example one made by
 * `git clone --bare https://github.com/owner/name owner+name/repo`) gives the
 * source `owner/name`; any other directory gives its own base name.
 *
 * Where the lines come from:
 * - shell code blocks of Markdown files (```bash, ```sh, ```shell, ```console,
 *   ```zsh) and reStructuredText files (`.. code-block:: bash|console|sh`);
 *   in console blocks only the lines after a `$ ` prompt;
 * - `run:` steps of GitHub Actions workflows (`.github/workflows/*.yml`),
 *   unless the step names a non-POSIX `shell:` (pwsh, python, cmd);
 * - Makefile recipes and `package.json` scripts.
 *
 * How a block becomes commands: backslash continuations, here-documents,
 * lines ending in `&&`, `||` or `|`, and compound commands (`if … fi`,
 * `for … done`, `case … esac`, `{ … }`) are kept together as one command;
 * every other line is its own command.
 *
 * Dropped, consistently: comments and blank lines; lines carrying the host
 * format's own template syntax, which is never what a shell receives
 * (GitHub `${{ … }}`, Jinja/Helm `{{ … }}`, Make `$(VAR)` and `$$`);
 * lines with a placeholder in angle brackets (`<your-token>`, `<stack-name>`),
 * which are not runnable as written; lines that do not start like a command
 * (output, prose, YAML). Duplicates are dropped (the first source is kept).
 *
 * Sorting the candidates into benign and destructive lines is done by hand
 * (`README.md` in this directory says how).
 */
'use strict';
const { execFileSync, spawnSync } = require('child_process');
const path = require('path');

/** Files read per repository, per kind, so that one huge repository does not drown the others. */
const MAX_FILES = { markdown: 400, workflow: 60, makefile: 10, packageJson: 40 };
const MAX_COMMAND_LENGTH = 2000;
/** A compound command longer than this is dropped rather than followed. */
const MAX_COMPOUND_LINES = 60;

const SHELL_FENCES = new Set(['bash', 'sh', 'shell', 'console', 'zsh', 'shell-session', 'sh-session', 'shellsession', 'terminal', 'bash-session', 'azurecli', 'azurecli-interactive']);
const PROMPTED_FENCES = new Set(['console', 'shell-session', 'sh-session', 'shellsession', 'terminal', 'bash-session']);

function git(gitDir, ...args) {
  return execFileSync('git', [`--git-dir=${gitDir}`, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

function repoName(gitDir) {
  const abs = path.resolve(gitDir);
  const parent = path.basename(path.dirname(abs));
  if (path.basename(abs) === 'repo' && parent.includes('+')) return parent.replace('+', '/');
  return path.basename(abs);
}

/** Files worth reading, by kind; READMEs and contributing guides before other docs. */
function selectFiles(files) {
  const isVendored = (f) => /(^|\/)(node_modules|vendor|third_party|testdata|fixtures?|__snapshots__)\//.test(f) || /(^|\/)CHANGELOG/i.test(f);
  const usable = files.filter((f) => !isVendored(f));
  const rank = (f) => (/(^|\/)(README|CONTRIBUTING|DEVELOPMENT|HACKING|BUILDING|INSTALL)[^/]*$/i.test(f) ? 0 : 1) * 10 + f.split('/').length;
  const docs = usable.filter((f) => /\.(md|mdx|rst)$/i.test(f)).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return {
    markdown: docs.slice(0, MAX_FILES.markdown),
    workflow: usable.filter((f) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(f)).slice(0, MAX_FILES.workflow),
    makefile: usable.filter((f) => /(^|\/)(GNU)?[Mm]akefile$/.test(f)).sort((a, b) => a.split('/').length - b.split('/').length).slice(0, MAX_FILES.makefile),
    packageJson: usable.filter((f) => /(^|\/)package\.json$/.test(f)).sort((a, b) => a.split('/').length - b.split('/').length).slice(0, MAX_FILES.packageJson),
  };
}

// ---------------------------------------------------------------- documents

/** Shell blocks of a Markdown file: `{ lines, prompted }`. */
function markdownBlocks(text) {
  const blocks = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*\{?\.?([\w-]*)/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, info] = open;
    const body = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      if (lines[j].trimStart().startsWith(fence) && lines[j].trim().replace(/[`~]/g, '') === '') break;
      body.push(lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j].trimStart());
    }
    const lang = info.toLowerCase();
    if (SHELL_FENCES.has(lang)) blocks.push({ lines: body, prompted: PROMPTED_FENCES.has(lang) });
    i = j;
  }
  return blocks;
}

/** Shell blocks of a reStructuredText file (`.. code-block:: bash`, `.. code:: console`, `.. prompt:: bash`). */
function rstBlocks(text) {
  const blocks = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)\.\. (?:code-block|code|sourcecode|prompt)::\s*([\w-]+)/.exec(lines[i]);
    if (!open) continue;
    const lang = open[2].toLowerCase();
    const base = open[1].length;
    const body = [];
    let j = i + 1;
    while (j < lines.length && (/^\s*:\w[\w-]*:/.test(lines[j]) || lines[j].trim() === '')) j++;
    let indent = -1;
    for (; j < lines.length; j++) {
      const line = lines[j];
      if (line.trim() === '') { body.push(''); continue; }
      const width = line.length - line.trimStart().length;
      if (width <= base) break;
      if (indent < 0) indent = width;
      body.push(line.slice(Math.min(indent, width)));
    }
    if (SHELL_FENCES.has(lang)) blocks.push({ lines: body, prompted: PROMPTED_FENCES.has(lang) });
    i = j - 1;
  }
  return blocks;
}

// ---------------------------------------------------------------- workflows

/** `run:` scripts of a GitHub Actions workflow, skipping steps with a non-POSIX `shell:`. */
function workflowScripts(text) {
  const scripts = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*)(- )?run:\s*(.*)$/.exec(lines[i]);
    if (!m) continue;
    const keyIndent = m[1].length + (m[2] ? 2 : 0);
    const rest = m[3].trim();
    let body;
    let end = i;
    if (/^[|>][-+]?\d*\s*(#.*)?$/.test(rest)) {
      const folded = rest.startsWith('>');
      const block = [];
      let indent = -1;
      let j = i + 1;
      for (; j < lines.length; j++) {
        const line = lines[j];
        if (line.trim() === '') { block.push(''); continue; }
        const width = line.length - line.trimStart().length;
        if (width <= keyIndent) break;
        if (indent < 0) indent = width;
        block.push(line.slice(Math.min(indent, width)));
      }
      end = j - 1;
      body = folded ? [block.join(' ').replace(/\s+/g, ' ').trim()] : block;
    } else {
      body = [rest.replace(/^(['"])(.*)\1$/, '$2')];
    }
    const step = stepKeys(lines, i, keyIndent);
    if (step.shell && !/^(bash|sh)\b/.test(step.shell)) continue;
    scripts.push(body);
    i = end;
  }
  return scripts;
}

/** The `shell:` key of the step around line `at` (same indentation as its `run:`). */
function stepKeys(lines, at, keyIndent) {
  const keys = {};
  const sameLevel = (line) => line.length - line.trimStart().length === keyIndent || (/^\s*- /.test(line) && line.indexOf('-') + 2 === keyIndent);
  for (let d = -1; d <= 1; d += 2) {
    for (let j = at + d, n = 0; j >= 0 && j < lines.length && n < 40; j += d, n++) {
      const line = lines[j];
      if (line.trim() === '') continue;
      const width = line.length - line.trimStart().length;
      if (width < keyIndent - 2) break;
      if (!sameLevel(line)) continue;
      const k = /^\s*(?:- )?shell:\s*(\S+)/.exec(line);
      if (k) keys.shell = k[1];
      if (d === 1 && /^\s*- /.test(line)) break;
      if (d === -1 && /^\s*- /.test(line)) break;
    }
  }
  return keys;
}

// ---------------------------------------------------------------- build files

function makefileRecipes(text) {
  const out = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith('\t')) continue;
    let line = lines[i].slice(1);
    while (line.endsWith('\\') && i + 1 < lines.length) line = `${line}\n${lines[++i].replace(/^\t/, '')}`;
    // `$(VAR)`, `$@`, `$<`, `$$` are make's, not the shell's: such a line is not what a shell receives.
    if (!line.includes('$')) out.push(line.replace(/^[@+-]+\s*/, ''));
  }
  return out;
}

function packageScripts(text) {
  try {
    const scripts = JSON.parse(text).scripts;
    return scripts && typeof scripts === 'object' ? Object.values(scripts).filter((v) => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

// ---------------------------------------------------------------- splitting a block into commands

/** Splits a shell block into commands (see the header); `prompted`: keep only `$ ` lines. */
function commandsOf(lines, prompted) {
  const out = [];
  const src = [];
  for (const raw of lines) {
    const prompt = /^\s*[$%] (.*)$/.exec(raw);
    if (prompted) {
      if (prompt) src.push({ text: prompt[1], start: true });
      else if (src.length && /\\$/.test(src[src.length - 1].text)) src.push({ text: raw, start: false });
      else if (src.length && src[src.length - 1].heredoc) src.push({ text: raw, start: false });
      continue;
    }
    src.push({ text: prompt ? prompt[1] : raw, start: true });
  }
  let i = 0;
  while (i < src.length) {
    const first = src[i].text;
    if (first.trim() === '' || /^\s*#/.test(first)) { i++; continue; }
    const taken = [first];
    /** The lines that are shell code (here-document bodies left out), for the quote count. */
    const code = [first];
    let j = i + 1;
    let depth = compoundDepth(first);
    const heredocs = heredocTerminators(first);
    for (;;) {
      const last = taken[taken.length - 1];
      if (heredocs.length) {
        if (j >= src.length) { taken.length = 0; break; }
        const line = src[j++].text;
        taken.push(line);
        // The terminator must stand alone on its line, exactly (`<<-` strips leading tabs): an indented `  EOF` does not end it.
        if (line.replace(/^\t+/, '') === heredocs[0]) heredocs.shift();
        continue;
      }
      const continues = /\\$/.test(last) || /(&&|\|\||\|)\s*$/.test(last) || depth > 0 || insideQuotes(code.join('\n'));
      if (!continues) break;
      if (j >= src.length || taken.length > MAX_COMPOUND_LINES) { taken.length = 0; break; }
      const line = src[j++].text;
      if (/\\$/.test(last)) taken[taken.length - 1] = `${last}\n${line}`;
      else taken.push(line);
      code.push(line);
      depth += compoundDepth(line);
      heredocs.push(...heredocTerminators(line));
    }
    i = j;
    if (!taken.length) continue;
    const command = taken.filter((l, k) => k === 0 || !/^\s*#/.test(l)).join('\n').replace(/\s+$/, '');
    out.push(command);
  }
  return out;
}

/** Openers minus closers of compound commands on one line (a rough count: enough to keep `for … done` together). */
function compoundDepth(line) {
  const code = line.replace(/'[^']*'|"(?:[^"\\]|\\.)*"/g, '""').replace(/(^|\s)#.*$/, '');
  const words = code.split(/[\s;&|()]+/).filter(Boolean);
  let depth = 0;
  for (const w of words) {
    if (w === 'if' || w === 'case' || w === 'for' || w === 'while' || w === 'until' || w === 'select' || w === '{') depth++;
    else if (w === 'fi' || w === 'esac' || w === 'done' || w === '}') depth--;
  }
  if (/\{\s*$/.test(code) && !words.includes('{')) depth++;
  return depth;
}

/** True when the text ends inside a single- or double-quoted string (a string that spans lines). */
function insideQuotes(text) {
  let quote = '';
  let atWordStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote === "'") { if (ch === "'") quote = ''; continue; }
    if (ch === '\\') { i++; atWordStart = false; continue; }
    if (quote === '"') { if (ch === '"') quote = ''; continue; }
    if (ch === '#' && atWordStart) { const nl = text.indexOf('\n', i); if (nl < 0) return false; i = nl; atWordStart = true; continue; }
    if (ch === "'" || ch === '"') quote = ch;
    atWordStart = /[\s;&|()]/.test(ch);
  }
  return quote !== '';
}

function heredocTerminators(line) {
  const out = [];
  const re = /<<-?\s*(['"]?)([A-Za-z_][\w-]*)\1/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push(m[2]);
  return out;
}

// ---------------------------------------------------------------- keeping or dropping a command

const TEMPLATE = /\$\{\{|\{\{|\{%|\$\$|\$\([A-Z_][A-Z0-9_]*\)/;
const PLACEHOLDER = /<[A-Za-z.][\w .:/-]*>|\[[A-Z][A-Z_ -]+\]/;
const STARTS_LIKE_A_COMMAND = /^(?:[A-Za-z_][\w]*=\S*\s+)*(?:[!({]\s*)?[A-Za-z0-9_./~$"'\\][\w.+/~$@"'{}\\-]*(?:\s|$|;|&|\|)/;

function keep(command) {
  if (!command || command.length > MAX_COMMAND_LENGTH) return false;
  if (TEMPLATE.test(command) || PLACEHOLDER.test(command)) return false;
  // Not shell as written: a line cut off by its block (`… \`), a bare `{placeholder}`, a JavaScript template
  // (`${outputs.arn}`, a "bad substitution" in bash), PowerShell escapes in an azurecli block (`` `" ``).
  if (/\\$/.test(command) || /^\s*(\{[\w-]+\}|\$)\s*$/.test(command) || /\$\{[A-Za-z_]\w*[.\s]/.test(command) || /`"|``/.test(command)) return false;
  const first = command.trimStart();
  if (!STARTS_LIKE_A_COMMAND.test(first)) return false;
  const head = first.split(/\s/)[0];
  if (/:$/.test(head) || /^[A-Z][a-z]+[,.]?$/.test(head) && !/^[A-Z][a-z]+$/.test(head)) return false;
  if (/^(\.\.\.|…)/.test(first)) return false;
  // Program output and prose inside shell blocks: `Time (mean ± σ): …`, `Enter the name: …`, `~ 1 to update`, log lines, `user@host$ …`.
  if (/^[A-Z][a-z]+\b[^\n]*:(\s|$)/.test(first) || /:$/.test(first.split('\n')[0].trim())) return false;
  if (/^([~+│└├─*>]|\d{2,4}[-:/]|\d+(\.\d+)?\s)/.test(first) || /^\S+@\S*[$#]\s/.test(first)) return false;
  // A sentence: a capitalised word, then lower-case words (`Do you want to perform this destroy? yes`).
  if (/^[A-Z][a-z]+ [a-z]+ [a-z]+/.test(first) && !/[|&;$=]/.test(first)) return false;
  return parses(command);
}

/** `bash -n`: the command is valid shell (what an agent would actually run). */
function parses(command) {
  return spawnSync('bash', ['-n'], { input: command, stdio: ['pipe', 'ignore', 'ignore'] }).status === 0;
}

// ---------------------------------------------------------------- main

function extract(gitDir) {
  const repo = repoName(gitDir);
  const sha = git(gitDir, 'rev-parse', '--short=10', 'HEAD').trim();
  const files = selectFiles(git(gitDir, 'ls-tree', '-r', '--name-only', 'HEAD').split('\n').filter(Boolean));
  const out = [];
  const add = (file, commands) => {
    for (const command of commands) if (keep(command)) out.push({ command, source: `${repo}@${sha}:${file}` });
  };
  const show = (file) => {
    try {
      return git(gitDir, 'show', `HEAD:${file}`);
    } catch {
      return '';
    }
  };
  for (const file of files.markdown) {
    const text = show(file);
    const blocks = /\.rst$/i.test(file) ? rstBlocks(text) : markdownBlocks(text);
    for (const b of blocks) add(file, commandsOf(b.lines, b.prompted));
  }
  for (const file of files.workflow) for (const script of workflowScripts(show(file))) add(file, commandsOf(script, false));
  for (const file of files.makefile) add(file, makefileRecipes(show(file)));
  for (const file of files.packageJson) add(file, packageScripts(show(file)));
  return out;
}

function main(argv) {
  const dirs = [];
  for (let k = 0; k < argv.length; k++) {
    // `--max-docs N`: read up to N documents per repository (teardown sections hide in the long tail of samples repositories).
    if (argv[k] === '--max-docs') MAX_FILES.markdown = Number(argv[++k]);
    else dirs.push(argv[k]);
  }
  if (!dirs.length || !(MAX_FILES.markdown >= 0)) {
    process.stderr.write('usage: extract.js [--max-docs N] GIT_DIR…\n');
    process.exit(2);
  }
  const seen = new Set();
  for (const dir of dirs) {
    for (const entry of extract(dir)) {
      if (seen.has(entry.command)) continue;
      seen.add(entry.command);
      process.stdout.write(`${JSON.stringify(entry)}\n`);
    }
  }
}

if (require.main === module) main(process.argv.slice(2));
module.exports = { commandsOf, markdownBlocks, rstBlocks, workflowScripts, makefileRecipes, packageScripts, keep };
