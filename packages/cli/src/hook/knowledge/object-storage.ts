/**
 * Object-storage clients other than the AWS CLI: `rclone`, `s3cmd`, `s5cmd`
 * and the MinIO client `mc`. Each can empty or delete a bucket in one line,
 * and none keeps what it deletes (unless the bucket has versioning).
 *
 * Deny where every object under a path goes (`rclone purge`, `rclone delete`,
 * `s3cmd del -r`, `s5cmd rm 's3://b/*'`, `mc rm -r --force`, `mc rb --force`,
 * and syncs told to delete what the source lacks); ask where one object or an
 * empty bucket goes. Copies, listings and dry runs are allowed.
 *
 * @see https://rclone.org/commands/rclone_purge/
 * @see https://rclone.org/commands/rclone_delete/
 * @see https://s3tools.org/usage
 * @see https://github.com/peak/s5cmd#readme
 * @see https://min.io/docs/minio/linux/reference/minio-mc/mc-rb.html
 * @see https://min.io/docs/minio/linux/reference/minio-mc/mc-rm.html
 */
import type { Verdict } from './destructive-commands';
import type { Arg, ToolContext } from './tools';
import { commandPath, judgeByPath, type PathRule } from './command-paths';

const HUMAN_ONLY =
  'If it really has to go, a human runs it, after checking that the bucket has versioning or a copy exists elsewhere.';

const deletes = (what: string): Verdict => ({
  decision: 'deny',
  why: `deletes ${what}, for good unless the bucket keeps versions.`,
  instead: HUMAN_ONLY,
});
const asks = (why: string): Verdict => ({ decision: 'ask', why, instead: HUMAN_ONLY });

const UNKNOWN: Verdict = {
  decision: 'ask',
  why: 'names its subcommand or options with values computed when the line runs, so Deadbolt cannot tell what it deletes.',
  instead: 'Write the command and its options out literally.',
};

const rule = (path: string, verdict: Verdict, extra: Partial<PathRule> = {}): PathRule => ({ path, verdict, ...extra });

const ONE_OBJECT = asks('deletes an object; it is gone unless the bucket keeps versions.');
const EMPTY_BUCKET = asks('deletes a bucket (it must be empty; its name may be taken by someone else once freed).');

/** rclone: `purge` and `delete` remove every file under the path; `deletefile` removes one. */
const RCLONE_RULES: readonly PathRule[] = [
  rule('purge', deletes('the path and every file under it (`rclone purge` ignores filters)')),
  rule('delete', deletes('every file under the path that the filters match')),
  rule('deletefile', ONE_OBJECT),
];
const RCLONE_VALUE_FLAGS = new Set([
  '--config',
  '--transfers',
  '--checkers',
  '--include',
  '--exclude',
  '--filter',
  '--include-from',
  '--exclude-from',
  '--filter-from',
  '--files-from',
  '--min-age',
  '--max-age',
  '--min-size',
  '--max-size',
  '--max-depth',
  '--bwlimit',
  '--log-file',
  '--log-level',
  '--backup-dir',
  '--suffix',
  '--retries',
  '--timeout',
  '--contimeout',
  '--user-agent',
  '--stats',
  '--tpslimit',
  '--multi-thread-streams',
  '-c',
]);

/** s3cmd: recursive deletes and `sync --delete-removed` empty a prefix; `rb -r`/`--force` empties the bucket first. */
const RECURSIVE = [{ flag: '--recursive' }, { flag: '-r' }];
const S3CMD_RULES: readonly PathRule[] = [
  rule('rb', deletes('a bucket and every object in it'), {
    when: [...RECURSIVE, { flag: '--force' }, { flag: '-f' }],
    otherwise: EMPTY_BUCKET,
  }),
  ...['del', 'rm'].map((p) =>
    rule(p, deletes('every object under the prefix'), { when: RECURSIVE, otherwise: ONE_OBJECT }),
  ),
  rule('sync', deletes('every object at the destination that the source lacks'), {
    when: [{ flag: '--delete-removed' }],
  }),
];
const S3CMD_VALUE_FLAGS = new Set([
  '-c',
  '--config',
  '--access_key',
  '--secret_key',
  '--host',
  '--host-bucket',
  '--region',
  '--exclude',
  '--include',
  '--rexclude',
  '--rinclude',
]);

/** s5cmd: `rm` with a wildcard deletes every matching object; `sync --delete` deletes what the source lacks. */
const S5CMD_RULES: readonly PathRule[] = [
  rule('rb', EMPTY_BUCKET),
  rule('sync', deletes('every object at the destination that the source lacks'), { when: [{ flag: '--delete' }] }),
];
const S5CMD_VALUE_FLAGS = new Set([
  '--endpoint-url',
  '--log',
  '--numworkers',
  '--retry-count',
  '-r',
  '--profile',
  '--credentials-file',
  '--request-payer',
  '--stat',
]);

/** mc: `rb --force` and `rm --recursive --force` delete everything under the path; `mirror --remove` deletes what the source lacks. */
const MC_RULES: readonly PathRule[] = [
  rule('rb', deletes('a bucket and every object in it'), { when: [{ flag: '--force' }], otherwise: EMPTY_BUCKET }),
  rule('rm', deletes('every object under the prefix'), {
    when: [{ flag: '--recursive' }, { flag: '-r' }],
    otherwise: ONE_OBJECT,
  }),
  rule('mirror', deletes('every object at the destination that the source lacks'), { when: [{ flag: '--remove' }] }),
];
const MC_VALUE_FLAGS = new Set([
  '--config-dir',
  '-C',
  '--older-than',
  '--newer-than',
  '--rewind',
  '--version-id',
  '--encrypt-key',
  '--limit-upload',
  '--limit-download',
]);

/** A flag that makes the command only print what it would do. */
const dryRun = (args: readonly Arg[], short: boolean): boolean =>
  args.some(
    (a) =>
      a.value === '--dry-run' ||
      a.value === '--dryrun' ||
      (short && a.value === '-n') ||
      a.value === '--help' ||
      a.value === '-h',
  );

/** rclone remotes are `NAME:path` (or `:backend:path`); a local path has none (a Windows drive letter is one letter). */
const RCLONE_REMOTE = /^:?[A-Za-z0-9_. -]{2,}:/;

export function judgeRclone(args: readonly Arg[]): Verdict | undefined {
  if (dryRun(args, true) || args.some((a) => a.value === '-i' || a.value === '--interactive')) return undefined;
  const verdict = judgeByPath(args, RCLONE_RULES, RCLONE_VALUE_FLAGS, UNKNOWN);
  if (!verdict) return undefined;
  // Only what is on a remote: `rclone delete ./build` is a local `rm -r`.
  const targets = commandPath(args, RCLONE_VALUE_FLAGS).slice(1);
  if (targets.length && targets.every((t) => t.value !== undefined && !RCLONE_REMOTE.test(t.value))) return undefined;
  return verdict;
}

export function judgeS3cmd(args: readonly Arg[]): Verdict | undefined {
  if (dryRun(args, true)) return undefined;
  return judgeByPath(args, S3CMD_RULES, S3CMD_VALUE_FLAGS, UNKNOWN);
}

const S5CMD_RUN: Verdict = asks(
  'runs the commands listed in a file or on standard input, which Deadbolt cannot read; they may delete objects.',
);

export function judgeS5cmd(args: readonly Arg[], ctx: ToolContext): Verdict | undefined {
  if (dryRun(args, false)) return undefined;
  const path = commandPath(args, S5CMD_VALUE_FLAGS);
  const sub = path[0];
  if (sub && sub.value === 'rm') {
    // `s5cmd rm 's3://b/*'`: a wildcard deletes every matching object (a computed target may be one).
    return path.slice(1).some((a) => a.value === undefined || /[*?]/.test(a.value))
      ? deletes('every object the wildcard matches')
      : ONE_OBJECT;
  }
  if (sub && sub.value === 'run') {
    const file = path[1];
    const text =
      file === undefined ? ctx.stdinText?.() : file.value === undefined ? undefined : ctx.readFile?.(file.value);
    if (typeof text !== 'string') return S5CMD_RUN;
    return /^[ \t]*(rm|rb)\b/m.test(text.slice(0, 1_000_000)) ||
      /^[ \t]*sync\b.*--delete\b/m.test(text.slice(0, 1_000_000))
      ? asks('runs commands listed in a file, some of which delete objects or buckets.')
      : undefined;
  }
  return judgeByPath(args, S5CMD_RULES, S5CMD_VALUE_FLAGS, UNKNOWN);
}

export function judgeMinioClient(args: readonly Arg[]): Verdict | undefined {
  if (dryRun(args, false)) return undefined;
  return judgeByPath(args, MC_RULES, MC_VALUE_FLAGS, UNKNOWN);
}
