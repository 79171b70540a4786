/**
 * `deadbolt approve PLAN --address A --action delete --reason … --expires DATE
 * [--sign] [--out FILE]`: writes an approval of exactly one blocked change (per
 * `--address`) for `deadbolt plan --approvals`. With `--sign` the entry carries
 * an HMAC over the change and the entry, keyed with the secret in
 * DEADBOLT_APPROVAL_SECRET, which an agent's environment does not have.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  APPROVAL_ACTIONS,
  APPROVAL_SECRET_ENV,
  classifyChanges,
  createApproval,
  expiryTime,
  formatApprovals,
  mergeApprovals,
  secretProblem,
  type Approval,
  type ApprovalAction,
} from '@deadbolt/rules';
import { listValues, parseCommandArgs } from '../args';
import type { Command, CommandContext } from '../command';
import { UsageError } from '../errors';
import { loadApprovals, loadPlan, loadTypeDeclarations, planInputOf, type PlanInput } from '../input/gate-inputs';
import { displayPath } from '../paths';
import { isWrittenReason } from '@deadbolt/rules';

const USAGE = `Usage: deadbolt approve [options] PLAN --address ADDRESS --action ACTION --reason TEXT --expires DATE
       deadbolt approve [options] --before OLD --after NEW --address ADDRESS …

Approves exactly one blocked change of PLAN (per --address), for
\`npx deadbolt plan PLAN --approvals FILE\`. PLAN is any input that command reads;
the change must be one it blocks, with that address and action.

Options:
      --include-nested FILE
                          A nested stack's change set, as \`npx deadbolt plan PLAN\` reads it (repeatable).
      --stateful-types FILE
                          Your decisions on resource types, as \`npx deadbolt plan PLAN\` reads them.
      --address ADDRESS   The change's address as \`npx deadbolt plan PLAN\` shows it
                          (Terraform address, Pulumi URN, logical id). Repeatable, or
                          comma-separated.
      --action ACTION     ${APPROVAL_ACTIONS.join(', ')} (update: a lowered protection).
      --reason TEXT       Why losing the data is accepted (a ticket, the snapshot kept…).
      --expires DATE      The last day the approval counts (YYYY-MM-DD, UTC) or a timestamp.
      --by NAME           Who approves; recorded and covered by the signature.
      --sign              Sign the entry with the secret in ${APPROVAL_SECRET_ENV}, over the
                          exact change (address, action, type, the physical resource, the
                          protections it lowers) and the entry's reason, expiry and approver.
  -o, --out FILE          Add the entries to FILE (created if missing; an entry for the same
                          address and action is replaced). Default: print the file to stdout.
  -h, --help              Show this help.

Exit codes: 0 written, 2 bad usage or a change that is not blocked as named.
`;

export interface ApproveOptions {
  readonly input?: PlanInput;
  readonly addresses: readonly string[];
  readonly action?: ApprovalAction;
  readonly reason?: string;
  readonly expires?: string;
  readonly by?: string;
  readonly sign: boolean;
  readonly out?: string;
  /** `--stateful-types FILE`, so that the change is judged as `deadbolt plan` judged it. */
  readonly statefulTypes?: string;
  readonly help: boolean;
}

export function parseApproveOptions(args: readonly string[], now: Date = new Date()): ApproveOptions {
  const { values, positionals } = parseCommandArgs('approve', args, {
    before: { type: 'string' },
    after: { type: 'string' },
    'include-nested': { type: 'string', multiple: true },
    'stateful-types': { type: 'string' },
    address: { type: 'string', multiple: true },
    action: { type: 'string' },
    reason: { type: 'string' },
    expires: { type: 'string' },
    by: { type: 'string' },
    sign: { type: 'boolean' },
    out: { type: 'string', short: 'o' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return { addresses: [], sign: false, help: true };
  const input = planInputOf('approve', positionals, values.before, values.after, values['include-nested']);
  const addresses = listValues(values.address);
  if (addresses.length === 0)
    throw new UsageError('approve: name the change with `--address ADDRESS` (as `npx deadbolt plan PLAN` shows it).');
  if (!values.action)
    throw new UsageError(`approve: name the approved action with \`--action\` (${APPROVAL_ACTIONS.join(', ')}).`);
  if (!APPROVAL_ACTIONS.includes(values.action as ApprovalAction)) {
    throw new UsageError(`approve: \`--action\` must be ${APPROVAL_ACTIONS.join(', ')}, got \`${values.action}\`.`);
  }
  if (!isWrittenReason(values.reason))
    throw new UsageError(
      'approve: write why losing the data is accepted with `--reason` (a placeholder such as `<why …>` or `TODO` is not a reason).',
    );
  if (!values.expires) throw new UsageError('approve: give the approval an end with `--expires YYYY-MM-DD`.');
  const end = expiryTime(values.expires);
  if (Number.isNaN(end))
    throw new UsageError(
      `approve: \`--expires\` must be a date such as 2026-12-31 (or an ISO timestamp), got \`${values.expires}\`.`,
    );
  if (end <= now.getTime()) throw new UsageError(`approve: \`--expires ${values.expires}\` is in the past.`);
  return {
    input,
    addresses,
    action: values.action as ApprovalAction,
    reason: values.reason.trim(),
    expires: values.expires,
    by: values.by,
    sign: values.sign === true,
    out: values.out,
    statefulTypes: values['stateful-types'],
    help: false,
  };
}

export async function runApprove(options: ApproveOptions, ctx: CommandContext): Promise<number> {
  let secret: string | undefined;
  if (options.sign) {
    secret = ctx.env[APPROVAL_SECRET_ENV];
    const problem = secretProblem(secret);
    if (problem) throw new UsageError(`approve: \`--sign\` needs the signing secret, but ${problem}.`);
  }
  const loaded = await loadPlan(options.input!, ctx.cwd, ctx.stdin);
  const types =
    options.statefulTypes !== undefined
      ? loadTypeDeclarations(path.resolve(ctx.cwd, options.statefulTypes), ctx.cwd)
      : undefined;
  const decisions = classifyChanges(loaded.plan.changes, types);
  const created: Approval[] = [];
  for (const address of options.addresses) {
    const matching = decisions.filter((d) => d.change.address === address);
    if (matching.length === 0) {
      throw new UsageError(
        `approve: ${loaded.label} has no change at \`${address}\`; \`npx deadbolt plan ${loaded.args.join(' ')}\` lists the blocked ones.`,
      );
    }
    const blocked = matching.find((d) => d.verdict === 'block');
    if (!blocked) {
      throw new UsageError(
        `approve: the ${matching[0].change.action} of \`${address}\` is not blocked; there is nothing to approve.`,
      );
    }
    if (blocked.approvalAction !== options.action) {
      throw new UsageError(
        `approve: \`${address}\` is blocked as ${blocked.approvalAction}, not ${options.action}; approve it with \`--action ${blocked.approvalAction}\` if that is what you accept.`,
      );
    }
    created.push(
      createApproval(blocked, { reason: options.reason!, expires: options.expires!, approvedBy: options.by }, secret),
    );
  }
  if (!options.out) {
    ctx.stdout.write(formatApprovals(created));
    return 0;
  }
  const file = path.resolve(ctx.cwd, options.out);
  const existing = fs.existsSync(file) ? loadApprovals(file) : [];
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, formatApprovals(mergeApprovals(existing, created)));
  } catch (e) {
    throw new UsageError(
      `approve: cannot write \`${options.out}\` (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`,
    );
  }
  for (const a of created) {
    ctx.stderr.write(
      `deadbolt: approved ${a.action} of \`${a.address}\` until ${a.expires}${a.signature ? ' (signed)' : ' (unsigned)'} in ${displayPath(file, ctx.cwd)}.\n`,
    );
  }
  return 0;
}

export const approve: Command = {
  name: 'approve',
  summary: 'Approve one blocked destructive change (optionally signed) for `npx deadbolt plan PLAN --approvals FILE`.',
  usage: USAGE,
  async run(args, ctx) {
    const options = parseApproveOptions(args);
    if (options.help) {
      ctx.stdout.write(USAGE);
      return 0;
    }
    return runApprove(options, ctx);
  },
};
