'use strict';
/**
 * bench/RESULTS.md holds one `## <name>` section per benchmark. Each benchmark
 * rewrites its own section and keeps the others as they are.
 */
const { spawnSync } = require('child_process');
const fs = require('fs');

const HEADER =
  '# Benchmark results\n\nEach section is written by its benchmark (`npm run bench`, `npm run bench:plan`, `npm run bench:hook`, `npm run bench:pulumi`, `npm run bench:real-templates`, `npm run bench:self-defence`, `npm run bench:terraform-check`, `npm run bench:iam`, `npm run bench:jsii`); `bench/README.md` says what each one measures. Do not edit by hand: rerun.\n';

/** `text` with the section headed `## <name>` replaced by `section` (or appended). */
function replaceSection(text, name, section) {
  const heading = `## ${name}`;
  const body = section.startsWith(heading) ? section : `${heading}\n\n${section}`;
  const start = text.indexOf(`\n${heading}\n`);
  if (start < 0) return `${(text.trim() === '' ? HEADER : text).replace(/\n*$/, '\n')}\n${body.replace(/\n*$/, '\n')}`;
  const rest = text.slice(start + 1 + heading.length);
  const next = rest.search(/\n## /);
  const after = next < 0 ? '' : rest.slice(next + 1);
  return `${text.slice(0, start + 1)}${body.replace(/\n*$/, '\n')}${after ? `\n${after}` : ''}`;
}

/** Rewrites one section of the results file. */
function writeSection(file, name, section) {
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  fs.writeFileSync(file, replaceSection(text, name, section));
}

/** The commit a run measured, and whether the working tree had changes. */
function gitCommit(root) {
  const r = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) return 'unknown';
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8' });
  return `${r.stdout.trim()}${dirty.stdout && dirty.stdout.trim() ? ' (with uncommitted changes)' : ''}`;
}

module.exports = { gitCommit, replaceSection, writeSection };
