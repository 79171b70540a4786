/**
 * What `deadbolt check` makes of a cloud assembly's own record of its
 * synthesis (see `input/synthesis-record.ts`).
 *
 * - The options the app's checks ran with are shown, not applied: `deadbolt
 *   check` is the gate a pipeline runs on what was synthesized, and it judges
 *   with its own options (`--severity`, `--min-retention`, `--non-production`),
 *   so an app cannot relax its own gate from inside its code. The summary names
 *   every suppression the app made, with its reason, and how to apply it here.
 * - Error findings the checks recorded at synthesis are findings of this check
 *   too (under its `--rule`, `--severity` and `--non-production`), unless this
 *   check found the same error itself: an assembly written despite its errors
 *   (`cdk synth --ignore-errors`) never passes because this check, with other
 *   options, would not have found them.
 */
import {
  acknowledgeWith,
  normaliseRuleId,
  ruleById,
  suppressions,
  type Finding,
  type OptionsRecord,
  type Rule,
  type Severity,
  type SeverityOverride,
  type StackDocument,
} from '@deadbolt/rules';
import type { RecordedError, SynthesisRecord } from '../input/synthesis-record';

/** One options record of the assembly, as the report shows it. */
export interface SynthesizedWith {
  /** `DataProtectionChecks` or `DataProtectionPlugin`. */
  readonly checker: string;
  /** The stack artifacts (or `validation-report.json`) that carry it. */
  readonly stacks: readonly string[];
  /** What it suppresses, one phrase each; empty when nothing. */
  readonly suppressions: readonly string[];
  readonly record: OptionsRecord;
}

/** The options records of the assemblies, for the report. */
export function synthesizedWith(records: readonly SynthesisRecord[]): SynthesizedWith[] {
  const out: SynthesizedWith[] = [];
  for (const r of records) {
    for (const { record, stacks } of r.options) {
      out.push({
        checker: record.checker,
        stacks,
        suppressions: suppressions(record, { retention: 'minimumBackupRetention' }),
        record,
      });
    }
  }
  return out;
}

/** The recorded errors this check did not find itself, as findings under its options. */
export function recordedFindings(
  records: readonly SynthesisRecord[],
  own: readonly Finding[],
  options: {
    readonly rules: readonly Rule[];
    readonly severities: Readonly<Record<string, SeverityOverride>>;
    readonly nonProduction: boolean;
  },
  documents: readonly StackDocument[],
): Finding[] {
  const found = new Set<string>();
  for (const f of own) {
    if (f.severity !== 'error') continue;
    if (f.resource.path) found.add(`${f.ruleId}\n${f.resource.path}`);
    found.add(`${f.ruleId}\n${f.resource.key}`);
  }
  const selected = new Set(options.rules.map((r) => r.id));
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const r of records) {
    for (const e of r.errors) {
      // `<rule>[acknowledgement-refused]`: the finding of `<rule>`, whose acknowledgement was refused.
      const ruleId = normaliseRuleId(e.ruleId.replace(/\[.*\]$/, ''));
      const rule = ruleById(ruleId);
      if (rule && !selected.has(ruleId)) continue;
      const key = `${ruleId}\n${e.path}`;
      if (found.has(key) || seen.has(key)) continue;
      seen.add(key);
      const override = options.severities[ruleId];
      if (override === 'off') continue;
      let severity: Severity = override ?? 'error';
      if (options.nonProduction && severity === 'error') severity = 'warning';
      out.push(recordedFinding(e, ruleId, rule, severity, documents));
    }
  }
  return out;
}

function recordedFinding(
  e: RecordedError,
  ruleId: string,
  rule: Rule | undefined,
  severity: Severity,
  documents: readonly StackDocument[],
): Finding {
  const doc = e.templatePath ? documents.find((d) => d.templatePath === e.templatePath) : undefined;
  const resource = e.logicalId ? doc?.resources.get(e.logicalId) : undefined;
  // The recorded text up to its "Why:" (the rest is the rule's, given below), without the closing id.
  const text = e.text.replace(/\s*\(deadbolt::[^)]*\)\s*$/, '').split(' Why: ')[0];
  const fix =
    'Fix what the recorded error says and synthesize again without `--ignore-errors`, or accept the risk in the app with a written reason.';
  return {
    ruleId,
    title: rule?.title ?? 'An error the Deadbolt checks recorded at synthesis',
    severity,
    resource: {
      key: `${doc?.id ?? e.templatePath ?? ''}::${e.path}`,
      logicalId: resource?.logicalId ?? e.logicalId ?? e.path.split('/').pop() ?? e.path,
      type: resource?.type ?? (e.logicalId ? 'unknown' : 'AWS::CloudFormation::Stack'),
      path: e.path,
      template: e.templatePath,
      stack: doc?.name,
    },
    message: `The Deadbolt checks recorded this error at synthesis, and the cloud assembly was written despite it (\`cdk synth --ignore-errors\`): ${text}`,
    why: rule?.why ?? 'Synthesis found data at risk; an assembly written despite its errors is not safe to deploy.',
    fix,
    fixes: { cloudformation: fix },
    acknowledgeWith: acknowledgeWith('cdk', ruleId, e.path),
  };
}
