/**
 * A user's program whose work is an exported async function (`export =`), as
 * Pulumi's runner calls and awaits it: `enforceDataProtection()` at the top
 * level, resources created after an awaited data source.
 */
import * as aws from '@pulumi/aws';
import { enforceDataProtection } from '@deadbolt/pulumi';

enforceDataProtection();

export = async () => {
  const identity = await aws.getCallerIdentity();
  const table = new aws.dynamodb.Table('orders', {
    attributes: [{ name: 'id', type: 'S' }],
    hashKey: 'id',
    billingMode: 'PAY_PER_REQUEST',
  });
  return { account: identity.accountId, table: table.name };
};
