import type { ProviderResourceRecord } from '../../../dialects/aws-provider-model';
import { providerOutput } from '../../../dialects/aws-provider-model';
import type { EvaluationOptions } from '../../../engine/evaluate';
import type { Rule } from '../../../engine/rule';
import type { Finding } from '../../../model';
import { googleFindingsOf, googleRecord } from '../../testing/harness';
import rule from './compute-disk-auto-delete';

/** A value known only after apply, as the Terraform and Pulumi readers hand it to the Google dialect. */
const unknown = (reason?: string): unknown => providerOutput(false, undefined, [], reason);
/** One rule over one Google resource, through the real dialect reader and engine. */
const run = (rule: Rule, r: ProviderResourceRecord, options: Omit<EvaluationOptions, 'rules'> = {}): Finding[] =>
  googleFindingsOf(rule, [r], options);

const vm = (p: Record<string, unknown> = {}, type = 'google_compute_instance'): ProviderResourceRecord =>
  googleRecord(type, { machine_type: 'e2-small', ...p });

describe('compute-disk-auto-delete: Compute Engine disks survive the deletion of their VM', () => {
  test.each([
    [
      '1. defaults',
      vm({ boot_disk: { initialize_params: { image: 'debian-12' } } }),
      /^boot_disk\.auto_delete is not set \(provider default: true\)\. `deletion_protection` is off, so one `gcloud compute instances delete` or a destroy deletes the disk\.$/,
      'warning',
    ],
    [
      '2. true, protected VM',
      vm({ boot_disk: { auto_delete: true }, deletion_protection: true }),
      /^boot_disk\.auto_delete is true; it must be false\. `deletion_protection` is on/,
      'warning',
    ],
    ['3. unknown', vm({ boot_disk: [{ auto_delete: unknown() }] }), /cannot be proven false/, 'warning'],
    [
      '4. labelled as data',
      vm({ labels: { 'deadbolt-data': 'true' }, boot_disk: {} }),
      /provider default: true/,
      'error',
    ],
    [
      '5. from a template',
      vm({ boot_disk: { auto_delete: true } }, 'google_compute_instance_from_template'),
      /is true; it must be false/,
      'warning',
    ],
  ])('%s is a finding', (_n, r, message, severity) => {
    const f = run(rule, r);
    expect(f).toHaveLength(1);
    expect(f[0].message).toMatch(message);
    expect(f[0].severity).toBe(severity);
    expect(f[0].fix).toMatch(/^Set `auto_delete = false` in the `boot_disk` block/);
  });
  test('auto_delete false passes', () => expect(run(rule, vm({ boot_disk: { auto_delete: false } }))).toEqual([]));
});

describe('compute-disk-auto-delete in @pulumi/gcp quotes the Pulumi names', () => {
  test('a Pulumi instance with autoDelete true', () => {
    const f = run(rule, googleRecord('gcp:compute/instance:Instance', { bootDisk: { autoDelete: true } }));
    expect(f.map((x) => x.message)).toEqual([
      'bootDisk.autoDelete is true; it must be false. `deletionProtection` is off, so one `gcloud compute instances delete` or a destroy deletes the disk.',
    ]);
    expect(f[0].location).toBe('inputs/bootDisk/autoDelete');
    expect(f[0].fix).toMatch(/^Pass `bootDisk: \{ autoDelete: false/);
  });
  test('a Pulumi instance keeping its boot disk passes', () =>
    expect(run(rule, googleRecord('gcp:compute/instance:Instance', { bootDisk: { autoDelete: false } }))).toEqual([]));
});

describe('compute-disk-auto-delete: escape hatches', () => {
  test('an instance from a template without a boot disk block takes the template boot disk (auto-delete by default)', () => {
    const f = run(rule, vm({ source_instance_template: 'tpl' }, 'google_compute_instance_from_template'));
    expect(f).toHaveLength(1);
    expect(f[0].message).toMatch(
      /^boot_disk\.auto_delete is not set \(provider default: true\)\..* Without a boot disk block the instance takes its template’s boot disk, whose auto-delete defaults to true\.$/,
    );
  });
  test('a disk attached with attached_disk is not auto-deleted: no finding for it', () =>
    expect(run(rule, vm({ boot_disk: [{ auto_delete: false }], attached_disk: [{ source: 'data-disk' }] }))).toEqual(
      [],
    ));

  const template = (disks: Record<string, unknown>[], type = 'google_compute_instance_template', extra = {}) =>
    googleRecord(type, { machine_type: 'e2-small', disk: disks, ...extra });
  test.each([['google_compute_instance_template'], ['google_compute_region_instance_template']])(
    'a data disk of a %s defaults to auto-delete',
    (type) => {
      const f = run(rule, template([{ source_image: 'debian-12', boot: true }, { disk_size_gb: 100 }], type));
      expect(f).toHaveLength(1);
      expect(f[0].location).toBe('inputs/disk/1/auto_delete');
      expect(f[0].message).toMatch(
        /^disk\.1\.auto_delete is not set \(provider default: true\)\. This data disk is deleted with every instance made from this instance template, and a managed instance group \(or `google_compute_instance_from_template`\) using it deletes and recreates instances/,
      );
      expect(f[0].severity).toBe('warning');
      expect(f[0].fix).toMatch(/delete_rule = "NEVER"/);
    },
  );
  test('a template data disk labelled as data is an error, and an explicit auto_delete = true is quoted', () => {
    const f = run(
      rule,
      template([{ source_image: 'debian-12' }, { source: 'db-disk', auto_delete: true }], undefined, {
        labels: { 'deadbolt-data': 'true' },
      }),
    );
    expect(f.map((x) => x.severity)).toEqual(['error']);
    expect(f[0].message).toMatch(/^disk\.1\.auto_delete is true; it must be false\. This data disk is deleted/);
  });
  test('a Pulumi template quotes disks[].autoDelete', () => {
    const f = run(
      rule,
      googleRecord('gcp:compute/instanceTemplate:InstanceTemplate', {
        machineType: 'e2-small',
        disks: [{ sourceImage: 'debian-12' }, { diskSizeGb: 100, autoDelete: true }],
      }),
    );
    expect(f.map((x) => x.location)).toEqual(['inputs/disks/1/autoDelete']);
    expect(f[0].message).toMatch(/^disks\.1\.autoDelete is true; it must be false\./);
    expect(f[0].fix).toMatch(/statefulDisks/);
  });
  test.each([
    ['a boot-only template (disposable by design)', template([{ source_image: 'debian-12' }])],
    [
      'a data disk kept with auto_delete = false',
      template([
        { source_image: 'debian-12', boot: true },
        { disk_size_gb: 100, auto_delete: false },
      ]),
    ],
    [
      'a local SSD scratch disk',
      template([{ source_image: 'debian-12' }, { type: 'SCRATCH', disk_type: 'local-ssd' }]),
    ],
  ])('%s passes', (_n, r) => expect(run(rule, r)).toEqual([]));
  test('template disks that cannot be read fail closed', () => {
    const f = run(rule, googleRecord('google_compute_instance_template', { disk: unknown() }));
    expect(f).toHaveLength(1);
    expect(f[0].unresolved).toBe(true);
  });
});
