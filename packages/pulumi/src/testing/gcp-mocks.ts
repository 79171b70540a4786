/**
 * Mocks that answer the way the Google Cloud provider does in what Deadbolt
 * reads: every `@pulumi/gcp` resource gets an id once created, and the Backup
 * and DR resources, Cloud SQL instances and buckets the names the provider
 * computes (`projects/<project>/locations/<location>/backupVaults/<id>`), so
 * that `vault.id` or `plan.name` passed to another resource resolve as they do
 * in `pulumi up`. AWS resources and calls are answered by `awsMocks`. In a
 * preview they compute nothing, as the providers compute nothing.
 */
import * as pulumi from '@pulumi/pulumi';
import { awsMocks, type AwsMocksOptions } from './aws-mocks';

/** The project and region the mocks answer for, and the AWS mocks' options. */
export interface GcpMocksOptions extends AwsMocksOptions {
  /**
   * The project a resource without a `project` input is created in.
   * @default 'my-project'
   */
  readonly project?: string;
  /**
   * The region a resource without a `region` or `location` input is created in.
   * @default 'us-central1'
   */
  readonly gcpRegion?: string;
}

/** Mocks for programs of `@pulumi/gcp` resources (and `@pulumi/aws` ones); pass them as `runWithDeadbolt`'s `mocks`. */
export function gcpMocks(options: GcpMocksOptions = {}): pulumi.runtime.Mocks {
  const aws = awsMocks(options);
  const project = options.project ?? 'my-project';
  const region = options.gcpRegion ?? 'us-central1';
  return {
    newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
      if (!args.type.startsWith('gcp:')) return aws.newResource(args) as pulumi.runtime.MockResourceResult;
      if (pulumi.runtime.isDryRun()) return { id: undefined, state: args.inputs };
      const outputs = googleOutputs(args, project, region);
      return { id: outputs.id, state: { ...args.inputs, ...outputs } };
    },
    call(args: pulumi.runtime.MockCallArgs): pulumi.runtime.MockCallResult {
      if (args.token === 'gcp:organizations/getProject:getProject') {
        const id = String((args.inputs as { projectId?: unknown }).projectId ?? project);
        return { projectId: id, number: '123456789012', name: id, id: `projects/${id}` };
      }
      if (args.token === 'gcp:organizations/getClientConfig:getClientConfig') {
        return { project, region, zone: `${region}-a`, accessToken: 'mock', id: project };
      }
      return aws.call(args) as pulumi.runtime.MockCallResult;
    },
  };
}

/**
 * The id and the computed names of one Google Cloud resource, as the provider
 * reports them after a create.
 * @see https://www.pulumi.com/registry/packages/gcp/api-docs/backupdisasterrecovery/backupvault/#outputs
 * @see https://www.pulumi.com/registry/packages/gcp/api-docs/sql/databaseinstance/#outputs
 */
function googleOutputs(
  args: pulumi.runtime.MockResourceArgs,
  defaultProject: string,
  defaultRegion: string,
): { id: string } & Record<string, unknown> {
  const inputs = args.inputs as Record<string, unknown>;
  const project = String(inputs.project ?? defaultProject);
  const location = String(inputs.location ?? inputs.region ?? defaultRegion);
  const named = (collection: string, idInput: string): { id: string; name: string } => {
    const name = `projects/${project}/locations/${location}/${collection}/${String(inputs[idInput] ?? args.name)}`;
    return { id: name, name };
  };
  switch (args.type) {
    case 'gcp:backupdisasterrecovery/backupVault:BackupVault':
      return { ...named('backupVaults', 'backupVaultId'), project };
    case 'gcp:backupdisasterrecovery/backupPlan:BackupPlan':
      return { ...named('backupPlans', 'backupPlanId'), project };
    case 'gcp:backupdisasterrecovery/backupPlanAssociation:BackupPlanAssociation':
      return { ...named('backupPlanAssociations', 'backupPlanAssociationId'), project };
    case 'gcp:sql/databaseInstance:DatabaseInstance': {
      // A Cloud SQL instance's id is its name; the provider names one the program did not name.
      const name = String(inputs.name ?? `${args.name}-1a2b3c4`);
      return {
        id: name,
        name,
        project,
        region: location,
        connectionName: `${project}:${location}:${name}`,
        selfLink: `https://sqladmin.googleapis.com/sql/v1beta4/projects/${project}/instances/${name}`,
      };
    }
    case 'gcp:storage/bucket:Bucket': {
      const name = String(inputs.name ?? `${args.name}-1a2b3c4`);
      return {
        id: name,
        name,
        project,
        url: `gs://${name}`,
        selfLink: `https://www.googleapis.com/storage/v1/b/${name}`,
      };
    }
    default: {
      const name = inputs.name === undefined ? `${args.name}-1a2b3c4` : String(inputs.name);
      return { id: name, name, ...(inputs.project === undefined ? {} : { project }) };
    }
  }
}
