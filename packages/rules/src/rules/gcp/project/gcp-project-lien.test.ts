import { providerOutput, type ProviderResourceRecord } from '../../../dialects/aws-provider-model';
import { googleFindingsOf, googleRecord } from '../../testing/harness';
import rule from './gcp-project-lien';

const project = (inputs: Record<string, unknown> = {}): ProviderResourceRecord =>
  googleRecord('google_project', { project_id: 'app-prod', name: 'app', ...inputs }, { name: 'app' });
const database = (inputs: Record<string, unknown> = {}): ProviderResourceRecord =>
  googleRecord('google_sql_database_instance', { name: 'orders', project: 'app-prod', ...inputs }, { name: 'orders' });
const lien = (inputs: Record<string, unknown>): ProviderResourceRecord =>
  googleRecord('google_resource_manager_lien', {
    restrictions: ['resourcemanager.projects.delete'],
    origin: 'deadbolt',
    reason: 'Holds production data',
    ...inputs,
  });

describe('gcp-project-lien: Google Cloud projects that hold data have a lien against deletion', () => {
  test('a project holding a database, without a lien: an error that says deletion_policy does not stop gcloud', () => {
    const findings = googleFindingsOf(rule, [project({ deletion_policy: 'PREVENT' }), database()]);
    expect(findings.map((f) => [f.ruleId, f.severity, f.resource.logicalId])).toEqual([
      ['gcp-project-lien', 'error', 'google_project.app'],
    ]);
    expect(findings[0].message).toBe(
      'No lien restricts `resourcemanager.projects.delete` on this project, which holds orders. `deletion_policy` and Pulumi `protect` do not stop `gcloud projects delete`, the console or the API: they only stop a destroy through Terraform or Pulumi. One `gcloud projects delete` deletes the project and that data with it.',
    );
    expect(findings[0].fixes.terraform).toContain('restrictions = ["resourcemanager.projects.delete"]');
  });

  test('a data store placed in the project by a reference to it counts as held', () => {
    const p = project();
    const bucket = googleRecord(
      'google_storage_bucket',
      { name: 'b', project: providerOutput(false, undefined, [p.id]) },
      { name: 'invoices' },
    );
    expect(googleFindingsOf(rule, [p, bucket]).map((f) => f.severity)).toEqual(['error']);
  });

  test('a project this configuration puts no data store in: a warning (another configuration may)', () => {
    const findings = googleFindingsOf(rule, [project(), database({ project: 'other-prod' })]);
    expect(findings.map((f) => f.severity)).toEqual(['warning']);
    expect(findings[0].message).toMatch(/this configuration creates no data store in it; another may/);
  });

  test.each([
    [
      'a lien on the project resource (`projects/${google_project.app.number}`)',
      (p: ProviderResourceRecord) => lien({ parent: providerOutput(false, undefined, [p.id]) }),
    ],
    ['a lien on `projects/<project_id>`', () => lien({ parent: 'projects/app-prod' })],
  ])('%s satisfies it', (_name, make) => {
    const p = project();
    expect(googleFindingsOf(rule, [p, database(), make(p)])).toEqual([]);
  });

  test.each([
    ['another restriction', lien({ parent: 'projects/app-prod', restrictions: ['other.permission'] })],
    [
      'restrictions known only after deployment',
      lien({ parent: 'projects/app-prod', restrictions: providerOutput(false, undefined, []) }),
    ],
    ['another project', lien({ parent: 'projects/other-prod' })],
  ])('a lien with %s does not', (_name, l) => {
    expect(googleFindingsOf(rule, [project(), database(), l]).map((f) => f.ruleId)).toEqual(['gcp-project-lien']);
  });

  test('Pulumi: gcp.resourcemanager.Lien counts, and the fix is a Lien in TypeScript', () => {
    const p = googleRecord(
      'gcp:organizations/project:Project',
      { projectId: 'app-prod', name: 'app' },
      { name: 'app' },
    );
    const db = googleRecord(
      'gcp:sql/databaseInstance:DatabaseInstance',
      { name: 'orders', project: 'app-prod' },
      { name: 'orders' },
    );
    const [f] = googleFindingsOf(rule, [p, db]);
    expect(f.fixes.pulumi).toContain("new gcp.resourcemanager.Lien('<name>'");
    expect(
      googleFindingsOf(rule, [
        p,
        db,
        googleRecord('gcp:resourcemanager/lien:Lien', {
          parent: providerOutput(false, undefined, [p.id]),
          restrictions: ['resourcemanager.projects.delete'],
          origin: 'deadbolt',
          reason: 'data',
        }),
      ]),
    ).toEqual([]);
  });
});
