import * as fs from 'fs';
import * as path from 'path';
import { InputError } from '../dialects/errors';
import { statementsOf } from './model';
import { readScpLevel } from './scp';

const FIXTURES = path.join(__dirname, 'fixtures');
const text = (file: string) => fs.readFileSync(path.join(FIXTURES, file), 'utf8');
const load = (file: string): unknown => JSON.parse(text(file));

function inputError(run: () => unknown): InputError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected an InputError');
}

const document = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'rds:Delete*', Resource: '*' }] };

describe('readScpLevel', () => {
  test('the describe-policy output: name, ARN and the Content string parsed', () => {
    const level = readScpLevel(load('scp-deny-destroy.json'), 'scp-deny-destroy.json');
    expect(level.name).toBe('scp-deny-destroy.json');
    expect(level.policies).toHaveLength(1);
    const scp = level.policies[0]!;
    expect(scp).toMatchObject({
      name: 'DenyDataDestruction',
      arn: 'arn:aws:organizations::999988887777:policy/o-a1b2c3d4e5/service_control_policy/p-7x2kq9fh',
      via: 'SCP in scp-deny-destroy.json',
    });
    const [deny] = statementsOf(scp.document);
    expect(deny).toMatchObject({
      Effect: 'Deny',
      Action: expect.arrayContaining(['rds:DeleteDBInstance', 'dynamodb:DeleteTable']),
      Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/BreakGlass' } },
    });
  });

  test('FullAWSAccess, from the parsed JSON and from the file text', () => {
    const expected = {
      name: 'scp-full-access.json',
      policies: [
        {
          name: 'FullAWSAccess',
          arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
          via: 'SCP in scp-full-access.json',
          document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
        },
      ],
    };
    expect(readScpLevel(load('scp-full-access.json'), 'scp-full-access.json')).toEqual(expected);
    expect(readScpLevel(text('scp-full-access.json'), 'scp-full-access.json')).toEqual(expected);
  });

  test('a bare policy document', () => {
    expect(readScpLevel(document, 'ou.json')).toEqual({
      name: 'ou.json',
      policies: [{ name: 'ou.json', via: 'SCP in ou.json', document }],
    });
    expect(readScpLevel({ ...document, Id: 'deny-deletes' }, 'ou.json').policies[0]!.name).toBe('deny-deletes');
  });

  test('several SCPs at one level: a JSON list of either form, or objects one after the other', () => {
    const list = [load('scp-full-access.json'), load('scp-deny-destroy.json'), document];
    const level = readScpLevel(list, 'account.json');
    expect(level.policies.map((p) => p.name)).toEqual([
      'FullAWSAccess',
      'DenyDataDestruction',
      'account.json (item 3)',
    ]);
    expect(
      readScpLevel(text('scp-full-access.json') + text('scp-deny-destroy.json'), 'account.json').policies.map(
        (p) => p.name,
      ),
    ).toEqual(['FullAWSAccess', 'DenyDataDestruction']);
  });

  test('the inner Policy object alone is accepted', () => {
    const { Policy } = load('scp-deny-destroy.json') as { Policy: unknown };
    expect(readScpLevel(Policy, 'root.json').policies[0]!.name).toBe('DenyDataDestruction');
  });

  test.each([
    [
      'RESOURCE_CONTROL_POLICY',
      'a resource control policy (RCP): RCPs are not supported yet; give only service control policies with --scp',
    ],
    ['TAG_POLICY', 'a policy of type TAG_POLICY, not a service control policy (SERVICE_CONTROL_POLICY)'],
    ['BACKUP_POLICY', 'a policy of type BACKUP_POLICY, not a service control policy (SERVICE_CONTROL_POLICY)'],
  ])('a policy of type %s is an InputError', (type, message) => {
    const scp = load('scp-deny-destroy.json') as { Policy: { PolicySummary: { Type: string } } };
    scp.Policy.PolicySummary.Type = type;
    expect(inputError(() => readScpLevel(scp, 'root.json')).message).toBe(`root.json: ${message}`);
  });

  test('wrong kinds and malformed files are InputErrors', () => {
    const expected =
      'expected a service control policy (a policy document, or the output of `aws organizations describe-policy --policy-id p-... > scp.json`, or a list of them)';
    expect(inputError(() => readScpLevel({}, 'x.json')).message).toBe(`x.json: an empty JSON object: ${expected}`);
    expect(
      inputError(() => readScpLevel({ AWSTemplateFormatVersion: '2010-09-09', Resources: {} }, 'x.json')).message,
    ).toBe(`x.json: not a policy: ${expected}`);
    expect(inputError(() => readScpLevel([], 'x.json')).message).toBe(
      'x.json: no service control policy: expected at least one (produce one with: aws organizations describe-policy --policy-id p-... > scp.json)',
    );
    expect(
      inputError(() => readScpLevel({ Policies: [{ Id: 'p-1', Type: 'SERVICE_CONTROL_POLICY' }] }, 'x.json')).message,
    ).toContain('this lists policies without their content');
    const broken = load('scp-deny-destroy.json') as { Policy: { Content: string } };
    broken.Policy.Content = broken.Policy.Content.slice(0, 40);
    expect(inputError(() => readScpLevel(broken, 'x.json')).message).toMatch(
      /^x\.json: SCP `DenyDataDestruction`: the policy document is not valid JSON/,
    );
    expect(
      inputError(() =>
        readScpLevel(
          { Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
          'trust.json',
        ),
      ).message,
    ).toBe('trust.json: SCP: an SCP has no `Principal`; this looks like a trust or resource policy');
    expect(inputError(() => readScpLevel('{"Statement": [', 'x.json')).message).toBe(
      'x.json: the JSON starting at line 1, column 1 is not closed',
    );
    expect(inputError(() => readScpLevel([document, 'text'], 'x.json')).message).toBe(
      `x.json: item 2: expected a JSON object: ${expected}`,
    );
  });
});
