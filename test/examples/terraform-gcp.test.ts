/**
 * examples/terraform-gcp: runs the built CLI (`npx tsc -b` first) on the
 * committed plans the way the README does, and holds the README's table of
 * findings to what `deadbolt check` reports, so the two cannot drift apart.
 * Three processes: check the unsafe plan, check the fixed plan, gate the
 * destroy plan.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const EXAMPLE = path.resolve(__dirname, '..', '..', 'examples', 'terraform-gcp');
const BIN = path.resolve(__dirname, '..', '..', 'packages', 'cli', 'lib', 'src', 'bin', 'deadbolt.js');

function deadbolt(args: readonly string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.DEADBOLT_APPROVAL_SECRET;
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: EXAMPLE, encoding: 'utf8', env, timeout: 30_000 });
  if (r.error) throw r.error;
  return r;
}

/** The README's table of the unsafe plan's findings: `| \`rule-id\` | \`address\` | … |` rows, by address. */
function promised(): Map<string, string[]> {
  const readme = fs.readFileSync(path.join(EXAMPLE, 'README.md'), 'utf8');
  const out = new Map<string, string[]>();
  for (const m of readme.matchAll(/^\| `([a-z0-9-]+)` \| `(google_[a-z0-9_]+\.[a-z0-9_]+)` \|/gm)) {
    out.set(m[2], [...(out.get(m[2]) ?? []), m[1]].sort());
  }
  return out;
}

interface JsonFinding {
  readonly ruleId: string;
  readonly severity: string;
  readonly logicalId: string;
  readonly template: string;
  /** The fix in the input's idiom: HCL for a Terraform plan. */
  readonly fix: string;
}

describe('examples/terraform-gcp', () => {
  beforeAll(() => {
    if (!fs.existsSync(BIN)) throw new Error(`${BIN} does not exist: run \`npx tsc -b\` before these tests.`);
  });

  test('deadbolt check unsafe/plan.json exits 1 with the findings the README lists, each with its HCL fix', () => {
    const r = deadbolt(['check', 'unsafe/plan.json', '--format', 'json']);
    expect({ exit: r.status, stderr: r.stderr }).toEqual({ exit: 1, stderr: '' });
    const findings = (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings.filter(
      (f) => f.severity === 'error',
    );
    const byAddress = new Map<string, string[]>();
    for (const f of findings) byAddress.set(f.logicalId, [...(byAddress.get(f.logicalId) ?? []), f.ruleId].sort());
    const table = promised();
    expect([...table.keys()]).toContain('google_sql_database_instance.orders');
    expect(Object.fromEntries([...byAddress].sort())).toEqual(Object.fromEntries([...table].sort()));
    for (const f of findings) {
      // The plan's configuration is read beside it: each finding points at the .tf file and gives the HCL to write.
      expect(f.template).toBe('unsafe/main.tf');
      expect(f.fix).toMatch(/`[a-z_]+ (=|\{)/);
    }
  });

  test('deadbolt check fixed/plan.json exits 0', () => {
    const r = deadbolt(['check', 'fixed/plan.json', '--format', 'json']);
    expect({ exit: r.status, stderr: r.stderr }).toEqual({ exit: 0, stderr: '' });
    const errors = (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings.filter((f) => f.severity === 'error');
    expect(errors).toEqual([]);
  });

  test('deadbolt plan fixed/destroy-plan.json blocks the destroy of every store, the vault included', () => {
    const r = deadbolt(['plan', 'fixed/destroy-plan.json', '--format', 'json']);
    expect({ exit: r.status, stderr: r.stderr }).toEqual({ exit: 1, stderr: '' });
    const blocked = (JSON.parse(r.stdout) as { blocked: { address: string; action: string }[] }).blocked;
    expect(blocked.map((b) => b.address)).toEqual(
      expect.arrayContaining([
        'google_backup_dr_backup_vault.orders',
        'google_bigquery_dataset.analytics',
        'google_sql_database_instance.orders',
        'google_storage_bucket.invoices',
      ]),
    );
    for (const b of blocked) expect(b.action).toBe('delete');
  });
});
