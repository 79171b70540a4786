/**
 * Keeps bench/iam-audit from rotting: its generator writes an export that
 * `readAuthorizationDetails` reads whole (every principal, no policy left
 * unresolved, the CDK deploy role reaching AdministratorAccess through its
 * execution role), and one round of run.js on a small account, without
 * writing RESULTS.md, prints every row of the report. The timings are
 * `npm run bench:iam`'s job. Uses the compiled packages (`npx tsc -b` first).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { auditAccount, readAuthorizationDetails } from '@deadbolt/rules';

const ROOT = path.join(__dirname, '..');
const RESULTS = path.join(ROOT, 'bench', 'RESULTS.md');

// The bench is plain CommonJS: required, not imported, so it is not type-checked here.
const { generateAuthorizationDetails, ACCOUNT } = require('../bench/iam-audit/generate.js') as {
  generateAuthorizationDetails(options: { roles: number; policies: number; awsManaged?: boolean }): {
    details: { RoleDetailList: unknown[]; UserDetailList: unknown[]; Policies: { Arn: string }[] };
    stats: Record<string, number>;
  };
  ACCOUNT: string;
};

describe('bench/iam-audit', () => {
  test('the generated export is read whole, and the CDK deploy role reaches AdministratorAccess', () => {
    const { details, stats } = generateAuthorizationDetails({ roles: 80, policies: 200 });
    expect(details.RoleDetailList).toHaveLength(80);
    expect(stats.customerPolicies).toBe(200);
    expect(stats.nonDefaultVersions).toBeGreaterThan(0);
    expect(details.Policies.map((p) => p.Arn)).toContain('arn:aws:iam::aws:policy/AdministratorAccess');
    const { principals, notes } = readAuthorizationDetails(JSON.parse(JSON.stringify(details)), 'auth.json');
    expect(principals).toHaveLength(80 + stats.users);
    expect(principals.filter((p) => p.unresolved)).toEqual([]);
    expect(notes).toEqual([]);
    const deploy = principals.find((p) => p.name === `cdk-hnb659fds-deploy-role-${ACCOUNT}-eu-west-1`)!;
    const audit = auditAccount({ principals, scpLevels: [] }, {}, [deploy]);
    const grant = audit.principals[0].destructive.find((g) => g.action === 'rds:DeleteDBCluster');
    expect(grant?.actingAs).toBe(`arn:aws:iam::${ACCOUNT}:role/cdk-hnb659fds-cfn-exec-role-${ACCOUNT}-eu-west-1`);
    expect(grant?.via.map((s) => s.how)).toEqual([expect.stringMatching(/^iam:PassRole \+ cloudformation:/)]);

    // Without its AWS managed policies the export names them only in the attachments.
    const lean = generateAuthorizationDetails({ roles: 80, policies: 200, awsManaged: false });
    expect(lean.details.Policies.some((p) => p.Arn.startsWith('arn:aws:iam::aws:'))).toBe(false);
    expect(lean.stats.awsManagedLeftOut).toBe(stats.awsManagedPolicies);
  }, 60_000);

  test('run.js: one round on a small account prints every row and the targets; RESULTS.md untouched', () => {
    const before = fs.existsSync(RESULTS) ? fs.readFileSync(RESULTS, 'utf8') : undefined;
    const r = spawnSync(
      process.execPath,
      ['bench/iam-audit/run.js', '--runs', '1', '--roles', '40', '--policies', '100', '--no-write'],
      { cwd: ROOT, encoding: 'utf8', timeout: 170_000 },
    );
    expect(r.stderr).toBe('');
    // 0 when the targets are met, 1 when one is missed: the report is printed either way.
    expect([0, 1]).toContain(r.status);
    const out = r.stdout;
    expect(out).toContain('## iam-audit');
    expect(out).toMatch(/\*\*40 roles\*\* \(\d+ service roles,/);
    expect(out).toMatch(/\*\*100 customer managed policies\*\* \(\d+ non-default versions\)/);
    expect(out).toMatch(/Audit result: \d+ principals \(\d+ service-linked, not judged\); \d+ can destroy data/);
    const row = (label: string) =>
      new RegExp(`^\\| ${label}.* \\| \\d+\\.\\d\\d \\| \\d+\\.\\d\\d - \\d+\\.\\d\\d \\|`, 'm');
    expect(out).toMatch(row('Baseline, in process'));
    expect(out).toMatch(row('Audit, in process'));
    expect(out).toMatch(row('Process: `deadbolt iam auth.json'));
    expect(out).toMatch(row('Process: `deadbolt iam auth-no-aws-managed.json'));
    // Peak RSS of each process, in MB.
    expect(out).toMatch(/^\| Process: `deadbolt iam auth\.json.*\| \d+ \| \*\*\d+\.\d×\*\* \|$/m);
    expect(out).toMatch(
      /^\| `deadbolt iam` on 40 roles and 100 policies under 5 s .*\| \d+\.\d\d s \| (yes|\*\*no\*\*) \|$/m,
    );
    expect(out).toMatch(/^\| \.\.\. with peak memory under 1 GB .*\| \d+ MB \| yes \|$/m);
    expect(r.status === 1).toBe(/\| \*\*no\*\* \|$/m.test(out));
    expect(out).not.toContain('Wrote the');
    expect(fs.existsSync(RESULTS) ? fs.readFileSync(RESULTS, 'utf8') : undefined).toBe(before);
  }, 180_000);
});
