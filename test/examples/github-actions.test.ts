/**
 * examples/github-actions: the workflows users copy. Each is valid for GitHub
 * Actions (GitHub's own workflow parser and schema, `@actions/workflow-parser`),
 * pins every action to a commit with its version beside it, grants the least
 * permissions (code-scanning writes only where SARIF is uploaded), and its
 * Deadbolt steps, run as written by bash with the built CLI behind `npx`, fail
 * the job on findings (exit 1), pass a clean input (exit 0), and leave a SARIF
 * 2.1.0 file that code scanning accepts.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { BIN, npxShim, runStep } from './workflow-shell';

const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLE = path.join(ROOT, 'examples', 'github-actions');
const WORKFLOWS = fs
  .readdirSync(EXAMPLE)
  .filter((f) => f.endsWith('.yml'))
  .sort();

interface Step {
  readonly uses?: string;
  readonly run?: string;
  readonly name?: string;
  readonly if?: string;
  readonly with?: Record<string, unknown>;
}
interface Job {
  readonly permissions?: Record<string, string>;
  readonly steps: Step[];
  readonly defaults?: { run?: { 'working-directory'?: string } };
}
interface Workflow {
  readonly permissions?: Record<string, string>;
  readonly jobs: Record<string, Job>;
}

function workflow(file: string): Workflow {
  return parse(fs.readFileSync(path.join(EXAMPLE, file), 'utf8')) as Workflow;
}

/** The steps of a workflow that run Deadbolt, with the job's working directory. */
function deadboltSteps(file: string): Array<{ step: Step; workingDirectory: string }> {
  const out: Array<{ step: Step; workingDirectory: string }> = [];
  for (const job of Object.values(workflow(file).jobs)) {
    for (const step of job.steps) {
      if (step.run && /\bdeadbolt\b/.test(step.run))
        out.push({ step, workingDirectory: job.defaults?.run?.['working-directory'] ?? '.' });
    }
  }
  return out;
}

/** What GitHub code scanning requires of an uploaded SARIF file, beyond parsing as JSON. */
function sarifProblems(text: string): string[] {
  const problems: string[] = [];
  const log = JSON.parse(text) as { version?: string; $schema?: string; runs?: Array<Record<string, any>> };
  if (log.version !== '2.1.0') problems.push(`version is ${JSON.stringify(log.version)}, not "2.1.0"`);
  if (!log.$schema?.includes('sarif-schema-2.1.0')) problems.push('$schema does not name SARIF 2.1.0');
  if (!Array.isArray(log.runs) || log.runs.length === 0) return [...problems, 'no runs'];
  for (const run of log.runs) {
    const driver = run.tool?.driver;
    if (typeof driver?.name !== 'string' || driver.name === '') problems.push('a run has no tool.driver.name');
    const ruleIds = new Set((driver?.rules ?? []).map((r: { id: string }) => r.id));
    for (const r of driver?.rules ?? []) {
      if (typeof r.id !== 'string' || !r.shortDescription?.text)
        problems.push(`rule ${r.id} has no id or shortDescription.text`);
    }
    if (!Array.isArray(run.results)) problems.push('a run has no results array');
    for (const result of run.results ?? []) {
      if (typeof result.message?.text !== 'string' || result.message.text === '')
        problems.push(`a result of ${result.ruleId} has no message.text`);
      if (!ruleIds.has(result.ruleId)) problems.push(`result ruleId ${result.ruleId} is not among the driver's rules`);
      if (!['error', 'warning', 'note', 'none', undefined].includes(result.level))
        problems.push(`a result has level ${result.level}`);
      const uri = result.locations?.[0]?.physicalLocation?.artifactLocation?.uri;
      if (typeof uri !== 'string' || uri === '' || path.isAbsolute(uri))
        problems.push(
          `a result of ${result.ruleId} has no relative locations[0].physicalLocation.artifactLocation.uri (got ${JSON.stringify(uri)})`,
        );
      const line = result.locations?.[0]?.physicalLocation?.region?.startLine;
      if (line !== undefined && !(Number.isInteger(line) && line >= 1))
        problems.push(`a result of ${result.ruleId} has startLine ${line}`);
    }
  }
  return problems;
}

/** Runs a compiled example CDK app the way the CDK CLI does, into `outdir`. */
function synth(app: string, outdir: string): void {
  const example = path.join(ROOT, 'examples', 'cdk-unsafe-legacy');
  const context = (JSON.parse(fs.readFileSync(path.join(example, 'cdk.json'), 'utf8')) as { context: unknown }).context;
  const r = spawnSync(process.execPath, [path.join(example, 'lib', 'src', app)], {
    cwd: example,
    encoding: 'utf8',
    env: { ...process.env, CDK_OUTDIR: outdir, CDK_CONTEXT_JSON: JSON.stringify(context) },
  });
  expect(r.status).toBe(0);
}

describe('examples/github-actions', () => {
  let shim: string;

  beforeAll(() => {
    if (!fs.existsSync(BIN)) throw new Error(`${BIN} does not exist: run \`npx tsc -b\` first.`);
    shim = npxShim();
  });

  test('the three workflows are there, with a README', () => {
    expect(WORKFLOWS).toEqual(['deadbolt-cdk.yml', 'deadbolt-pulumi-preview.yml', 'deadbolt-terraform-plan.yml']);
    const readme = fs.readFileSync(path.join(EXAMPLE, 'README.md'), 'utf8');
    for (const file of WORKFLOWS) expect(readme).toContain(`(${file})`);
  });

  test("GitHub's workflow parser accepts each workflow", () => {
    const dir = path.join(__dirname, 'github-actions');
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        path.join(dir, 'register-json-import-hook.mjs'),
        path.join(dir, 'validate-workflows.mjs'),
        ...WORKFLOWS.map((f) => path.join(EXAMPLE, f)),
      ],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const errors = JSON.parse(r.stdout) as Record<string, string[]>;
    expect(Object.keys(errors)).toHaveLength(WORKFLOWS.length);
    for (const found of Object.values(errors)) expect(found).toEqual([]);
  });

  test('the parser rejects a broken workflow (the check is not vacuous)', () => {
    const broken = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-wf-')), 'broken.yml');
    fs.writeFileSync(
      broken,
      fs
        .readFileSync(path.join(EXAMPLE, 'deadbolt-cdk.yml'), 'utf8')
        .replace('security-events: write', 'security-events: writ')
        .replace("hashFiles('deadbolt.sarif')", "hashFile('deadbolt.sarif')"),
    );
    const dir = path.join(__dirname, 'github-actions');
    const r = spawnSync(
      process.execPath,
      ['--import', path.join(dir, 'register-json-import-hook.mjs'), path.join(dir, 'validate-workflows.mjs'), broken],
      { cwd: ROOT, encoding: 'utf8' },
    );
    const errors = (JSON.parse(r.stdout) as Record<string, string[]>)[broken];
    expect(errors.some((e) => /Unexpected value 'writ'/.test(e))).toBe(true);
    expect(errors.some((e) => /Unrecognized function: 'hashFile'/.test(e))).toBe(true);
  });

  test.each(WORKFLOWS)('%s pins every action to a commit SHA, with its version in a comment', (file) => {
    const lines = fs
      .readFileSync(path.join(EXAMPLE, file), 'utf8')
      .split('\n')
      .filter((l) => /^\s*(?:-\s+)?uses:/.test(l));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
  });

  test.each(WORKFLOWS)('%s: read-only by default; code-scanning writes only in the job that uploads SARIF', (file) => {
    const wf = workflow(file);
    expect(wf.permissions).toEqual({ contents: 'read' });
    for (const job of Object.values(wf.jobs)) {
      const uploads = job.steps.some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
      expect(job.permissions?.['security-events'] === 'write').toBe(uploads);
      expect(job.permissions?.contents).toBe('read');
      for (const [scope, level] of Object.entries(job.permissions ?? {})) {
        expect([
          ['contents', 'read'],
          ['security-events', 'write'],
          ['id-token', 'write'],
        ]).toContainEqual([scope, level]);
      }
      // The upload runs after a failed check (that is when there is something to see), but not without a report.
      for (const s of job.steps.filter((st) => st.uses?.startsWith('github/codeql-action/upload-sarif@'))) {
        expect(s.if).toMatch(/!cancelled\(\) && hashFiles\('[^']*deadbolt\.sarif'\) != ''/);
      }
    }
  });

  test.each(WORKFLOWS)(
    "%s: the Deadbolt step's exit code is the job's (nothing after the text report swallows it)",
    (file) => {
      const steps = deadboltSteps(file);
      expect(steps).toHaveLength(1);
      const last = steps[0].step.run!.trim().split('\n').pop()!;
      expect(last).toMatch(/^npx (deadbolt|--yes @deadbolt\/cli@[\d.]+) (check|plan) /);
      expect(last).not.toMatch(/\|\||continue-on-error|; *true/);
    },
  );

  describe('the Deadbolt steps, run as written', () => {
    /** Runs the workflow's Deadbolt step in `workspace`; returns its exit code and the SARIF it left. */
    function runDeadboltStep(file: string, workspace: string) {
      const [{ step, workingDirectory }] = deadboltSteps(file);
      const cwd = path.join(workspace, workingDirectory);
      fs.rmSync(path.join(cwd, 'deadbolt.sarif'), { force: true });
      const r = runStep(step.run!, cwd, shim);
      const sarif = path.join(cwd, 'deadbolt.sarif');
      return { ...r, sarif: fs.existsSync(sarif) ? fs.readFileSync(sarif, 'utf8') : undefined };
    }

    test('CDK: the unsafe app fails the job with its findings; the fixed app passes; the SARIF is code-scanning ready', () => {
      const unsafe = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-gha-cdk-'));
      synth('unsafe-app.js', path.join(unsafe, 'cdk.out'));
      const failed = runDeadboltStep('deadbolt-cdk.yml', unsafe);
      expect(failed.status).toBe(1);
      expect(failed.stdout).toContain('rds-deletion-protection');
      expect(failed.stdout).toMatch(/\d+ errors?, \d+ warnings? in 1 template \(\d+ resources?\)/);
      expect(sarifProblems(failed.sarif!)).toEqual([]);
      const results = (
        JSON.parse(failed.sarif!) as { runs: Array<{ results: Array<{ ruleId: string; level: string }> }> }
      ).runs[0].results;
      expect(results.some((r) => r.ruleId === 'rds-deletion-protection' && r.level === 'error')).toBe(true);

      const fixed = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-gha-cdk-'));
      synth('fixed-app.js', path.join(fixed, 'cdk.out'));
      const passed = runDeadboltStep('deadbolt-cdk.yml', fixed);
      expect(passed.stderr).toBe('');
      expect(passed.status).toBe(0);
      expect(sarifProblems(passed.sarif!)).toEqual([]);
    }, 120_000);

    test('CDK: a missing cloud assembly (synth wrote nothing) fails the job with exit 2, never a pass', () => {
      const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-gha-cdk-'));
      expect(runDeadboltStep('deadbolt-cdk.yml', empty).status).toBe(2);
    });

    test('Terraform: a destroy fails the job, approvals in deploy/approvals.json let it through, a safe plan passes', () => {
      const plans = path.join(ROOT, 'examples', 'terraform-gate', 'plans');
      const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-gha-tf-'));
      fs.mkdirSync(path.join(workspace, 'infra'));
      fs.copyFileSync(path.join(plans, 'destroy.json'), path.join(workspace, 'infra', 'plan.json'));
      const blocked = runDeadboltStep('deadbolt-terraform-plan.yml', workspace);
      expect(blocked.status).toBe(1);
      expect(blocked.stdout).toContain('BLOCKED: 2 blocked, 0 approved, 2 let through (4 changes).');
      expect(sarifProblems(blocked.sarif!)).toEqual([]);
      expect((JSON.parse(blocked.sarif!) as { runs: Array<{ results: unknown[] }> }).runs[0].results).toHaveLength(2);

      fs.mkdirSync(path.join(workspace, 'deploy'));
      fs.copyFileSync(
        path.join(ROOT, 'examples', 'terraform-gate', 'deploy', 'approvals.json'),
        path.join(workspace, 'deploy', 'approvals.json'),
      );
      const approved = runDeadboltStep('deadbolt-terraform-plan.yml', workspace);
      expect(approved.stdout).toContain('PASSED: 0 blocked, 2 approved, 2 let through (4 changes).');
      expect(approved.status).toBe(0);
      expect(sarifProblems(approved.sarif!)).toEqual([]);

      fs.copyFileSync(path.join(plans, 'safe.json'), path.join(workspace, 'infra', 'plan.json'));
      fs.rmSync(path.join(workspace, 'deploy'), { recursive: true });
      expect(runDeadboltStep('deadbolt-terraform-plan.yml', workspace).status).toBe(0);
    });

    test('Pulumi: a preview that deletes a database fails the job; one that changes nothing passes', () => {
      const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-gha-pulumi-'));
      const urn = 'urn:pulumi:prod::orders::aws:rds/instance:Instance::records';
      const state = {
        urn,
        custom: true,
        type: 'aws:rds/instance:Instance',
        inputs: { deletionProtection: true },
        outputs: { deletionProtection: true },
      };
      fs.writeFileSync(
        path.join(workspace, 'preview.json'),
        JSON.stringify({ steps: [{ op: 'delete', urn, oldState: state }] }),
      );
      const blocked = runDeadboltStep('deadbolt-pulumi-preview.yml', workspace);
      expect(blocked.status).toBe(1);
      expect(blocked.stdout).toContain(urn);
      expect(sarifProblems(blocked.sarif!)).toEqual([]);

      fs.writeFileSync(
        path.join(workspace, 'preview.json'),
        JSON.stringify({ steps: [{ op: 'same', urn, oldState: state, newState: state }] }),
      );
      const passed = runDeadboltStep('deadbolt-pulumi-preview.yml', workspace);
      expect(passed.status).toBe(0);
      expect(sarifProblems(passed.sarif!)).toEqual([]);
    });
  });
});
