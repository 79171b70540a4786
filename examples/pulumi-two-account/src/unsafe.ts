/**
 * The Pulumi program `npm run demo` shows failing: a database, a table and a
 * bucket written the way a legacy program writes them (the provider's
 * defaults, a final snapshot skipped, no point-in-time recovery, a bucket that
 * deletes its objects with it). `enforceDataProtection` judges the stack when
 * the program is done and fails it, listing every finding.
 *
 *   node scripts/pulumi-preview.js examples/pulumi-two-account/lib/src/unsafe.js
 */
import * as aws from '@pulumi/aws';
import { enforceDataProtection } from '@deadbolt/pulumi';

// First, before any resource: every resource registered after this is judged.
enforceDataProtection({ account: '111111111111' });

const records = new aws.rds.Instance('records', {
  engine: 'postgres',
  instanceClass: 'db.t4g.medium',
  allocatedStorage: 20,
  username: 'records_admin',
  manageMasterUserPassword: true,
  skipFinalSnapshot: true,
});

const events = new aws.dynamodb.Table('events', {
  attributes: [{ name: 'id', type: 'S' }],
  hashKey: 'id',
  billingMode: 'PAY_PER_REQUEST',
});

const uploads = new aws.s3.Bucket('uploads', { forceDestroy: true });

export const recordsEndpoint = records.endpoint;
export const eventsTable = events.name;
export const uploadsBucket = uploads.bucket;
