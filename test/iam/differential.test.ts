/**
 * Differential property test of the offline IAM evaluator (packages/rules/src/iam/evaluate.ts)
 * against an independent implementation, `@cloud-copilot/iam-simulate` (AGPL-3.0: a root
 * devDependency, used here in tests only, never from shipped code).
 *
 * fast-check generates identity policies, an optional permissions boundary and 0–3 SCP levels,
 * and one request: a destructive action on one concrete ARN of the resource type that action
 * takes, by the role `arn:aws:iam::111122223333:role/agent`. Both evaluators must reach the same
 * allowed/denied verdict, following the IAM policy evaluation logic:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 *
 * The generated space is limited to what both sides evaluate offline and agree is valid IAM:
 * - Resource patterns put wildcards in the Region and account segments and
 *   the resource id, never in the service segment (IAM forbids it) nor in the resource type
 *   (`db:`, `table/`): iam-simulate matches the resource type literally, as the ARN reference says
 *   wildcards there are "incorrect wildcard usage":
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 *   and https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html#reference_policies_elements_resource_wildcards
 * - Conditions use only keys the audit knows of the principal (`aws:PrincipalArn`,
 *   `aws:PrincipalAccount`, `aws:PrincipalTag/team`); iam-simulate is given the same values as
 *   request context (it does not fill them from the principal).
 * - KMS: a key policy must allow too. iam-simulate is given the default key policy (the account
 *   root may use the key, which delegates to IAM), the key the audit assumes (it does not read
 *   resource policies): https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
 * - Patterns on which the documentation is silent (a `*` inside a segment that would have to cross a
 *   colon, a Region in upper case) are left to the second test, which asserts only that the audit
 *   errs towards "allowed" there (see AMBIGUOUS_RUNS).
 */
import fc from 'fast-check';
import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import { PrincipalPolicies } from '../../packages/rules/src/iam/evaluate';
import type {
  IamAccount,
  IamPrincipal,
  NamedPolicy,
  PolicyDocument,
  PolicyStatement,
} from '../../packages/rules/src/iam/model';

const SEED = 20_150_415;
const RUNS = 2_000;
const ACCOUNT = '111122223333';
const OTHER_ACCOUNT = '444455556666';
const AGENT = `arn:aws:iam::${ACCOUNT}:role/agent`;

/** A destructive action and how to write an ARN of the resource type it takes. */
interface ActionSpec {
  readonly action: string;
  /** Region, account and resource-id segments (or patterns of them) to an ARN (or pattern). */
  readonly arn: (region: string, account: string, id: string) => string;
  readonly region: string;
  readonly account: string;
  /** Resource ids of real resources this action can take; the request picks one. */
  readonly ids: readonly string[];
}

const rds = (type: string) => (r: string, a: string, id: string) => `arn:aws:rds:${r}:${a}:${type}:${id}`;

const ACTIONS: readonly ActionSpec[] = [
  {
    action: 'rds:DeleteDBInstance',
    arn: rds('db'),
    region: 'us-east-1',
    account: ACCOUNT,
    ids: ['prod-1', 'prod-12', 'staging-a', 'Prod-1'],
  },
  {
    action: 'rds:ModifyDBInstance',
    arn: rds('db'),
    region: 'us-east-1',
    account: ACCOUNT,
    ids: ['prod-1', 'staging-a'],
  },
  {
    action: 'rds:DeleteDBCluster',
    arn: rds('cluster'),
    region: 'us-east-1',
    account: ACCOUNT,
    ids: ['prod-1', 'staging-a'],
  },
  {
    action: 'rds:ModifyDBCluster',
    arn: rds('cluster'),
    region: 'eu-west-1',
    account: ACCOUNT,
    ids: ['prod-2', 'staging-b'],
  },
  {
    action: 'rds:DeleteDBSnapshot',
    arn: rds('snapshot'),
    region: 'us-east-1',
    account: ACCOUNT,
    ids: ['prod-1-final', 'staging-a'],
  },
  {
    action: 's3:DeleteBucket',
    arn: (r, a, id) => `arn:aws:s3:${r}:${a}:${id}`,
    region: '',
    account: '',
    ids: ['prod-data', 'staging-data', 'Prod-logs'],
  },
  {
    action: 's3:DeleteObjectVersion',
    arn: (r, a, id) => `arn:aws:s3:${r}:${a}:${id}`,
    region: '',
    account: '',
    ids: ['prod-data/orders/1.json', 'staging-data/x'],
  },
  {
    action: 's3:PutLifecycleConfiguration',
    arn: (r, a, id) => `arn:aws:s3:${r}:${a}:${id}`,
    region: '',
    account: '',
    ids: ['prod-data', 'staging-data'],
  },
  {
    action: 'dynamodb:DeleteTable',
    arn: (r, a, id) => `arn:aws:dynamodb:${r}:${a}:table/${id}`,
    region: 'us-east-1',
    account: ACCOUNT,
    ids: ['prod-orders', 'staging-orders'],
  },
  {
    action: 'dynamodb:DeleteBackup',
    arn: (r, a, id) => `arn:aws:dynamodb:${r}:${a}:table/${id}`,
    region: 'us-east-1',
    account: ACCOUNT,
    ids: ['prod-orders/backup/01700000000000-abcdef12'],
  },
  {
    action: 'backup:DeleteRecoveryPoint',
    arn: (r, a, id) => `arn:aws:backup:${r}:${a}:recovery-point:${id}`,
    region: 'us-east-1',
    account: ACCOUNT,
    ids: ['prod-rp-1', 'staging-rp'],
  },
  {
    action: 'backup:DeleteBackupVault',
    arn: (r, a, id) => `arn:aws:backup:${r}:${a}:backup-vault:${id}`,
    region: 'us-east-1',
    account: ACCOUNT,
    ids: ['prod-vault', 'staging-vault'],
  },
  {
    action: 'kms:ScheduleKeyDeletion',
    arn: (r, a, id) => `arn:aws:kms:${r}:${a}:key/${id}`,
    region: 'us-east-1',
    account: ACCOUNT,
    ids: ['1234abcd-12ab-34cd-56ef-1234567890ab'],
  },
  {
    action: 'ec2:DeleteSnapshot',
    arn: (r, a, id) => `arn:aws:ec2:${r}:${a}:snapshot/${id}`,
    region: 'us-east-1',
    account: '',
    ids: ['snap-0123456789abcdef0'],
  },
  {
    action: 'ec2:DeleteVolume',
    arn: (r, a, id) => `arn:aws:ec2:${r}:${a}:volume/${id}`,
    region: 'us-east-1',
    account: ACCOUNT,
    ids: ['vol-0123456789abcdef0'],
  },
  {
    action: 'elasticfilesystem:DeleteFileSystem',
    arn: (r, a, id) => `arn:aws:elasticfilesystem:${r}:${a}:file-system/${id}`,
    region: 'us-east-1',
    account: ACCOUNT,
    ids: ['fs-01234567'],
  },
  {
    action: 'secretsmanager:DeleteSecret',
    arn: (r, a, id) => `arn:aws:secretsmanager:${r}:${a}:secret:${id}`,
    region: 'us-east-1',
    account: ACCOUNT,
    ids: ['prod-db-AbCdEf'],
  },
  {
    action: 'logs:DeleteLogGroup',
    arn: (r, a, id) => `arn:aws:logs:${r}:${a}:log-group:${id}`,
    region: 'us-east-1',
    account: ACCOUNT,
    ids: ['prod-app', 'staging-app'],
  },
];

/** Action patterns that name no action of this list's services, and broad ones. */
const GENERIC_ACTIONS = [
  '*',
  'rds:*',
  'rds:Delete*',
  's3:DeleteBucket',
  's3:*',
  'iam:*',
  'ec2:*',
  'dynamodb:Delete*',
  'kms:*',
];

/** Patterns written for the requested action: exact, other case, prefix and single-character wildcards. */
function actionPatternsFor(action: string): string[] {
  const [service, name] = action.split(':');
  const verb = /^[A-Z][a-z]+/.exec(name)?.[0] ?? name;
  return [
    action,
    action.toLowerCase(),
    `${service.toUpperCase()}:${name}`,
    `${service}:${verb}*`,
    `${service}:${verb.toLowerCase()}*`,
    `${service}:*`,
    `${service}:${name.slice(0, 2)}?${name.slice(3)}`,
    `${service}:*${name.slice(-3)}`,
    `${service}:${name}?`,
  ];
}

/**
 * Patterns written for the requested resource type, varying region, account and id; weighted
 * towards ones that match, so that both verdicts are common.
 */
function resourcePatternArb(spec: ActionSpec, ambiguous: boolean): fc.Arbitrary<string> {
  const region = fc.oneof(
    { weight: 4, arbitrary: fc.constant(spec.region) },
    { weight: 2, arbitrary: fc.constant('*') },
    { weight: 1, arbitrary: fc.constantFrom('us-west-2', spec.region === '' ? '' : `${spec.region.slice(0, 3)}*`) },
    // A Region in upper case: see AMBIGUOUS_RUNS.
    { weight: ambiguous ? 1 : 0, arbitrary: fc.constant(spec.region.toUpperCase()) },
  );
  const account = fc.oneof(
    { weight: 4, arbitrary: fc.constant(spec.account) },
    { weight: 2, arbitrary: fc.constant('*') },
    { weight: 1, arbitrary: fc.constant(OTHER_ACCOUNT) },
  );
  const id = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...spec.ids) },
    { weight: 3, arbitrary: fc.constantFrom('*', 'prod-*', 'prod-?', 'staging-*', `${spec.ids[0]}*`) },
    { weight: 1, arbitrary: fc.constantFrom('Prod-*', 'prod*', '*-1', 'prod-??', '*a*') },
  );
  return fc.tuple(region, account, id).map(([r, a, i]) => spec.arn(r, a, i));
}

/** Patterns from the brief and common policies, most of them for other resource types. */
const GENERIC_RESOURCES = [
  '*',
  'arn:aws:s3:::prod-*',
  'arn:aws:s3:::prod-data/*',
  'arn:aws:s3:::*',
  'arn:aws:rds:*:111122223333:db:staging-*',
  'arn:aws:rds:us-east-1:111122223333:db:prod-?',
  'arn:aws:rds:*:*:*',
  'arn:aws:rds:us-east-1:111122223333:*',
  'arn:aws:dynamodb:*:*:table/prod-*',
  'arn:aws:ec2:*:*:*',
  'arn:aws:kms:*:111122223333:key/*',
  'arn:aws:logs:*:*:log-group:prod-*',
];

/** `arn:aws:rds:us-east-1:111122223333:db:prod-1` → `arn:aws:rds:us-east-1:111122223333:*od-1`. */
function crossing(arn: string): string {
  const parts = arn.split(':');
  const resource = parts.slice(5).join(':');
  return [...parts.slice(0, 5), `*${resource.slice(-4)}`].join(':');
}

/** Condition blocks the audit decides offline, for the agent role. */
const CONDITIONS: readonly Record<string, Record<string, string | string[]>>[] = [
  { ArnLike: { 'aws:PrincipalArn': AGENT } },
  { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/agent*` } },
  { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/*' } },
  { ArnLike: { 'aws:PrincipalArn': [`arn:aws:iam::${ACCOUNT}:role/other`, `arn:aws:iam::${ACCOUNT}:role/ag?nt`] } },
  { ArnLike: { 'aws:principalarn': `arn:aws:iam::${ACCOUNT}:role/Agent` } },
  { ArnNotLike: { 'aws:PrincipalArn': AGENT } },
  { ArnNotLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/break-glass*` } },
  { ArnNotLike: { 'aws:PrincipalArn': [`arn:aws:iam::${ACCOUNT}:role/admin`, 'arn:aws:iam::*:role/agent'] } },
  { StringEquals: { 'aws:PrincipalArn': AGENT } },
  { StringEquals: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/other` } },
  { StringEquals: { 'aws:PrincipalTag/team': 'data' } },
  { StringEquals: { 'aws:PrincipalTag/team': ['platform', 'data'] } },
  { StringEquals: { 'aws:PrincipalTag/team': 'platform' } },
  { StringNotEquals: { 'aws:PrincipalTag/team': 'data' } },
  { StringEquals: { 'aws:PrincipalAccount': ACCOUNT } },
  { StringEquals: { 'aws:PrincipalAccount': OTHER_ACCOUNT } },
  { StringNotEquals: { 'aws:PrincipalAccount': ACCOUNT } },
  { StringEquals: { 'aws:PrincipalAccount': ACCOUNT, 'aws:PrincipalTag/team': 'data' } },
  { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/*' }, StringEquals: { 'aws:PrincipalTag/team': 'data' } },
  { StringEqualsIgnoreCase: { 'aws:PrincipalTag/team': 'DATA' } },
  { StringLike: { 'aws:PrincipalArn': '*:role/a?ent' } },
  { StringLike: { 'aws:PrincipalTag/team': 'pl*' } },
  { StringNotLike: { 'aws:PrincipalArn': '*/agent' } },
  { StringEqualsIfExists: { 'aws:PrincipalTag/team': 'data' } },
  { Null: { 'aws:PrincipalTag/team': 'true' } },
  { Null: { 'aws:PrincipalTag/team': 'false' } },
  { ArnEquals: { 'aws:PrincipalArn': AGENT } },
  { StringEquals: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/AGENT` } },
];

interface Case {
  readonly spec: ActionSpec;
  readonly arn: string;
  readonly team?: string;
  readonly identity: readonly PolicyDocument[];
  readonly boundary?: PolicyDocument;
  readonly scpLevels: readonly (readonly PolicyDocument[])[];
}

const doc = (Statement: PolicyStatement[]): PolicyDocument => ({ Version: '2012-10-17', Statement });
const FULL_AWS_ACCESS = doc([{ Sid: 'FullAWSAccess', Effect: 'Allow', Action: '*', Resource: '*' }]);

/** `arb`'s value in `some` cases out of `some + none`, otherwise undefined. */
function sometimes<T>(arb: fc.Arbitrary<T>, some: number, none: number): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: none, arbitrary: fc.constant(undefined) }, { weight: some, arbitrary: arb });
}

function statementArb(
  actions: fc.Arbitrary<string>,
  resources: fc.Arbitrary<string>,
  effect: fc.Arbitrary<'Allow' | 'Deny'>,
): fc.Arbitrary<PolicyStatement> {
  const list = (one: fc.Arbitrary<string>) =>
    fc.oneof(
      { weight: 2, arbitrary: one },
      { weight: 1, arbitrary: fc.uniqueArray(one, { minLength: 1, maxLength: 3 }) },
    );
  return fc
    .record({
      Effect: effect,
      notAction: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
      actions: list(actions),
      notResource: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
      resources: list(resources),
      condition: sometimes(fc.constantFrom(...CONDITIONS), 1, 2),
    })
    .map(({ Effect, notAction, actions: a, notResource, resources: r, condition }) => {
      const s: Record<string, unknown> = { Effect };
      s[notAction ? 'NotAction' : 'Action'] = a;
      s[notResource ? 'NotResource' : 'Resource'] = r;
      if (condition) s.Condition = condition;
      return s as unknown as PolicyStatement;
    });
}

const caseArb = (ambiguous: boolean): fc.Arbitrary<Case> =>
  fc.constantFrom(...ACTIONS).chain((spec) => {
    const actions = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...actionPatternsFor(spec.action)) },
      { weight: 1, arbitrary: fc.constantFrom(...GENERIC_ACTIONS) },
    );
    const resources = fc.oneof(
      { weight: 4, arbitrary: resourcePatternArb(spec, ambiguous) },
      { weight: 1, arbitrary: fc.constantFrom(...GENERIC_RESOURCES) },
      // A wildcard not ending a segment, where the matched run crosses the `:` after the resource type.
      {
        weight: ambiguous ? 1 : 0,
        arbitrary: fc.constantFrom(...spec.ids).map((i) => crossing(spec.arn(spec.region, spec.account, i))),
      },
    );
    const mostlyAllow = fc.constantFrom<'Allow' | 'Deny'>('Allow', 'Allow', 'Allow', 'Allow', 'Deny');
    const policy = (effect: fc.Arbitrary<'Allow' | 'Deny'>) =>
      fc.array(statementArb(actions, resources, effect), { minLength: 1, maxLength: 3 }).map(doc);
    // SCP allows are mostly FullAWSAccess, sometimes a subset (Action list, any resource); denies are generated.
    const scpAllow = fc.oneof(
      { weight: 3, arbitrary: fc.constant(FULL_AWS_ACCESS) },
      {
        weight: 2,
        arbitrary: fc
          .uniqueArray(actions, { minLength: 1, maxLength: 3 })
          .map((Action) => doc([{ Effect: 'Allow', Action, Resource: '*' }])),
      },
    );
    const scpLevel = fc
      .tuple(scpAllow, sometimes(policy(fc.constant<'Allow' | 'Deny'>('Deny')), 1, 2))
      .map(([allow, deny]) => (deny ? [allow, deny] : [allow]));
    return fc.record({
      spec: fc.constant(spec),
      arn: fc.constantFrom(...spec.ids).map((id) => spec.arn(spec.region, spec.account, id)),
      team: fc.constantFrom(undefined, 'data', 'platform'),
      identity: fc.array(policy(mostlyAllow), { minLength: 1, maxLength: 2 }),
      boundary: sometimes(policy(mostlyAllow), 1, 2),
      scpLevels: fc.array(scpLevel, { minLength: 0, maxLength: 3 }),
    });
  });

function named(name: string, document: PolicyDocument): NamedPolicy {
  return { name, via: 'generated', document };
}

function deadboltAllows(c: Case): boolean {
  const principal: IamPrincipal = {
    kind: 'role',
    arn: AGENT,
    name: 'agent',
    accountId: ACCOUNT,
    path: '/',
    policies: c.identity.map((d, i) => named(`identity-${i}`, d)),
    boundary: c.boundary ? named('boundary', c.boundary) : undefined,
    tags: c.team === undefined ? {} : { team: c.team },
  };
  const account: IamAccount = {
    principals: [principal],
    scpLevels: c.scpLevels.map((level, i) => ({
      name: `level-${i}`,
      policies: level.map((d, j) => named(`scp-${i}-${j}`, d)),
    })),
  };
  return new PrincipalPolicies(principal, account).decide(c.spec.action, [c.arn]).allowedOn.length > 0;
}

async function simulatorAllows(c: Case): Promise<boolean> {
  const contextVariables: Record<string, string> = { 'aws:PrincipalArn': AGENT, 'aws:PrincipalAccount': ACCOUNT };
  if (c.team !== undefined) contextVariables['aws:PrincipalTag/team'] = c.team;
  const simulation: Simulation = {
    request: {
      principal: AGENT,
      action: c.spec.action,
      resource: { resource: c.arn, accountId: ACCOUNT },
      contextVariables,
    },
    identityPolicies: c.identity.map((policy, i) => ({ name: `identity-${i}`, policy })),
    permissionBoundaryPolicies: c.boundary ? [{ name: 'boundary', policy: c.boundary }] : undefined,
    serviceControlPolicies: c.scpLevels.map((level, i) => ({
      orgIdentifier: i === 0 ? 'r-root' : i === c.scpLevels.length - 1 ? ACCOUNT : `ou-level-${i}`,
      policies: level.map((policy, j) => ({ name: `scp-${i}-${j}`, policy })),
    })),
    resourceControlPolicies: [],
    resourcePolicy: c.spec.action.startsWith('kms:')
      ? doc([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }])
      : undefined,
  };
  const result = await runSimulation(simulation, {});
  if (result.resultType === 'error')
    throw new Error(`iam-simulate rejected the case: ${JSON.stringify(result.errors)}`);
  if (result.resultType !== 'single') throw new Error(`unexpected result type ${result.resultType}`);
  return result.overallResult === 'Allowed';
}

function show(c: Case): string {
  return JSON.stringify({ ...c, spec: c.spec.action }, null, 2);
}

test(`Deadbolt's IAM evaluator agrees with iam-simulate on ${RUNS} generated cases (fast-check, seed ${SEED})`, async () => {
  const started = Date.now();
  const cases = fc.sample(caseArb(false), { seed: SEED, numRuns: RUNS });
  let allowed = 0;
  const disagreements: { case: Case; deadbolt: boolean; simulator: boolean }[] = [];
  for (const c of cases) {
    const simulator = await simulatorAllows(c);
    const deadbolt = deadboltAllows(c);
    if (simulator) allowed++;
    if (simulator !== deadbolt) disagreements.push({ case: c, deadbolt, simulator });
  }
  const agreement = ((RUNS - disagreements.length) / RUNS) * 100;
  console.log(
    `IAM differential: ${RUNS - disagreements.length}/${RUNS} agree (${agreement.toFixed(2)}%), ` +
      `${allowed} allowed and ${RUNS - allowed} denied by iam-simulate, ${Date.now() - started} ms`,
  );
  if (disagreements.length > 0) {
    // Let fast-check shrink to a minimal disagreement, for the failure message.
    const shrunk = await fc.check(
      fc.asyncProperty(caseArb(false), async (c) => (await simulatorAllows(c)) === deadboltAllows(c)),
      { seed: SEED, numRuns: RUNS },
    );
    const minimal = shrunk.counterexample?.[0];
    console.log(
      `first disagreement:\n${show(disagreements[0].case)}\n` +
        (minimal
          ? `minimal counterexample (Deadbolt ${deadboltAllows(minimal) ? 'allows' : 'denies'}):\n${show(minimal)}`
          : ''),
    );
  }
  // Both verdicts must be well represented, or agreement means little.
  expect(allowed).toBeGreaterThan(RUNS * 0.1);
  expect(RUNS - allowed).toBeGreaterThan(RUNS * 0.1);
  expect(disagreements.map((d) => show(d.case))).toEqual([]);
});

/**
 * Where the documentation leaves the answer open, the audit must err towards "allowed" and
 * never report denied what iam-simulate allows. Two such patterns are added to the space:
 * - A `*` inside a segment whose match would cross a colon (`arn:aws:rds:us-east-1:111122223333:*od-1`
 *   on `...:db:prod-1`). The documentation lets only a `*` ending a segment expand beyond the colon
 *   boundaries, and Deadbolt follows it; iam-simulate lets any `*` of the resource part cross.
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html#reference_policies_elements_resource_wildcards
 * - A Region in upper case (`US-EAST-1`): the documentation does not say whether the partition,
 *   service, Region and account segments are case sensitive; iam-simulate ignores case there.
 *   Deadbolt lets such an allow match and such a deny not (patterns.ts, `resourceMatches`).
 * The two disagree on these in one direction only: Deadbolt allows, iam-simulate denies.
 */
const AMBIGUOUS_RUNS = 600;

test(`where AWS's documentation is silent, Deadbolt never reports denied what iam-simulate allows (${AMBIGUOUS_RUNS} cases)`, async () => {
  const cases = fc.sample(caseArb(true), { seed: SEED + 1, numRuns: AMBIGUOUS_RUNS });
  let allowed = 0;
  let deadboltWider = 0;
  const failOpen: Case[] = [];
  for (const c of cases) {
    const simulator = await simulatorAllows(c);
    const deadbolt = deadboltAllows(c);
    if (simulator) allowed++;
    if (deadbolt && !simulator) deadboltWider++;
    if (simulator && !deadbolt) failOpen.push(c);
  }
  console.log(
    `IAM differential, ambiguous patterns: ${AMBIGUOUS_RUNS - deadboltWider - failOpen.length}/${AMBIGUOUS_RUNS} agree, ` +
      `${deadboltWider} allowed by Deadbolt only (the fail-closed side), ${failOpen.length} denied by Deadbolt only`,
  );
  if (failOpen.length > 0) {
    const shrunk = await fc.check(
      fc.asyncProperty(caseArb(true), async (c) => !(await simulatorAllows(c)) || deadboltAllows(c)),
      { seed: SEED + 1, numRuns: AMBIGUOUS_RUNS },
    );
    if (shrunk.counterexample) console.log(`minimal fail-open case:\n${show(shrunk.counterexample[0])}`);
  }
  expect(allowed).toBeGreaterThan(AMBIGUOUS_RUNS * 0.1);
  expect(failOpen.map(show)).toEqual([]);
});
