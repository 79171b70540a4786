/**
 * Tools that delete every resource of an account (of the listed types), made
 * to clean test accounts; pointed at the wrong credentials they delete
 * production, buckets and tables included.
 *
 * - `cloud-nuke aws|gcp` deletes what it finds after one confirmation prompt,
 *   which `--force` skips; `--dry-run` only lists, and `inspect-aws` only
 *   reads (https://github.com/gruntwork-io/cloud-nuke#usage). An agent answers
 *   a prompt as easily as it runs the command: deny either way.
 * - `aws-nuke` only lists unless given `--no-dry-run`
 *   (https://aws-nuke.ekristen.dev/cli-usage/): deny with it.
 */
import type { Verdict } from './destructive-commands';
import type { Arg } from './tools';

const NUKES_ACCOUNT: Verdict = {
  decision: 'deny',
  why: 'deletes every resource of the listed types in the account (or every type, when none is listed), databases, buckets and tables included.',
  instead:
    'Run it with `--dry-run` to see the list; a human runs the deletion, with credentials for the test account only.',
};

const UNKNOWN: Verdict = {
  decision: 'ask',
  why: 'names its subcommand or options with values computed when the line runs, so Deadbolt cannot tell whether it deletes.',
  instead: 'Write the command out literally.',
};

const HELP = new Set(['-h', '--help', 'help', '--version', '-v', 'version']);

export function judgeCloudNuke(args: readonly Arg[]): Verdict | undefined {
  if (args.some((a) => a.value !== undefined && (HELP.has(a.value) || a.value === '--dry-run'))) return undefined;
  const sub = args.find((a) => a.value === undefined || !a.value.startsWith('-'));
  if (!sub) return undefined;
  if (sub.value === undefined) return UNKNOWN;
  if (sub.value === 'aws' || sub.value === 'gcp') return NUKES_ACCOUNT;
  return undefined;
}

export function judgeAwsNuke(args: readonly Arg[]): Verdict | undefined {
  if (args.some((a) => a.value !== undefined && HELP.has(a.value))) return undefined;
  if (args.some((a) => a.value === '--no-dry-run' || a.value === '--no-dry-run=true')) return NUKES_ACCOUNT;
  // A computed word could be `--no-dry-run`.
  if (args.some((a) => a.value === undefined)) return UNKNOWN;
  return undefined;
}
