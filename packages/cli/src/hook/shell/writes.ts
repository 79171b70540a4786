/**
 * Which files a simple command writes, moves, deletes or changes the mode of,
 * read from its words alone. The analysis keeps what a line wrote so that a
 * later command running one of those files is judged on what it will hold
 * (`cat > t.sh <<EOF … EOF; ./t.sh`, `cp teardown.sh run.sh && ./run.sh`), not
 * on the stale copy on disk, and so that no command edits the guard's own
 * files (`knowledge/guard-files.ts`).
 *
 * Paths are as written (relative to the command's directory); `undefined`
 * words (computed when the line runs) are skipped: Deadbolt cannot name them.
 */

export type FileWrite =
  /** The file gets the command's standard input (`tee FILE`). */
  | { readonly kind: 'stdin'; readonly file: string; readonly append: boolean }
  /** The file becomes a copy of another (`cp`, `mv`, `ln`, `install`). */
  | { readonly kind: 'copy'; readonly file: string; readonly from: string }
  /** The file gets content Deadbolt cannot know (a download, `sed -i`, a checkout, `dd`). */
  | { readonly kind: 'unknown'; readonly file: string }
  /** Files of unknown names appear under the directory (`unzip`, `tar x`, `git checkout BRANCH`). */
  | { readonly kind: 'directory'; readonly dir: string }
  /** The file is removed (`rm`, `unlink`, `shred`, the source of `mv`). */
  | { readonly kind: 'delete'; readonly file: string }
  /** Only the mode or owner changes (`chmod`, `chown`): the content stays, but it is still an edit of the file. */
  | { readonly kind: 'mode'; readonly file: string };

type Words = readonly (string | undefined)[];

/** Operands: the words that are not options (up to `--`, after which all are operands). */
function operands(args: Words, valueOptions: ReadonlySet<string> = new Set()): (string | undefined)[] {
  const out: (string | undefined)[] = [];
  let options = true;
  for (let k = 0; k < args.length; k++) {
    const v = args[k];
    if (options && v === '--') {
      options = false;
      continue;
    }
    if (options && v !== undefined && v.startsWith('-') && v.length > 1) {
      if (valueOptions.has(v)) k++;
      continue;
    }
    out.push(v);
  }
  return out;
}

/** The value of an option given as `-o FILE`, `-oFILE`, `--output FILE` or `--output=FILE`. */
function optionValues(args: Words, short: readonly string[], long: readonly string[]): (string | undefined)[] {
  const out: (string | undefined)[] = [];
  for (let k = 0; k < args.length; k++) {
    const v = args[k];
    if (v === undefined) continue;
    if (v === '--') break;
    if (short.includes(v) || long.includes(v)) out.push(args[++k]);
    else if (long.some((l) => v.startsWith(`${l}=`))) out.push(v.slice(v.indexOf('=') + 1));
    else if (short.some((s) => v.startsWith(s) && v.length > s.length && !v.startsWith('--'))) out.push(v.slice(2));
  }
  return out;
}

function urlBasename(url: string | undefined): string | undefined {
  if (url === undefined || !/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return undefined;
  const name = url
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '')
    .split('/')
    .pop();
  return name && !name.includes(':') ? name : undefined;
}

/** `cp A B`, `cp A B DIR/`, `cp -t DIR A B`: each source and where it lands (the destination itself and, should it be a directory, DIR/BASENAME). */
function copies(args: Words, valueOptions: ReadonlySet<string>, targetOption: readonly string[]): FileWrite[] {
  const target = optionValues(
    args,
    targetOption.filter((o) => !o.startsWith('--')),
    targetOption.filter((o) => o.startsWith('--')),
  )[0];
  const ops = operands(args, valueOptions);
  const sources = target !== undefined ? ops : ops.slice(0, -1);
  const dest = target ?? ops[ops.length - 1];
  if (dest === undefined || sources.length === 0) return [];
  const out: FileWrite[] = [];
  const intoDirectory = target !== undefined || sources.length > 1 || dest.endsWith('/');
  for (const from of sources) {
    if (from === undefined) {
      if (!intoDirectory) out.push({ kind: 'unknown', file: dest });
      continue;
    }
    const base = from.replace(/\/+$/, '').split('/').pop() ?? from;
    if (!intoDirectory) out.push({ kind: 'copy', file: dest, from });
    out.push({ kind: 'copy', file: `${dest.replace(/\/+$/, '')}/${base}`, from });
  }
  return out;
}

const CP_VALUES = new Set(['-S', '--suffix', '-t', '--target-directory']);
const INSTALL_VALUES = new Set([
  '-m',
  '--mode',
  '-o',
  '--owner',
  '-g',
  '--group',
  '-S',
  '--suffix',
  '-t',
  '--target-directory',
]);
const SED_VALUES = new Set(['-e', '-f', '--expression', '--file', '-l', '--line-length']);

/** What the command `name ARGS` writes, by its words. */
export function writesOf(name: string, args: Words): FileWrite[] {
  switch (name) {
    case 'tee': {
      const append = args.some(
        (a) => a === '-a' || a === '--append' || (a !== undefined && /^-[a-z]*a[a-z]*$/.test(a)),
      );
      return operands(args).flatMap((file) =>
        file === undefined || file === '-' ? [] : [{ kind: 'stdin' as const, file, append }],
      );
    }
    case 'cp':
    case 'ln':
      return copies(args, CP_VALUES, ['-t', '--target-directory']);
    case 'install':
      if (args.includes('-d') || args.includes('--directory')) return [];
      return copies(args, INSTALL_VALUES, ['-t', '--target-directory']);
    case 'mv': {
      const moved = copies(args, CP_VALUES, ['-t', '--target-directory']);
      const target = optionValues(args, ['-t'], ['--target-directory'])[0];
      const ops = operands(args, CP_VALUES);
      const sources = target !== undefined ? ops : ops.slice(0, -1);
      return [...moved, ...sources.flatMap((file) => (file === undefined ? [] : [{ kind: 'delete' as const, file }]))];
    }
    case 'curl': {
      const out: FileWrite[] = optionValues(args, ['-o'], ['--output']).flatMap((file) =>
        file === undefined || file === '-' ? [] : [{ kind: 'unknown' as const, file }],
      );
      // `-O`/`--remote-name`: the file is named after the URL.
      if (
        args.some(
          (a) =>
            a === '-O' ||
            a === '--remote-name' ||
            a === '--remote-name-all' ||
            (a !== undefined && /^-[A-Za-z]*O[A-Za-z]*$/.test(a) && !a.startsWith('--')),
        )
      ) {
        for (const a of args) {
          const base = urlBasename(a);
          if (base) out.push({ kind: 'unknown', file: base });
        }
      }
      return out;
    }
    case 'wget': {
      const named = optionValues(args, ['-O'], ['--output-document']);
      // `-qO-`, `-qO file`: `-O` at the end of a cluster of flags.
      const cluster = args.findIndex((a) => a !== undefined && /^-[a-zA-Z]+O/.test(a) && !a.startsWith('-O'));
      if (cluster >= 0) {
        const a = args[cluster]!;
        named.push(a.slice(a.indexOf('O') + 1) || args[cluster + 1]);
      }
      if (named.length)
        return named.flatMap((file) =>
          file === undefined || file === '-' ? [] : [{ kind: 'unknown' as const, file }],
        );
      const dir = optionValues(args, ['-P'], ['--directory-prefix'])[0];
      return args.flatMap((a) => {
        const base = urlBasename(a);
        return base ? [{ kind: 'unknown' as const, file: dir ? `${dir}/${base}` : base }] : [];
      });
    }
    case 'dd':
      return args.flatMap((a) => (a?.startsWith('of=') ? [{ kind: 'unknown' as const, file: a.slice(3) }] : []));
    case 'sed':
    case 'gsed':
    case 'perl': {
      const inPlace = args.some(
        (a) => a !== undefined && (/^-[A-Za-z]*i/.test(a) || a.startsWith('--in-place')) && !a.startsWith('--e'),
      );
      if (!inPlace) return [];
      // The first operand is the script unless `-e`/`-f` gave it.
      const scripted = args.some(
        (a) =>
          a === '-e' ||
          a === '-f' ||
          a === '--expression' ||
          a === '--file' ||
          a?.startsWith('--expression=') ||
          a?.startsWith('--file='),
      );
      const ops = operands(args, SED_VALUES).slice(scripted ? 0 : 1);
      return ops.flatMap((file) => (file === undefined ? [] : [{ kind: 'unknown' as const, file }]));
    }
    case 'truncate':
      return operands(args, new Set(['-s', '--size', '-r', '--reference'])).flatMap((file) =>
        file === undefined ? [] : [{ kind: 'unknown' as const, file }],
      );
    case 'rm':
    case 'unlink':
    case 'shred':
    case 'srm':
      return operands(args, new Set(['-n', '--iterations', '-s', '--size', '--random-source'])).flatMap((file) =>
        file === undefined ? [] : [{ kind: 'delete' as const, file }],
      );
    case 'chmod':
    case 'chown':
    case 'chgrp':
    case 'chattr':
    case 'setfacl': {
      // The first operand is the mode, owner or attribute; a mode may look like an option (`chmod -x FILE`).
      const flags = /^-[RfvchHLP]+$|^--/;
      const ops = args.filter((a) => a === undefined || !flags.test(a));
      return ops.slice(1).flatMap((file) => (file === undefined ? [] : [{ kind: 'mode' as const, file }]));
    }
    case 'unzip': {
      const dir = optionValues(args, ['-d'], [])[0];
      return [{ kind: 'directory', dir: dir ?? '.' }];
    }
    case 'tar':
    case 'bsdtar':
    case 'gtar': {
      const first = args[0];
      const extracting =
        args.some((a) => a === '-x' || a === '--extract' || a === '--get') ||
        (first !== undefined && !first.startsWith('--') && /^-?[A-Za-z]*x/.test(first));
      if (!extracting) return [];
      const dir = optionValues(args, ['-C'], ['--directory'])[0];
      return [{ kind: 'directory', dir: dir ?? '.' }];
    }
    case 'git':
      return gitWrites(args);
    default:
      return [];
  }
}

/**
 * `git checkout REV -- FILES`, `git restore [--source=REV] FILES`, `git checkout BRANCH` (any tracked file may
 * change). Pulls and merges change files too, but what they bring is reviewed history, not this line's doing.
 */
function gitWrites(args: Words): FileWrite[] {
  let k = 0;
  while (k < args.length && args[k]?.startsWith('-'))
    k += ['-C', '-c', '--git-dir', '--work-tree'].includes(args[k]!) ? 2 : 1;
  const sub = args[k];
  const rest = args.slice(k + 1);
  const files = (list: Words): FileWrite[] =>
    list.map((file): FileWrite =>
      file === undefined || file === '.' ? { kind: 'directory', dir: '.' } : { kind: 'unknown', file },
    );
  if (sub === 'checkout' || sub === 'restore') {
    const dashes = rest.indexOf('--');
    if (dashes >= 0) return files(rest.slice(dashes + 1));
    if (sub === 'restore') return files(operands(rest, new Set(['-s', '--source'])));
    // `git checkout BRANCH`: any tracked file may change.
    return operands(rest, new Set(['-b', '-B', '--orphan'])).length ? [{ kind: 'directory', dir: '.' }] : [];
  }
  return [];
}
