/**
 * The table of example commands in examples/agent-guardrails/README.md,
 * generated from the hook's test table with the decisions the analysis
 * actually gives. `hook-examples.test.ts` keeps the README in step;
 * `node examples/agent-guardrails/update-table.js` (after `npx tsc -b`)
 * rewrites it.
 */
import { analyseCommand } from '../src/hook/analyse';
import { CWD, FILES, HOOK_CASES, type HookCase } from './hook-cases';

export const TABLE_START =
  '<!-- hook-table:start (generated from packages/cli/test/hook-cases.ts: node examples/agent-guardrails/update-table.js) -->';
export const TABLE_END = '<!-- hook-table:end -->';

/** Up to `perGroup` cases of each group of the test table, in table order. */
export function exampleCases(perGroup = 2): HookCase[] {
  const seen = new Map<string, number>();
  return HOOK_CASES.filter((c) => {
    const n = seen.get(c.about) ?? 0;
    seen.set(c.about, n + 1);
    return n < perGroup && !c.command.includes('\n') && c.command.length <= 90;
  });
}

const cell = (s: string): string => s.replace(/\|/g, '\\|');

/** The Markdown table, markers included. */
export async function renderExamplesTable(): Promise<string> {
  const rows: string[] = [];
  for (const c of exampleCases()) {
    const a = await analyseCommand(c.command, { cwd: CWD, env: {}, readFile: (f) => FILES[f] });
    const code = c.command.includes('`') ? `\`\` ${cell(c.command)} \`\`` : `\`${cell(c.command)}\``;
    rows.push(`| ${code} | ${a.decision === 'allow' ? 'allow' : `**${a.decision}**`} | ${cell(c.about)} |`);
  }
  return [TABLE_START, '', '| Command line | Decision | Case |', '|---|---|---|', ...rows, '', TABLE_END].join('\n');
}

/** `readme` with the table between the markers replaced. */
export function replaceTable(readme: string, table: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error('The README has no hook-table markers.');
  return readme.slice(0, start) + table + readme.slice(end + TABLE_END.length);
}
