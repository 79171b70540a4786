/**
 * examples/agent-guardrails stays true: its settings file runs the hook, and
 * its table of example commands is the one the test table generates.
 */
import * as fs from 'fs';
import * as path from 'path';
import { hookSettings } from '../src/hook/settings';
import { renderExamplesTable, replaceTable } from './hook-table';

const DIR = path.resolve(__dirname, '..', '..', '..', 'examples', 'agent-guardrails');

test('the example settings file is the block `deadbolt hook install` writes', () => {
  const settings = JSON.parse(fs.readFileSync(path.join(DIR, '.claude', 'settings.json'), 'utf8'));
  expect(settings.hooks).toEqual(hookSettings().hooks);
});

test('the README table matches the test table (regenerate: npx tsc -b && node examples/agent-guardrails/update-table.js)', async () => {
  const readme = fs.readFileSync(path.join(DIR, 'README.md'), 'utf8');
  expect(replaceTable(readme, await renderExamplesTable())).toBe(readme);
});
