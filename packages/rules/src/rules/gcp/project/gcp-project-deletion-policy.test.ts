import { providerOutput, type ProviderResourceRecord } from '../../../dialects/aws-provider-model';
import { googleFindingsOf, googleRecord } from '../../testing/harness';
import rule from './gcp-project-deletion-policy';

const project = (inputs: Record<string, unknown>): ProviderResourceRecord =>
  googleRecord('google_project', { project_id: 'app-prod', name: 'app', ...inputs });

describe('gcp-project-deletion-policy: Google Cloud projects are not deleted on destroy', () => {
  test.each([
    [
      '1. DELETE',
      [project({ deletion_policy: 'DELETE' })],
      /^`deletion_policy` is "DELETE": `terraform destroy` .* deletes the project, every resource and all data in it, and no lien/,
      false,
    ],
    [
      '2. unknown',
      [project({ deletion_policy: providerOutput(false, undefined, []) })],
      /cannot be proven PREVENT or ABANDON; no lien/,
      true,
    ],
    [
      '3. a lien on another restriction only',
      [
        project({ deletion_policy: 'DELETE' }),
        googleRecord('google_resource_manager_lien', {
          parent: 'projects/app-prod',
          restrictions: ['other.permission'],
        }),
      ],
      /is "DELETE"/,
      false,
    ],
  ] as [string, ProviderResourceRecord[], RegExp, boolean][])('%s is a finding', (_n, records, message, unresolved) => {
    const findings = googleFindingsOf(rule, records);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: rule.id,
      location: 'inputs/deletion_policy',
      resource: { type: 'google_project' },
    });
    expect(findings[0].message).toMatch(message);
    expect(Boolean(findings[0].unresolved)).toBe(unresolved);
    expect(findings[0].fixes.terraform).toMatch(/resourcemanager\.projects\.delete/);
  });

  test('Pulumi names the input as written', () => {
    const findings = googleFindingsOf(rule, [
      googleRecord('gcp:organizations/project:Project', { projectId: 'p', deletionPolicy: 'DELETE' }),
    ]);
    expect(findings.map((f) => [f.location, f.message.slice(0, 30)])).toEqual([
      ['inputs/deletionPolicy', '`deletionPolicy` is "DELETE": '],
    ]);
  });

  test.each([
    ['unset (PREVENT since provider 6)', [project({})]],
    ['PREVENT', [project({ deletion_policy: 'PREVENT' })]],
    ['ABANDON', [project({ deletion_policy: 'ABANDON' })]],
    [
      'DELETE under a lien naming the project id',
      [
        project({ deletion_policy: 'DELETE' }),
        googleRecord('google_resource_manager_lien', {
          parent: 'projects/app-prod',
          restrictions: ['resourcemanager.projects.delete'],
        }),
      ],
    ],
    [
      'DELETE under a lien naming the project through an output',
      [
        project({ deletion_policy: 'DELETE' }),
        googleRecord('google_resource_manager_lien', {
          parent: providerOutput(false, undefined, ['google_project.main']),
          restrictions: ['resourcemanager.projects.delete'],
        }),
      ],
    ],
  ] as [string, ProviderResourceRecord[]][])('%s passes', (_n, records) => {
    expect(googleFindingsOf(rule, records)).toEqual([]);
  });
});

describe('gcp-project-deletion-policy: the provider default and older providers', () => {
  const provider = (deletionPolicy: unknown): ProviderResourceRecord => ({
    id: 'default',
    name: 'default',
    type: 'pulumi:providers:gcp',
    inputs: { project: 'p', deletionPolicy },
  });

  test.each([
    [
      'the provider block`s DELETE, inherited by a project that sets none',
      [provider('DELETE'), project({})],
      /^`deletion_policy` is not set, and the provider's `deletion_policy` is "DELETE": `terraform destroy` .* deletes the project/,
      false,
    ],
    [
      'an unknown provider default',
      [provider(providerOutput(false, undefined, [])), project({})],
      /^`deletion_policy` is not set, and the provider's `deletion_policy` is (?:an unknown output|a value known only after apply) and cannot be proven PREVENT or ABANDON/,
      true,
    ],
    [
      'a provider before 6: `skip_delete = false` and no deletion_policy (DELETE by default then)',
      [project({ skip_delete: false })],
      /^`deletion_policy` is not set and `skip_delete` is false \(a provider before 6, whose default is DELETE\): /,
      false,
    ],
    [
      'a provider before 6 with an unknown `skip_delete`',
      [project({ skip_delete: providerOutput(false, undefined, []) })],
      /^`deletion_policy` is not set and `skip_delete` is (?:an unknown output|a value known only after apply) \(a provider before 6, whose default is DELETE\) and cannot be proven/,
      true,
    ],
  ] as [string, ProviderResourceRecord[], RegExp, boolean][])('%s is a finding', (_n, records, message, unresolved) => {
    const findings = googleFindingsOf(rule, records);
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(message);
    expect(Boolean(findings[0].unresolved)).toBe(unresolved);
  });

  test.each([
    ['the provider default PREVENT', [provider('PREVENT'), project({})]],
    ['its own PREVENT over the provider`s DELETE', [provider('DELETE'), project({ deletion_policy: 'PREVENT' })]],
    ['`skip_delete = true` (a provider before 6 leaves the project)', [project({ skip_delete: true })]],
    ['`auto_create_network` (a network, no data) changes nothing', [project({ auto_create_network: true })]],
    [
      'Terraform `lifecycle { prevent_destroy = true }`',
      [
        googleRecord(
          'google_project',
          { project_id: 'p', deletion_policy: 'DELETE' },
          { options: { preventDestroy: true } },
        ),
      ],
    ],
  ] as [string, ProviderResourceRecord[]][])('%s passes', (_n, records) => {
    expect(googleFindingsOf(rule, records)).toEqual([]);
  });
});
