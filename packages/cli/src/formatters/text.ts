/**
 * The human format: findings grouped by template, one block per finding
 * (what, why, fix, how to acknowledge), then a summary line.
 */
import { acknowledgementTerm, plural, type Finding, type Rule } from '@deadbolt/rules';
import { summaryLine, synthesizedWithLine, templateOf, type CheckReport } from './report';

export interface TextOptions {
  /** ANSI colors (only when stdout is a terminal and NO_COLOR is unset). @default false */
  readonly color?: boolean;
}

const ANSI = { red: 31, yellow: 33, cyan: 36, green: 32, bold: 1, dim: 2 } as const;

function painter(color: boolean) {
  return (style: keyof typeof ANSI, text: string): string => (color ? `\u001b[${ANSI[style]}m${text}\u001b[0m` : text);
}

export function formatText(report: CheckReport, options: TextOptions = {}): string {
  const paint = painter(options.color === true);
  const groups = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const key = templateOf(f, report.cwd) ?? f.resource.stack ?? '<unknown template>';
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(f);
  }
  const out: string[] = [];
  for (const [template, findings] of groups) {
    const stack = findings[0].resource.stack;
    const base = template.split('/').pop() ?? template;
    // The stack is named only when the file name does not already say it (`Top.template.json` holds `Top`).
    const named = !stack || stack === template || base === stack || base.startsWith(`${stack}.`);
    // A `.tf` file's findings come from a plan (or state) that is not a stack.
    const kind = stack === undefined ? undefined : report.terraformDocuments?.get(stack);
    out.push(paint('bold', template) + (named ? '' : ` (${kind ?? 'stack'} ${stack})`));
    for (const f of findings) out.push('', ...findingBlock(f, paint, kind !== undefined));
    out.push('');
  }
  const summary = summaryLine(report);
  const synthesized = synthesizedWithLine(report);
  if (synthesized) out.push(paint('yellow', synthesized));
  const errors = report.findings.some((f) => f.severity === 'error');
  const warnings = report.findings.some((f) => f.severity === 'warning');
  out.push(paint(errors ? 'red' : warnings ? 'yellow' : 'green', summary));
  return `${out.join('\n')}\n`;
}

function findingBlock(f: Finding, paint: ReturnType<typeof painter>, terraform = false): string[] {
  const label =
    f.severity === 'error'
      ? paint('red', 'error')
      : f.severity === 'warning'
        ? paint('yellow', 'warning')
        : paint('cyan', 'info');
  // A Terraform address names its type (`aws_db_instance.main`); the CloudFormation type it is judged as is not the user's.
  const where = terraform
    ? (f.resource.path ?? f.resource.logicalId)
    : `${f.resource.path ?? f.resource.logicalId} (${f.resource.type})`;
  const lines = [
    `  ${label}  ${paint('bold', f.ruleId)}  ${where}${f.acknowledged ? `  ${paint('cyan', '[acknowledged]')}` : ''}`,
  ];
  lines.push(`    ${f.message}`);
  lines.push(`    ${paint('dim', 'Why:')} ${f.why}`);
  lines.push(`    ${paint('dim', 'Fix:')} ${f.fix}`);
  if (f.acknowledged) {
    const at = f.acknowledged.source ? ` at ${f.acknowledged.source}` : '';
    lines.push(
      `    ${paint('dim', `Acknowledged${at}:`)} ${f.acknowledged.reason} (${acknowledgementTerm(f.acknowledged)})`,
    );
  } else {
    if (f.acknowledgementRefused)
      lines.push(`    ${paint('yellow', 'Acknowledgement refused:')} ${f.acknowledgementRefused}`);
    lines.push(`    ${paint('dim', 'Acknowledge:')} ${f.acknowledgeWith}`);
  }
  return lines;
}

/** `deadbolt rules`: one block per rule. */
export function formatRulesText(rules: readonly Rule[]): string {
  const out: string[] = [];
  for (const r of rules) {
    out.push(`${r.id}  ${r.severity}  ${r.title}`);
    out.push(`  Resource types: ${r.resourceTypes.length ? r.resourceTypes.join(', ') : '(the stack)'}`);
    out.push(`  Why: ${r.why}`);
    out.push(`  Fix: ${r.fix}`);
    out.push('');
  }
  out.push(`${plural(rules.length, 'rule')}.`);
  return `${out.join('\n')}\n`;
}
