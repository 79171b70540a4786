import { defineRule } from '../../../engine/rule';
import { googleFix, requireGoogle } from '../google-read';

/**
 * Firestore databases have point-in-time recovery enabled.
 *
 * `point_in_time_recovery_enablement` defaults to
 * `POINT_IN_TIME_RECOVERY_DISABLED`: the database can then be read (and
 * restored) only as it was within the past hour. `POINT_IN_TIME_RECOVERY_ENABLED`
 * keeps one-minute versions for 7 days. (The window is fixed at 7 days, so a
 * minimum retention longer than that needs scheduled backups as well.)
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/firestore_database#point_in_time_recovery_enablement
 * @see https://cloud.google.com/firestore/docs/pitr
 */
export default defineRule({
  id: 'firestore-point-in-time-recovery',
  title: 'Firestore databases have point-in-time recovery enabled',
  why: 'Without point-in-time recovery Firestore keeps only the last hour of versions, so documents overwritten or deleted by a bad deploy or script noticed later cannot be recovered.',
  fix: 'Set point_in_time_recovery_enablement = "POINT_IN_TIME_RECOVERY_ENABLED" on the google_firestore_database.',
  severity: 'error',
  resourceTypes: ['google_firestore_database'],
  google(resource) {
    return requireGoogle(resource, {
      path: ['point_in_time_recovery_enablement'],
      want: '`POINT_IN_TIME_RECOVERY_ENABLED`',
      test: (v) => v === 'POINT_IN_TIME_RECOVERY_ENABLED',
      absentMeans: 'POINT_IN_TIME_RECOVERY_DISABLED, 1 hour of versions',
      fix: googleFix(
        'Set `point_in_time_recovery_enablement = "POINT_IN_TIME_RECOVERY_ENABLED"` on the `google_firestore_database`.',
        'Pass `pointInTimeRecoveryEnablement: "POINT_IN_TIME_RECOVERY_ENABLED"` to the `gcp.firestore.Database`.',
      ),
    });
  },
});
