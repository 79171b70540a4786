import { labelOf, locationOf, readProperty } from '../../../engine/read';
import { defineRule } from '../../../engine/rule';
import { quote } from '../../../engine/values';
import { cloudEnforced, googleFix, isTrue, requireGoogle } from '../google-read';

/** The Basic tiers, under their current and legacy (`STANDARD`, `PREMIUM`) names: no deletion protection there. */
const BASIC_TIERS = new Set(['BASIC_HDD', 'BASIC_SSD', 'STANDARD', 'PREMIUM']);

/**
 * Filestore instances have deletion protection on.
 *
 * `deletion_protection_enabled` (API field `deletionProtectionEnabled`, unset
 * means off) makes Filestore refuse to delete the instance, whoever asks.
 * Deleting an instance deletes its file shares and their snapshots; only
 * backups (`google_filestore_backup`, or a Backup and DR plan) outlive it.
 *
 * Filestore does not offer deletion protection on the Basic HDD and Basic SSD
 * tiers, so telling such an instance to turn it on would be a fix the API
 * refuses: its finding is a warning that says so and points at what does
 * work there (backups, and a Terraform/Pulumi-side guard against the destroy).
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/filestore_instance#deletion_protection_enabled
 * @see https://cloud.google.com/filestore/docs/deletion-protection
 */
export default defineRule({
  id: 'filestore-deletion-protection',
  title: 'Filestore instances have deletion protection on',
  why: 'Without deletion protection one `gcloud filestore instances delete`, a console click or a destroy deletes the file shares and every snapshot of them.',
  fix: 'Set deletion_protection_enabled = true on the google_filestore_instance (on a Basic tier, which has none, keep backups and guard the destroy).',
  severity: 'error',
  resourceTypes: ['google_filestore_instance'],
  google(resource) {
    const tier = readProperty(resource, 'tier');
    if (tier.kind === 'known' && typeof tier.value === 'string' && BASIC_TIERS.has(tier.value.toUpperCase())) {
      const on = readProperty(resource, 'deletion_protection_enabled');
      if (on.kind === 'known' && isTrue(on.value)) return;
      return {
        severity: 'warning',
        location: locationOf(resource, ['tier']),
        message: `${labelOf(resource, ['tier'])} is ${quote(tier.value)}, a tier on which Filestore has no deletion protection: one \`gcloud filestore instances delete\`, a console click or a destroy deletes the file shares and their snapshots; only backups outlive the instance.`,
        fix: googleFix(
          'Keep backups of the share (`google_filestore_backup`, or a Backup and DR plan) and guard the destroy (`lifecycle { prevent_destroy = true }`), or move the data to a ZONAL, REGIONAL or ENTERPRISE instance with `deletion_protection_enabled = true`. If the share is disposable, acknowledge the finding with that reason.',
          'Keep backups of the share (`gcp.filestore.Backup`, or a Backup and DR plan) and guard the destroy (`protect: true`), or move the data to a ZONAL, REGIONAL or ENTERPRISE instance with `deletionProtectionEnabled: true`. If the share is disposable, acknowledge the finding with that reason.',
        ),
      };
    }
    return requireGoogle(resource, {
      path: ['deletion_protection_enabled'],
      want: 'true',
      test: isTrue,
      absentMeans: 'false',
      note: cloudEnforced('Filestore', 'true'),
      fix: googleFix(
        'Set `deletion_protection_enabled = true` on the `google_filestore_instance` (and `deletion_protection_reason`).',
        'Pass `deletionProtectionEnabled: true` (and `deletionProtectionReason`) to the `gcp.filestore.Instance`.',
      ),
    });
  },
});
