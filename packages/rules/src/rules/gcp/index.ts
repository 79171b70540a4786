import type { Rule } from '../../engine/rule';
import { CLOUDSQL_RULES } from './cloudsql';
import { ALLOYDB_RULES } from './alloydb';
import { CLOUDKMS_RULES } from './cloudkms';
import { GCP_GENERAL_RULES } from './general';
import { GCP_PROJECT_RULES } from './project';
import { SPANNER_RULES } from './spanner';
import { FIRESTORE_RULES } from './firestore';
import { BIGTABLE_RULES } from './bigtable';
import { BIGQUERY_RULES } from './bigquery';
import { GCS_RULES } from './gcs';
import { FILESTORE_RULES } from './filestore';
import { MEMORYSTORE_RULES } from './memorystore';
import { COMPUTE_RULES } from './compute';
import { BACKUPDR_RULES } from './backupdr';

/**
 * Google Cloud rules (Terraform `google`/`google-beta`, `@pulumi/gcp`), one barrel
 * per service under this folder, each spread here. Only the engine's Google
 * dispatch runs them: their `resourceTypes` are Terraform types.
 */
export const GCP_RULES: readonly Rule[] = [
  ...GCP_GENERAL_RULES,
  ...CLOUDSQL_RULES,
  ...ALLOYDB_RULES,
  ...GCP_PROJECT_RULES,
  ...CLOUDKMS_RULES,
  ...SPANNER_RULES,
  ...FIRESTORE_RULES,
  ...BIGTABLE_RULES,
  ...BIGQUERY_RULES,
  ...GCS_RULES,
  ...FILESTORE_RULES,
  ...MEMORYSTORE_RULES,
  ...COMPUTE_RULES,
  ...BACKUPDR_RULES,
];
