import { readProperty } from '../../../engine/read';
import { defineRule } from '../../../engine/rule';
import { quote } from '../../../engine/values';
import { plural } from '../../../text/plural';
import { googleFix, nameAt } from '../general/google-fix';

/** Cloud KMS keeps a key version scheduled for destruction 30 days unless the key says otherwise. */
const DEFAULT_DAYS = 30;
/** The longest period Cloud KMS accepts: a minimum retention past it is asked as this. */
const MAX_DAYS = 120;

/**
 * The period is immutable (the provider replaces the key to change it), and replacing a key schedules every version of
 * the old one for destruction: the data encrypted under it goes with them. So the fix for a key that exists is a new key.
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/kms_crypto_key#destroy_scheduled_duration-1
 */
const EXISTING_KEY = {
  terraform:
    'On a key that exists, do not change it in place (that replaces the key and schedules every version of it for destruction): create a new `google_kms_crypto_key` with the period, re-encrypt to it, and keep the old one with `deletion_policy = "ABANDON"` or `lifecycle { prevent_destroy = true }`.',
  pulumi:
    'On a key that exists, do not change it in place (that replaces the key and schedules every version of it for destruction): create a new `gcp.kms.CryptoKey` with the period, re-encrypt to it, and keep the old one with the `retainOnDelete: true` option.',
};

/**
 * Cloud KMS crypto keys wait at least the minimum retention before a key
 * version scheduled for destruction is destroyed (`destroy_scheduled_duration`,
 * a duration in seconds such as `"2592000s"`; default 30 days, and Cloud KMS
 * accepts 24 hours to 120 days, so a minimum retention past 120 days asks for
 * 120). Destroying the crypto key in Terraform or
 * Pulumi schedules every version for destruction: data encrypted under them is
 * unreadable once the period ends, unless a version is restored in it. The
 * period is judged whatever guards the key resource (`deletion_policy`,
 * `lifecycle { prevent_destroy }`, Pulumi `protect`; `gcp-deletion-policy` judges
 * those): they stop only the tool, while a version scheduled for destruction by
 * `gcloud kms keys versions destroy`, the Console or the API waits this period too.
 * The period is immutable: it is set when the key is created.
 * @see https://cloud.google.com/kms/docs/destroy-restore
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/kms_crypto_key#destroy_scheduled_duration-1
 * @see https://cloud.google.com/kms/docs/key-states#scheduled_for_destruction
 */
export default defineRule({
  id: 'cloudkms-destroy-scheduled-duration',
  title: 'Cloud KMS keys wait at least the minimum retention before destroying key versions',
  why: 'Once a key version is destroyed, everything encrypted under it is unreadable for good; the scheduled duration is the only window to undo a destroy.',
  fix: 'Leave destroy_scheduled_duration unset (30 days) or set it to at least the minimum retention.',
  severity: 'error',
  resourceTypes: ['google_kms_crypto_key'],
  google(resource, ctx) {
    const min = Math.min(ctx.options.minimumBackupRetentionDays, MAX_DAYS);
    const r = readProperty(resource, 'destroy_scheduled_duration');
    const label = nameAt(resource, ['destroy_scheduled_duration']);
    const want = Math.max(min, DEFAULT_DAYS) * 86400;
    const capped = min < ctx.options.minimumBackupRetentionDays ? ` (the longest Cloud KMS accepts)` : '';
    const fix = googleFix(
      `Set \`destroy_scheduled_duration = "${want}s"\` (${plural(want / 86400, 'day')}) on the \`google_kms_crypto_key\`, or remove it (30 days). ${EXISTING_KEY.terraform}`,
      `Pass \`destroyScheduledDuration: '${want}s'\` in the \`gcp.kms.CryptoKey\` args, or remove it (30 days). ${EXISTING_KEY.pulumi}`,
    );
    const location = resource.nativeType.startsWith('gcp:')
      ? 'inputs/destroyScheduledDuration'
      : 'inputs/destroy_scheduled_duration';
    if (r.kind === 'absent' || (r.kind === 'known' && r.value === null)) {
      if (DEFAULT_DAYS >= min) return;
      return {
        fix,
        location,
        message: `${label} is not set (Cloud KMS default: 30 days); it must be at least ${plural(min, 'day')}${capped}.`,
      };
    }
    if (r.kind === 'unresolved')
      return {
        fix,
        location,
        unresolved: true,
        message: `${label} is ${quote(r.expression)} and cannot be proven at least ${plural(min, 'day')}: ${r.reason}.`,
      };
    const seconds = typeof r.value === 'string' ? /^(\d+(?:\.\d+)?)s$/.exec(r.value.trim()) : null;
    if (!seconds)
      return {
        fix,
        location,
        message: `${label} is ${quote(r.value)}, which is not a duration in seconds (\`"2592000s"\`); it must be at least ${plural(min, 'day')}.`,
      };
    const days = Number(seconds[1]) / 86400;
    if (days >= min) return;
    return {
      fix,
      location,
      message: `${label} is ${quote(r.value)} (${days < 1 ? `${Math.round(days * 24)} hours` : plural(Math.round(days * 10) / 10, 'day')}); it must be at least ${plural(min, 'day')}${capped}.`,
    };
  },
});
