/** A user's program with a safe database: Deadbolt's component, its own parameter group, and no copy in a backup account for a written reason. */
import * as aws from '@pulumi/aws';
import { BackupEnrolment, enforceDataProtection, SafeDatabase } from '@deadbolt/pulumi';

enforceDataProtection();

const parameters = new aws.rds.ParameterGroup('orders-parameters', {
  family: 'postgres16',
  parameters: [{ name: 'log_min_duration_statement', value: '500' }],
});

const db = new SafeDatabase('orders', {
  identifier: 'orders',
  backup: BackupEnrolment.optOut('Rebuilt from the orders event stream'),
  instance: {
    engine: 'postgres',
    instanceClass: 'db.t3.micro',
    allocatedStorage: 20,
    username: 'app',
    password: 'correct-horse-battery',
    parameterGroupName: parameters.name,
  },
});

export const endpoint = db.instance!.endpoint;
