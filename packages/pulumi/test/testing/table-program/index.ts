/** A user's second program: one DynamoDB table left at the provider's defaults. */
import * as aws from '@pulumi/aws';
import { enforceDataProtection } from '@deadbolt/pulumi';

enforceDataProtection();

const table = new aws.dynamodb.Table('sessions', {
  attributes: [{ name: 'id', type: 'S' }],
  hashKey: 'id',
});

export const tableName = table.name;
