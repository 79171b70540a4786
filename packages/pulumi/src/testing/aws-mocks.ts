/**
 * Mocks that answer the way the AWS provider does in what Deadbolt reads: every
 * AWS resource gets an id and an ARN (and a name; a bucket name for buckets,
 * an address and endpoint for databases) once created, so that `bucket.id`, `db.arn` or `vault.name` passed
 * to another resource resolve as they do in `pulumi up`; the account, region
 * and partition functions answer for the account and region given. In a
 * preview they compute nothing, as the provider computes nothing.
 *
 * A `StackReference` reads a stack with no outputs: `getOutput(name)` is
 * undefined, so a protection read from another stack is not proven, and is a
 * finding. Give your own mocks (see `runWithDeadbolt`'s `mocks`) to answer
 * with the other stack's outputs.
 */
import * as pulumi from '@pulumi/pulumi';

/** The account and region the mocks answer for. */
export interface AwsMocksOptions {
  /**
   * The 12-digit account `aws.getCallerIdentity()` returns and ARNs name.
   * @default '123456789012'
   */
  readonly account?: string;
  /**
   * The region `aws.getRegion()` returns and ARNs name.
   * @default 'us-east-1'
   */
  readonly region?: string;
}

const STACK_REFERENCE_TYPE = 'pulumi:pulumi:StackReference';

/** Mocks for programs of `@pulumi/aws` resources; pass them (or your own) as `runWithDeadbolt`'s `mocks`. */
export function awsMocks(options: AwsMocksOptions = {}): pulumi.runtime.Mocks {
  const account = options.account ?? '123456789012';
  const region = options.region ?? 'us-east-1';
  return {
    newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
      // Read in a preview too. Without `outputs`, every `getOutput` fails and the resources given one never register.
      if (args.type === STACK_REFERENCE_TYPE) {
        const name = String((args.inputs as { name?: unknown }).name ?? args.name);
        return { id: name, state: { name, outputs: {}, secretOutputNames: [] } };
      }
      // In a preview the provider creates nothing: no id, and what it would compute is unknown.
      if (pulumi.runtime.isDryRun()) return { id: undefined, state: args.inputs };
      const outputs = providerOutputs(args, account, region);
      return { id: outputs.id ?? `${args.name}-id`, state: { ...args.inputs, ...outputs } };
    },
    call(args: pulumi.runtime.MockCallArgs): pulumi.runtime.MockCallResult {
      switch (args.token) {
        case 'aws:index/getCallerIdentity:getCallerIdentity':
          return { accountId: account, arn: `arn:aws:iam::${account}:user/test`, userId: 'test', id: account };
        case 'aws:index/getRegion:getRegion':
          return { name: region, region, id: region };
        case 'aws:index/getPartition:getPartition':
          return { partition: 'aws', dnsSuffix: 'amazonaws.com', id: 'aws' };
        default:
          return args.inputs;
      }
    },
  };
}

/** The outputs the provider computes on create that Deadbolt's relations rest on. */
function providerOutputs(
  args: pulumi.runtime.MockResourceArgs,
  account: string,
  region: string,
): { id?: string } & Record<string, unknown> {
  const [pkg, module] = args.type.split(':');
  if (pkg !== 'aws') return {};
  const inputs = args.inputs as Record<string, unknown>;
  const service = (module ?? '').split('/')[0];
  // What the provider names a resource the program did not name: its Pulumi name and a random suffix.
  const physical = String(
    inputs.identifier ?? inputs.clusterIdentifier ?? inputs.name ?? inputs.bucket ?? `${args.name}-1a2b3c4`,
  );
  return {
    id: physical,
    arn: `arn:aws:${service}:${region}:${account}:${physical}`,
    name: inputs.name ?? physical,
    ...(service === 's3' ? { bucket: inputs.bucket ?? physical } : {}),
    ...(service === 'rds'
      ? {
          address: `${physical}.abcdefghijkl.${region}.rds.amazonaws.com`,
          endpoint: `${physical}.abcdefghijkl.${region}.rds.amazonaws.com:5432`,
        }
      : {}),
  };
}
