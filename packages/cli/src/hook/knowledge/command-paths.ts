/**
 * Reading CLIs whose commands are paths of words (`az sql db delete`,
 * `gcloud sql instances delete`, `kubectl delete pvc`): the words before the
 * first option, matched against a table of rules. Shared by the Azure,
 * Google Cloud and Kubernetes knowledge.
 */
import type { Verdict } from './destructive-commands';
import type { Arg } from './tools';

/** A condition on a command's options. */
export type Condition =
  /** The flag is present (`--no-deletion-protection`, `-r`; short flags also inside a cluster like `-rf`). */
  | { readonly flag: string }
  /** The option's value matches (`--enable false`). */
  | { readonly option: string; readonly value: RegExp };

export interface PathRule {
  /** The command path, words separated by blanks (`sql instances delete`). */
  readonly path: string;
  readonly verdict: Verdict;
  /** The rule applies only when one of these holds. */
  readonly when?: readonly Condition[];
  /** The verdict when none of `when` holds. @default - the command is allowed */
  readonly otherwise?: Verdict;
}

/** The words of the command path (up to `max`), skipping options and the values of `valueFlags`. */
export function commandPath(args: readonly Arg[], valueFlags: ReadonlySet<string>, max = 6): Arg[] {
  const path: Arg[] = [];
  for (let k = 0; k < args.length && path.length < max; k++) {
    const v = args[k].value;
    if (v === '--') break;
    if (v !== undefined && v.startsWith('-')) {
      if (!v.includes('=') && valueFlags.has(v)) k++;
      continue;
    }
    path.push(args[k]);
  }
  return path;
}

/** The value given to an option (`--opt VALUE`, `--opt=VALUE`); `null` when the option is present but its value is computed. */
export function optionValueOf(args: readonly Arg[], names: readonly string[]): string | null | undefined {
  for (let k = 0; k < args.length; k++) {
    const v = args[k].value;
    if (v === undefined) continue;
    for (const n of names) {
      if (v === n) {
        const next = args[k + 1];
        if (!next) return '';
        return next.value ?? null;
      }
      if (v.startsWith(`${n}=`)) return v.slice(n.length + 1);
    }
  }
  return undefined;
}

/** Whether the condition holds: true, false, or undefined when a computed value could make it hold. */
export function conditionHolds(c: Condition, args: readonly Arg[]): boolean | undefined {
  if ('flag' in c) {
    const short = /^-[A-Za-z]$/.test(c.flag) ? c.flag[1] : undefined;
    return args.some(
      (a) =>
        a.value !== undefined &&
        (a.value === c.flag ||
          a.value.startsWith(`${c.flag}=`) ||
          (short !== undefined && /^-[A-Za-z]+$/.test(a.value) && a.value.includes(short))),
    );
  }
  const v = optionValueOf(args, [c.option]);
  if (v === undefined) return false;
  if (v === null) return undefined;
  return c.value.test(v);
}

const HELP = new Set(['-h', '--help', 'help', '--dry-run', '--dryrun']);

/**
 * The verdict of the first rule whose path the command's path starts with. A
 * computed word in the path, where a rule could match, gets `unknown`.
 */
export function judgeByPath(
  args: readonly Arg[],
  rules: readonly PathRule[],
  valueFlags: ReadonlySet<string>,
  unknown: Verdict,
): Verdict | undefined {
  if (args.some((a) => a.value !== undefined && (HELP.has(a.value) || a.value.startsWith('--dry-run='))))
    return undefined;
  const path = commandPath(args, valueFlags);
  for (const rule of rules) {
    const words = rule.path.split(' ');
    let matches = true;
    let computed = false;
    for (let j = 0; j < words.length; j++) {
      const w = path[j];
      if (!w) {
        matches = false;
        break;
      }
      if (w.value === undefined) computed = true;
      else if (w.value !== words[j]) {
        matches = false;
        break;
      }
    }
    if (!matches) continue;
    if (computed) return unknown;
    if (!rule.when) return rule.verdict;
    let uncertain = false;
    for (const c of rule.when) {
      const r = conditionHolds(c, args);
      if (r === true) return rule.verdict;
      if (r === undefined) uncertain = true;
    }
    if (uncertain) return unknown;
    return rule.otherwise;
  }
  return undefined;
}
