/**
 * `deadbolt plan FILE` (or `--before OLD --after NEW`): the destructive-change
 * gate. Exit 0 when nothing is blocked, 1 when a change would delete, replace or
 * unprotect stored data without an approval of exactly that change, 2 when the
 * input cannot be read or recognised (never a pass).
 */
import * as fs from 'fs';
import * as path from 'path';
import { APPROVAL_SECRET_ENV, runGate, secretProblem, type Approval } from '@deadbolt/rules';
import { parseCommandArgs } from '../args';
import type { Command, CommandContext } from '../command';
import { UsageError } from '../errors';
import { formatGateJson } from '../formatters/gate-json';
import type { GateOutput } from '../formatters/gate-report';
import { formatGateSarif } from '../formatters/gate-sarif';
import { formatGateText } from '../formatters/gate-text';
import { loadApprovals, loadPlan, loadTypeDeclarations, planInputOf, type PlanInput } from '../input/gate-inputs';
import { displayPath, reportPath } from '../paths';

export const PLAN_FORMATS = ['text', 'json', 'sarif'] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];

const USAGE = `Usage: deadbolt plan [options] FILE
       deadbolt plan [options] --before OLD --after NEW

Blocks any change that deletes, replaces or unprotects stored data, unless a human
approved exactly that change.

FILE is recognised from its content (- reads standard input):
  Terraform plan         terraform plan -out tfplan && terraform show -json tfplan > plan.json
  Pulumi preview         pulumi preview --json > preview.json
  CloudFormation         aws cloudformation describe-change-set --stack-name STACK \\
  change set               --change-set-name NAME [--include-property-values] > change-set.json
                         (several change sets in one file, as a list or one after another, are read
                         together: a root change set and its nested stacks' change sets)
OLD and NEW are two CloudFormation templates, or two cdk.out directories (an offline
cdk diff: replacements per the CloudFormation specification, protections compared,
and Deadbolt's rules run on both sides).

Blocked: deletes and replacements of resources that hold data, or whose type Deadbolt
cannot decide (see --stateful-types); updates that lower a protection (deletion protection off, skip_final_snapshot or force_destroy on, backup
retention or a key's deletion window shortened, versioning or point-in-time recovery
off, a vault lock removed; on Google Cloud also deletion_policy to DELETE, a retention
policy removed, a lifecycle rule that deletes); Pulumi steps that turn \`protect\` off.
A nested stack (AWS::CloudFormation::Stack) removed or modified blocks unless its own
change set (or, in a cdk.out diff, its template) is in the input; then its resources
are judged one by one, addressed NestedStack/LogicalId.
Let through: everything else. Removals that keep the resource (PolicyAction Retain,
Terraform \`removed\` with destroy = false, Pulumi retainOnDelete, Google deletion_policy
ABANDON) are reported, and so are deletes and replacements of Aurora, DocumentDB and
Neptune cluster instances whose cluster the plan keeps (the data lives in the cluster
volume).

Options:
      --include-nested FILE
                           The change set of a nested stack of FILE's change set (repeatable):
                           aws cloudformation describe-change-set --change-set-name ARN \\
                             --include-property-values, ARN the ChangeSetId its stack's change names.
      --approvals FILE     Approved changes (written by the \`approve\` command). A blocked change
                           passes only when an unexpired entry names its exact address and action.
      --stateful-types FILE
                           Your decisions on resource types Deadbolt does not know (JSON or YAML):
                           {"stateful": {"TYPE": "why"}, "stateless": {"TYPE": "why"}}, TYPE as the
                           plan writes it or a prefix ending in *. A delete or replacement of a type
                           nothing decides is blocked until you decide it here; a stateless type is
                           let through (and reported), a stateful one blocked. A type Deadbolt knows
                           holds data cannot be declared stateless (approve its changes instead).
      --require-signed     Count only approvals signed with the secret in ${APPROVAL_SECRET_ENV}
                           (exit 2 when it is not set). Without this flag, signed approvals are
                           still verified when the secret is set.
  -f, --format FORMAT      text (default), json or sarif.
  -o, --output-file FILE   Write the report to FILE instead of standard output.
  -h, --help               Show this help.

Exit codes: 0 nothing blocked, 1 a change is blocked, 2 unreadable input or bad usage.
`;

export interface PlanOptions {
  readonly input?: PlanInput;
  readonly approvals?: string;
  /** `--stateful-types FILE`: the user's decisions on types the gate cannot decide. */
  readonly statefulTypes?: string;
  readonly requireSigned: boolean;
  readonly format: PlanFormat;
  readonly outputFile?: string;
  readonly help: boolean;
}

/** Parses and validates `plan`'s arguments; throws `UsageError`. */
export function parsePlanOptions(args: readonly string[]): PlanOptions {
  const { values, positionals } = parseCommandArgs('plan', args, {
    before: { type: 'string' },
    after: { type: 'string' },
    'include-nested': { type: 'string', multiple: true },
    approvals: { type: 'string' },
    'stateful-types': { type: 'string' },
    'require-signed': { type: 'boolean' },
    format: { type: 'string', short: 'f' },
    'output-file': { type: 'string', short: 'o' },
    help: { type: 'boolean', short: 'h' },
  });
  const format = (values.format ?? 'text') as PlanFormat;
  if (!PLAN_FORMATS.includes(format))
    throw new UsageError(`plan: unknown format \`${values.format}\`; use ${PLAN_FORMATS.join(', ')}.`);
  const help = values.help === true;
  return {
    input: help ? undefined : planInputOf('plan', positionals, values.before, values.after, values['include-nested']),
    approvals: values.approvals,
    statefulTypes: values['stateful-types'],
    requireSigned: values['require-signed'] === true,
    format,
    outputFile: values['output-file'],
    help,
  };
}

export async function runPlan(options: PlanOptions, ctx: CommandContext): Promise<number> {
  const secret = ctx.env[APPROVAL_SECRET_ENV];
  if (options.requireSigned) {
    const problem = secretProblem(secret);
    if (problem) throw new UsageError(`plan: \`--require-signed\` needs the signing secret, but ${problem}.`);
  }
  let approvals: Approval[] = [];
  if (options.approvals !== undefined) approvals = loadApprovals(path.resolve(ctx.cwd, options.approvals));
  const typesFile = options.statefulTypes !== undefined ? path.resolve(ctx.cwd, options.statefulTypes) : undefined;
  const types = typesFile ? loadTypeDeclarations(typesFile, ctx.cwd) : undefined;
  const loaded = await loadPlan(options.input!, ctx.cwd, ctx.stdin);
  const report = runGate(loaded.plan, {
    approvals,
    secret: secret && !secretProblem(secret) ? secret : undefined,
    requireSigned: options.requireSigned,
    types,
  });
  const output: GateOutput = {
    report,
    label: loaded.label,
    // The suggested `deadbolt approve` must judge the plan as this run did.
    planArgs: typesFile ? [...loaded.args, '--stateful-types', displayPath(typesFile, ctx.cwd)] : loaded.args,
    approvalsFile: options.approvals
      ? displayPath(path.resolve(ctx.cwd, options.approvals), ctx.cwd)
      : 'approvals.json',
    file: loaded.file ? reportPath(loaded.file, ctx.cwd) : undefined,
  };
  for (const notice of report.plan.notices) ctx.stderr.write(`deadbolt: note: ${notice}\n`);
  for (const a of report.unusedApprovals) {
    ctx.stderr.write(
      `deadbolt: note: the approval of ${a.action} \`${a.address}\` matches no blocked change in this plan.\n`,
    );
  }
  let text: string;
  switch (options.format) {
    case 'json':
      text = formatGateJson(output);
      break;
    case 'sarif':
      text = formatGateSarif(output, ctx.version);
      break;
    default: {
      const noColor = ctx.env.NO_COLOR !== undefined && ctx.env.NO_COLOR !== '';
      text = formatGateText(output, { color: !options.outputFile && ctx.stdout.isTTY === true && !noColor });
    }
  }
  if (options.outputFile) {
    const file = path.resolve(ctx.cwd, options.outputFile);
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    } catch (e) {
      throw new UsageError(
        `plan: cannot write \`${options.outputFile}\` (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`,
      );
    }
  } else {
    ctx.stdout.write(text);
  }
  return report.blocked.length ? 1 : 0;
}

export const plan: Command = {
  name: 'plan',
  summary: 'Block a Terraform plan, Pulumi preview, change set or template diff that would lose data.',
  usage: USAGE,
  async run(args, ctx) {
    const options = parsePlanOptions(args);
    if (options.help) {
      ctx.stdout.write(USAGE);
      return 0;
    }
    return runPlan(options, ctx);
  },
};
