/**
 * Keeps bench/plan-gate from rotting: its generated plan is a Terraform plan
 * the gate reads, and the gate blocks exactly the stateful deletes and
 * replacements the generator put in. The timings are `npm run bench:plan`'s job.
 */
import { parsePlanText, readPlan, runGate } from '@deadbolt/rules';

// The bench is plain CommonJS: required, not imported, so it is not type-checked here.
const { generatePlan } = require('../bench/plan-gate/run.js') as {
  generatePlan(n: number): { plan: unknown; destructive: string[] };
};
const { replaceSection } = require('../bench/results-file.js') as {
  replaceSection(text: string, name: string, section: string): string;
};

describe('bench/plan-gate', () => {
  test('the generated plan blocks exactly its stateful deletes and replacements', () => {
    const { plan, destructive } = generatePlan(3000);
    expect(destructive).toHaveLength(3);
    const report = runGate(readPlan(parsePlanText(JSON.stringify(plan), 'plan.json'), 'plan.json'));
    expect(report.plan.changes).toHaveLength(3000);
    expect(report.blocked.map((b) => b.change.address)).toEqual(destructive);
  });

  test('each benchmark replaces only its own section of RESULTS.md', () => {
    const results = '# Benchmark results\n\n## synth-overhead\nA\n\n## plan-gate\nold\n\n## other\nB\n';
    expect(replaceSection(results, 'plan-gate', '## plan-gate\nnew\n')).toBe(
      '# Benchmark results\n\n## synth-overhead\nA\n\n## plan-gate\nnew\n\n## other\nB\n',
    );
    expect(replaceSection('# Benchmark results\n\n## synth-overhead\nA\n', 'plan-gate', '## plan-gate\nnew\n')).toBe(
      '# Benchmark results\n\n## synth-overhead\nA\n\n## plan-gate\nnew\n',
    );
  });
});
