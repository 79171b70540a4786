/**
 * Google Cloud's CLIs: `gcloud` commands that delete databases, instances,
 * buckets, disks, snapshots, backups, keys and projects, or switch deletion
 * protection off (https://cloud.google.com/sdk/gcloud/reference); `gsutil`
 * (https://cloud.google.com/storage/docs/gsutil) and `bq`
 * (https://cloud.google.com/bigquery/docs/reference/bq-cli-reference).
 */
import type { Verdict } from './destructive-commands';
import type { Arg } from './tools';
import { commandPath, conditionHolds, judgeByPath, type PathRule } from './command-paths';
import { destructiveStatement } from './sql';

const HUMAN_ONLY =
  'If it really has to go, a human runs it, after checking that a backup or export exists in another project.';
const KEEP_PROTECTION = 'Keep the protection on; change it in the infrastructure code, where the change is reviewed.';

const deletes = (what: string): Verdict => ({ decision: 'deny', why: `deletes ${what}.`, instead: HUMAN_ONLY });
const asks = (why: string): Verdict => ({ decision: 'ask', why, instead: HUMAN_ONLY });
const protectionOff = (what: string): Verdict => ({
  decision: 'deny',
  why: `switches off ${what}, the setting that keeps the data from being deleted.`,
  instead: KEEP_PROTECTION,
});
const rule = (path: string, verdict: Verdict, extra: Partial<PathRule> = {}): PathRule => ({ path, verdict, ...extra });

export const GCLOUD_RULES: readonly PathRule[] = [
  rule('projects delete', deletes('a project and every resource in it (after 30 days, for good)')),
  rule('sql instances delete', deletes('a Cloud SQL instance, its databases and its automated backups')),
  rule('sql databases delete', deletes('a Cloud SQL database')),
  rule('sql backups delete', deletes('a Cloud SQL backup')),
  rule('sql instances patch', protectionOff('deletion protection or automated backups on a Cloud SQL instance'), {
    when: [{ flag: '--no-deletion-protection' }, { flag: '--no-backup' }],
  }),
  rule('spanner instances delete', deletes('a Spanner instance and its databases')),
  rule('spanner databases delete', deletes('a Spanner database')),
  rule('spanner backups delete', deletes('a Spanner backup')),
  rule('spanner databases update', protectionOff('drop protection on a Spanner database'), {
    when: [{ flag: '--no-enable-drop-protection' }],
  }),
  rule('bigtable instances delete', deletes('a Bigtable instance and its tables')),
  rule('bigtable instances tables delete', deletes('a Bigtable table')),
  rule('bigtable backups delete', deletes('a Bigtable backup')),
  rule('bigtable instances tables update', protectionOff('deletion protection on a Bigtable table'), {
    when: [{ flag: '--no-deletion-protection' }],
  }),
  rule('firestore databases delete', deletes('a Firestore database and its documents')),
  rule('firestore backups delete', deletes('a Firestore backup')),
  rule('firestore bulk-delete', deletes('Firestore documents in bulk')),
  rule('firestore databases update', protectionOff('delete protection on a Firestore database'), {
    when: [{ flag: '--no-delete-protection' }, { option: '--delete-protection-state', value: /DISABLED/i }],
  }),
  rule('filestore instances delete', deletes('a Filestore instance and its file shares')),
  rule('filestore backups delete', deletes('a Filestore backup')),
  rule('filestore instances snapshots delete', deletes('a Filestore snapshot')),
  rule('alloydb clusters delete', deletes('an AlloyDB cluster (with `--force`, its instances and backups too)')),
  rule('alloydb backups delete', deletes('an AlloyDB backup')),
  rule('redis instances delete', deletes('a Memorystore for Redis instance')),
  rule('redis clusters delete', deletes('a Memorystore for Redis cluster')),
  rule('memorystore instances delete', deletes('a Memorystore instance')),
  rule('backup-dr backup-vaults delete', deletes('a Backup and DR vault')),
  rule('backup-dr backups delete', deletes('a Backup and DR backup')),
  rule('storage buckets delete', deletes('a Cloud Storage bucket')),
  rule('storage rm', deletes('every object under the path'), {
    when: [{ flag: '-r' }, { flag: '-R' }, { flag: '--recursive' }, { flag: '-a' }, { flag: '--all-versions' }],
    otherwise: asks('deletes Cloud Storage objects.'),
  }),
  rule('storage rsync', deletes('objects in the destination that are missing from the source'), {
    when: [{ flag: '--delete-unmatched-destination-objects' }],
  }),
  rule('storage buckets update', protectionOff('soft delete, versioning or the retention policy on a bucket'), {
    when: [
      { flag: '--clear-soft-delete' },
      { option: '--soft-delete-duration', value: /^0+[a-z]?$/i },
      { flag: '--no-versioning' },
      { flag: '--clear-retention-period' },
    ],
  }),
  rule(
    'storage buckets update',
    {
      decision: 'ask',
      why: "replaces the bucket's lifecycle rules; a delete rule removes objects.",
      instead: KEEP_PROTECTION,
    },
    { when: [{ option: '--lifecycle-file', value: /./ }] },
  ),
  rule('compute disks delete', deletes('persistent disks')),
  rule('compute snapshots delete', deletes('disk snapshots')),
  rule(
    'compute instances delete',
    asks(
      'deletes VM instances; boot disks (and disks set to auto-delete) go with them unless `--keep-disks` is given.',
    ),
  ),
  rule(
    'kms keys versions destroy',
    deletes('a key version; data encrypted under it becomes unreadable for good once the destruction completes'),
  ),
  rule('kms keys versions disable', {
    decision: 'deny',
    why: 'disables a key version: data encrypted under it is unreadable until it is enabled again.',
    instead: HUMAN_ONLY,
  }),
  rule('container clusters delete', asks('deletes a GKE cluster; volumes whose reclaim policy is Delete go with it.')),
  // Deleting a secret cannot be undone: https://cloud.google.com/secret-manager/docs/delete-secret
  rule(
    'secrets delete',
    deletes('a Secret Manager secret and every version of it (a deleted secret cannot be restored)'),
  ),
  rule(
    'secrets versions destroy',
    deletes('a Secret Manager secret version (at once, unless the secret delays destruction)'),
  ),
];

const GCLOUD_VALUE_FLAGS = new Set([
  '--project',
  '--account',
  '--configuration',
  '--format',
  '--verbosity',
  '--impersonate-service-account',
  '--billing-project',
  '--flags-file',
  '--zone',
  '--region',
  '--instance',
  '--location',
]);

const UNKNOWN: Verdict = {
  decision: 'ask',
  why: 'names its command or options with values computed when the line runs, so Deadbolt cannot tell what it deletes.',
  instead: 'Write the command and options out literally.',
};

/** Services where an unlisted `delete` deletes data: a person decides. */
const DATA_SERVICES = new Set([
  'sql',
  'spanner',
  'bigtable',
  'firestore',
  'filestore',
  'alloydb',
  'redis',
  'memorystore',
  'backup-dr',
  'storage',
  'datastore',
]);

/** `gcloud` arguments. */
export function judgeGcloud(args: readonly Arg[]): Verdict | undefined {
  const path = commandPath(args, GCLOUD_VALUE_FLAGS);
  // Release tracks: `gcloud beta sql instances delete`.
  const track = path[0]?.value;
  const rest = track === 'alpha' || track === 'beta' ? args.filter((a) => a !== path[0]) : args;
  const verdict = judgeByPath(rest, GCLOUD_RULES, GCLOUD_VALUE_FLAGS, UNKNOWN);
  if (verdict) return verdict;
  const words = commandPath(rest, GCLOUD_VALUE_FLAGS);
  const service = words[0]?.value;
  if (
    service !== undefined &&
    DATA_SERVICES.has(service) &&
    words.some((w) => w.value === 'delete') &&
    !rest.some((a) => a.value === '--help' || a.value === 'help')
  ) {
    return asks('deletes something in a service that stores data.');
  }
  return undefined;
}

const GSUTIL_VALUE_FLAGS = new Set(['-h', '-o', '-u', '-i', '-p']);

/** `gsutil` arguments: `rm -r`, `rb`, `rsync -d`, `versioning set off`, `lifecycle set`. */
export function judgeGsutil(args: readonly Arg[]): Verdict | undefined {
  let k = 0;
  for (; k < args.length; k++) {
    const v = args[k].value;
    if (v === undefined || !v.startsWith('-')) break;
    if (GSUTIL_VALUE_FLAGS.has(v)) k++;
  }
  const sub = args[k];
  if (!sub) return undefined;
  if (sub.value === undefined) return UNKNOWN;
  const rest = args.slice(k + 1);
  if (rest.some((a) => a.value === '--help' || a.value === '-h')) return undefined;
  switch (sub.value) {
    case 'rb':
      return deletes('a Cloud Storage bucket');
    case 'rm':
    case 'del':
    case 'delete':
    case 'remove':
      return [{ flag: '-r' }, { flag: '-R' }, { flag: '-a' }].some((c) => conditionHolds(c, rest))
        ? deletes('every object under the path')
        : asks('deletes Cloud Storage objects.');
    case 'rsync':
      return conditionHolds({ flag: '-d' }, rest)
        ? deletes('objects in the destination that are missing from the source')
        : undefined;
    case 'versioning':
      return rest[0]?.value === 'set' && rest[1]?.value === 'off' ? protectionOff('versioning on a bucket') : undefined;
    case 'retention':
      return rest[0]?.value === 'clear' ? protectionOff('the retention policy on a bucket') : undefined;
    case 'lifecycle':
      return rest[0]?.value === 'set'
        ? {
            decision: 'ask',
            why: "replaces the bucket's lifecycle rules; a delete rule removes objects.",
            instead: KEEP_PROTECTION,
          }
        : undefined;
    default:
      return undefined;
  }
}

/** `bq` arguments: `bq rm` (with `-f`, no prompt), and queries that drop or empty tables. */
export function judgeBq(args: readonly Arg[]): Verdict | undefined {
  let k = 0;
  while (k < args.length && args[k].value?.startsWith('-')) k++;
  const sub = args[k];
  if (!sub) return undefined;
  if (sub.value === undefined) return UNKNOWN;
  const rest = args.slice(k + 1);
  if (sub.value === 'rm') {
    const force = rest.some((a) => a.value !== undefined && /^(-f|--force(=true)?|-[a-z]*f[a-z]*)$/.test(a.value));
    const recursive = rest.some(
      (a) => a.value !== undefined && /^(-r|--recursive(=true)?|-[a-z]*r[a-z]*)$/.test(a.value),
    );
    const what = recursive ? 'a BigQuery dataset and every table in it' : 'a BigQuery dataset, table, view or model';
    return force
      ? deletes(what)
      : asks(
          `${recursive ? 'deletes a BigQuery dataset and every table in it' : 'deletes a BigQuery dataset, table, view or model'}; the confirmation prompt can be answered from a pipe.`,
        );
  }
  if (sub.value === 'query') {
    for (const a of rest) {
      if (a.value === undefined) continue;
      const statement = destructiveStatement(a.value, 'sql');
      if (statement)
        return asks(
          `runs \`${statement}\` against BigQuery: a dropped or emptied table is recoverable only within the time-travel window.`,
        );
    }
  }
  return undefined;
}
