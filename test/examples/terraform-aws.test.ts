/**
 * examples/terraform-aws: the README's two commands, run as written (bash, with
 * `npx deadbolt` answered by the built CLI: `npx tsc -b` first), give the exit
 * codes it promises and, for the unsafe plan, exactly the findings of its
 * table; the CI workflow is valid for GitHub Actions and its Check step fails
 * on the unsafe plan with a SARIF report that points at the `.tf` files.
 * Three process spawns in all.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { BIN, CLI_VERSION, npxShim, runStep } from './workflow-shell';

const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLE = path.join(ROOT, 'examples', 'terraform-aws');
const WORKFLOW = path.join(EXAMPLE, '.github', 'workflows', 'deadbolt-check.yml');
const README = fs.readFileSync(path.join(EXAMPLE, 'README.md'), 'utf8');

/** Runs a script as GitHub's `bash` shell does, with the built CLI behind `npx`. */
function bash(script: string, cwd: string) {
  return runStep(script, cwd, npxShim());
}

/** The README's commands: `npx deadbolt check <dir>/plan.json` with the exit code its comment promises. */
function readmeCommands(): Array<{ command: string; exit: number }> {
  return [...README.matchAll(/^(npx deadbolt check \S+\/plan\.json)\s+# exit (\d)/gm)].map((m) => ({
    command: m[1],
    exit: Number(m[2]),
  }));
}

/** The README's table of findings: every (rule id, address) pair it lists. */
function readmeFindings(): string[] {
  const out: string[] = [];
  for (const row of README.split('\n').filter((l) => /^\| `[a-z0-9-]+`/.test(l))) {
    const [, rule, resources] = row.split('|').map((c) => c.trim());
    const id = /^`([a-z0-9-]+)`/.exec(rule)![1];
    for (const m of resources.matchAll(/`([^`]+)`/g)) out.push(`${id} ${m[1]}`);
  }
  return out.sort();
}

/** (rule id, address) of every error and warning in the text report. */
function reportedFindings(text: string): string[] {
  return [...text.matchAll(/^\s+(?:error|warning)\s+([a-z0-9-]+)\s+(\S+)/gm)].map((m) => `${m[1]} ${m[2]}`).sort();
}

describe('examples/terraform-aws', () => {
  beforeAll(() => {
    if (!fs.existsSync(BIN)) throw new Error(`${BIN} does not exist: run \`npx tsc -b\` first.`);
  });

  test('each .tf resource block is in its plan, and each planned resource has its block', () => {
    for (const dir of ['unsafe', 'fixed']) {
      const tf = fs
        .readdirSync(path.join(EXAMPLE, dir))
        .filter((f) => f.endsWith('.tf'))
        .map((f) => fs.readFileSync(path.join(EXAMPLE, dir, f), 'utf8'))
        .join('\n');
      const blocks = [...tf.matchAll(/^resource "([\w-]+)" "([\w-]+)"/gm)].map((m) => `${m[1]}.${m[2]}`).sort();
      const plan = JSON.parse(fs.readFileSync(path.join(EXAMPLE, dir, 'plan.json'), 'utf8')) as {
        format_version: string;
        resource_changes: Array<{ address: string; change: { actions: string[] } }>;
        configuration: { root_module: { resources: Array<{ address: string }> } };
      };
      expect(plan.format_version).toBe('1.2');
      expect(plan.resource_changes.map((c) => c.address).sort()).toEqual(blocks);
      expect(plan.configuration.root_module.resources.map((r) => r.address).sort()).toEqual(blocks);
      expect(new Set(plan.resource_changes.flatMap((c) => c.change.actions))).toEqual(new Set(['create']));
    }
  });

  test("the README's commands, run as written: the unsafe plan fails with the table's findings, the fixed one passes", () => {
    const commands = readmeCommands();
    expect(commands.map((c) => c.command)).toEqual([
      'npx deadbolt check unsafe/plan.json',
      'npx deadbolt check fixed/plan.json',
    ]);
    expect(commands.map((c) => c.exit)).toEqual([1, 0]);
    // One shell runs both, each report and exit code kept apart.
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-tf-aws-'));
    const script = commands
      .map((c, i) => `set +e; ${c.command} > "${out}/${i}.out" 2> "${out}/${i}.err"; echo $? > "${out}/${i}.code"`)
      .join('\n');
    expect(bash(script, EXAMPLE).status).toBe(0);
    const result = (i: number) => ({
      exit: Number(fs.readFileSync(path.join(out, `${i}.code`), 'utf8')),
      stdout: fs.readFileSync(path.join(out, `${i}.out`), 'utf8'),
      stderr: fs.readFileSync(path.join(out, `${i}.err`), 'utf8'),
    });
    const unsafe = result(0);
    expect({ exit: unsafe.exit, stderr: unsafe.stderr }).toEqual({ exit: 1, stderr: '' });
    expect(reportedFindings(unsafe.stdout)).toEqual(readmeFindings());
    // The fix is HCL, in Terraform's names.
    expect(unsafe.stdout).toContain('deletion_protection = true');
    const fixed = result(1);
    expect({ exit: fixed.exit, stderr: fixed.stderr, findings: reportedFindings(fixed.stdout) }).toEqual({
      exit: 0,
      stderr: '',
      findings: ['s3-cross-account-replication aws_s3_bucket.exports'],
    });
  });

  test("the workflow: GitHub's parser accepts it; its Check step fails on the unsafe plan and leaves SARIF on the .tf lines", () => {
    const wf = parse(fs.readFileSync(WORKFLOW, 'utf8')) as {
      permissions: Record<string, string>;
      jobs: Record<string, { steps: Array<{ name?: string; run?: string; uses?: string }>; defaults: any }>;
    };
    expect(wf.permissions).toEqual({ contents: 'read' });
    const job = Object.values(wf.jobs)[0];
    for (const s of job.steps.filter((st) => st.uses)) expect(s.uses).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
    const check = job.steps.find((s) => s.run && /deadbolt/.test(s.run))!;
    expect(check.run!.trim().split('\n').pop()).toBe(`npx --yes @deadbolt/cli@${CLI_VERSION} check plan.json`);

    // The step as written, in a checkout whose infra/ is the unsafe configuration with its plan; then the parser.
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-tf-aws-ci-'));
    const infra = path.join(workspace, job.defaults.run['working-directory']);
    fs.cpSync(path.join(EXAMPLE, 'unsafe'), infra, { recursive: true });
    fs.writeFileSync(path.join(workspace, 'step.sh'), check.run!);
    const dir = path.join(__dirname, 'github-actions');
    const r = bash(
      [
        'set +e',
        `(cd "${infra}" && bash --noprofile --norc -eo pipefail "${workspace}/step.sh") > "${workspace}/step.out"`,
        `echo $? > "${workspace}/step.code"`,
        `"$NODE" --import "${dir}/register-json-import-hook.mjs" "${dir}/validate-workflows.mjs" "${WORKFLOW}"`,
      ].join('\n'),
      ROOT,
    );
    expect(JSON.parse(r.stdout)).toEqual({ [WORKFLOW]: [] });
    expect(Number(fs.readFileSync(path.join(workspace, 'step.code'), 'utf8'))).toBe(1);
    expect(fs.readFileSync(path.join(workspace, 'step.out'), 'utf8')).toContain('rds-deletion-protection');
    const sarif = JSON.parse(fs.readFileSync(path.join(infra, 'deadbolt.sarif'), 'utf8')) as {
      version: string;
      runs: Array<{ results: Array<{ ruleId: string; locations: any[] }> }>;
    };
    expect(sarif.version).toBe('2.1.0');
    const db = sarif.runs[0].results.find((x) => x.ruleId === 'rds-deletion-protection')!;
    const tf = fs.readFileSync(path.join(infra, 'database.tf'), 'utf8').split('\n');
    expect(db.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'database.tf' },
      region: { startLine: tf.indexOf('resource "aws_db_instance" "records" {') + 1 },
    });
  });
});
