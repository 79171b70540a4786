/**
 * Parity between front ends: the same unsafe configuration, written as a CDK
 * app (synthesized with the real aws-cdk-lib, judged by DataProtectionChecks)
 * and as a Pulumi program (run under `pulumi.runtime.setMocks`, judged by
 * `enforceDataProtection`), gets the same rule ids from the one catalogue.
 *
 * The Pulumi programs run with `addProtection: false`, so that the resource
 * options are as unsafe as the CDK app's `RemovalPolicy.DESTROY`; with the
 * default (`addProtection: true`) the transform adds `protect` and
 * `retainOnDelete`, and the two general rules pass (checked below).
 */
import type { PolicyResource } from '@pulumi/policy';
import { pulumiTypeMapping, RULE_IDS, ruleById, type Finding } from '@deadbolt/rules';
import { enforceDataProtection, type DataProtectionEnforcement } from '@deadbolt/pulumi';
import { dataProtectionPolicies } from '@deadbolt/pulumi/policy';
import { synthFindings } from '../../packages/cdk/test/synth-helper';
import { runProgram } from '../../packages/pulumi/test/harness';
import { PARITY_CASES, type ParityCase } from './cases';

const ACCOUNT = '111111111111';

/** Rule ids (errors and warnings) of findings on the case's resource types; one-dialect rules are not compared. */
function ruleIds(findings: readonly Finding[], c: ParityCase): string[] {
  return [
    ...new Set(
      findings
        .filter((f) => c.types.includes(f.resource.type) && f.severity !== 'info' && !(f.ruleId in ONE_DIALECT_ONLY))
        .map((f) => f.ruleId),
    ),
  ].sort();
}

async function pulumiFindings(c: ParityCase, addProtection: boolean): Promise<readonly Finding[]> {
  let enforcement: DataProtectionEnforcement | undefined;
  const run = await runProgram(() => {
    enforcement = enforceDataProtection({ judgeAtExit: false, addProtection, account: ACCOUNT, region: 'us-east-1' });
    c.pulumi();
  });
  expect(run.error).toBeUndefined();
  return (await enforcement!.judge()).findings;
}

/**
 * Rules that exist in one dialect only, and why. Every other rule of the
 * catalogue must be exercised by a parity case, so a new rule cannot skip parity.
 */
const ONE_DIALECT_ONLY: Readonly<Record<string, string>> = {
  'stack-termination-protection':
    'CloudFormation only: a stack setting; Pulumi and Terraform stacks have none (their guard is protect / retainOnDelete / prevent_destroy and the deletion hook, judged by general-deletion-policy).',
  'backup-vault-no-force-destroy':
    'provider only: CloudFormation has no forceDestroy, and AWS refuses to delete a vault that holds recovery points.',
  'dynamodb-replica-deletion':
    "CDK only: Custom::DynamoDBReplica is aws-cdk-lib's custom resource for `Table` replicas; a provider replica is a resource of its own, judged by general-deletion-policy.",
  'rds-final-snapshot':
    "provider only: `skip_final_snapshot` / `final_snapshot_identifier` are the AWS provider's; CloudFormation's final snapshot is `DeletionPolicy: Snapshot`, judged by general-deletion-policy.",
  'docdb-final-snapshot': 'provider only: as rds-final-snapshot.',
  'neptune-final-snapshot': 'provider only: as rds-final-snapshot.',
  'lightsail-database-final-snapshot':
    'provider only: CloudFormation has no final snapshot property for a Lightsail database.',
  'redshift-final-snapshot':
    "per type: CloudFormation judges a Serverless namespace's `FinalSnapshotName` (the AWS provider's namespace has none), the provider judges a cluster's `skip_final_snapshot` (CloudFormation's is `DeletionPolicy: Snapshot`).",
  'elasticache-final-snapshot':
    "per type: CloudFormation judges a serverless cache's `FinalSnapshotName` (the AWS provider's serverless cache has none), the provider judges a replication group's `final_snapshot_identifier` (CloudFormation's is `DeletionPolicy: Snapshot`).",
  'fsx-final-backup':
    "provider only: `skip_final_backup` is the AWS provider's argument to the FSx delete call; CloudFormation has no final backup property (its guard is `DeletionPolicy`, judged by general-deletion-policy).",
  's3-bucket-deployment-prune':
    "CDK only: it judges Custom::CDKBucketDeployment, aws-cdk-lib's custom resource that runs `aws s3 sync --delete`; Pulumi and Terraform upload objects as resources of their own, which delete only what they created.",
};

/** The AWS rules: Google Cloud rules have their own parity (Terraform against Pulumi) in google-parity.test.ts. */
const AWS_RULE_IDS = RULE_IDS.filter((id) => ruleById(id)?.google === undefined);

test('every AWS rule of the catalogue is either exercised by a parity case or listed as one-dialect', () => {
  const exercised = new Set(PARITY_CASES.flatMap((c) => c.expected));
  const missing = AWS_RULE_IDS.filter((id) => !exercised.has(id) && !(id in ONE_DIALECT_ONLY));
  expect(missing).toEqual([]);
  for (const id of Object.keys(ONE_DIALECT_ONLY)) expect(exercised.has(id)).toBe(false);
});

describe.each(PARITY_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  test('CDK and Pulumi report the same rule ids', async () => {
    const cdk = ruleIds(
      synthFindings((stack) => c.cdk(stack)),
      c,
    );
    const pulumi = ruleIds(await pulumiFindings(c, false), c);
    expect({ cdk, pulumi }).toEqual({ cdk: [...c.expected].sort(), pulumi: [...c.expected].sort() });
  });

  test('with enforceDataProtection adding protect and retainOnDelete, the general rules pass in Pulumi', async () => {
    const ids = ruleIds(await pulumiFindings(c, true), c);
    expect(ids).toEqual(c.expected.filter((id) => !id.startsWith('general-')).sort());
  });
});

/**
 * The third front end: the CrossGuard pack, called as the analyzer calls it,
 * over the resources the same Pulumi program registered (their inputs and
 * options as the engine received them, outputs as the mocks computed them).
 * A mandatory policy reports the findings at its rule's own severity.
 */
describe.each(PARITY_CASES.map((c) => [c.name, c] as const))('policy pack: %s', (_name, c) => {
  test('reports the rule ids the transform reports', async () => {
    const run = await runProgram(() => c.pulumi());
    expect(run.error).toBeUndefined();
    const byUrn = new Map<string, PolicyResource>();
    const provider = policyResource({
      type: 'pulumi:providers:aws',
      name: 'default_7_48_0',
      urn: 'urn:pulumi:stack::project::pulumi:providers:aws::default_7_48_0',
      inputs: { region: 'us-east-1', allowedAccountIds: `["${ACCOUNT}"]` },
      protect: undefined,
    });
    for (const r of run.resources.filter((x) => x.custom)) byUrn.set(r.urn, policyResource(r));
    for (const r of run.resources.filter((x) => x.custom)) {
      const p = byUrn.get(r.urn)!;
      p.provider = { type: provider.type, urn: provider.urn, name: provider.name, props: provider.props };
      for (const [k, urns] of Object.entries(r.propertyDependencies))
        p.propertyDependencies[k] = urns.map((u) => byUrn.get(u)).filter((x): x is PolicyResource => !!x);
      p.dependencies = [...new Set(Object.values(p.propertyDependencies).flat())];
    }
    const resources = [provider, ...byUrn.values()];
    const reported: string[] = [];
    for (const policy of dataProtectionPolicies({ account: ACCOUNT })) {
      if (policy.enforcementLevel === 'disabled') continue;
      await policy.validateStack(
        {
          resources,
          stackTags: new Map(),
          getConfig: <T extends object>() => ({}) as T,
          notApplicable: (() => {
            throw new Error('not applicable');
          }) as never,
        },
        (_message, urn) => {
          const type = urn ? byUrn.get(urn)?.type : undefined;
          const cfn = type ? pulumiTypeMapping(type)?.cloudFormationType : undefined;
          if (cfn && c.types.includes(cfn)) reported.push(policy.name);
        },
      );
    }
    const transform = (await pulumiFindings(c, false)).filter(
      (f) => c.types.includes(f.resource.type) && f.severity === ruleById(f.ruleId)!.severity,
    );
    expect([...new Set(reported)].sort()).toEqual([...new Set(transform.map((f) => f.ruleId))].sort());
  });
});

function policyResource(r: {
  type: string;
  name: string;
  urn: string;
  inputs: Record<string, unknown>;
  protect?: boolean;
}): PolicyResource {
  const outputs = {
    ...r.inputs,
    ...(r.type.startsWith('aws:')
      ? { arn: `arn:aws:${r.type.split(':')[1].split('/')[0]}:us-east-1:${ACCOUNT}:${r.name}` }
      : {}),
  };
  return {
    type: r.type,
    name: r.name,
    urn: r.urn,
    props: JSON.parse(JSON.stringify(outputs)),
    opts: {
      protect: r.protect ?? false,
      ignoreChanges: [],
      aliases: [],
      customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
      additionalSecretOutputs: [],
    },
    dependencies: [],
    propertyDependencies: {},
    isType: () => false,
    asType: () => undefined,
  } as PolicyResource;
}
