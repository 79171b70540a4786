/**
 * The Google Cloud snippets of packages/pulumi/README.md are the code the
 * tests run: ./google-cloud-program/index.ts is the `SafeCloudSqlInstance`
 * snippet and ./google-cloud-program/__tests__/deadbolt.test.ts the
 * `gcpMocks` one (both type-checked by `tsc -b`); the acknowledgement snippet
 * is run here on an instance enrolled in an existing plan.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as gcp from '@pulumi/gcp';
import { CloudSqlBackupPlan, enforceDataProtection, SafeCloudSqlInstance } from '@deadbolt/pulumi';
import { gcpMocks, runWithDeadbolt } from '@deadbolt/pulumi/testing';

const README = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
const GOOGLE = README.slice(README.indexOf('## Google Cloud'), README.indexOf('## Unit tests of your program'));
const snippets = [...GOOGLE.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
const CONFIG = { 'gcp:project': 'acme-data', 'gcp:region': 'us-central1' };

/** A file's text without its leading comment lines and doc block. */
function code(file: string): string {
  return fs
    .readFileSync(path.join(__dirname, 'google-cloud-program', file), 'utf8')
    .replace(/^\/\*\*[\s\S]*?\*\/\n/, '')
    .replace(/^\/\/.*\n/, '');
}

describe('packages/pulumi/README.md: Google Cloud', () => {
  test('the program and the gcpMocks test are the README snippets, word for word', () => {
    expect(snippets).toHaveLength(3);
    expect(code('index.ts')).toBe(snippets[0]);
    expect(code('__tests__/deadbolt.test.ts')).toBe(snippets[2]);
  });

  test('the SafeCloudSqlInstance snippet leaves no finding, and creates the plan and the association', async () => {
    const { findings, acknowledged, resources } = await runWithDeadbolt(() => import('./google-cloud-program'), {
      config: CONFIG,
      mocks: gcpMocks({ project: 'acme-data', gcpRegion: 'us-central1' }),
    });
    expect(findings.map((f) => `${f.ruleId} ${f.resourceName}: ${f.message}`)).toEqual([]);
    expect(acknowledged).toEqual([]);
    expect(resources.map((r) => r.type)).toEqual(
      expect.arrayContaining([
        'gcp:sql/databaseInstance:DatabaseInstance',
        'gcp:backupdisasterrecovery/backupPlan:BackupPlan',
        'gcp:backupdisasterrecovery/backupPlanAssociation:BackupPlanAssociation',
      ]),
    );
  });

  test("the acknowledgement snippet accepts an existing plan's unreadable vault, with its reason", async () => {
    // The `acknowledge` entry of the README, as written there.
    const entry = {
      resource: 'orders-backup-plan-association', // the component's child: `<component name>-backup-plan-association`
      id: 'backupdr-vault-separate-project',
      reason:
        'Plan daily writes to vault central of acme-backup (checked with gcloud backup-dr backup-plans describe).',
      expires: '2027-01-31',
    };
    expect(snippets[1]).toContain(`reason: '${entry.reason}'`);
    expect(snippets[1]).toContain(`resource: '${entry.resource}'`);
    const program = (acknowledge: (typeof entry)[]) => async () => {
      enforceDataProtection({ acknowledge });
      new SafeCloudSqlInstance('orders', {
        name: 'orders',
        databaseVersion: 'POSTGRES_16',
        settings: { tier: 'db-custom-2-7680' },
        backupPlan: CloudSqlBackupPlan.existing(
          'projects/acme-backup/locations/us-central1/backupPlans/daily',
          'projects/acme-backup/locations/us-central1/backupVaults/central',
        ),
      });
      // A provider of the backup project, as a real program would hold for its other resources there.
      new gcp.Provider('backup-project', { project: 'acme-backup' });
    };
    const options = { config: CONFIG, mocks: gcpMocks(), now: new Date('2026-12-03T00:00:00Z') };
    const without = await runWithDeadbolt(program([]), options);
    expect(without.errors.map((f) => `${f.ruleId} ${f.resourceName}`)).toEqual([
      'backupdr-vault-separate-project orders-backup-plan-association',
    ]);
    const withIt = await runWithDeadbolt(program([entry]), options);
    expect(withIt.errors).toEqual([]);
    expect(withIt.acknowledged.map((f) => [f.ruleId, f.acknowledged?.reason])).toEqual([
      ['backupdr-vault-separate-project', entry.reason],
    ]);
  });
});
