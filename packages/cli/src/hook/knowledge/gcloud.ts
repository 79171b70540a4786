/**
 * Google Cloud's CLIs: `gcloud` commands that delete databases, instances,
 * buckets, disks, snapshots, backups, keys and projects, or switch deletion
 * protection off (https://cloud.google.com/sdk/gcloud/reference); `gsutil`
 * (https://cloud.google.com/storage/docs/gsutil) and `bq`
 * (https://cloud.google.com/bigquery/docs/reference/bq-cli-reference).
 *
 * A gcloud delete asks "Do you want to continue (Y/n)?" only on a terminal: without one (an agent's shell), or with
 * `--quiet`/`-q` or `CLOUDSDK_CORE_DISABLE_PROMPTS=1`, it takes the default answer and deletes
 * (https://cloud.google.com/sdk/gcloud/reference#--quiet). So no verdict here depends on a prompt.
 * The decisions, and the command lines they were checked on, are in `gcloud.test.ts`.
 */
import type { Verdict } from './destructive-commands';
import type { Arg } from './tools';
import { commandPath, conditionHolds, optionValueOf, type Condition, type PathRule } from './command-paths';
import { destructiveStatement } from './sql';

const HUMAN_ONLY =
  'If it really has to go, a human runs it, after checking that a backup or export exists in another project.';
const KEEP_PROTECTION = 'Keep the protection on; change it in the infrastructure code, where the change is reviewed.';
const SQL_INSTEAD =
  'Export it first (`gcloud sql export sql INSTANCE gs://BUCKET/dump.sql.gz`, to a bucket in another project) and have a human run the delete; with `--retain-backups-on-delete` on, its backups outlive it.';
const OBJECTS_INSTEAD =
  'Delete the objects by name, or have a human run it after copying what must stay and checking the soft delete window (`gcloud storage buckets describe gs://BUCKET --format="value(soft_delete_policy)"`).';

const deletes = (what: string, instead = HUMAN_ONLY): Verdict => ({
  decision: 'deny',
  why: `deletes ${what}.`,
  instead,
});
const asks = (why: string, instead = HUMAN_ONLY): Verdict => ({ decision: 'ask', why, instead });
const protectionOff = (what: string): Verdict => ({
  decision: 'deny',
  why: `switches off ${what}, the setting that keeps the data from being deleted.`,
  instead: KEEP_PROTECTION,
});

/** A rule of the table: a command path, when it applies, and (for what flags cannot say) a judge of the arguments. */
interface GcloudRule extends PathRule {
  /** Judges the command when none of `when` holds (or there is no `when`); `targets` are the words after the path. */
  readonly judge?: (args: readonly Arg[], targets: readonly Arg[]) => Verdict | undefined;
}

/** A restore in place overwrites the target: https://cloud.google.com/sql/docs/mysql/backup-recovery/restoring */
const OVERWRITES_INSTANCE: Verdict = {
  decision: 'deny',
  why: "overwrites the target instance's data with the backup: every change since the backup is lost.",
  instead:
    'Restore into a new instance (`gcloud sql instances clone`, or a restore whose `--restore-instance` is a new instance) and have a human switch over.',
};

const IMPORT_INSTEAD =
  'Import into a new database (`gcloud sql databases create`, then `--database=NEW`), check it, and have a human switch over; export the current one first (`gcloud sql export sql`).';
/** `--clean` drops every object the dump recreates: the database's current rows are gone. */
const OVERWRITES_DATABASE: Verdict = {
  decision: 'deny',
  why: "drops the database's tables (`--clean`) and recreates them from the dump: the rows they held are lost.",
  instead: IMPORT_INSTEAD,
};
/**
 * A dump file in Cloud Storage, which Deadbolt cannot read, may drop and recreate tables: mysqldump writes
 * `DROP TABLE IF EXISTS` before each table by default (`--add-drop-table`, part of `--opt`, which is on unless
 * `--skip-opt`: https://dev.mysql.com/doc/refman/8.0/en/mysqldump.html#option_mysqldump_add-drop-table), and
 * pg_dump does with `--clean` (https://www.postgresql.org/docs/current/app-pgdump.html).
 */
const IMPORTS_DUMP: Verdict = {
  decision: 'ask',
  why: 'runs a dump file from Cloud Storage against the instance; a dump may drop and recreate the tables it holds, replacing their rows.',
  instead: IMPORT_INSTEAD,
};

const rule = (path: string, verdict: Verdict, extra: Partial<GcloudRule> = {}): GcloudRule => ({
  path,
  verdict,
  ...extra,
});
/** A rule whose verdict its judge alone gives. */
const judged = (path: string, judge: NonNullable<GcloudRule['judge']>): GcloudRule =>
  rule(path, { decision: 'ask', why: '', instead: '' }, { judge });
const flags = (...names: string[]): Condition[] => names.map((flag) => ({ flag }));
/** A count below `min` (`--retained-backups-count=3` against Cloud SQL's default of 7). */
const below = (option: string, min: number): Condition => ({
  option,
  value: new RegExp(`^0*(${Array.from({ length: min }, (_, k) => k).join('|')})$`),
});

const OBJECT_WILDCARD = /[*?[]/;

/**
 * `gcloud storage rm` without `-r`/`-a`: one named object is an everyday delete (buckets keep deleted objects for
 * 7 days by default: https://cloud.google.com/storage/docs/soft-delete); a wildcard deletes every object it matches
 * (https://cloud.google.com/storage/docs/wildcards); a computed name may be a wildcard; a bare bucket is a mistake
 * a person should look at; names read from standard input (`-I`) are not known.
 */
function judgeObjectDelete(args: readonly Arg[], targets: readonly Arg[]): Verdict | undefined {
  if (args.some((a) => a.value === '-I' || a.value === '--read-paths-from-stdin'))
    return asks('deletes the objects named on its standard input, which Deadbolt cannot read.', OBJECTS_INSTEAD);
  for (const t of targets) {
    // An unquoted `gs://b/**` is a shell glob that matches no local file, so gsutil or gcloud gets it as written.
    if (t.value === undefined && !/[$`]/.test(t.text) && OBJECT_WILDCARD.test(t.text))
      return deletes('every object the wildcard matches', OBJECTS_INSTEAD);
    if (t.value === undefined)
      return asks(
        'deletes objects named by a value computed when the line runs; it may be a wildcard.',
        OBJECTS_INSTEAD,
      );
    if (OBJECT_WILDCARD.test(t.value)) return deletes('every object the wildcard matches', OBJECTS_INSTEAD);
    if (/^gs:\/\/[^/]+\/?$/.test(t.value))
      return asks('names a whole bucket; with `-r` it would delete every object in it.', OBJECTS_INSTEAD);
  }
  return undefined;
}

/** SQL in `spanner databases execute-sql --sql` or `ddl update --ddl` that drops or empties tables. */
function judgeSpannerSql(args: readonly Arg[]): Verdict | undefined {
  for (const name of ['--sql', '--ddl']) {
    const text = optionValueOf(args, [name]);
    if (text === null) return asks('runs SQL computed when the line runs against a Spanner database.');
    const statement = text ? destructiveStatement(text, 'sql') : undefined;
    if (statement)
      return asks(
        `runs \`${statement}\` against a Spanner database: dropped data comes back only from a backup or within the version retention period.`,
      );
  }
  return undefined;
}

/** `gcloud compute instances delete`: `--delete-disks` deletes the disks with the VM; `--keep-disks=all` keeps them. */
function judgeInstanceDelete(args: readonly Arg[]): Verdict | undefined {
  const keep = optionValueOf(args, ['--keep-disks']);
  if (keep === 'all') return undefined;
  // The boot disk is created with auto-delete on unless `--no-boot-disk-auto-delete`
  // (https://cloud.google.com/sdk/gcloud/reference/compute/instances/create#--boot-disk-auto-delete).
  return asks(
    'deletes VM instances; the boot disk (auto-delete is on by default) and every disk set to auto-delete go with them.',
    'Keep the disks (`--keep-disks=all`), snapshot them first, or have a human run it.',
  );
}

/** `gcloud storage objects update`: shortening or removing an object's unlocked retention. */
function judgeObjectRetention(args: readonly Arg[]): Verdict | undefined {
  const override = conditionHolds({ flag: '--override-unlocked-retention' }, args);
  if (override === false) return undefined;
  return [{ flag: '--clear-retention' }, { flag: '--retain-until' }, { flag: '--retention-mode' }].some((c) =>
    conditionHolds(c, args),
  )
    ? protectionOff("an object's retention (or shortens it)")
    : undefined;
}

/**
 * `gcloud compute instances set-disk-auto-delete`: auto-delete is switched on unless `--no-auto-delete` is the last
 * word on it (https://cloud.google.com/sdk/gcloud/reference/compute/instances/set-disk-auto-delete); the disk is then
 * deleted with its instance.
 */
function judgeDiskAutoDelete(args: readonly Arg[]): Verdict | undefined {
  if (args.some(isFlagsFile)) return FLAGS_FILE;
  const last = args.filter((a) => a.value === '--auto-delete' || a.value === '--no-auto-delete').pop();
  if (last?.value === '--no-auto-delete') return undefined;
  return asks(
    'switches auto-delete on for a disk: it will be deleted, with its data, whenever its instance is deleted.',
    'Keep the disk independent of the instance (`--no-auto-delete`), snapshot it first, or have a human run it.',
  );
}

export const GCLOUD_RULES: readonly GcloudRule[] = [
  rule('projects delete', deletes('a project and every resource in it (after 30 days, for good)')),
  // A lien stops a project from being deleted: https://cloud.google.com/resource-manager/docs/project-liens
  rule('resource-manager liens delete', protectionOff('a lien on a project')),
  rule(
    'sql instances delete',
    deletes('a Cloud SQL instance, its databases and its automated backups (unless they are retained)', SQL_INSTEAD),
  ),
  rule('sql databases delete', deletes('a Cloud SQL database', SQL_INSTEAD)),
  rule('sql backups delete', deletes('a Cloud SQL backup')),
  // A final backup is what is left of a deleted instance; `--ttl-days`/`--expiry-time` change when it is deleted
  // (https://cloud.google.com/sdk/gcloud/reference/sql/backups/patch).
  rule(
    'sql backups patch',
    asks(
      "changes when a final backup expires: a shorter time deletes the last copy of a deleted instance's data sooner.",
    ),
    { when: [{ flag: '--ttl-days' }, { flag: '--expiry-time' }] },
  ),
  ...['sql backups restore', 'sql instances restore-backup'].map((p) => rule(p, OVERWRITES_INSTANCE)),
  // `--clean` drops the database's objects before the dump recreates them
  // (https://cloud.google.com/sdk/gcloud/reference/sql/import/sql#--clean).
  rule('sql import sql', OVERWRITES_DATABASE, { when: flags('--clean'), otherwise: IMPORTS_DUMP }),
  // The deprecated spelling of `sql import sql`: https://cloud.google.com/sdk/gcloud/reference/sql/instances/import
  rule('sql instances import', IMPORTS_DUMP),
  // A SQL Server backup file restored into the instance: https://cloud.google.com/sdk/gcloud/reference/sql/import/bak
  rule('sql import bak', IMPORTS_DUMP),
  // https://cloud.google.com/sdk/gcloud/reference/sql/instances/patch
  rule(
    'sql instances patch',
    protectionOff(
      'deletion protection, automated backups, point-in-time recovery or retained backups on a Cloud SQL instance',
    ),
    {
      when: [
        ...flags(
          '--no-deletion-protection',
          '--no-backup',
          '--no-enable-point-in-time-recovery',
          '--no-retain-backups-on-delete',
          '--no-enable-bin-log',
          '--no-final-backup',
        ),
        // Fewer automated backups than Cloud SQL's default of 7: the older ones are deleted.
        below('--retained-backups-count', 7),
      ],
    },
  ),
  rule(
    'sql instances patch',
    asks('shortens the point-in-time recovery window below the default 7 days; older transaction logs are deleted.'),
    { when: [below('--retained-transaction-log-days', 7)] },
  ),
  rule('spanner instances delete', deletes('a Spanner instance, its databases and their backups')),
  rule('spanner databases delete', deletes('a Spanner database')),
  rule('spanner backups delete', deletes('a Spanner backup')),
  rule('spanner databases update', protectionOff('drop protection on a Spanner database'), {
    when: flags('--no-enable-drop-protection'),
  }),
  judged('spanner databases execute-sql', judgeSpannerSql),
  judged('spanner databases ddl update', judgeSpannerSql),
  rule('bigtable instances delete', deletes('a Bigtable instance and its tables')),
  rule('bigtable instances tables delete', deletes('a Bigtable table')),
  rule('bigtable backups delete', deletes('a Bigtable backup')),
  rule(
    'bigtable instances tables update',
    protectionOff('deletion protection or automated backups on a Bigtable table'),
    {
      when: flags('--no-deletion-protection', '--disable-automated-backup'),
    },
  ),
  rule('firestore databases delete', deletes('a Firestore database and its documents')),
  rule('firestore backups delete', deletes('a Firestore backup')),
  rule('firestore bulk-delete', deletes('Firestore documents in bulk')),
  // https://cloud.google.com/sdk/gcloud/reference/firestore/databases/update
  rule(
    'firestore databases update',
    protectionOff('delete protection or point-in-time recovery on a Firestore database'),
    {
      when: [
        ...flags('--no-delete-protection', '--no-enable-pitr'),
        { option: '--delete-protection-state', value: /DISABLED/i },
      ],
    },
  ),
  // A TTL policy deletes each document once the time in its field has passed: https://cloud.google.com/firestore/docs/ttl
  rule(
    'firestore fields ttls update',
    asks('turns on a TTL policy: Firestore deletes every document of the collection group once its time has passed.'),
    { when: flags('--enable-ttl') },
  ),
  rule('filestore instances delete', deletes('a Filestore instance and its file shares')),
  rule('filestore backups delete', deletes('a Filestore backup')),
  rule('filestore instances snapshots delete', deletes('a Filestore snapshot')),
  // https://cloud.google.com/filestore/docs/backup-restore: a restore in place overwrites the file share.
  rule('filestore instances restore', {
    decision: 'deny',
    why: "overwrites the file share's data with the backup: every change since the backup is lost.",
    instead:
      'Restore into a new instance (`gcloud filestore instances create … --source-backup`) and have a human switch over.',
  }),
  rule('alloydb clusters delete', deletes('an AlloyDB cluster (with `--force`, its instances and backups too)')),
  rule('alloydb backups delete', deletes('an AlloyDB backup')),
  // https://cloud.google.com/sdk/gcloud/reference/alloydb/clusters/update
  rule('alloydb clusters update', protectionOff('automated or continuous backups on an AlloyDB cluster'), {
    when: flags('--disable-automated-backup', '--no-enable-continuous-backup'),
  }),
  rule('redis instances delete', deletes('a Memorystore for Redis instance')),
  rule('redis clusters delete', deletes('a Memorystore for Redis cluster')),
  // https://cloud.google.com/sdk/gcloud/reference/redis/clusters/backups/delete
  rule('redis clusters backups delete', deletes('a Memorystore for Redis Cluster backup')),
  rule('memorystore instances delete', deletes('a Memorystore instance')),
  // https://cloud.google.com/sdk/gcloud/reference/memorystore/backup-collections/backups/delete
  rule('memorystore backup-collections backups delete', deletes('a Memorystore backup')),
  rule('backup-dr backup-vaults delete', deletes('a Backup and DR vault and the backups in it')),
  rule('backup-dr backups delete', deletes('a Backup and DR backup')),
  // The association is what backs a resource up under a plan: without it no new backups are taken.
  rule('backup-dr backup-plan-associations delete', {
    decision: 'deny',
    why: 'deletes a backup plan association: the resource it names is no longer backed up.',
    instead: HUMAN_ONLY,
  }),
  rule(
    'backup-dr backup-vaults update',
    asks("changes a vault's enforced minimum retention; a shorter one lets its backups be deleted sooner."),
    { when: [{ flag: '--backup-min-enforced-retention' }, { flag: '--force-update' }] },
  ),
  rule('storage buckets delete', deletes('a Cloud Storage bucket', OBJECTS_INSTEAD)),
  rule('storage rm', deletes('every object under the path (with `-a`, every version)', OBJECTS_INSTEAD), {
    when: flags('-r', '-R', '--recursive', '-a', '--all-versions'),
    judge: judgeObjectDelete,
  }),
  // https://cloud.google.com/sdk/gcloud/reference/storage/rsync#--delete-unmatched-destination-objects; `cp` and
  // `mv` document no such flag, but a line that passes it is read as meaning it.
  ...['storage rsync', 'storage cp', 'storage mv'].map((p) =>
    rule(p, deletes('objects in the destination that are missing from the source', OBJECTS_INSTEAD), {
      when: flags('--delete-unmatched-destination-objects'),
    }),
  ),
  // https://cloud.google.com/sdk/gcloud/reference/storage/buckets/update
  rule('storage buckets update', protectionOff('soft delete, versioning or the retention policy on a bucket'), {
    when: [
      ...flags('--clear-soft-delete', '--no-versioning', '--clear-retention-period'),
      { option: '--soft-delete-duration', value: /^(0+[smhd]?|P?T?0+[DHMS]?)$/i },
      { option: '--retention-period', value: /^(0+[smhdy]?|P?T?0+[YDHMS]?)$/i },
    ],
  }),
  // An unlocked retention policy can be shortened; Deadbolt cannot read the current period, so any new one may be
  // shorter, and objects older than it become deletable at once
  // (https://cloud.google.com/sdk/gcloud/reference/storage/buckets/update#--retention-period).
  rule(
    'storage buckets update',
    asks(
      "sets the bucket's retention period; if it is shorter than the current one, objects it no longer covers can be deleted or overwritten at once.",
      KEEP_PROTECTION,
    ),
    { when: [{ option: '--retention-period', value: /./ }] },
  ),
  rule(
    'storage buckets update',
    asks("replaces the bucket's lifecycle rules; a delete rule removes objects.", KEEP_PROTECTION),
    { when: [{ option: '--lifecycle-file', value: /./ }] },
  ),
  judged('storage objects update', judgeObjectRetention),
  rule('compute disks delete', deletes('persistent disks')),
  rule('compute snapshots delete', deletes('disk snapshots')),
  rule('compute instant-snapshots delete', deletes('instant snapshots of disks')),
  rule('compute machine-images delete', deletes('a machine image (a backup of a VM and its disks)')),
  // Deleting a custom image is irreversible; export it to Cloud Storage first to keep a copy:
  // https://cloud.google.com/compute/docs/images/delete-custom
  rule(
    'compute images delete',
    deletes(
      'disk images (a deleted custom image cannot be recovered)',
      'Deprecate it (`gcloud compute images deprecate IMAGE --state=DEPRECATED`), or export it to a bucket in another project (`gcloud compute images export`) and have a human delete it.',
    ),
  ),
  // A resource policy may be a snapshot schedule, the disks' scheduled backups
  // (https://cloud.google.com/compute/docs/disks/about-snapshot-schedules): deleting or detaching one stops the
  // disks' new backups, a loss of protection a person weighs, since instance schedules and placement policies are
  // resource policies too (https://cloud.google.com/sdk/gcloud/reference/compute/disks/remove-resource-policies).
  rule(
    'compute resource-policies delete',
    asks(
      'deletes a resource policy; if it is a snapshot schedule, the disks it backs up get no more scheduled snapshots.',
      KEEP_PROTECTION,
    ),
  ),
  rule(
    'compute disks remove-resource-policies',
    asks(
      'detaches resource policies from a disk; if one is its snapshot schedule, the disk gets no more scheduled snapshots.',
      KEEP_PROTECTION,
    ),
  ),
  // `--max-retention-days` bounds how long the schedule's snapshots are kept, and `apply-retention-policy` keeps
  // applying it after the source disk is deleted
  // (https://cloud.google.com/sdk/gcloud/reference/compute/resource-policies/update/snapshot-schedule).
  rule(
    'compute resource-policies update snapshot-schedule',
    asks(
      'changes how long a snapshot schedule keeps its snapshots; a shorter time, or applying it after the disk is deleted, deletes older snapshots.',
      KEEP_PROTECTION,
    ),
    {
      when: [
        { option: '--max-retention-days', value: /./ },
        { option: '--on-source-disk-delete', value: /apply-retention-policy/i },
      ],
    },
  ),
  judged('compute instances set-disk-auto-delete', judgeDiskAutoDelete),
  // https://cloud.google.com/sdk/gcloud/reference/compute/instances/delete#--delete-disks
  rule('compute instances delete', deletes('VM instances and their disks (`--delete-disks`)'), {
    when: flags('--delete-disks'),
    judge: judgeInstanceDelete,
  }),
  rule(
    'kms keys versions destroy',
    deletes('a key version; data encrypted under it becomes unreadable for good once the destruction completes'),
  ),
  // The scheduled-for-destruction duration is set when a key is created
  // (https://cloud.google.com/kms/docs/destroy-restore); `kms keys update` documents no such flag
  // (https://cloud.google.com/sdk/gcloud/reference/kms/keys/update), but a line that passes it is read as meaning it.
  rule(
    'kms keys update',
    asks(
      'changes how long a key version waits between being scheduled for destruction and being destroyed; a shorter wait leaves less time to restore it.',
      KEEP_PROTECTION,
    ),
    { when: flags('--destroy-scheduled-duration') },
  ),
  rule('kms keys versions disable', {
    decision: 'deny',
    why: 'disables a key version: data encrypted under it is unreadable until it is enabled again.',
    instead: HUMAN_ONLY,
  }),
  // A deleted log bucket waits 7 days, during which `gcloud logging buckets undelete` restores it, and is then purged
  // with its log entries (https://cloud.google.com/logging/docs/reference/v2/rest/v2/projects.locations.buckets/delete).
  rule(
    'logging buckets delete',
    asks(
      'deletes a log bucket: after 7 days its log entries are purged for good (`gcloud logging buckets undelete` restores it before then).',
      'Route new logs elsewhere with a sink and keep the bucket until its entries have expired, or have a human delete it.',
    ),
  ),
  // https://cloud.google.com/sdk/gcloud/reference/logging/buckets/update#--retention-days: Deadbolt cannot read the
  // current retention, so any new one may be shorter.
  rule(
    'logging buckets update',
    asks(
      'changes how long a log bucket keeps its log entries; a shorter time deletes the older entries.',
      KEEP_PROTECTION,
    ),
    { when: [{ option: '--retention-days', value: /./ }] },
  ),
  // https://cloud.google.com/sdk/gcloud/reference/container/clusters/delete
  rule(
    'container clusters delete',
    asks(
      'deletes a GKE cluster: its nodes and the data in hostPath and emptyDir volumes go, and GKE attempts to delete its persistent disk volumes.',
      "Back up the cluster's volumes (VolumeSnapshots or Backup for GKE) and have a human delete it.",
    ),
  ),
  // `gcloud alpha bq`: https://cloud.google.com/sdk/gcloud/reference/alpha/bq
  rule('bq datasets delete', deletes('a BigQuery dataset (with `--remove-tables`, every table in it)')),
  rule('bq tables delete', deletes('a BigQuery table')),
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

/** Flags every gcloud command takes that have a value (https://cloud.google.com/sdk/gcloud/reference#global-flags). */
const GCLOUD_VALUE_FLAGS = new Set([
  '--project',
  '--account',
  '--configuration',
  '--format',
  '--verbosity',
  '--impersonate-service-account',
  '--billing-project',
  '--flags-file',
  '--flatten',
  '--trace-token',
  '--access-token-file',
  '--zone',
  '--region',
  '--instance',
  '--location',
]);
/** The global flags without a value. */
const GCLOUD_BOOLEAN_FLAGS = new Set([
  '--quiet',
  '-q',
  '--log-http',
  '--no-log-http',
  '--user-output-enabled',
  '--no-user-output-enabled',
  '--help',
  '-h',
]);

const UNKNOWN: Verdict = {
  decision: 'ask',
  why: 'names its command or options with values computed when the line runs, so Deadbolt cannot tell what it deletes.',
  instead: 'Write the command and options out literally.',
};
const FLAGS_FILE: Verdict = {
  decision: 'ask',
  why: 'reads options from a file (`--flags-file`) that may switch off a protection.',
  instead: 'Write the options out on the command line.',
};

/** `--flags-file=FILE` or `--flags-file FILE`: https://cloud.google.com/sdk/gcloud/reference/topic/flags-file */
const isFlagsFile = (a: Arg): boolean => a.value === '--flags-file' || a.value?.startsWith('--flags-file=') === true;

/** gcloud verbs that only read, whatever their flags. */
const READ_ONLY_VERBS = new Set([
  'list',
  'describe',
  'get',
  'get-value',
  'get-iam-policy',
  'ls',
  'cat',
  'du',
  'print-access-token',
  'print-identity-token',
  'version',
  'info',
]);

/** The services the table has rules for (`sql`, `compute`, `kms`, `projects`, …). */
const RULED_SERVICES: ReadonlySet<string> = new Set(GCLOUD_RULES.map((r) => r.path.split(' ')[0]));

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
  'bq',
]);

/** Switches that turn a resource's deletion protection off, on any `update` or `patch`. */
const PROTECTION_OFF = flags(
  '--no-deletion-protection',
  '--no-delete-protection',
  '--no-enable-drop-protection',
  '--no-enable-deletion-protection',
);

/**
 * A flag condition, also met by an abbreviation of a long flag (`--no-deletion-prot`): Python's argparse, which gcloud
 * is built on, accepts an unambiguous prefix of a long option unless the parser turns that off
 * (https://docs.python.org/3/library/argparse.html#allow-abbrev); failing closed, the hook reads one as the flag.
 */
function holds(c: Condition, args: readonly Arg[]): boolean | undefined {
  if ('option' in c && optionValueOf(args, [c.option])?.includes(COMPUTED)) return undefined;
  const negated = 'flag' in c && c.flag.startsWith('--no-') ? negatedByValue(`--${c.flag.slice(5)}`, args) : false;
  if (negated === true) return true;
  const exact = conditionHolds(c, args);
  if (exact !== false || !('flag' in c) || !c.flag.startsWith('--')) return exact;
  const abbreviated = args.some(
    (a) => a.value !== undefined && a.value.length >= 9 && !a.value.includes('=') && c.flag.startsWith(a.value),
  );
  return abbreviated || negated;
}

/**
 * `--deletion-protection=false` for `--no-deletion-protection`: true, or undefined when the value is computed.
 * gcloud's boolean flags take no value on the command line today (argparse's `store_true` refuses one with "ignored
 * explicit argument": https://docs.python.org/3/library/argparse.html#action); failing closed, as a later gcloud
 * or a flag declared with a boolean type may accept it, the hook reads a false value as the off switch.
 */
function negatedByValue(positive: string, args: readonly Arg[]): boolean | undefined {
  let result: boolean | undefined = false;
  for (const a of args) {
    const v = a.value?.toLowerCase();
    if (!v?.startsWith(`${positive}=`)) continue;
    const value = v.slice(positive.length + 1);
    if (/^(false|f|no|n|0|off)$/.test(value)) return true;
    if (value.includes(COMPUTED)) result = undefined;
  }
  return result;
}

/** Stands for the computed part of an option's value (`--project=$PROJECT_ID`). */
const COMPUTED = '\u0000';

/**
 * Options whose value is computed (`--project=$PROJECT_ID`, `--retained-backups-count="$N"`) are read as options
 * with an unknown value, not as words of the command: the expansion is the option's value.
 */
function withComputedOptions(args: readonly Arg[]): Arg[] {
  return args.map((a) => {
    if (a.value !== undefined) return a;
    const m = /^["']?(--?[A-Za-z][A-Za-z0-9_-]*)=/.exec(a.text);
    return m ? { ...a, value: `${m[1]}=${COMPUTED}` } : a;
  });
}

const SEVERITY = { allow: 0, ask: 1, deny: 2 } as const;
const worse = (a: Verdict | undefined, b: Verdict | undefined): Verdict | undefined =>
  !b ? a : !a ? b : SEVERITY[b.decision] > SEVERITY[a.decision] ? b : a;

/** The first rule whose path the command's path starts with and whose conditions hold (rules of one path in order). */
function judgeRules(args: readonly Arg[], path: readonly Arg[]): Verdict | undefined {
  for (const r of GCLOUD_RULES) {
    const words = r.path.split(' ');
    if (path.length < words.length) continue;
    let computed = false;
    let matches = true;
    for (let j = 0; j < words.length && matches; j++) {
      const w = path[j].value;
      if (w === undefined) computed = true;
      else matches = w === words[j];
    }
    if (!matches) continue;
    if (computed) return UNKNOWN;
    let uncertain = false;
    if (r.when) {
      for (const c of r.when) {
        const h = holds(c, args);
        if (h === true) return r.verdict;
        if (h === undefined) uncertain = true;
      }
      if (uncertain) return UNKNOWN;
      if (args.some(isFlagsFile)) return FLAGS_FILE;
    }
    if (r.judge) {
      const v = r.judge(args, path.slice(words.length));
      if (v) return v;
      continue;
    }
    if (!r.when) return r.verdict;
    if (r.otherwise) return r.otherwise;
  }
  return undefined;
}

function judgeGcloudReading(args: readonly Arg[]): Verdict | undefined {
  const path = commandPath(args, GCLOUD_VALUE_FLAGS);
  // `gcloud help …` only prints.
  if (path[0]?.value === 'help') return undefined;
  if (args.some((a) => a.value === '--help' || a.value === '-h')) return undefined;
  // Release tracks: `gcloud beta sql instances delete`.
  const track = path[0]?.value;
  const words = track === 'alpha' || track === 'beta' || track === 'preview' ? path.slice(1) : path;
  // `--dry-run` lists what rsync would copy and delete, and changes nothing
  // (https://cloud.google.com/sdk/gcloud/reference/storage/rsync#--dry-run).
  if (words[0]?.value === 'storage' && words[1]?.value === 'rsync' && args.some((a) => a.value === '--dry-run'))
    return undefined;
  // A computed word stands for one word, or for none or several (`gcloud $FLAGS sql instances delete db`): read
  // the path both ways; computed words among the first two, where nothing matched, may be any command.
  const literal = words.filter((w) => w.value !== undefined);
  const verdict =
    literal.length === words.length
      ? judgeRules(args, words)
      : worse(judgeRules(args, words), judgeRules(args, literal));
  if (verdict) return verdict;
  if (path.slice(0, 2).some((w) => w.value === undefined)) return UNKNOWN;
  const service = words[0]?.value;
  const verbs = words.slice(0, 5).map((w) => w.value);
  if (verbs.includes('update') || verbs.includes('patch')) {
    const off = PROTECTION_OFF.map((c) => holds(c, args));
    if (off.includes(true)) return protectionOff('deletion protection');
    if (off.includes(undefined)) return UNKNOWN;
  }
  if (service !== undefined && DATA_SERVICES.has(service) && words.slice(0, 5).some((w) => w.value === 'delete')) {
    return service === 'backup-dr'
      ? deletes('a Backup and DR resource that keeps or schedules backups')
      : asks('deletes something in a service that stores data.');
  }
  // Options read from a file may be any of the command's flags (`--no-deletion-protection`, `--delete-disks`): in a
  // service that holds data, a command that changes anything is judged unread. The file cannot change which command
  // runs, so a listing stays one, and `gcloud run deploy --flags-file=…` deletes nothing whatever it holds.
  if (
    service !== undefined &&
    (DATA_SERVICES.has(service) || RULED_SERVICES.has(service)) &&
    args.some(isFlagsFile) &&
    !words.slice(0, 5).some((w) => w.value !== undefined && READ_ONLY_VERBS.has(w.value))
  )
    return FLAGS_FILE;
  return undefined;
}

/** `gcloud` arguments. */
export function judgeGcloud(written: readonly Arg[]): Verdict | undefined {
  const args = withComputedOptions(written);
  const verdict = judgeGcloudReading(args);
  if (verdict?.decision === 'deny') return verdict;
  // A flag the table does not know, before the command's words, may take a value (`gcloud --new-flag x sql …`):
  // read the line both ways.
  let words = 0;
  let alternative: Arg[] | undefined;
  for (let k = 0; k < args.length && words < 2; k++) {
    const v = args[k].value;
    if (v === undefined || !v.startsWith('-')) {
      words++;
      continue;
    }
    if (GCLOUD_VALUE_FLAGS.has(v)) {
      k++;
      continue;
    }
    const next = args[k + 1];
    if (
      v.startsWith('--') &&
      !v.includes('=') &&
      !GCLOUD_BOOLEAN_FLAGS.has(v) &&
      next?.value &&
      !next.value.startsWith('-')
    ) {
      alternative = [...args.slice(0, k + 1), ...args.slice(k + 2)];
      break;
    }
  }
  return alternative ? worse(verdict, judgeGcloudReading(alternative)) : verdict;
}

const GSUTIL_VALUE_FLAGS = new Set(['-h', '-o', '-u', '-i', '-p']);

/** `gsutil` arguments: `rm -r`, `rb`, `rsync -d`, `versioning set off`, `retention clear`, `lifecycle set`. */
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
  if (rest.some((a) => a.value === '--help')) return undefined;
  switch (sub.value) {
    case 'rb':
      return deletes('a Cloud Storage bucket', OBJECTS_INSTEAD);
    // https://cloud.google.com/storage/docs/gsutil/commands/rm
    case 'rm':
    case 'del':
    case 'delete':
    case 'remove': {
      const recursive = [{ flag: '-r' }, { flag: '-R' }, { flag: '-a' }].map((c) => conditionHolds(c, rest));
      if (recursive.includes(true))
        return deletes('every object under the path (with `-a`, every version)', OBJECTS_INSTEAD);
      const targets = rest.filter((a) => a.value === undefined || !a.value.startsWith('-'));
      return judgeObjectDelete(rest, targets);
    }
    // https://cloud.google.com/storage/docs/gsutil/commands/rsync: `-d` deletes extra objects at the destination;
    // `-n` is a dry run that only lists what it would copy and delete.
    case 'rsync':
      return conditionHolds({ flag: '-d' }, rest) && !conditionHolds({ flag: '-n' }, rest)
        ? deletes('objects in the destination that are missing from the source', OBJECTS_INSTEAD)
        : undefined;
    case 'versioning':
      return rest[0]?.value === 'set' && rest[1]?.value === 'off' ? protectionOff('versioning on a bucket') : undefined;
    case 'retention':
      return rest[0]?.value === 'clear' ? protectionOff('the retention policy on a bucket') : undefined;
    case 'lifecycle':
      return rest[0]?.value === 'set'
        ? asks("replaces the bucket's lifecycle rules; a delete rule removes objects.", KEEP_PROTECTION)
        : undefined;
    default:
      return undefined;
  }
}

/** bq's flags before the command that take a value (absl flags: `--name value`, `--name=value`, `-name value`). */
const BQ_VALUE_FLAGS = new Set([
  'project_id',
  'location',
  'dataset_id',
  'format',
  'api',
  'api_version',
  'apilog',
  'bigqueryrc',
  'ca_certificates_file',
  'credential_file',
  'application_default_credential_file',
  'service_account',
  'service_account_credential_file',
  'service_account_private_key_file',
  'job_id',
  'job_property',
  'max_rows_per_request',
  'proxy_address',
  'proxy_port',
  'proxy_username',
  'proxy_password',
  'httplib2_debuglevel',
  'trace',
  'flagfile',
  'quota_project_id',
]);
const BQ_COMMANDS = new Set([
  'add-iam-policy-binding',
  'cancel',
  'cp',
  'extract',
  'get-iam-policy',
  'head',
  'help',
  'init',
  'insert',
  'load',
  'ls',
  'mk',
  'mkdef',
  'partition',
  'query',
  'remove-iam-policy-binding',
  'rm',
  'set-iam-policy',
  'shell',
  'show',
  'truncate',
  'undelete',
  'update',
  'version',
  'wait',
]);

/**
 * An absl boolean flag (`-f`, `--force`, `-force`, `--force=true`, `--noforce`): true, false, or undefined when
 * absent. A cluster of one-letter flags (`-rf`) counts too: bq refuses it, and the hook fails closed.
 */
function abslBool(args: readonly Arg[], long: string, short: string): boolean | undefined {
  let result: boolean | undefined;
  for (const a of args) {
    const m = a.value !== undefined ? /^--?([A-Za-z_]+)(?:=(.*))?$/.exec(a.value) : null;
    if (!m) continue;
    const [, name, value] = m;
    if (name === long || name === short) result = value === undefined || /^(1|t|true|y|yes)$/i.test(value);
    else if (name === `no${long}`) result = false;
    else if (short && /^-[rfdtm]{2,5}$/.test(a.value!) && name.includes(short)) result = true;
  }
  return result;
}

/** An absl option's value, as a number (`--max_time_travel_hours=48`, `--expiration 3600`); NaN when computed. */
function abslNumber(args: readonly Arg[], name: string): number | undefined {
  const v = optionValueOf(args, [`--${name}`, `-${name}`]);
  if (v === undefined) return undefined;
  return v === null || v === '' || v.includes(COMPUTED) ? Number.NaN : Number(v);
}

/** `bq` arguments: `bq rm` (with `-f`, no prompt), time travel and expirations, and queries that drop or empty tables. */
export function judgeBq(written: readonly Arg[]): Verdict | undefined {
  const args = withComputedOptions(written);
  let k = 0;
  for (; k < args.length; k++) {
    const v = args[k].value;
    if (v === undefined) return UNKNOWN;
    if (!v.startsWith('-')) {
      // A word after a flag the table does not know may be that flag's value (`bq --new_flag x rm …`).
      if (BQ_COMMANDS.has(v) || k === 0 || !args[k - 1].value?.startsWith('-') || args[k - 1].value!.includes('='))
        break;
      continue;
    }
    const name = v.replace(/^--?/, '');
    if (!name.includes('=') && BQ_VALUE_FLAGS.has(name)) k++;
  }
  const sub = args[k];
  if (!sub) return undefined;
  const rest = args.slice(k + 1);
  if (rest.some((a) => a.value === '--help' || a.value === '-h')) return undefined;
  const verdict = judgeBqCommand(sub, rest);
  // bq parses its flags with Abseil, whose `--flagfile=FILE` reads more flags from a file
  // (https://abseil.io/docs/python/guides/flags, "Special Flags"): a command that writes could get `--force` or
  // `--replace` from it.
  if (
    verdict?.decision !== 'deny' &&
    args.some((a) => a.value !== undefined && /^--?flagfile(=|$)/.test(a.value)) &&
    !BQ_READ_ONLY.has(sub.value ?? '')
  )
    return BQ_FLAGFILE;
  return verdict;
}

/** bq commands that only read, whatever their flags. */
const BQ_READ_ONLY = new Set(['ls', 'show', 'head', 'help', 'version', 'wait', 'get-iam-policy']);
const BQ_FLAGFILE: Verdict = {
  decision: 'ask',
  why: 'reads flags from a file (`--flagfile`) that may force a delete or an overwrite.',
  instead: 'Write the flags out on the command line.',
};
const TABLE_INSTEAD =
  'Write to a new table (or append: `--noreplace`, `--append_table`), snapshot the table first (`bq cp --snapshot`), or have a human run it; within the time-travel window the old rows can still be restored.';
/**
 * Overwriting a table (`bq load --replace`, `bq cp -f`, `bq query --replace --destination_table`) is an everyday ETL
 * reload, and BigQuery keeps the table's previous contents for the dataset's time-travel window (2 to 7 days, 7 by
 * default: https://cloud.google.com/bigquery/docs/time-travel), so the user confirms it rather than the hook refusing
 * it; `bq rm -f` stays refused.
 */
const overwrites = (by: string): Verdict =>
  asks(
    `replaces every row of the destination table with ${by}; the previous contents are recoverable only within the dataset's time-travel window (7 days by default, as short as 2).`,
    TABLE_INSTEAD,
  );

/** The value of an absl flag computed when the line runs (`--replace=$R`). */
const computedFlag = (args: readonly Arg[], name: string): boolean =>
  args.some((a) => a.value?.startsWith(`--${name}=${COMPUTED}`) || a.value?.startsWith(`-${name}=${COMPUTED}`));

/** What one bq command does: `sub` is the command, `rest` its flags and arguments. */
function judgeBqCommand(sub: Arg, rest: readonly Arg[]): Verdict | undefined {
  switch (sub.value) {
    // https://cloud.google.com/bigquery/docs/reference/bq-cli-reference#bq_rm
    case 'rm': {
      // Connections, reservations, commitments and transfer configurations hold no data.
      if (
        ['connection', 'reservation', 'capacity_commitment', 'reservation_assignment', 'transfer_config'].some((n) =>
          abslBool(rest, n, ''),
        )
      )
        return undefined;
      const force = abslBool(rest, 'force', 'f');
      const recursive = abslBool(rest, 'recursive', 'r');
      const model = abslBool(rest, 'model', 'm');
      const what = recursive
        ? 'a BigQuery dataset and every table in it'
        : model
          ? 'a BigQuery ML model'
          : 'a BigQuery dataset, table or view';
      const instead =
        'Copy what must stay first (`bq cp`, or a table snapshot), and have a human run it; within the time-travel window a deleted table can still be restored.';
      return force
        ? deletes(what, instead)
        : asks(`deletes ${what}; the confirmation prompt can be answered from a pipe.`, instead);
    }
    // https://cloud.google.com/bigquery/docs/reference/bq-cli-reference#bq_update
    case 'update': {
      // The time-travel window is 168 hours (7 days) by default: https://cloud.google.com/bigquery/docs/time-travel
      const hours = abslNumber(rest, 'max_time_travel_hours');
      if (hours !== undefined && Number.isNaN(hours)) return UNKNOWN;
      if (hours !== undefined && !(hours >= 168)) return protectionOff('part of the time-travel window of a dataset');
      for (const name of [
        'expiration',
        'default_table_expiration',
        'default_partition_expiration',
        'time_partitioning_expiration',
      ]) {
        const seconds = abslNumber(rest, name);
        if (seconds !== undefined && !(seconds === 0))
          return asks(
            `sets an expiration (\`--${name}\`): BigQuery deletes the table, or its partitions, once it passes.`,
            KEEP_PROTECTION,
          );
      }
      return undefined;
    }
    // https://cloud.google.com/bigquery/docs/reference/bq-cli-reference#bq_load: `--replace` erases the table's
    // data and schema before loading (write disposition WRITE_TRUNCATE).
    case 'load':
      if (abslBool(rest, 'replace', '')) return overwrites('the load');
      return computedFlag(rest, 'replace') ? UNKNOWN : undefined;
    // https://cloud.google.com/bigquery/docs/reference/bq-cli-reference#bq_cp: `--force` overwrites the destination
    // table without asking; without it bq asks, and refuses with `--no_clobber`.
    case 'cp':
      if (abslBool(rest, 'no_clobber', 'n')) return undefined;
      if (abslBool(rest, 'force', 'f')) return overwrites('the copy');
      return computedFlag(rest, 'force') ? UNKNOWN : undefined;
    case 'query': {
      // https://cloud.google.com/bigquery/docs/reference/bq-cli-reference#bq_query: `--replace` overwrites the
      // `--destination_table` with the results; without it a non-empty destination is refused (WRITE_EMPTY).
      if (optionValueOf(rest, ['--destination_table', '-destination_table']) !== undefined) {
        if (abslBool(rest, 'replace', '')) return overwrites('the query results');
        if (computedFlag(rest, 'replace')) return UNKNOWN;
      }
      for (const a of rest) {
        // `CREATE OR REPLACE TABLE` replaces the table and its rows
        // (https://cloud.google.com/bigquery/docs/reference/standard-sql/data-definition-language#create_table_statement).
        if (a.value !== undefined && /\bcreate\s+or\s+replace\s+(snapshot\s+)?table\b/i.test(a.value))
          return asks(
            'runs `CREATE OR REPLACE TABLE` against BigQuery: an existing table of that name is replaced with its rows.',
            TABLE_INSTEAD,
          );
      }
      for (const a of rest) {
        if (a.value === undefined) continue;
        const statement = destructiveStatement(a.value, 'sql');
        if (statement)
          return asks(
            `runs \`${statement}\` against BigQuery: a dropped or emptied table is recoverable only within the time-travel window.`,
          );
      }
      return undefined;
    }
    default:
      return sub.value === undefined ? UNKNOWN : undefined;
  }
}
