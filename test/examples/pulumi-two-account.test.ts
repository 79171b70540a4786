/**
 * The Pulumi two-account example, run as a real program under
 * `pulumi.runtime.setMocks` with its own stack configuration (Pulumi.prod.yaml):
 * the catalogue finds no error, every stateful resource is protected, retained
 * and guarded at delete, the backup account's resources go through its own
 * provider, and the CrossGuard pack passes the same stack.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import type { PolicyResource } from '@pulumi/policy';
import type { DataProtectionJudgement } from '@deadbolt/pulumi';
import { dataProtectionPolicies } from '@deadbolt/pulumi/policy';
import { runProgram, type ProgramRun } from '../../packages/pulumi/test/harness';
import { twoAccountProgram } from '../../examples/pulumi-two-account/src/program';

const example = path.join(__dirname, '..', '..', 'examples', 'pulumi-two-account');
const project = (parse(fs.readFileSync(path.join(example, 'Pulumi.yaml'), 'utf8')) as { name: string }).name;
const stackConfig = (
  parse(fs.readFileSync(path.join(example, 'Pulumi.prod.yaml'), 'utf8')) as { config: Record<string, unknown> }
).config;
/** Pulumi passes object config values to the program as JSON. */
const config = Object.fromEntries(
  Object.entries(stackConfig).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
);

const STATEFUL = [
  'aws:rds/instance:Instance',
  'aws:rds/cluster:Cluster',
  'aws:rds/clusterInstance:ClusterInstance',
  'aws:dynamodb/table:Table',
  'aws:s3/bucket:Bucket',
  'aws:backup/vault:Vault',
  'aws:kms/key:Key',
];

describe('examples/pulumi-two-account', () => {
  let run: ProgramRun;
  let judgement: DataProtectionJudgement;
  beforeAll(async () => {
    let program: ReturnType<typeof twoAccountProgram> | undefined;
    run = await runProgram(
      () => {
        program = twoAccountProgram({ judgeAtExit: false });
        return program.outputs;
      },
      { project, stack: 'prod', config },
    );
    expect(run.error).toBeUndefined();
    judgement = await program!.enforcement.judge();
  });

  test('the catalogue finds no error; the one opt-out is acknowledged with its reason', () => {
    expect(
      judgement.findings
        .filter((f) => f.severity === 'error')
        .map((f) => `${f.ruleId} ${f.resource.logicalId}: ${f.message}`),
    ).toEqual([]);
    const acknowledged = judgement.findings.filter((f) => f.acknowledged);
    expect(acknowledged.map((f) => [f.ruleId, f.acknowledged!.reason])).toEqual([
      ['backup-cross-account-copy', 'Sessions expire within a day: losing them only logs users out.'],
    ]);
  });

  test('every stateful resource is protected, retained and guarded by the deletion hook', () => {
    const stateful = run.resources.filter((r) => STATEFUL.includes(r.type));
    expect(stateful.length).toBeGreaterThanOrEqual(12);
    for (const r of stateful) {
      expect({ name: r.name, protect: r.protect, retainOnDelete: r.retainOnDelete, hook: r.beforeDelete }).toEqual({
        name: r.name,
        protect: true,
        retainOnDelete: true,
        hook: ['deadbolt-deletion-guard'],
      });
    }
    expect(run.hooks).toEqual(new Set(['deadbolt-deletion-guard']));
  });

  test('the backup account has its own provider; the workload plan copies to it', () => {
    const provider = run.get('pulumi:providers:aws', 'backup-account');
    // Provider inputs reach the engine as JSON strings.
    expect(JSON.parse(provider.inputs.allowedAccountIds)).toEqual(['222222222222']);
    for (const r of run.resources.filter((x) => x.urn.includes('deadbolt:backup:BackupAccountVault'))) {
      if (r.custom) expect(r.provider).toContain('backup-account');
    }
    const plan = run.ofType('aws:backup/plan:Plan');
    expect(plan).toHaveLength(1);
    expect(plan[0].inputs.rules[0].copyActions[0].destinationVaultArn).toBe(
      'arn:aws:backup:us-east-1:222222222222:backup-vault:central',
    );
    const selections = run
      .ofType('aws:backup/selection:Selection')
      .map((s) => s.name)
      .sort();
    expect(selections.length).toBe(3);
  });

  test('the CrossGuard pack reports no mandatory violation on the same stack', async () => {
    const byUrn = new Map<string, PolicyResource>();
    for (const r of run.resources.filter((x) => x.custom)) {
      byUrn.set(r.urn, {
        type: r.type,
        name: r.name,
        urn: r.urn,
        props: JSON.parse(JSON.stringify(r.inputs)),
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
      } as PolicyResource);
    }
    for (const r of run.resources.filter((x) => x.custom)) {
      const p = byUrn.get(r.urn)!;
      const providerUrn = r.provider.split('::').slice(0, -1).join('::');
      const provider = byUrn.get(providerUrn);
      if (provider) p.provider = { type: provider.type, urn: provider.urn, name: provider.name, props: provider.props };
      for (const [k, urns] of Object.entries(r.propertyDependencies))
        p.propertyDependencies[k] = urns.map((u) => byUrn.get(u)).filter((x): x is PolicyResource => !!x);
    }
    const violations: string[] = [];
    for (const policy of dataProtectionPolicies({ account: '111111111111', region: 'us-east-1' })) {
      if (policy.enforcementLevel !== 'mandatory') continue;
      await policy.validateStack(
        {
          resources: [...byUrn.values()],
          stackTags: new Map(),
          getConfig: <T extends object>() => ({}) as T,
          notApplicable: (() => {
            throw new Error('n/a');
          }) as never,
        },
        (message, urn) => violations.push(`${policy.name} ${urn}: ${message}`),
      );
    }
    // retainOnDelete is invisible to CrossGuard (PolicyResource has no such field): the
    // components' `protect: true` is what the pack sees.
    expect(violations).toEqual([]);
  });
});
