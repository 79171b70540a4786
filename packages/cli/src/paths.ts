import * as path from 'path';

/** A path as the user would type it from `cwd`: relative inside it, absolute outside. */
export function displayPath(file: string, cwd: string): string {
  if (!path.isAbsolute(file)) return file;
  const rel = path.relative(cwd, file);
  if (rel === '') return '.';
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
}

/** A path for reports (JSON, SARIF): relative to `cwd` with `/` separators when inside it. */
export function reportPath(file: string, cwd: string): string {
  return displayPath(file, cwd).split(path.sep).join('/');
}
