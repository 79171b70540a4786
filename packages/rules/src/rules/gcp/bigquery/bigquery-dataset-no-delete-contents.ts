import { defineRule } from '../../../engine/rule';
import { googleFix, requireSwitchOff } from '../google-read';

/**
 * BigQuery datasets are not destroyed with their tables.
 *
 * BigQuery refuses to delete a dataset that still holds tables unless the
 * request asks to delete its contents. `delete_contents_on_destroy = true`
 * (default false) makes the provider ask: a destroy or replacement of the
 * dataset deletes every table, view and model in it, including tables other
 * configurations or jobs created. They stay restorable only for the dataset's
 * time travel window (`max_time_travel_hours`, 7 days at most).
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/bigquery_dataset#delete_contents_on_destroy
 * @see https://cloud.google.com/bigquery/docs/managing-datasets#delete-datasets
 */
export default defineRule({
  id: 'bigquery-dataset-no-delete-contents',
  title: 'BigQuery datasets are not destroyed with their tables',
  why: 'With delete_contents_on_destroy a destroy or replacement of the dataset deletes every table in it, including tables no configuration manages.',
  fix: 'Set delete_contents_on_destroy = false on the google_bigquery_dataset (or leave it unset).',
  severity: 'error',
  resourceTypes: ['google_bigquery_dataset'],
  google(resource) {
    return requireSwitchOff(
      resource,
      ['delete_contents_on_destroy'],
      'every table, view and model in the dataset is deleted with it',
      googleFix(
        'Remove `delete_contents_on_destroy = true` from the `google_bigquery_dataset` (false is the default).',
        'Remove `deleteContentsOnDestroy: true` from the `gcp.bigquery.Dataset` args (false is the default).',
      ),
    );
  },
});
