/** A user's program with an unsafe database: defaults, no deletion protection, no retained backups, no final snapshot. */
import * as aws from '@pulumi/aws';
import { enforceDataProtection } from '@deadbolt/pulumi';

enforceDataProtection();

const db = new aws.rds.Instance('orders', {
  engine: 'postgres',
  instanceClass: 'db.t3.micro',
  allocatedStorage: 20,
  username: 'app',
  password: 'correct-horse-battery',
});

export const endpoint = db.endpoint;
