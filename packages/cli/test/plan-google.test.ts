/**
 * `deadbolt plan` on Google Cloud plans, run as the built binary: the exit code
 * and the report for a Terraform plan (`google`/`google-beta`) and a Pulumi
 * preview (`@pulumi/gcp`). The decisions themselves are tested in process
 * (`packages/rules/src/gate/google.test.ts`).
 */
import * as path from 'path';
import { deadbolt, requireBuiltBinary } from './helpers';

const FIXTURES = path.resolve(__dirname, '..', '..', 'rules', 'src', 'gate', 'fixtures');

interface GateJson {
  blocked: Array<{ address: string; approvalAction: string; reasons: string[] }>;
  allowed: Array<{ address: string; note: string | null }>;
}

beforeAll(() => requireBuiltBinary());

function plan(file: string): { status: number | null; report: GateJson } {
  const r = deadbolt(['plan', path.join(FIXTURES, file), '--format', 'json'], {
    env: { DEADBOLT_APPROVAL_SECRET: undefined },
  });
  return { status: r.status, report: JSON.parse(r.stdout) as GateJson };
}

describe('deadbolt plan on Google Cloud', () => {
  test('a Terraform destroy of Google data stores exits 1; abandoned databases are let through with a note', () => {
    const { status, report } = plan('terraform-google-destroy.json');
    expect(status).toBe(1);
    expect(report.blocked.map((b) => [b.address, b.approvalAction])).toEqual([
      ['module.pg.google_sql_database_instance.default', 'delete'],
      ['google_storage_bucket.invoices', 'replace'],
      ['google_compute_disk.data[0]', 'replace'],
      ['google_firestore_database.audit', 'delete'],
      ['google_sql_database_instance.reporting', 'replace'],
      ['google_bigquery_dataset.analytics', 'delete'],
      ['google_kms_crypto_key.sql', 'delete'],
    ]);
    expect(report.allowed.find((a) => a.address === 'google_firestore_database.default')?.note).toMatch(
      /^Abandoned, not deleted \(`deletion_policy = "ABANDON"`\)/,
    );
  });

  test('a Pulumi preview that turns Cloud SQL and bucket guards off exits 1, naming the URN and the input', () => {
    const { status, report } = plan('pulumi-preview-google.json');
    expect(status).toBe(1);
    const sql = report.blocked.find((b) => b.address.endsWith('::orders-db'))!;
    expect(sql.address).toBe(
      'urn:pulumi:prod::orders::pulumi:pulumi:Stack$gcp:sql/databaseInstance:DatabaseInstance::orders-db',
    );
    expect(sql.reasons).toContain(
      '`settings.deletionProtectionEnabled` changes from true to false: Cloud SQL deletion protection is off, so one API call, gcloud command or console click deletes it and its data.',
    );
  });
});
