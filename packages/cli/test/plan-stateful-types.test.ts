/**
 * `deadbolt plan --stateful-types FILE`, run as the built binary: a type the
 * gate cannot decide is blocked until the user decides it; a stateless
 * declaration lets it through (reported), a stateful one blocks; the file is
 * read strictly (exit 2), and `approve` judges the plan the same way.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { deadbolt, requireBuiltBinary } from './helpers';

let tmp: string;

function change(type: string, name: string, actions: string[], provider: string) {
  return {
    address: `${type}.${name}`,
    mode: 'managed',
    type,
    name,
    provider_name: `registry.terraform.io/${provider}`,
    change: { actions, before: {}, after: actions.includes('create') ? {} : null, after_unknown: {} },
  };
}

const PLAN = {
  format_version: '1.2',
  terraform_version: '1.11.0',
  planned_values: { root_module: {} },
  resource_changes: [
    change('azurerm_mssql_server', 'main', ['delete'], 'hashicorp/azurerm'),
    change('kubernetes_manifest', 'web', ['delete'], 'hashicorp/kubernetes'),
    change('helm_release', 'data', ['delete'], 'hashicorp/helm'),
    change('random_password', 'pw', ['delete', 'create'], 'hashicorp/random'),
  ],
  applyable: true,
  complete: true,
  errored: false,
};

function write(name: string, content: unknown): string {
  fs.writeFileSync(path.join(tmp, name), typeof content === 'string' ? content : JSON.stringify(content));
  return name;
}

function run(args: readonly string[]) {
  return deadbolt(args, { cwd: tmp, env: { DEADBOLT_APPROVAL_SECRET: undefined } });
}

interface JsonGate {
  blocked: Array<{ address: string; data: string; reasons: string[] }>;
  allowed: Array<{ address: string; note: string | null }>;
}

beforeAll(() => {
  requireBuiltBinary();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-types-'));
  write('plan.json', PLAN);
  write('types.json', {
    stateful: { helm_release: 'our charts create their own volume claims' },
    stateless: { 'kubernetes_*': 'our workloads keep data only in cloud disks' },
  });
  write('types.yaml', 'stateless:\n  kubernetes_manifest: stateless pods\n  helm_release: charts without volumes\n');
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('deadbolt plan --stateful-types', () => {
  test('without it, an Azure SQL server and every type nothing decides are blocked; random passes', () => {
    const r = run(['plan', 'plan.json', '--format', 'json']);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as JsonGate;
    expect(report.blocked.map((b) => [b.address, b.data])).toEqual([
      ['azurerm_mssql_server.main', 'stateful'],
      ['kubernetes_manifest.web', 'undecided'],
      ['helm_release.data', 'undecided'],
    ]);
    expect(report.blocked[1].reasons[0]).toBe(
      'Deadbolt does not know whether kubernetes_manifest holds data: decide with --stateful-types.',
    );
    expect(run(['plan', 'plan.json']).stdout).toContain('kubernetes_manifest (undecided type)');
  });

  test('with it, a stateless type is let through and reported; a stateful one is blocked naming the file', () => {
    const r = run(['plan', 'plan.json', '--stateful-types', 'types.json']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      'Declared stateless in types.json: our workloads keep data only in cloud disks; let through.',
    );
    expect(r.stdout).toContain('Declared stateful in types.json: our charts create their own volume claims.');
    // The suggested approval judges the plan as this run did.
    expect(r.stdout).toContain('npx deadbolt approve plan.json --stateful-types types.json --address');
    const json = JSON.parse(
      run(['plan', 'plan.json', '--stateful-types', 'types.json', '-f', 'json']).stdout,
    ) as JsonGate;
    expect(json.blocked.map((b) => b.address)).toEqual(['azurerm_mssql_server.main', 'helm_release.data']);
  });

  test('a YAML file works, and a plan whose only undecided types are declared stateless passes', () => {
    const only = write('only-k8s.json', { ...PLAN, resource_changes: PLAN.resource_changes.slice(1) });
    expect(run(['plan', only]).status).toBe(1);
    const r = run(['plan', only, '--stateful-types', 'types.yaml']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  test.each([
    ['missing', 'nope.json', /nope\.json: no such stateful types file\./],
    ['not JSON or YAML', ['bad-syntax.json', '{"stateful": '], /not valid JSON or YAML/],
    ['a list', ['list.json', '["random_pet"]'], /must be an object with `stateful` and\/or `stateless`/],
    ['a reason missing', ['no-reason.json', '{"stateless": {"random_pet": ""}}'], /has no reason/],
    [
      'a data store declared stateless',
      ['known.json', '{"stateless": {"azurerm_mssql_server": "dev only"}}'],
      /`azurerm_mssql_server` is declared stateless, but Deadbolt knows it holds data/,
    ],
  ])('an unreadable or malformed file (%s) exits 2', (_name, file, message) => {
    const name = Array.isArray(file) ? write(file[0], file[1]) : file;
    const r = run(['plan', 'plan.json', '--stateful-types', name]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  test('approve reads the same file: a change blocked only because it is declared stateful can be approved', () => {
    const args = [
      'approve',
      'plan.json',
      '--address',
      'helm_release.data',
      '--action',
      'delete',
      '--reason',
      'the chart is reinstalled from a snapshot taken today',
      '--expires',
      '2099-01-01',
    ];
    const declared = write('pvc-stateful.json', {
      stateful: { 'helm_*': 'our charts create volume claims' },
      stateless: { kubernetes_manifest: 'pods only' },
    });
    expect(run([...args, '--stateful-types', declared]).status).toBe(0);
    const pass = run(['approve', 'plan.json', ...args.slice(2, 4), '--action', 'delete', ...args.slice(6)]);
    expect(pass.status).toBe(0);
    const web = run([
      'approve',
      'plan.json',
      '--address',
      'kubernetes_manifest.web',
      ...args.slice(4),
      '--stateful-types',
      declared,
    ]);
    expect(web.status).toBe(2);
    expect(web.stderr).toMatch(/is not blocked/);
  });

  test('the help names the option', () => {
    expect(run(['plan', '--help']).stdout).toMatch(/--stateful-types FILE/);
    expect(run(['approve', '--help']).stdout).toMatch(/--stateful-types FILE/);
  });
});
