/**
 * examples/agent-guardrails stays true: its table of example commands is the
 * one the test table generates. (`test/examples/agent-guardrails.test.ts`
 * runs its install, doctor and replay script.)
 */
import * as fs from 'fs';
import * as path from 'path';
import { renderExamplesTable, replaceTable } from './hook-table';

const DIR = path.resolve(__dirname, '..', '..', '..', 'examples', 'agent-guardrails');

test('the README table matches the test table (regenerate: npx tsc -b && node examples/agent-guardrails/update-table.js)', async () => {
  const readme = fs.readFileSync(path.join(DIR, 'README.md'), 'utf8');
  expect(replaceTable(readme, await renderExamplesTable())).toBe(readme);
});
