/**
 * `deadbolt check PATH…`: judges templates, cloud assemblies and Terraform
 * plans and states with the catalogue. Exit 0 when no finding is an error, 1 when one is, 2 when an
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
  messageInIdiom,
  whyInIdiom,
} from '@deadbolt/rules';
import { listValues, parseCommandArgs } from '../args';
import type { Command, CommandContext } from '../command';
import { UsageError } from '../errors';
import { formatJson } from '../formatters/json';
import type { CheckReport } from '../formatters/report';
import { formatSarif } from '../formatters/sarif';
import { formatText } from '../formatters/text';
import { loadInputs, type TerraformInputs } from '../input/inputs';
import {
  acknowledgementLookup,
  readAcknowledgementsFile,
  type AcknowledgementEntry,
} from '../input/acknowledgements-file';
import { displayPath } from '../paths';
import { readSynthesisRecord } from '../input/synthesis-record';
import { recordedFindings, synthesizedWith } from './check-synthesis';
import { resourceLines } from '../input/lines';

export const CHECK_FORMATS = ['text', 'json', 'sarif'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

const SEVERITY_VALUES: readonly SeverityOverride[] = ['error', 'warning', 'info', 'off'];

const USAGE = `Usage: deadbolt check [options] PATH [PATH…]

Checks CloudFormation templates, CDK cloud assemblies and Terraform plans and states
for settings that lose data.

PATH is a cloud assembly directory (cdk.out: it has a manifest.json), a template
file (.json, .yaml, .yml, .template), a directory of templates (not searched
recursively), Terraform JSON (recognised by its content: a plan from
terraform show -json tfplan > plan.json, judged on what it leaves after apply, or
a state from terraform show -json, judged as deployed), or - for either on
standard input.
A Terraform value known only after apply cannot be proven safe: it is a finding.
The .tf and .tf.json files beside the JSON (or in --terraform-dir, and local or
installed modules under it) are read for what the JSON leaves out
(lifecycle { prevent_destroy }, dynamic blocks) and for SARIF locations.
A nested stack whose TemplateURL is a local path is read with its parent; a stack
set's TemplateBody is judged too. Content the check cannot see (a macro, an
include, a template at a URL) is a template-unexpanded-content finding. A key
written twice, or a template over CloudFormation's limits (1 MB, 500 resources),
is unreadable input.

Options:
  -f, --format FORMAT         text (default), json or sarif (SARIF 2.1.0, for GitHub code
                              scanning: a Terraform finding points at its resource block).
  -o, --output-file FILE      Write the report to FILE instead of standard output.
      --account ID            The 12-digit account of templates (and environment-agnostic
                              stacks) that do not name one, and of a Terraform provider "aws"
                              without allowed_account_ids.
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
      --acknowledgements FILE Terraform findings accepted with a reason: a YAML or JSON list of
                              { resource: ADDRESS, id: RULE, reason: "…", expires: YYYY-MM-DD }
                              (expires optional), one exact address per entry.
      --terraform-dir DIR     The Terraform root module's directory, with its .tf files
                              (default: the JSON file's directory).
  -h, --help                  Show this help.

Acknowledge a finding in the template with a reason:
  Metadata: { deadbolt: { acknowledge: [{ id: RULE, reason: "…", expires: YYYY-MM-DD }] } }
or, in a CDK app: Validations.of(construct).acknowledge({ id: 'deadbolt::RULE', reason: '…' }),
or, for Terraform, an entry in the --acknowledgements file naming the exact address:
  - { resource: 'module.db["eu"].aws_db_instance.this[0]', id: RULE, reason: '…', expires: YYYY-MM-DD }
Quote an address in single quotes: its instance keys hold double quotes.
An entry without a reason, expired, or dated past --max-acknowledgement-days is refused.
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
  /** `--acknowledgements FILE`. */
  readonly acknowledgements?: string;
  /** `--terraform-dir DIR`. */
  readonly terraformDir?: string;
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
    acknowledgements: { type: 'string' },
    'terraform-dir': { type: 'string' },
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
      'check: name at least one PATH (a cdk.out directory, a template, a directory of templates, or Terraform JSON). See `npx deadbolt check --help`.',
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
    acknowledgements: values.acknowledgements,
    terraformDir: values['terraform-dir'],
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

/**
 * A finding from Terraform JSON, with its fix and acknowledgement in the
 * Terraform idiom, located at its resource's `.tf` block when the
 * configuration was read (else at the JSON file).
 */
function inTerraformIdiom(f: Finding, terraform: TerraformInputs): Finding {
  const where = f.resource.path ?? f.resource.logicalId;
  const block = f.resource.template ? terraform.blocks.get(f.resource.template)?.get(where) : undefined;
  // The resource's type as the user wrote it (`aws_db_instance`), not the CloudFormation type it is judged as.
  const type = terraformTypeOf(where) ?? f.resource.type;
  return {
    ...f,
    resource: { ...f.resource, type, ...(block ? { template: block.file } : {}) },
    message: messageInIdiom(f.message, 'terraform'),
    why: whyInIdiom(f.why, 'terraform'),
    fix: f.fixes.terraform ?? f.fixes.cloudformation,
    acknowledgeWith: acknowledgeWith('terraform', f.ruleId, where),
  };
}

/** `module.db["eu"].aws_db_instance.this[0]` → `aws_db_instance`; undefined when the text is not an address. */
function terraformTypeOf(address: string): string | undefined {
  const steps = address.replace(/\[(?:"(?:[^"\\]|\\.)*"|[^\]]*)\]/g, '').split('.');
  const type = steps.length >= 2 ? steps[steps.length - 2] : undefined;
  return type !== undefined && /^[a-z][a-z0-9]*_[a-z0-9_]+$/.test(type) ? type : undefined;
}

/** Line of each finding's resource in its template (or `.tf` file), by resource key. */
function findingLines(findings: readonly Finding[], terraform: TerraformInputs): Map<string, number> {
  const byTemplate = new Map<string, Map<string, number>>();
  const out = new Map<string, number>();
  const tfLines = new Map<string, number>();
  for (const blocks of terraform.blocks.values()) for (const b of blocks.values()) tfLines.set(b.file, 0);
  for (const f of findings) {
    const template = f.resource.template;
    if (!template) continue;
    // Terraform: the line of the resource block, read with the configuration; the JSON file itself has none.
    if (terraform.files.has(template) || tfLines.has(template)) {
      for (const blocks of terraform.blocks.values()) {
        const b = blocks.get(f.resource.path ?? f.resource.logicalId);
        if (b && b.file === template) {
          out.set(f.resource.key, b.line);
          break;
        }
      }
      continue;
    }
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
  const terraformDir = options.terraformDir === undefined ? undefined : path.resolve(ctx.cwd, options.terraformDir);
  if (terraformDir !== undefined && !fs.existsSync(terraformDir))
    throw new UsageError(`check: \`--terraform-dir\` ${options.terraformDir} does not exist.`);
  const inputs = await loadInputs(options.paths, {
    cwd: ctx.cwd,
    account: options.account,
    region: options.region,
    stdin: ctx.stdin,
    terraformDir,
  });
  const entries =
    options.acknowledgements === undefined
      ? []
      : readAcknowledgementsFile(
          path.resolve(ctx.cwd, options.acknowledgements),
          displayPath(path.resolve(ctx.cwd, options.acknowledgements), ctx.cwd),
        );
  const used = new Set<AcknowledgementEntry>();
  const fromFile = acknowledgementLookup(entries, inputs.terraform.documents, used);
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
      acknowledgements: entries.length
        ? (ruleId, target) => [...inputs.acknowledgements(ruleId, target), ...fromFile(ruleId, target)]
        : inputs.acknowledgements,
      idiom: 'cloudformation',
    },
  );
  const terraform = inputs.terraform;
  const judged = result.findings.map((f) =>
    f.resource.template && inputs.cdkTemplates.has(f.resource.template)
      ? inCdkIdiom(f, inputs.cdkStacks)
      : (f.resource.template && terraform.files.has(f.resource.template)) || terraform.documents.has(f.resource.key)
        ? inTerraformIdiom(f, terraform)
        : f,
  );
  // An entry that matches no finding acknowledges nothing: said, so a misspelt address is not taken for a pass.
  for (const e of entries) {
    if (!used.has(e))
      ctx.stderr.write(
        `deadbolt: note: ${e.source} acknowledges nothing: no finding of ${e.ruleId} is about \`${e.resource}\`.\n`,
      );
  }
  // What each CDK synthesis recorded: its checks' options (shown), and its error findings (kept, fail closed).
  const synthesis = inputs.assemblies.map(readSynthesisRecord);
  const findings = [...judged, ...recordedFindings(synthesis, judged, options, inputs.documents)];
  const report: CheckReport = {
    findings,
    // A Terraform plan or state is one input however many documents (one per provider configuration) it makes.
    templates: inputs.documents.filter((d) => !terraform.documents.has(d.id)).length,
    plans: terraform.plans,
    states: terraform.states,
    terraformDocuments: terraform.kinds,
    resources: result.resources,
    cwd: ctx.cwd,
    lines: options.format === 'text' ? undefined : findingLines(findings, terraform),
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
  summary: 'Check templates, CDK cloud assemblies (cdk.out) and Terraform plans for settings that lose data.',
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
