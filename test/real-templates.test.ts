/**
 * `deadbolt check` on CloudFormation templates the project did not write: a
 * vendored subset of github.com/aws-cloudformation/aws-cloudformation-templates
 * (Apache-2.0; `corpora/aws-cloudformation-templates/README.md` names the
 * commit), chosen for their data stores. Each file runs through the built CLI
 * as a process, as a user runs it.
 *
 * For every file the test asserts: no crash (exit 0, 1 or 2, no stack trace,
 * a JSON report, no rule that threw), the exit code recorded below, and, per
 * resource, the findings verified by hand against the template (`flagged`) and
 * the ones a safe design must not get (`notFlagged`). Findings are asserted by
 * inclusion: a new rule that adds findings does not break the test; an exit
 * code that changes does, and must be checked against the template again
 * before it is recorded here.
 *
 * The whole repository is `npm run bench:real-templates` (bench/real-templates/run.js), not run in CI.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const CORPUS = path.join(__dirname, 'corpora', 'aws-cloudformation-templates');
const deadbolt = path.join(__dirname, '..', 'packages', 'cli', 'lib', 'src', 'bin', 'deadbolt.js');
const RULE_THREW = 'The rule could not judge this resource';

interface Expectation {
  readonly exit: 0 | 1 | 2;
  /** Logical id (or, for a template-level finding, the file name) → rule ids it must have. */
  readonly flagged?: Readonly<Record<string, readonly string[]>>;
  /** Logical id → rule ids it must not have: a protection the template does set, checked by hand. */
  readonly notFlagged?: Readonly<Record<string, readonly string[]>>;
  /** Exit 2: what the one-line error names. */
  readonly error?: RegExp;
}

const REMOVAL = ['general-deletion-policy', 'general-update-replace-policy'];

/** Every vendored template, by its path upstream. */
const EXPECTED: Readonly<Record<string, Expectation>> = {
  'RDS/RDS_MySQL_With_Read_Replica.yaml': {
    exit: 1,
    flagged: {
      // DeletionProtection and DeleteAutomatedBackups unset (defaults false and true); StorageEncrypted without KmsKeyId: aws/rds.
      MainDB: ['rds-deletion-protection', 'rds-automated-backups-retained', 'rds-customer-managed-key'],
      ReplicaDB: ['rds-deletion-protection'],
    },
    // MainDB: DeletionPolicy/UpdateReplacePolicy Snapshot; ReplicaDB: Retain.
    notFlagged: { MainDB: REMOVAL, ReplicaDB: REMOVAL },
  },
  'RDS/RDS_PIOPS.yaml': {
    exit: 1,
    flagged: {
      myDB: [
        'general-update-replace-policy',
        'rds-deletion-protection',
        'rds-automated-backups-retained',
        'rds-customer-managed-key',
      ],
    },
    // No DeletionPolicy: CloudFormation's default for a DB instance outside a cluster is Snapshot
    // (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-deletionpolicy.html).
    notFlagged: { myDB: ['general-deletion-policy'] },
  },
  'RDS/RDS_Snapshot_On_Delete.yaml': {
    exit: 1,
    flagged: { MyDB: ['rds-deletion-protection', 'rds-automated-backups-retained', 'rds-customer-managed-key'] },
    notFlagged: { MyDB: REMOVAL },
  },
  'DMS/DMSAuroraToS3FullLoadAndOngoingReplication.yaml': {
    exit: 1,
    flagged: {
      // Restored from a snapshot given as a parameter: its key is inherited, not proven a customer managed key.
      AuroraCluster: ['rds-deletion-protection', 'rds-automated-backups-retained', 'rds-customer-managed-key'],
      S3Bucket: ['general-deletion-policy', 's3-versioning'],
    },
    notFlagged: {
      AuroraCluster: REMOVAL,
      // A member of AuroraCluster (DBClusterIdentifier), with Retain: its cluster holds the data and is judged.
      AuroraDB: [...REMOVAL, 'rds-deletion-protection', 'rds-automated-backups-retained'],
    },
  },
  'DynamoDB/DynamoDB_Table.yaml': {
    exit: 1,
    flagged: { myDynamoDBTable: ['general-deletion-policy', 'dynamodb-deletion-protection'] },
    notFlagged: { myDynamoDBTable: ['dynamodb-point-in-time-recovery'] },
  },
  'CloudFormation/fn-foreach-ddb.yaml': {
    exit: 1,
    // Four tables from one `Fn::ForEach`, none with point-in-time recovery.
    flagged: Object.fromEntries(
      ['Points', 'Score', 'Name', 'Leaderboard'].map((t) => [
        `DynamoDB${t}`,
        ['general-deletion-policy', 'dynamodb-deletion-protection', 'dynamodb-point-in-time-recovery'],
      ]),
    ),
  },
  'CloudFormation/fn-foreach-s3-outputs.yaml': {
    exit: 1,
    flagged: { S3BucketA: ['s3-versioning'], S3BucketB: ['s3-versioning'], S3BucketC: ['s3-versioning'] },
    // The loop body sets Retain on each bucket.
    notFlagged: { S3BucketA: REMOVAL, S3BucketB: REMOVAL, S3BucketC: REMOVAL },
  },
  'EFS/EFSAccessPoint.yaml': {
    exit: 1,
    flagged: { EFSFileSystem: ['general-deletion-policy', 'efs-automatic-backups'] },
  },
  'NeptuneDB/Neptune.yaml': {
    exit: 1,
    flagged: {
      // BackupRetentionPeriod is a parameter whose AllowedPattern admits 1 to 35 days.
      // StorageEncrypted is a parameter (default false) and KmsKeyId is not set: no customer managed key.
      NeptuneDBCluster: [
        'general-deletion-policy',
        'neptune-deletion-protection',
        'neptune-backup-retention',
        'neptune-customer-managed-key',
      ],
    },
    // A member of NeptuneDBCluster: the cluster holds the data.
    notFlagged: { NeptuneDBInstance: REMOVAL },
  },
  'ElastiCache/Elasticache-snapshot.json': {
    exit: 1,
    // SnapshotRetentionLimit is not set (default 0: no automatic snapshots).
    flagged: { RedisReplicationGroup: [...REMOVAL, 'elasticache-snapshot-retention'] },
  },
  'ElastiCache/Elasticache-snapshot.yaml': {
    // `!Rain::Embed` is a directive of the rain CLI, replaced by `rain pkg` before deploying; CloudFormation has no such tag.
    exit: 2,
    error: /Rain::Embed/,
  },
  'Solutions/WebApp/webapp.yaml': {
    exit: 1,
    flagged: {
      TestTable: ['general-deletion-policy', 'dynamodb-deletion-protection', 'dynamodb-point-in-time-recovery'],
      CognitoUserPool: ['general-deletion-policy', 'cognito-user-pool-deletion-protection'],
      // Replicated, but to a bucket of the same stack, so in the same account.
      SiteContentBucket: ['general-deletion-policy', 's3-cross-account-replication'],
    },
    notFlagged: { SiteContentBucket: ['s3-versioning'], SiteContentReplicaBucket: ['s3-versioning'] },
  },
  'S3/compliant-bucket.yaml': {
    exit: 1,
    flagged: { ObjectStorageBucket: ['general-deletion-policy', 's3-cross-account-replication'] },
    notFlagged: {
      ObjectStorageBucket: ['s3-versioning'],
      ObjectStorageLogBucket: ['s3-versioning'],
      ObjectStorageReplicaBucket: ['s3-versioning'],
    },
  },
  'Solutions/S3CrossAccountReplicationWithKMS/templates/source.yaml': {
    exit: 1,
    flagged: {
      // DeletionPolicy: Delete; the replication destination account is a parameter, so it may be this account.
      S3BucketSource: ['general-deletion-policy', 's3-cross-account-replication'],
      KmsKey: ['general-deletion-policy'],
    },
    notFlagged: { S3BucketSource: ['s3-versioning'] },
  },
  'Config/Config.yaml': {
    exit: 1,
    flagged: { Ec2Volume: ['general-deletion-policy'], ConfigBucket: ['general-deletion-policy', 's3-versioning'] },
  },
  'IoT/iotanalytics.yaml': {
    exit: 1,
    flagged: { Datastore: REMOVAL },
  },
  'Solutions/ADConnector/templates/ADCONNECTOR.cfn.yaml': {
    // Its stateful resources (a log group, two secrets) are all Retain: only the stack-level warning.
    exit: 0,
    flagged: { 'ADCONNECTOR.cfn.yaml': ['stack-termination-protection'] },
    notFlagged: {
      ADConnectorLambdaLogsLogGroup: REMOVAL,
      ADConnectorServiceAccountSecret: REMOVAL,
      ADConnectorLinuxEC2SeamlessDomainJoinSecret: REMOVAL,
    },
  },
};

interface Run {
  readonly exit: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

function check(file: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [deadbolt, 'check', file, '--format', 'json'], {
      cwd: CORPUS,
      // DEADBOLT_DEBUG prints the stack of an unexpected error, so a crash shows where.
      env: { ...process.env, NO_COLOR: '1', DEADBOLT_DEBUG: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (exit, signal) =>
      resolve({
        exit,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
  });
}

/** The vendored templates on disk, as paths relative to the corpus. */
function templatesOnDisk(dir = CORPUS, depth = 0): string[] {
  if (depth > 10) throw new Error(`${dir}: nested too deep`);
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return templatesOnDisk(full, depth + 1);
    return /\.(json|ya?ml|template)$/.test(e.name) ? [path.relative(CORPUS, full).split(path.sep).join('/')] : [];
  });
}

const runs = new Map<string, Run>();

beforeAll(async () => {
  const files = Object.keys(EXPECTED);
  let next = 0;
  // A few processes at a time: one per file would take about 8 s in sequence.
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++];
      runs.set(file, await check(file));
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}, 60000);

describe('deadbolt check on aws-cloudformation-templates', () => {
  test('every vendored template has its expectation, and every expectation its template', () => {
    expect(templatesOnDisk().sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  test.each(Object.keys(EXPECTED))('%s', (file) => {
    const want = EXPECTED[file];
    const run = runs.get(file)!;
    // No crash: a normal exit, no stack trace, no "unexpected error".
    expect(run.signal).toBeNull();
    expect([0, 1, 2]).toContain(run.exit);
    expect(run.stderr).not.toMatch(/unexpected error|^\s+at .+:\d+:\d+\)?$/m);
    expect({ file, exit: run.exit }).toEqual({ file, exit: want.exit });
    if (want.exit === 2) {
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(want.error!);
      return;
    }
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as {
      findings: { ruleId: string; logicalId: string | null; message: string }[];
    };
    expect(report.findings.filter((f) => f.message.startsWith(RULE_THREW))).toEqual([]);
    const rulesOf = (id: string) => report.findings.filter((f) => f.logicalId === id).map((f) => f.ruleId);
    for (const [id, rules] of Object.entries(want.flagged ?? {})) {
      expect({ id, rules: rulesOf(id) }).toEqual({ id, rules: expect.arrayContaining([...rules]) });
    }
    for (const [id, rules] of Object.entries(want.notFlagged ?? {})) {
      expect({ id, rules: rulesOf(id).filter((r) => rules.includes(r)) }).toEqual({ id, rules: [] });
    }
  });
});
