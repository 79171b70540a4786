import type { Rule } from '../../../engine/rule';
import bigqueryDatasetNoDeleteContents from './bigquery-dataset-no-delete-contents';
import bigqueryDatasetTimeTravel from './bigquery-dataset-time-travel';
import bigqueryTableDeletionProtection from './bigquery-table-deletion-protection';
import bigqueryTableExpiration from './bigquery-table-expiration';

export const BIGQUERY_RULES: readonly Rule[] = [
  bigqueryDatasetNoDeleteContents,
  bigqueryDatasetTimeTravel,
  bigqueryTableDeletionProtection,
  bigqueryTableExpiration,
];
