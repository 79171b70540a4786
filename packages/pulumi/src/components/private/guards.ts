/**
 * What every safe component shares: refusing misuse, the options that guard a
 * stateful child, tags, and checks that work on literals now and on Outputs
 * when they resolve.
 */
import * as pulumi from '@pulumi/pulumi';
import { BACKUP_OPT_OUT_TAG } from '@deadbolt/rules';
import { deletionGuard } from '../../hooks/deletion-guard';
import { defendChild, type PinnedSetting } from './defence';

/** The tag every guarded child that takes tags carries. */
export const PROTECTED_TAG_KEY = 'deadbolt:protected';
/** The tag a resource that opted out of isolated backups carries; its value is the reason. */
export const OPT_OUT_TAG_KEY = BACKUP_OPT_OUT_TAG;

/**
 * KMS's longest deletion waiting period: every key these components create keeps it.
 * @see https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html
 */
export const KEY_DELETION_WINDOW_DAYS = 30;
/** AWS Backup's cooling-off period: a compliance-mode lock is immutable only after at least 3 days. */
export const MIN_CHANGEABLE_FOR_DAYS = 3;
/**
 * The least time, in days, a `BackupAccountVault`'s lock keeps a recovery point
 * unless told otherwise; an `IsolatedBackupVault` copies for at least this long
 * unless told the destination's own minimum.
 */
export const DEFAULT_VAULT_MIN_RETENTION_DAYS = 7;
/** Twelve digits: an AWS account id. */
export const ACCOUNT_RE = /^\d{12}$/;

/** Tags as resources take them. */
export type Tags = pulumi.Input<{ [key: string]: pulumi.Input<string> } | undefined>;

/** Throws a construction error worded for the caller, naming the component; `RunError` keeps the stack trace out of the CLI output. */
export function refuse(type: string, name: string, message: string): never {
  throw new pulumi.RunError(`${type} \`${name}\`: ${message}`);
}

/** True when the value is known only later (an Output or a Promise). */
export function isDeferred(value: unknown): boolean {
  return (
    pulumi.Output.isInstance(value) ||
    (typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function')
  );
}

/**
 * Checks a value: a literal now (throwing), an Output when it resolves (the
 * program fails from the Output). An unknown value in a preview is checked at
 * the update, when it is known.
 */
export function checked<T extends string | number | boolean>(
  type: string,
  name: string,
  value: pulumi.Input<T>,
  problem: (v: T) => string | undefined,
): pulumi.Input<T> {
  if (!isDeferred(value)) {
    const p = problem(value as T);
    if (p) refuse(type, name, p);
    return value;
  }
  return pulumi.output(value).apply((v) => {
    const p = problem(v as T);
    if (p) refuse(type, name, p);
    return v as T;
  });
}

/** Checks several values together (`retention` against `minRetention`), like `checked`. */
export function checkedTogether(
  type: string,
  name: string,
  values: pulumi.Input<unknown>[],
  problem: (vs: unknown[]) => string | undefined,
): pulumi.Output<void> | undefined {
  if (!values.some(isDeferred)) {
    const p = problem(values);
    if (p) refuse(type, name, p);
    return undefined;
  }
  return pulumi.all(values).apply((vs) => {
    const p = problem(vs);
    if (p) refuse(type, name, p);
  });
}

/** A whole number of days from `min` to `max`, or why not. */
export function daysProblem(prop: string, v: unknown, min: number, max?: number, why?: string): string | undefined {
  const range = max === undefined ? `at least ${min}` : `from ${min} to ${max}`;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || (max !== undefined && v > max)) {
    return `\`${prop}\` must be a whole number of days ${range}${why ? ` (${why})` : ''}, got ${JSON.stringify(v)}.`;
  }
  return undefined;
}

/**
 * Refuses options that would take the guards off the children. A component
 * cannot keep data safe when an option can switch its protection off: Pulumi
 * applies `protect: false` and a replacement (or delete) in the same `pulumi up`.
 * `transforms` given to the component run on its children after it sets their
 * options and inputs, so they could undo both.
 */
export function checkComponentOptions<T extends pulumi.ComponentResourceOptions | undefined>(
  type: string,
  name: string,
  opts: T,
): T {
  if (!opts) return opts;
  const component = type.split(':').pop();
  if (opts.protect === false) {
    refuse(
      type,
      name,
      `\`protect: false\` is refused: ${component} keeps \`protect: true\` on every child that holds or protects data, ` +
        'because Pulumi applies `protect: false` and a delete or replacement in the same `pulumi up`, so an unprotected option is no protection. ' +
        'Remove the option; to delete the data on purpose, use the break-glass procedure (`DEADBOLT_BREAK_GLASS`).',
    );
  }
  if (opts.retainOnDelete === false) {
    refuse(
      type,
      name,
      `\`retainOnDelete: false\` is refused: ${component} keeps \`retainOnDelete: true\` on every child that holds or protects data, ` +
        'so that removing it from the program, or replacing it, leaves the cloud resource and its data in place. Remove the option.',
    );
  }
  for (const prop of ['transforms', 'transformations'] as const) {
    if ((opts[prop] as unknown[] | undefined)?.length) {
      refuse(
        type,
        name,
        `\`${prop}\` are refused: they run on ${component}'s children after it forces their protection, and could switch it off ` +
          "(`protect`, `retainOnDelete`, deletion protection, backups). Pass settings through the component's args instead.",
      );
    }
  }
  return opts;
}

/**
 * Options for a child that holds or protects data: `protect` (a delete or
 * replace fails), `retainOnDelete` (a removal leaves it in the cloud), the
 * `deadbolt-deletion-guard` hook (recorded in the state, so `pulumi destroy`
 * must run the program, and the hook refuses without break glass), and the
 * transformation that refuses a later weakening of the child (`defendChild`).
 */
export function guardedOptions(
  parent: pulumi.Resource,
  extra: pulumi.CustomResourceOptions = {},
  pinned: readonly PinnedSetting[] = [],
): pulumi.CustomResourceOptions {
  return {
    ...extra,
    parent,
    protect: true,
    retainOnDelete: true,
    hooks: { beforeDelete: [deletionGuard()] },
    transformations: [defendChild(parent, pinned)],
  };
}

/** The caller's tags with `forced` on top. */
export function withTags(given: Tags, forced: Record<string, string>): Tags {
  if (given === undefined) return { ...forced };
  if (isDeferred(given)) return pulumi.output(given).apply((t) => ({ ...(t ?? {}), ...forced }));
  return { ...(given as Record<string, pulumi.Input<string>>), ...forced };
}

/** The `deadbolt:protected` tag on top of the caller's tags. */
export function protectedTags(given: Tags, extra: Record<string, string> = {}): Tags {
  return withTags(given, { ...extra, [PROTECTED_TAG_KEY]: 'true' });
}

/** A forced argument: the value the component sets, and what to use instead. */
export interface Forced {
  /** The literal value forced, when the caller may repeat it harmlessly. */
  readonly value?: unknown;
  /** What the caller uses instead, when there is an arg for the idea. */
  readonly use?: string;
  /**
   * Why the arg is refused, when the component does not set it itself but
   * refuses it because it can lose data (the message then says "is refused").
   */
  readonly why?: string;
}

/**
 * Refuses pass-through args that set what the component forces: a caller who
 * passes `deletionProtection: false` is told, rather than silently overridden.
 * Repeating a forced literal (`deletionProtection: true`) is accepted.
 * The forced values are applied after the pass-through args as well.
 */
export function refuseForced(
  type: string,
  name: string,
  where: string,
  given: object | undefined,
  forced: Readonly<Record<string, Forced>>,
): void {
  if (!given) return;
  const component = type.split(':').pop();
  for (const [key, spec] of Object.entries(forced)) {
    const v = (given as Record<string, unknown>)[key];
    if (v === undefined) continue;
    if (spec.value !== undefined && !isDeferred(v) && v === spec.value) continue;
    const shown = isDeferred(v) ? 'an Output' : JSON.stringify(v);
    if (spec.why) {
      refuse(
        type,
        name,
        `\`${where}${key}\` is refused (got ${shown}): ${spec.why}${spec.use ? `; use ${spec.use}` : ''}.`,
      );
    }
    const sets = spec.value !== undefined ? `forces it to ${JSON.stringify(spec.value)}` : 'sets it itself';
    refuse(
      type,
      name,
      `\`${where}${key}\` cannot be set (got ${shown}): ${component} ${sets}${spec.use ? `; use ${spec.use}` : ''}.`,
    );
  }
}

/**
 * The reason as a tag value AWS accepts everywhere: letters, digits, spaces and
 * `_ . : / = + - @`, at most 256 characters.
 * @see https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html
 */
export function tagSafe(reason: string): string {
  const cleaned = reason
    .replace(/[^\p{L}\p{N}\s_.:/=+\-@]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned.length > 256 ? cleaned.slice(0, 256).trimEnd() : cleaned;
}

/**
 * The account and name of a backup vault ARN
 * (`arn:<partition>:backup:<region>:<account>:backup-vault:<name>`), or
 * undefined when the text is not one.
 */
export function parseVaultArn(
  arn: string,
): { partition: string; region: string; account: string; name: string } | undefined {
  const m = /^arn:(aws[a-z-]*):backup:([a-z0-9-]+):(\d{12}):backup-vault:([A-Za-z0-9_-]{2,50})$/.exec(arn);
  return m ? { partition: m[1], region: m[2], account: m[3], name: m[4] } : undefined;
}
