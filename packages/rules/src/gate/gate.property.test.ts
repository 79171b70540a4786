/**
 * Properties of the gate over generated input: the readers never crash (any
 * input is read or refused with an InputError, never another exception), and a
 * plan that deletes or replaces a stateful resource is always blocked, whatever
 * else it holds.
 */
import fc from 'fast-check';
import { InputError } from '../dialects/errors';
import { PROVIDER_TYPE_TABLE } from '../dialects/aws-provider-types';
import { isStatefulType } from '../spec/stateful-types';
import { parsePlanText, readPlan, runGate } from './read-plan';
import { fixture, pulumiUrn } from './testing';

const RUNS = { numRuns: 300 };

/** Reads, classifies and approves; any exception but InputError fails the property. */
function judge(doc: unknown): void {
  try {
    runGate(readPlan(doc, 'plan.json'));
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
  }
}

/** A copy of `value` with the node at a random path replaced by `replacement` (or removed). */
function mutate(value: unknown, choices: number[], replacement: unknown): unknown {
  if (choices.length === 0 || value === null || typeof value !== 'object') return replacement;
  const [c, ...rest] = choices;
  if (Array.isArray(value)) {
    if (value.length === 0) return replacement;
    const i = c % value.length;
    const copy = [...value];
    const next = mutate(copy[i], rest, replacement);
    if (next === undefined) copy.splice(i, 1);
    else copy[i] = next;
    return copy;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return replacement;
  const k = keys[c % keys.length];
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  const next = mutate(copy[k], rest, replacement);
  if (next === undefined) delete copy[k];
  else copy[k] = next;
  return copy;
}

const FIXTURES = [
  'terraform-safe',
  'terraform-destroy',
  'terraform-replace',
  'terraform-protection',
  'terraform-unknown-types',
  'pulumi-preview',
  'pulumi-preview-safe',
  'pulumi-preview-replacement-steps',
  'change-set',
  'change-set-safe',
  'change-set-values',
];

describe('the readers never crash', () => {
  test('on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => judge(v)),
      RUNS,
    );
  });

  test('on any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        try {
          judge(parsePlanText(text, 'plan.json'));
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
        }
      }),
      RUNS,
    );
  });

  test('on any truncation of a real plan', () => {
    const texts = FIXTURES.map((f) => JSON.stringify(fixture(f)));
    fc.assert(
      fc.property(fc.nat(texts.length - 1), fc.nat(), (i, cut) => {
        const text = texts[i].slice(0, cut % texts[i].length);
        expect(() => parsePlanText(text, 'plan.json')).toThrow(InputError);
      }),
      RUNS,
    );
  });

  test('on real plans with one node replaced by any JSON value, or removed', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FIXTURES),
        fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
        fc.option(fc.jsonValue({ maxDepth: 3 }), { nil: undefined }),
        (name, path, replacement) => judge(mutate(fixture(name), path, replacement)),
      ),
      RUNS,
    );
  });

  test('on plans of arbitrary objects in the right places', () => {
    const anything = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined));
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            address: anything,
            type: anything,
            mode: anything,
            change: fc.record({ actions: anything, before: anything, after: anything, after_unknown: anything }),
          }),
          { maxLength: 5 },
        ),
        (changes) => judge({ format_version: '1.2', terraform_version: '1.9.5', resource_changes: changes }),
      ),
      RUNS,
    );
    fc.assert(
      fc.property(
        fc.array(fc.record({ op: anything, urn: anything, oldState: anything, newState: anything }), { maxLength: 5 }),
        (steps) => judge({ steps, changeSummary: {} }),
      ),
      RUNS,
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            Type: fc.constant('Resource'),
            ResourceChange: fc.record({
              Action: anything,
              LogicalResourceId: anything,
              ResourceType: anything,
              Replacement: anything,
              PolicyAction: anything,
              Details: anything,
            }),
          }),
          { maxLength: 5 },
        ),
        (changes) => judge({ Changes: changes, ChangeSetName: 'x', StackName: 'y' }),
      ),
      RUNS,
    );
  });
});

// Cluster instances (`aws_rds_cluster_instance`…) hold no data of their own: their cluster decides (members.test.ts).
const STATEFUL_TF = PROVIDER_TYPE_TABLE.filter(
  (r) => r.cloudFormation && !r.part && isStatefulType(r.cloudFormation) && !r.terraform.endsWith('_cluster_instance'),
).map((r) => r.terraform);
const STATELESS_TF = [
  'aws_lambda_function',
  'aws_iam_role',
  'aws_security_group',
  'aws_sns_topic',
  'aws_route_table',
  'aws_instance',
];
const ANY_ACTIONS = [
  ['no-op'],
  ['create'],
  ['update'],
  ['read'],
  ['delete'],
  ['delete', 'create'],
  ['create', 'delete'],
  ['forget'],
];
const DESTRUCTIVE_ACTIONS = [['delete'], ['delete', 'create'], ['create', 'delete']];

const attributes = fc.dictionary(
  fc.constantFrom('id', 'arn', 'name', 'tags', 'deletion_protection', 'skip_final_snapshot', 'versioning', 'engine'),
  fc.jsonValue({ maxDepth: 2 }),
  { maxKeys: 5 },
);

const tfEntry = (types: string[], actions: string[][]) =>
  fc.record({
    type: fc.constantFrom(...types),
    name: fc.stringMatching(/^[a-z][a-z0-9_]{0,12}$/),
    actions: fc.constantFrom(...actions),
    before: fc.option(attributes, { nil: null }),
    after: fc.option(attributes, { nil: null }),
  });

describe('a plan that deletes or replaces stateful data is always blocked', () => {
  test('Terraform: every stateful delete/replace in a random plan is blocked, whatever surrounds it', () => {
    fc.assert(
      fc.property(
        fc.array(tfEntry([...STATEFUL_TF, ...STATELESS_TF], ANY_ACTIONS), { maxLength: 30 }),
        tfEntry(STATEFUL_TF, DESTRUCTIVE_ACTIONS),
        fc.nat(),
        (others, destructive, at) => {
          const all = [...others];
          all.splice(at % (all.length + 1), 0, destructive);
          const changes = all.map((c, i) => ({
            address: `${c.type}.${c.name}_${i}`,
            mode: 'managed',
            type: c.type,
            name: c.name,
            provider_name: 'registry.terraform.io/hashicorp/aws',
            change: { actions: c.actions, before: c.before, after: c.after, after_unknown: {} },
          }));
          const report = runGate(
            readPlan({ format_version: '1.2', terraform_version: '1.9.5', resource_changes: changes }),
          );
          const blocked = new Set(report.blocked.map((b) => b.change.address));
          changes.forEach((c) => {
            const destructiveHere = c.change.actions.includes('delete') && STATEFUL_TF.includes(c.type);
            if (destructiveHere) expect(blocked.has(c.address)).toBe(true);
          });
          expect(report.blocked.length).toBeGreaterThan(0);
        },
      ),
      RUNS,
    );
  });

  test('Pulumi: a delete or replace of a stateful token is always blocked', () => {
    const tokens = [
      'aws:rds/instance:Instance',
      'aws:dynamodb/table:Table',
      'aws:s3/bucketV2:BucketV2',
      'aws:efs/fileSystem:FileSystem',
      'aws:kms/key:Key',
      'aws-native:rds:DbCluster',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...tokens),
        fc.constantFrom('delete', 'replace', 'create-replacement', 'delete-replaced', 'import-replacement'),
        fc.array(
          fc.record({
            op: fc.constantFrom('same', 'create', 'update', 'read'),
            type: fc.constantFrom('aws:lambda/function:Function', ...tokens),
          }),
          { maxLength: 10 },
        ),
        fc.boolean(),
        (type, op, others, protect) => {
          const steps = [
            ...others.map((o, i) => ({
              op: o.op,
              urn: pulumiUrn(o.type, `other${i}`),
              oldState: { type: o.type, custom: true, inputs: {} },
              newState: { type: o.type, custom: true, inputs: {} },
            })),
            { op, urn: pulumiUrn(type, 'data'), oldState: { type, custom: true, inputs: {}, protect } },
          ];
          const report = runGate(readPlan({ steps, changeSummary: {} }));
          expect(report.blocked.map((b) => b.change.address)).toContain(pulumiUrn(type, 'data'));
        },
      ),
      RUNS,
    );
  });

  test('change sets: a removal or replacement of a stateful type is blocked unless the removal is retained', () => {
    const types = [
      'AWS::RDS::DBInstance',
      'AWS::RDS::DBCluster',
      'AWS::DynamoDB::Table',
      'AWS::S3::Bucket',
      'AWS::EFS::FileSystem',
      'AWS::Backup::BackupVault',
      // A nested stack whose own change set is not in the input: everything inside it is at stake.
      'AWS::CloudFormation::Stack',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...types),
        fc.constantFrom<[string, string | undefined]>(
          ['Remove', undefined],
          ['Modify', 'True'],
          ['Modify', 'Conditional'],
          ['Dynamic', undefined],
        ),
        fc.constantFrom(undefined, 'Delete', 'Snapshot', 'ReplaceAndDelete', 'ReplaceAndRetain', 'ReplaceAndSnapshot'),
        (type, [action, replacement], policy) => {
          const rc = {
            Action: action,
            LogicalResourceId: 'Data',
            ResourceType: type,
            Scope: [],
            Details: [],
            ...(replacement ? { Replacement: replacement } : {}),
            ...(policy ? { PolicyAction: policy } : {}),
          };
          const report = runGate(
            readPlan({ Changes: [{ Type: 'Resource', ResourceChange: rc }], StackName: 's', ChangeSetName: 'c' }),
          );
          expect(report.blocked.map((b) => b.change.address)).toEqual(['Data']);
        },
      ),
      RUNS,
    );
  });
});
