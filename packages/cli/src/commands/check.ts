/**
 * `deadbolt check PATH…`: judges templates and cloud assemblies with the
 * catalogue. Exit 0 when no finding is an error, 1 when one is, 2 when an
 * input cannot be read or the command is misused.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  acknowledgeWith,
  CATALOGUE,
  evaluate,
  maximumAcknowledgementDaysProblem,
  ruleById,
  type Finding,
  type Rule,
  type SeverityOverride,
} from '@deadbolt/rules';
import { listValues, parseCommandArgs } from '../args';
import type { Command, CommandContext } from '../command';
import { UsageError } from '../errors';
import { formatJson } from '../formatters/json';
import type { CheckReport } from '../formatters/report';
import { formatSarif } from '../formatters/sarif';
import { formatText } from '../formatters/text';
import { loadInputs } from '../input/inputs';
import { readSynthesisRecord } from '../input/synthesis-record';
import { recordedFindings, synthesizedWith } from './check-synthesis';
import { resourceLines } from '../input/lines';

export const CHECK_FORMATS = ['text', 'json', 'sarif'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

const SEVERITY_VALUES: readonly SeverityOverride[] = ['error', 'warning', 'info', 'off'];

const USAGE = `Usage: deadbolt check [options] PATH [PATH…]

Checks CloudFormation templates and CDK cloud assemblies for settings that lose data.

PATH is a cloud assembly directory (cdk.out: it has a manifest.json), a template
file (.json, .yaml, .yml, .template), a directory of templates (not searched
recursively), or - for a template on standard input.
A nested stack whose TemplateURL is a local path is read with its parent; a stack
set's TemplateBody is judged too. Content the check cannot see (a macro, an
include, a template at a URL) is a template-unexpanded-content finding. A key
written twice, or a template over CloudFormation's limits (1 MB, 500 resources),
is unreadable input.

Options:
  -f, --format FORMAT         text (default), json or sarif.
  -o, --output-file FILE      Write the report to FILE instead of standard output.
      --account ID            The 12-digit account of templates (and environment-agnostic
                              stacks) that do not name one.
      --region REGION         Their region.
      --min-retention DAYS    Minimum retention in days (default 7): automated backups, backup
                              plans, point-in-time recovery, S3 noncurrent versions and
                              expirations, log groups tagged as data.
      --severity RULE=LEVEL   Override a rule's severity: error, warning, info or off.
                              Repeatable.
      --non-production        Report errors as warnings (exit 0). Only this flag turns it on;
                              it is never inferred from names.
      --rule RULE             Run only this rule. Repeatable.
      --max-acknowledgement-days DAYS
                              How far ahead an acknowledgement's expiry may be (default 90,
                              at most 365); one dated further ahead is refused.
  -h, --help                  Show this help.

Acknowledge a finding in the template with a reason:
  Metadata: { deadbolt: { acknowledge: [{ id: RULE, reason: "…", expires: YYYY-MM-DD }] } }
or, in a CDK app: Validations.of(construct).acknowledge({ id: 'deadbolt::RULE', reason: '…' }).
An acknowledgement naming an unknown rule id is unreadable input; one without an
expiry holds until it is removed.

A cloud assembly's record of its synthesis counts too: the error findings the CDK
checks recorded (an assembly written by cdk synth --ignore-errors) are findings here,
and the options they ran with are shown in the summary, not applied.

Exit codes: 0 no error findings, 1 error findings, 2 unreadable input or bad usage.
`;

export interface CheckOptions {
  readonly paths: readonly string[];
  readonly format: CheckFormat;
  readonly outputFile?: string;
  readonly account?: string;
  readonly region?: string;
  readonly minimumBackupRetentionDays?: number;
  readonly maximumAcknowledgementDays?: number;
  readonly severities: Readonly<Record<string, SeverityOverride>>;
  readonly nonProduction: boolean;
  readonly rules: readonly Rule[];
  readonly help: boolean;
}

function knownRule(id: string, option: string): Rule {
  const rule = ruleById(id);
  if (!rule) throw new UsageError(`check: ${option} names unknown rule \`${id}\`; \`npx deadbolt rules\` lists them.`);
  return rule;
}

/** Parses and validates `check`'s arguments; throws `UsageError`. */
export function parseCheckOptions(args: readonly string[]): CheckOptions {
  const { values, positionals } = parseCommandArgs('check', args, {
    format: { type: 'string', short: 'f' },
    'output-file': { type: 'string', short: 'o' },
    account: { type: 'string' },
    region: { type: 'string' },
    'min-retention': { type: 'string' },
    severity: { type: 'string', multiple: true },
    'non-production': { type: 'boolean' },
    rule: { type: 'string', multiple: true },
    'max-acknowledgement-days': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  const format = (values.format ?? 'text') as CheckFormat;
  if (!CHECK_FORMATS.includes(format)) {
    throw new UsageError(`check: unknown format \`${values.format}\`; use ${CHECK_FORMATS.join(', ')}.`);
  }
  if (values.account !== undefined && !/^\d{12}$/.test(values.account)) {
    throw new UsageError(`check: \`--account\` must be a 12-digit AWS account id, got \`${values.account}\`.`);
  }
  if (values.region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(values.region)) {
    throw new UsageError(`check: \`--region\` must be an AWS region such as \`eu-west-1\`, got \`${values.region}\`.`);
  }
  let minimumBackupRetentionDays: number | undefined;
  if (values['min-retention'] !== undefined) {
    const days = Number(values['min-retention']);
    if (!/^\d+$/.test(values['min-retention']) || days < 1 || days > 36500) {
      throw new UsageError(
        `check: \`--min-retention\` must be a whole number of days (1 or more), got \`${values['min-retention']}\`.`,
      );
    }
    minimumBackupRetentionDays = days;
  }
  let maximumAcknowledgementDays: number | undefined;
  const maxAck = values['max-acknowledgement-days'];
  if (maxAck !== undefined) {
    const problem = maximumAcknowledgementDaysProblem(
      /^\d+$/.test(maxAck) ? Number(maxAck) : maxAck,
      '--max-acknowledgement-days',
    );
    if (problem) throw new UsageError(`check: ${problem}`);
    maximumAcknowledgementDays = Number(maxAck);
  }
  const severities: Record<string, SeverityOverride> = {};
  for (const entry of listValues(values.severity)) {
    const m = /^([^=]+)=(.*)$/.exec(entry);
    if (!m) throw new UsageError(`check: \`--severity\` takes RULE=LEVEL, got \`${entry}\`.`);
    const [, id, level] = m;
    knownRule(id.trim(), '`--severity`');
    if (!SEVERITY_VALUES.includes(level.trim() as SeverityOverride)) {
      throw new UsageError(`check: \`--severity ${entry}\`: the level must be ${SEVERITY_VALUES.join(', ')}.`);
    }
    severities[id.trim()] = level.trim() as SeverityOverride;
  }
  const only = listValues(values.rule);
  const rules = only.length ? [...new Set(only)].map((id) => knownRule(id, '`--rule`')) : CATALOGUE;
  if (!values.help && positionals.length === 0) {
    throw new UsageError(
      'check: name at least one PATH (a cdk.out directory, a template, or a directory of templates). See `npx deadbolt check --help`.',
    );
  }
  return {
    paths: positionals,
    format,
    outputFile: values['output-file'],
    account: values.account,
    region: values.region,
    minimumBackupRetentionDays,
    maximumAcknowledgementDays,
    severities,
    nonProduction: values['non-production'] === true,
    rules,
    help: values.help === true,
  };
}

/**
 * A finding from a cloud assembly, with its fix and acknowledgement in the CDK
 * idiom. A stack-level finding is acknowledged on the stack's construct (its
 * document id), not its CloudFormation stack name.
 */
function inCdkIdiom(f: Finding, cdkStacks: ReadonlySet<string>): Finding {
  const where =
    f.resource.type === 'AWS::CloudFormation::Stack' && cdkStacks.has(f.resource.key)
      ? f.resource.key
      : (f.resource.path ?? f.resource.logicalId);
  return { ...f, fix: f.fixes.cdk ?? f.fixes.cloudformation, acknowledgeWith: acknowledgeWith('cdk', f.ruleId, where) };
}

/** Line of each finding's resource in its template, by resource key. */
function findingLines(findings: readonly Finding[]): Map<string, number> {
  const byTemplate = new Map<string, Map<string, number>>();
  const out = new Map<string, number>();
  for (const f of findings) {
    const template = f.resource.template;
    if (!template) continue;
    let lines = byTemplate.get(template);
    if (!lines) {
      try {
        lines = resourceLines(fs.readFileSync(template, 'utf8'));
      } catch {
        lines = new Map();
      }
      byTemplate.set(template, lines);
    }
    const line = lines.get(f.resource.logicalId);
    if (line !== undefined) out.set(f.resource.key, line);
  }
  return out;
}

export async function runCheck(options: CheckOptions, ctx: CommandContext): Promise<number> {
  const inputs = await loadInputs(options.paths, {
    cwd: ctx.cwd,
    account: options.account,
    region: options.region,
    stdin: ctx.stdin,
  });
  const prefix = ctx.cwd.endsWith(path.sep) ? ctx.cwd : ctx.cwd + path.sep;
  for (const notice of inputs.notices) ctx.stderr.write(`deadbolt: note: ${notice.split(prefix).join('')}\n`);

  const result = evaluate(
    { documents: inputs.documents },
    {
      rules: options.rules,
      severities: options.severities,
      nonProduction: options.nonProduction,
      minimumBackupRetentionDays: options.minimumBackupRetentionDays,
      maximumAcknowledgementDays: options.maximumAcknowledgementDays,
      maximumAcknowledgementOption: '`--max-acknowledgement-days`',
      acknowledgements: inputs.acknowledgements,
      idiom: 'cloudformation',
    },
  );
  const judged = result.findings.map((f) =>
    f.resource.template && inputs.cdkTemplates.has(f.resource.template) ? inCdkIdiom(f, inputs.cdkStacks) : f,
  );
  // What each CDK synthesis recorded: its checks' options (shown), and its error findings (kept, fail closed).
  const synthesis = inputs.assemblies.map(readSynthesisRecord);
  const findings = [...judged, ...recordedFindings(synthesis, judged, options, inputs.documents)];
  const report: CheckReport = {
    findings,
    templates: inputs.documents.length,
    resources: result.resources,
    cwd: ctx.cwd,
    lines: options.format === 'text' ? undefined : findingLines(findings),
    synthesizedWith: synthesizedWith(synthesis),
  };
  let output: string;
  switch (options.format) {
    case 'json':
      output = formatJson(report);
      break;
    case 'sarif':
      output = formatSarif(report, { rules: options.rules, version: ctx.version });
      break;
    default: {
      const noColor = ctx.env.NO_COLOR !== undefined && ctx.env.NO_COLOR !== '';
      output = formatText(report, { color: !options.outputFile && ctx.stdout.isTTY === true && !noColor });
    }
  }
  if (options.outputFile) {
    const file = path.resolve(ctx.cwd, options.outputFile);
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, output);
    } catch (e) {
      throw new UsageError(
        `check: cannot write \`${options.outputFile}\` (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`,
      );
    }
  } else {
    ctx.stdout.write(output);
  }
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}

export const check: Command = {
  name: 'check',
  summary: 'Check templates and CDK cloud assemblies (cdk.out) for settings that lose data.',
  usage: USAGE,
  async run(args, ctx) {
    const options = parseCheckOptions(args);
    if (options.help) {
      ctx.stdout.write(USAGE);
      return 0;
    }
    return runCheck(options, ctx);
  },
};
