import { asBoolean, labelOf, listLength, locationOf, readProperty } from '../../../engine/read';
import { defineRule, type Violation } from '../../../engine/rule';
import { quote } from '../../../engine/values';
import type { NormalisedResource } from '../../../model';
import { isPulumi } from '../general/google-fix';
import { googleFix, requireGoogle } from '../google-read';

/** A template holds at most this many disks: a bound on what is read. */
const MAX_DISKS = 128;

const TEMPLATES = new Set(['google_compute_instance_template', 'google_compute_region_instance_template']);

/**
 * Compute Engine disks survive the deletion of their VM.
 *
 * `boot_disk.auto_delete` defaults to true on `google_compute_instance` and
 * `google_compute_instance_from_template` (which, without a `boot_disk` block,
 * takes its template's boot disk and that disk's `auto_delete`): deleting the
 * VM (a destroy, a replacing change such as a new image or
 * `metadata_startup_script`, or `gcloud compute instances delete`) deletes its
 * boot disk and the data on it. Disks an instance attaches with `attached_disk`
 * are attached with auto-delete off (the provider sends no `autoDelete`), the
 * safe place for data.
 *
 * An instance template's `disk` blocks are another matter: every one defaults
 * to `auto_delete = true`, the non-boot ones too, and a managed instance group
 * deletes and recreates its instances routinely (autohealing, updates,
 * scale-in), so a data disk in a template is deleted with each instance. The
 * rule judges a template's non-boot persistent disks (the first disk is the
 * boot disk unless another says `boot = true`); a template's boot disk is
 * disposable by design and not judged.
 *
 * The instance's `deletion_protection` (enforced by Compute Engine, default
 * false) is named in the finding: while on it blocks every delete of the VM.
 * The finding is a warning, since most disks deleted this way hold only the
 * image or scratch data, unless the resource is labelled `deadbolt-data = "true"`.
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_instance#auto_delete
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_instance#deletion_protection
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_instance_template#auto_delete
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_instance_from_template
 * @see https://cloud.google.com/compute/docs/disks/add-persistent-disk#updateautodelete
 * @see https://cloud.google.com/compute/docs/instances/preventing-accidental-vm-deletion
 */
export default defineRule({
  id: 'compute-disk-auto-delete',
  title: 'Compute Engine disks survive the deletion of their VM',
  why: 'With auto_delete on, deleting or replacing the VM (or a managed instance group recreating it) deletes the disk, and whatever data was written to it, in the same operation.',
  fix: 'Set auto_delete = false on the boot disk or the instance template disk (or keep data on a google_compute_disk attached with attached_disk), and deletion_protection = true on the instance.',
  severity: 'warning',
  resourceTypes: [
    'google_compute_instance',
    'google_compute_instance_from_template',
    'google_compute_instance_template',
    'google_compute_region_instance_template',
  ],
  google(resource) {
    const data = labelledData(resource);
    const out = TEMPLATES.has(resource.type) ? templateDisks(resource) : bootDisk(resource);
    return out.map((v) => ({ ...v, severity: data ? ('error' as const) : undefined }));
  },
});

/** A resource labelled `deadbolt-data = "true"` (or with labels that cannot be read) holds data. */
function labelledData(resource: NormalisedResource): boolean {
  const labels = readProperty(resource, 'labels', 'deadbolt-data');
  return labels.kind === 'known' ? String(labels.value) === 'true' : labels.kind === 'unresolved';
}

function bootDisk(resource: NormalisedResource): Violation[] {
  const protection = readProperty(resource, 'deletion_protection');
  const protectedVm = protection.kind === 'known' && asBoolean(protection.value) === true;
  const guard = `\`${labelOf(resource, ['deletion_protection'])}\``;
  const note = protectedVm
    ? `${guard} is on, so Compute Engine refuses to delete the VM (and the disk) until it is turned off.`
    : `${guard} is off, so one \`gcloud compute instances delete\` or a destroy deletes the disk.`;
  const inherited =
    resource.type === 'google_compute_instance_from_template' && readProperty(resource, 'boot_disk').kind === 'absent'
      ? ' Without a boot disk block the instance takes its template\u2019s boot disk, whose auto-delete defaults to true.'
      : '';
  const v = requireGoogle(resource, {
    path: ['boot_disk', 'auto_delete'],
    want: 'false',
    test: (x) => asBoolean(x) === false,
    absentMeans: 'true',
    note: `${note}${inherited}`,
    fix: googleFix(
      'Set `auto_delete = false` in the `boot_disk` block (and `deletion_protection = true` on the instance), or keep the data on a `google_compute_disk` attached with `attached_disk`.',
      'Pass `bootDisk: { autoDelete: false, ... }` (and `deletionProtection: true`) to the instance, or keep the data on a `gcp.compute.Disk` attached with `attachedDisks`.',
    ),
  });
  return v ? [v] : [];
}

function templateDisks(resource: NormalisedResource): Violation[] {
  const fix = googleFix(
    'Set `auto_delete = false` in that `disk` block of the instance template (and make the managed instance group keep it: `stateful_disk { device_name = ... delete_rule = "NEVER" }`), or keep the data outside the instances.',
    'Pass `autoDelete: false` in that entry of `disks` of the instance template (and make the managed instance group keep it: `statefulDisks: [{ deviceName: ..., deleteRule: "NEVER" }]`), or keep the data outside the instances.',
  );
  const count = listLength(resource, ['disk']);
  if (typeof count !== 'number')
    return [
      {
        fix,
        unresolved: true,
        location: locationOf(resource, ['disk']),
        message: `${labelOf(resource, ['disk'])} is ${quote(count.expression)} and cannot be proven to keep data disks: ${count.reason}.`,
      },
    ];
  const n = Math.min(count, MAX_DISKS);
  // The first disk is the boot disk unless another one says `boot = true`.
  let boot = 0;
  for (let i = 0; i < n; i++) {
    const b = readProperty(resource, 'disk', i, 'boot');
    if (b.kind === 'known' && asBoolean(b.value) === true) boot = i;
  }
  const out: Violation[] = [];
  const users = isPulumi(resource)
    ? 'a managed instance group using it'
    : 'a managed instance group (or `google_compute_instance_from_template`) using it';
  for (let i = 0; i < n; i++) {
    if (i === boot) continue;
    const type = readProperty(resource, 'disk', i, 'type');
    if (type.kind === 'known' && type.value === 'SCRATCH') continue;
    const v = requireGoogle(resource, {
      path: ['disk', i, 'auto_delete'],
      want: 'false',
      test: (x) => asBoolean(x) === false,
      absentMeans: 'true',
      note: `This data disk is deleted with every instance made from this instance template, and ${users} deletes and recreates instances on autohealing, updates and scale-in.`,
      fix,
    });
    if (v) out.push(v);
  }
  return out;
}
