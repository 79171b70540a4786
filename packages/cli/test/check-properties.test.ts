/**
 * Properties of the whole check (read the text, build the documents, run the
 * catalogue) on generated adversarial templates (fast-check): deep nesting,
 * wildcard-heavy backup selections, nested `Fn::ForEach`, long strings, cyclic
 * references, conditions and dependencies, huge `Fn::Join` lists, YAML aliases.
 * Every one is judged or refused (`InputError`, exit 2) within 1 s, and nothing
 * else is thrown (a template over CloudFormation's 1 MB is refused before it
 * is parsed; YAML is generated up to 100 KB, see `YAML_MAX_CHARS`). A fixed seed and modest run counts keep the file under ~15 s;
 * set `DEADBOLT_FC_SEED` (and `DEADBOLT_FC_RUNS`) to explore.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { cloudFormationDocument, evaluate, InputError } from '@deadbolt/rules';
import { parseTemplate } from '../src/input/template-file';

const SEED = process.env.DEADBOLT_FC_SEED !== undefined ? Number(process.env.DEADBOLT_FC_SEED) : 20261313;
const RUNS = Number(process.env.DEADBOLT_FC_RUNS ?? 12);
const FC = { seed: SEED, numRuns: RUNS, endOnFailure: true };
const BUDGET_MS = 1000;

type Json = unknown;

interface Case {
  /** The template, or its text as written (for shapes a serializer cannot write, such as very deep nesting). */
  readonly template: Json;
  readonly text?: string;
  readonly yaml: boolean;
}

/**
 * Generated templates are written as YAML only up to this size: the `yaml`
 * library parses about a megabyte a second (less on a busy machine), a linear
 * cost the 1 s budget cannot absorb near CloudFormation's 1 MB limit. Larger
 * ones are written as JSON, which parses a hundred times faster.
 */
const YAML_MAX_CHARS = 100_000;

/** Reads and judges one template as `deadbolt check` does; returns the milliseconds it took. */
function fullCheck(c: Case): number {
  let text = c.text ?? JSON.stringify(c.template);
  const yaml = c.yaml && text.length <= YAML_MAX_CHARS;
  if (yaml && c.text === undefined) text = stringify(c.template, { aliasDuplicateObjects: false });
  const file = yaml ? 'generated.yaml' : 'generated.json';
  const start = process.hrtime.bigint();
  try {
    const doc = cloudFormationDocument({
      id: file,
      template: parseTemplate(text, file),
      templatePath: file,
      account: '111111111111',
      region: 'us-east-1',
      parseTemplateText: parseTemplate,
    });
    evaluate({ documents: [doc] });
  } catch (e) {
    // Refusing the input (exit 2) is an answer; anything else is a crash.
    if (!(e instanceof InputError)) throw e;
  }
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * The check's cost on a case: the faster of two runs, so that what is measured is
 * the check and not the JIT compiling the engine's code paths for the first time
 * in this worker (jest runs the TypeScript sources through a transpiler; the built
 * CLI judges the largest of these cases, start-up included, in about 0.7 s).
 */
const within = (c: Case): void => {
  const ms = Math.min(fullCheck(c), fullCheck(c));
  if (ms >= BUDGET_MS) throw new Error(`the check took ${Math.round(ms)} ms (budget ${BUDGET_MS} ms)`);
};

const name = fc.stringMatching(/^[A-Z][A-Za-z0-9]{0,12}$/);
const format = fc.boolean();

/** A database (the type most rules judge) with the given properties. */
const db = (props: Record<string, unknown>, attributes: Record<string, unknown> = {}) => ({
  Type: 'AWS::RDS::DBInstance',
  Properties: { Engine: 'postgres', ...props },
  ...attributes,
});

/** A backup plan and a selection naming `resources`, beside a table and a database. */
const backupTemplate = (resources: unknown[], notResources: unknown[] = []) => ({
  Resources: {
    Table: { Type: 'AWS::DynamoDB::Table', Properties: { TableName: 'orders-primary-table-of-the-shop' } },
    Db: db({ DBInstanceIdentifier: 'orders-database-primary-instance' }),
    Plan: {
      Type: 'AWS::Backup::BackupPlan',
      Properties: { BackupPlan: { BackupPlanName: 'p', BackupPlanRule: [{ RuleName: 'r', TargetBackupVault: 'v' }] } },
    },
    Sel: {
      Type: 'AWS::Backup::BackupSelection',
      Properties: {
        BackupPlanId: { Ref: 'Plan' },
        BackupSelection: {
          SelectionName: 's',
          IamRoleArn: 'arn:aws:iam::111111111111:role/backup',
          Resources: resources,
          ...(notResources.length ? { NotResources: notResources } : {}),
          Conditions: {
            StringLike: resources
              .filter((r): r is string => typeof r === 'string')
              .slice(0, 5)
              .map((v) => ({ ConditionKey: 'aws:ResourceTag/team', ConditionValue: v })),
          },
        },
      },
    },
  },
});

/** Wildcard patterns: runs of `*` and `?` around fragments of the ARNs they are matched against. */
const pattern = fc
  .array(
    fc.oneof(
      fc.constantFrom('*', '**', '?', '*?*'),
      fc.constant('*'.repeat(40)),
      fc.constantFrom('arn:aws:', 'rds:', 'dynamodb:', 'us-east-1:', '111111111111:', 'table/', 'db:', 'orders', 'a'),
    ),
    { minLength: 1, maxLength: 300 },
  )
  .map((parts) => parts.join(''));

describe('the whole check on adversarial templates finishes within 1 s', () => {
  beforeAll(() => {
    // Load and compile the catalogue once, as a CLI run has before it reads its first template.
    fullCheck({ template: backupTemplate(['*']), yaml: false });
    fullCheck({ template: backupTemplate(['*']), yaml: true });
  });

  test('deep nesting in properties, tags, metadata, selections and DeletionPolicy (JSON, and JSON read as YAML)', () => {
    const open: Record<number, [string, string]> = {
      0: ['[', ']'],
      1: ['{"Fn::If":["C0",', ',{"Ref":"AWS::NoValue"}]}'],
      2: ['{"Fn::Join":["",[', ',"x"]]}'],
      3: ['{"Fn::Select":[0,[', ']]}'],
      4: ['{"Key":', '}'],
      5: ['{"Fn::Sub":["${X}",{"X":', '}]}'],
    };
    fc.assert(
      fc.property(
        fc.integer({ min: 50, max: 4000 }),
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 6 }),
        format,
        (depth, kinds, yaml) => {
          let before = '';
          let after = '';
          for (let i = 0; i < depth; i++) {
            const [o, c] = open[kinds[i % kinds.length]];
            before += o;
            after = c + after;
          }
          const v = `${before}{"Ref":"AWS::AccountId"}${after}`;
          const text = `{"Conditions":{"C0":{"Fn::Equals":[{"Ref":"AWS::Region"},"x"]}},"Resources":{
            "Deep":{"Type":"AWS::RDS::DBInstance","DeletionPolicy":${v},"UpdateReplacePolicy":${v},
              "Metadata":{"deadbolt":{"acknowledge":${v}}},
              "Properties":{"DeletionProtection":${v},"BackupRetentionPeriod":${v},"Tags":[{"Key":"team","Value":${v}}]}},
            "Plan":{"Type":"AWS::Backup::BackupPlan","Properties":{"BackupPlan":{"BackupPlanName":"p","BackupPlanRule":[{"RuleName":"r","TargetBackupVault":"v","CopyActions":[{"DestinationBackupVaultArn":${v}}]}]}}},
            "Sel":{"Type":"AWS::Backup::BackupSelection","Properties":{"BackupPlanId":${v},
              "BackupSelection":{"SelectionName":"s","IamRoleArn":"r","Resources":[${v}],"NotResources":${v},"ListOfTags":${v},"Conditions":${v}}}}}}`;
          within({ template: undefined, text, yaml });
        },
      ),
      FC,
    );
  });

  test('backup selections full of wildcards, against long names', () => {
    fc.assert(
      fc.property(fc.array(pattern, { minLength: 1, maxLength: 8 }), format, (patterns, yaml) => {
        within({ template: backupTemplate(patterns, patterns.slice(0, 2)), yaml });
      }),
      FC,
    );
  });

  test('nested Fn::ForEach, up to the resource and size limits and past them', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 120 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 0, max: 40_000 }),
        format,
        (sizes, padding, yaml) => {
          let fragment: Json = {
            [sizes.map((_, i) => `\${I${i}}`).join('')]: db({
              DBInstanceIdentifier: { 'Fn::Sub': sizes.map((_, i) => `\${I${i}}`).join('-') },
              Description: 'x'.repeat(padding),
            }),
          };
          for (let i = sizes.length - 1; i >= 0; i--) {
            const items = Array.from({ length: sizes[i] }, (_, k) => `v${k}`);
            fragment = { [`Fn::ForEach::L${i}`]: [`I${i}`, items, fragment] };
          }
          within({ template: { Transform: 'AWS::LanguageExtensions', Resources: fragment }, yaml });
        },
      ),
      FC,
    );
  });

  test('long strings: names, Fn::Sub templates with many placeholders, tag values', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_000, max: 400_000 }),
        fc.integer({ min: 1, max: 20_000 }),
        format,
        (n, subs, yaml) => {
          const long = 'a'.repeat(n);
          const sub = Array.from({ length: subs }, (_, i) => `\${AWS::Region}-${i}-\${Db}`).join('/');
          within({
            template: {
              Resources: {
                ...backupTemplate([`arn:aws:dynamodb:*:*:table/${long}*`, { 'Fn::Sub': `${sub}*` }]).Resources,
                Db: db({ DBInstanceIdentifier: long, Tags: [{ Key: long, Value: long }] }),
                Table: {
                  Type: 'AWS::DynamoDB::Table',
                  Properties: { TableName: { 'Fn::Sub': sub }, Tags: [{ Key: 'team', Value: { 'Fn::Sub': sub } }] },
                },
              },
            },
            yaml,
          });
        },
      ),
      FC,
    );
  });

  test('cyclic Refs, GetAtts, DependsOn, conditions, exports and nested stack parameters', () => {
    fc.assert(
      fc.property(
        // Up to 200 standalone databases in one cycle, every one selected by one backup selection (each is judged
        // against the selection's every entry). At 300 the built CLI takes about 0.7 s, start-up included, and the
        // transpiled sources under jest on a loaded CI machine sit too close to the 1 s budget to measure it.
        fc.integer({ min: 2, max: 200 }),
        fc.uniqueArray(name, { minLength: 1, maxLength: 5 }),
        format,
        (n, extra, yaml) => {
          const ids = Array.from({ length: n }, (_, i) => `R${i}`);
          const resources: Record<string, unknown> = {};
          ids.forEach((id, i) => {
            const next = ids[(i + 1) % n];
            resources[id] = db(
              {
                DBInstanceIdentifier: { Ref: next },
                DBClusterIdentifier: { 'Fn::GetAtt': [next, 'Endpoint.Address'] },
                DeletionProtection: { 'Fn::If': [`C${i}`, true, { Ref: next }] },
                Tags: [{ Key: 'team', Value: { 'Fn::ImportValue': `Export${i}` } }],
              },
              { DependsOn: [next, ...extra], Condition: `C${i}` },
            );
          });
          const conditions = Object.fromEntries(
            ids.map((_, i) => [`C${i}`, { 'Fn::And': [{ Condition: `C${(i + 1) % n}` }, { Condition: `C${i}` }] }]),
          );
          const outputs = Object.fromEntries(
            ids.map((_, i) => [
              `O${i}`,
              { Value: { 'Fn::ImportValue': `Export${(i + 1) % n}` }, Export: { Name: `Export${i}` } },
            ]),
          );
          Object.assign(
            resources,
            backupTemplate(ids.map((id) => ({ 'Fn::GetAtt': [id, 'DBInstanceArn'] }))).Resources,
            {
              Child: {
                Type: 'AWS::CloudFormation::Stack',
                Properties: { TemplateURL: 'https://b/c.json', Parameters: { P: { Ref: 'Child' } } },
              },
            },
          );
          within({ template: { Conditions: conditions, Outputs: outputs, Resources: resources }, yaml });
        },
      ),
      FC,
    );
  });

  test('huge Fn::Join and Fn::Select lists, and a stack set body holding them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1_000, max: 60_000 }), format, (n, yaml) => {
        const list = Array.from({ length: n }, (_, i) =>
          i % 3 === 0 ? { Ref: 'AWS::Region' } : i % 3 === 1 ? `p${i}` : { Ref: 'Db' },
        );
        const joined = { 'Fn::Join': [':', list] };
        const inner = {
          Resources: {
            ...backupTemplate([joined, { 'Fn::Select': [0, list] }]).Resources,
            Db: db({ DBInstanceIdentifier: joined, DeletionProtection: { 'Fn::Select': [n - 1, list] } }),
          },
        };
        within({
          template: {
            Resources: {
              ...inner.Resources,
              Set: { Type: 'AWS::CloudFormation::StackSet', Properties: { TemplateBody: JSON.stringify(inner) } },
            },
          },
          yaml,
        });
      }),
      FC,
    );
  });

  test('YAML aliases that multiply what is read are refused, not expanded', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 2, max: 12 }), (levels, width) => {
        const lines = ['a0: &a0 [x, x, x, x, x, x, x, x]'];
        for (let i = 1; i < levels; i++)
          lines.push(
            `a${i}: &a${i} [${Array(width)
              .fill(`*a${i - 1}`)
              .join(', ')}]`,
          );
        lines.push('Resources:', '  T:', '    Type: AWS::SNS::Topic', `    Metadata: { m: *a${levels - 1} }`);
        const start = process.hrtime.bigint();
        try {
          const doc = cloudFormationDocument({ id: 'a.yaml', template: parseTemplate(lines.join('\n'), 'a.yaml') });
          evaluate({ documents: [doc] });
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
        }
        expect(Number(process.hrtime.bigint() - start) / 1e6).toBeLessThan(BUDGET_MS);
      }),
      FC,
    );
  });
});
