/** `deadbolt rules`, `--help`/`--version` and the command dispatch, run as the built binary. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CATALOGUE, OUT_OF_SCOPE, PROTECTION_TABLE, RULE_IDS } from '@deadbolt/rules';
import { formatTypesMarkdown, typesTableIn } from '../src/formatters/data-stores';
import { formatRulesMarkdown, rulesTableIn } from '../src/formatters/markdown';
import { deadbolt, requireBuiltBinary } from './helpers';

beforeAll(requireBuiltBinary);

describe('deadbolt rules', () => {
  test('text: every rule with severity, title, resource types, why and fix', () => {
    const r = deadbolt(['rules']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      'rds-deletion-protection  error  RDS databases have deletion protection on\n  Resource types: AWS::RDS::DBInstance, AWS::RDS::DBCluster, AWS::RDS::GlobalCluster\n  Why: ',
    );
    for (const id of RULE_IDS) expect(r.stdout).toMatch(new RegExp(`^${id}  `, 'm'));
    expect(r.stdout).toMatch(new RegExp(`\\n${RULE_IDS.length} rules\\.\\n$`));
  });

  test('json: the catalogue', () => {
    const r = deadbolt(['rules', '--format', 'json']);
    expect(r.status).toBe(0);
    const { rules } = JSON.parse(r.stdout);
    expect(rules.map((x: { id: string }) => x.id)).toEqual([...RULE_IDS]);
    expect(rules.find((x: { id: string }) => x.id === 'general-deletion-policy')).toMatchObject({
      severity: 'error',
      title: expect.any(String),
      resourceTypes: expect.arrayContaining(['AWS::RDS::DBCluster']),
      why: expect.any(String),
      fix: expect.any(String),
    });
  });

  test('markdown: a table with one row per rule', () => {
    const r = deadbolt(['rules', '--format', 'markdown']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('| Rule | Severity | Requirement | Resource types | Why | Fix |');
    expect(lines).toHaveLength(RULE_IDS.length + 2);
    expect(lines.find((l) => l.startsWith('| `rds-deletion-protection` |'))).toBe(
      '| `rds-deletion-protection` | error | RDS databases have deletion protection on | `AWS::RDS::DBInstance`, `AWS::RDS::DBCluster`, `AWS::RDS::GlobalCluster` | ' +
        `${CATALOGUE.find((x) => x.id === 'rds-deletion-protection')!.why} | Set DeletionProtection to true. |`,
    );
  });

  test('--types: every type the catalogue considered, with its decision', () => {
    const r = deadbolt(['rules', '--types']);
    expect(r.status).toBe(0);
    for (const s of PROTECTION_TABLE) expect(r.stdout).toMatch(new RegExp(`^${s.type}  `, 'm'));
    for (const o of OUT_OF_SCOPE) expect(r.stdout).toContain(`  ${o.type}: ${o.reason}\n`);
    expect(r.stdout).toContain(
      'AWS::RDS::DBInstance  data\n  Holds: a relational database\n  DeletionPolicy Snapshot: supported\n  In a cluster (DBClusterIdentifier set): judged by its AWS::RDS::DBCluster\n  Keeps data: DeletionProtection: default false, safe true, rule rds-deletion-protection\n',
    );
    expect(r.stdout).toContain('AWS::DocDB::DBInstance  member of AWS::DocDB::DBCluster (judged by its cluster)\n');
    expect(r.stdout).toMatch(
      /DynamoDB::Table  data\n[^]*?DeletionPolicy Snapshot: not supported \(CloudFormation deletes it\)/,
    );
  });

  test('--types --format json and markdown: the same decisions', () => {
    const json = JSON.parse(deadbolt(['rules', '--types', '--format', 'json']).stdout) as {
      types: { type: string; decision: string }[];
    };
    expect(json.types).toHaveLength(PROTECTION_TABLE.length + OUT_OF_SCOPE.length);
    expect(json.types.find((t) => t.type === 'AWS::CloudFormation::Stack')).toMatchObject({ decision: 'out-of-scope' });
    const md = deadbolt(['rules', '--types', '--format', 'markdown']).stdout.trimEnd().split('\n');
    expect(md).toHaveLength(PROTECTION_TABLE.length + OUT_OF_SCOPE.length + 2);
  });

  test('an unknown format exits 2', () => {
    const r = deadbolt(['rules', '--format', 'html']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('deadbolt rules: unknown format `html`; use text, markdown, json.\n');
  });
});

test('packages/rules/README.md carries the current rule table (regenerate: node packages/rules/scripts/update-readme.js)', () => {
  const readme = fs.readFileSync(path.resolve(__dirname, '..', '..', 'rules', 'README.md'), 'utf8');
  expect(rulesTableIn(readme)).toBe(formatRulesMarkdown(CATALOGUE));
  expect(typesTableIn(readme)).toBe(formatTypesMarkdown());
});

describe('dispatch', () => {
  test('--help and help list the commands; exit 0', () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const r = deadbolt(args);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^Usage: deadbolt <command> \[options\]\n/);
      expect(r.stdout).toMatch(/\n {2}check {2}/);
      expect(r.stdout).toMatch(/\n {2}rules {2}/);
    }
  });

  test('check --help', () => {
    const r = deadbolt(['check', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: deadbolt check \[options\] PATH/);
    expect(r.stdout).toContain('--non-production');
  });

  test('--version prints the package version', () => {
    const r = deadbolt(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      `${JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', 'package.json'), 'utf8')).version}\n`,
    );
  });

  test('an unknown command exits 2 with the usage on stderr', () => {
    const r = deadbolt(['destroy']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^deadbolt: unknown command `destroy`\.\n\nUsage: deadbolt/);
  });

  test('no command exits 2 with the usage on stderr', () => {
    const r = deadbolt([]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^Usage: deadbolt/);
  });

  test('an unexpected error exits 2 with one line on stderr and no stack trace', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-crash-'));
    try {
      const preload = path.join(dir, 'crash.js');
      fs.writeFileSync(preload, "process.stdout.write = () => { throw new TypeError('simulated failure'); };\n");
      const r = deadbolt(['rules'], { cwd: dir, nodeArgs: ['-r', preload] });
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe('deadbolt: unexpected error: simulated failure\n');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
