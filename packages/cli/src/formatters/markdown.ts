/** The rule catalogue as a Markdown table (the rules README carries it between markers). */
import type { Rule } from '@deadbolt/rules';

export const RULES_START_MARKER = '<!-- rules:start -->';
export const RULES_END_MARKER = '<!-- rules:end -->';

/** Types listed in full up to this many; beyond it, the first few and a count. */
const MAX_TYPES = 4;

function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').trim();
}

function types(rule: Rule): string {
  const list = rule.resourceTypes.map((t) => `\`${t}\``);
  if (list.length === 0) return 'the stack';
  if (list.length <= MAX_TYPES) return list.join(', ');
  return `${list.slice(0, MAX_TYPES - 1).join(', ')} and ${list.length - MAX_TYPES + 1} more`;
}

/** `| Rule | Severity | Requirement | Resource types | Why | Fix |`, one row per rule, in catalogue order. */
export function formatRulesMarkdown(rules: readonly Rule[]): string {
  const rows = [
    '| Rule | Severity | Requirement | Resource types | Why | Fix |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rules.map(
      (r) => `| \`${r.id}\` | ${r.severity} | ${cell(r.title)} | ${types(r)} | ${cell(r.why)} | ${cell(r.fix)} |`,
    ),
  ];
  return `${rows.join('\n')}\n`;
}

/** Replaces what is between the rules markers of `readme` with `table`; throws when the markers are missing. */
export function replaceRulesTable(readme: string, table: string): string {
  const start = readme.indexOf(RULES_START_MARKER);
  const end = readme.indexOf(RULES_END_MARKER);
  if (start < 0 || end < start)
    throw new Error(`The README has no ${RULES_START_MARKER} … ${RULES_END_MARKER} section.`);
  return `${readme.slice(0, start + RULES_START_MARKER.length)}\n${table}${readme.slice(end)}`;
}

/** What is between the rules markers, as `replaceRulesTable` writes it. */
export function rulesTableIn(readme: string): string | undefined {
  const start = readme.indexOf(RULES_START_MARKER);
  const end = readme.indexOf(RULES_END_MARKER);
  if (start < 0 || end < start) return undefined;
  return readme.slice(start + RULES_START_MARKER.length + 1, end);
}
