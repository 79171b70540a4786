import { MAXIMUM_BACKUP_INTERVAL_HOURS } from '../../engine/backup-minimums';
import { DEFAULT_BACKUP_SCHEDULE, gapText, judgeBackupSchedule } from '../../engine/backup-schedule';
import { locationOf, rawAt } from '../../engine/read';
import { defineRule, type Violation } from '../../engine/rule';
import { quote, resolveAlternatives, type Resolved } from '../../engine/values';
import type { FixText, NormalisedResource } from '../../model';
import { planRules, type PlanRuleReading } from './plan-rules';

/** What one rule's schedule does, over every value it may take. */
type Verdict =
  | { readonly kind: 'daily' }
  | { readonly kind: 'sparse'; readonly text: string }
  | { readonly kind: 'broken'; readonly text: string; readonly unresolved: boolean };

const FIX: FixText = {
  cloudformation:
    "Set `ScheduleExpression: 'cron(0 3 * * ? *)'` (daily at 03:00 UTC) on at least one rule of the plan, or remove it for AWS Backup's default `cron(0 5 ? * * *)` (daily at 05:00 UTC); give every rule a cron expression whose dates come (`cron(Minutes Hours Day-of-month Month Day-of-week Year)`, one of the two day fields `?`).",
  cdk: "Give at least one `BackupPlanRule` `scheduleExpression: events.Schedule.cron({ minute: '0', hour: '3' })` (or use `BackupPlanRule.daily()`), and give every rule a cron schedule whose dates come.",
  pulumi:
    "Set `schedule: 'cron(0 3 * * ? *)'` (daily at 03:00 UTC) on at least one rule of the `aws.backup.Plan`, and give every rule a cron expression whose dates come.",
  terraform:
    'Set `schedule = "cron(0 3 * * ? *)"` (daily at 03:00 UTC) in at least one `rule` of the `aws_backup_plan`, and give every rule a cron expression whose dates come.',
};

/**
 * Backup plans take a backup at least once a day, and every rule's schedule fires.
 *
 * `ScheduleExpression` is a cron expression in UTC (`cron(Minutes Hours
 * Day-of-month Month Day-of-week Year)`); AWS Backup takes no `rate(…)`, and a
 * rule without one runs daily at 05:00 UTC. An expression whose dates never come
 * (`cron(0 0 31 2 ? *)`, February 31; a year that has passed) is accepted, and
 * the rule then makes no recovery points and no copies, silently. Every rule of
 * a plan backs up every resource its selections pick, so the plan backs up daily
 * when one rule does (a daily rule beside a monthly one is sound); when none
 * does, everything written since the last backup is lost with the resource.
 * Schedules are walked day by day over the next four years, in UTC (a
 * `ScheduleExpressionTimezone` moves the hour, not the gaps). A schedule that
 * cannot be read before deployment is not proven to fire (fail closed).
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupRuleInput.html
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html
 */
export default defineRule({
  id: 'backup-plan-schedule',
  title: 'Backup plans take a backup at least once a day',
  why: 'A rule whose schedule never fires makes no recovery points and no copies, and a plan that backs up less often than daily loses everything written since its last backup.',
  fix: 'Give at least one rule of the plan a cron ScheduleExpression that fires at least daily (or none: AWS Backup then runs it daily), and make every rule fire.',
  severity: 'error',
  resourceTypes: ['AWS::Backup::BackupPlan'],
  cloudformation(plan) {
    const read = planRules(plan);
    // An unreadable plan is reported by backup-plan-retention; without rules there is nothing to schedule.
    if (read.kind === 'unresolved' || read.rules.length === 0) return;
    const now = Date.now();
    const out: Violation[] = [];
    const sparse: string[] = [];
    let unresolved = false;
    let daily = false;
    for (const rule of read.rules) {
      const path = [...rule.path, 'ScheduleExpression'];
      const verdict = judgeRule(plan, rule, path, now);
      if (verdict.kind === 'daily') daily = true;
      else if (verdict.kind === 'sparse') sparse.push(verdict.text);
      else {
        unresolved ||= verdict.unresolved;
        out.push({
          fix: FIX,
          location: locationOf(plan, path),
          detail: `schedule of ${rule.name}`,
          unresolved: verdict.unresolved || undefined,
          message: verdict.text,
        });
      }
    }
    if (!daily && sparse.length > 0) {
      out.push({
        fix: FIX,
        location: locationOf(plan, [...read.rules[0].path, 'ScheduleExpression']),
        detail: 'takes a backup at least every',
        unresolved: unresolved || undefined,
        message: `No rule of the plan takes a backup at least every ${MAXIMUM_BACKUP_INTERVAL_HOURS} hours: ${sparse.join('; ')}. Everything written since the last backup is lost with the resource.`,
      });
    }
    return out;
  },
});

function judgeRule(
  plan: NormalisedResource,
  rule: PlanRuleReading,
  path: readonly (string | number)[],
  now: number,
): Verdict {
  const alternatives = resolveAlternatives(plan.properties, path, plan.document);
  const subject = `The schedule of ${rule.name}`;
  if (alternatives.length === 1) {
    const v = judgeValue(alternatives[0].value, now);
    if (v.kind === 'daily') return v;
    if (v.kind === 'sparse') return { kind: 'sparse', text: `${rule.name} (${v.shown}) ${v.problem}` };
    return {
      kind: 'broken',
      unresolved: v.kind === 'unresolved',
      text:
        v.kind === 'unresolved'
          ? `${subject} is ${v.shown} and cannot be proven to fire: ${v.problem}.`
          : `${subject} is ${v.shown}, which ${v.problem}. The rule makes no recovery points and no copies.`,
    };
  }
  // The expression depends on conditions decided at deploy time: every outcome must fire daily.
  const raw = quote(rawAt(plan.properties, path));
  for (const a of alternatives) {
    const v = judgeValue(a.value, now);
    if (v.kind === 'daily') continue;
    const when = `when ${a.when.join(' and ')}, it is ${v.shown}`;
    return v.kind === 'sparse'
      ? { kind: 'sparse', text: `${rule.name} (${raw}: ${when}, which ${v.problem})` }
      : {
          kind: 'broken',
          unresolved: true,
          text: `${subject} is ${raw} and cannot be proven to fire: ${when}, which ${v.kind === 'unresolved' ? `cannot be read before deployment (${v.problem})` : v.problem}.`,
        };
  }
  return { kind: 'daily' };
}

type ValueVerdict =
  | { readonly kind: 'daily' }
  | { readonly kind: 'sparse' | 'broken' | 'unresolved'; readonly shown: string; readonly problem: string };

function judgeValue(r: Resolved, now: number): ValueVerdict {
  if (r.kind === 'unresolved') return { kind: 'unresolved', shown: quote(r.expression, 60), problem: r.reason };
  // Unset (and the empty string a provider may write for it): AWS Backup's daily default.
  if (r.kind === 'absent' || r.value === null || r.value === '') return judgeValue(known(DEFAULT_BACKUP_SCHEDULE), now);
  if (typeof r.value !== 'string') {
    return { kind: 'broken', shown: quote(r.value, 60), problem: 'is not a schedule expression (a string)' };
  }
  const shown = `\`${r.value.length > 80 ? `${r.value.slice(0, 79)}…` : r.value}\``;
  const j = judgeBackupSchedule(r.value, now);
  switch (j.kind) {
    case 'invalid':
      return { kind: 'broken', shown, problem: `cannot be read as a schedule AWS Backup takes: ${j.reason}` };
    case 'never':
      return { kind: 'broken', shown, problem: `never fires: ${j.reason}` };
    case 'fires':
      return j.daily ? { kind: 'daily' } : { kind: 'sparse', shown, problem: gapText(j) };
  }
}

function known(value: unknown): Resolved {
  return { kind: 'known', value };
}
