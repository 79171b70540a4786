import { InputError } from '@deadbolt/rules';
import { decodeTemplate, parseTemplate } from '../src/input/template-file';
import { resourceLines } from '../src/input/lines';

function errorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('parseTemplate: YAML short-form intrinsics become their long forms', () => {
  test.each([
    ['!Ref Env', { Ref: 'Env' }],
    ['!Condition IsProd', { Condition: 'IsProd' }],
    ['!GetAtt Db.Endpoint.Address', { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] }],
    ['!GetAtt [Db, Arn]', { 'Fn::GetAtt': ['Db', 'Arn'] }],
    ["!Sub 'db-${AWS::Region}'", { 'Fn::Sub': 'db-${AWS::Region}' }],
    ["!Sub ['x-${A}', {A: !Ref B}]", { 'Fn::Sub': ['x-${A}', { A: { Ref: 'B' } }] }],
    ['!If [IsProd, true, false]', { 'Fn::If': ['IsProd', true, false] }],
    ["!Join ['', [a, !Ref B]]", { 'Fn::Join': ['', ['a', { Ref: 'B' }]] }],
    ["!Select [0, !GetAZs '']", { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }],
    ['!Split [",", "a,b"]', { 'Fn::Split': [',', 'a,b'] }],
    ['!FindInMap [M, !Ref AWS::Region, K]', { 'Fn::FindInMap': ['M', { Ref: 'AWS::Region' }, 'K'] }],
    ['!ImportValue shared-db', { 'Fn::ImportValue': 'shared-db' }],
    ['!Base64 hello', { 'Fn::Base64': 'hello' }],
    ['!Cidr [10.0.0.0/16, 4, 8]', { 'Fn::Cidr': ['10.0.0.0/16', 4, 8] }],
    ['!Equals [!Ref Env, prod]', { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] }],
    ['!And [!Condition A, !Condition B]', { 'Fn::And': [{ Condition: 'A' }, { Condition: 'B' }] }],
    ['!Or [!Condition A, !Condition B]', { 'Fn::Or': [{ Condition: 'A' }, { Condition: 'B' }] }],
    ['!Not [!Condition A]', { 'Fn::Not': [{ Condition: 'A' }] }],
    ['!Contains [[prod, dev], !Ref Env]', { 'Fn::Contains': [['prod', 'dev'], { Ref: 'Env' }] }],
    [
      "!EachMemberEquals [!ValueOfAll ['AWS::EC2::Subnet::Id', VpcId], !Ref Vpc]",
      { 'Fn::EachMemberEquals': [{ 'Fn::ValueOfAll': ['AWS::EC2::Subnet::Id', 'VpcId'] }, { Ref: 'Vpc' }] },
    ],
    [
      "!EachMemberIn [!ValueOfAll ['AWS::EC2::Subnet::Id', VpcId], !RefAll 'AWS::EC2::VPC::Id']",
      {
        'Fn::EachMemberIn': [
          { 'Fn::ValueOfAll': ['AWS::EC2::Subnet::Id', 'VpcId'] },
          { 'Fn::RefAll': 'AWS::EC2::VPC::Id' },
        ],
      },
    ],
    ['!ValueOf [Subnet, VpcId]', { 'Fn::ValueOf': ['Subnet', 'VpcId'] }],
    [
      '!Transform {Name: AWS::Include, Parameters: {Location: s3://b/k}}',
      { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://b/k' } } },
    ],
  ])('%s', (yaml, expected) => {
    expect(parseTemplate(`V: ${yaml}\n`, 't.yaml')).toEqual({ V: expected });
  });

  test('aliases inside a short form resolve', () => {
    expect(parseTemplate('A: &a {x: 1}\nB: !If [C, *a, *a]\n', 't.yaml')).toEqual({
      A: { x: 1 },
      B: { 'Fn::If': ['C', { x: 1 }, { x: 1 }] },
    });
  });

  test('dates stay strings (YAML 1.2 core schema)', () => {
    expect(parseTemplate('expires: 2027-01-31\n', 't.yaml')).toEqual({ expires: '2027-01-31' });
  });
});

describe('parseTemplate: what is not a template is an InputError naming the file', () => {
  test.each([
    ['t.json', '{"Resources": ', /t\.json: the file is not valid JSON: Unexpected end of JSON input/],
    ['t.json', '{\n  "a": 1,\n}', /not valid JSON: .* at line 3, column 1\./],
    ['t.yaml', '', /t\.yaml: the file is empty\./],
    ['t.yaml', 'a: !Bogus x\n', /Unresolved tag: !Bogus \(not a CloudFormation intrinsic\) at line 1, column 4/],
    ['t.yaml', 'a: 1\na: 2\n', /^t\.yaml: key `a` is written twice in one mapping \(the second at line 2, column 1\)/],
    ['t.yaml', 'a: {1: x, "1": y}\n', /key `1` is written twice in one mapping \(the second at line 1, column 11\)/],
    [
      't.json',
      '{"a": 1, "b": {"c": 1,\n "c": 2}}',
      /^t\.json: key `c` is written twice in one object \(the second at line 2, column 2\)/,
    ],
    ['t.yaml', 'a: 1\n---\nb: 2\n', /more than one YAML document/],
    ['t.yaml', 'a: [1\n', /not valid YAML/],
    ['t.template', 'x\u0000y', /binary/],
  ])('%s %j', (file, text, pattern) => {
    expect(errorOf(() => parseTemplate(text, file)).message).toMatch(pattern);
  });

  test('a YAML alias bomb', () => {
    let bomb = 'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
    const names = 'bcdefghi';
    for (let i = 0; i < names.length; i++)
      bomb += `${names[i]}: &${names[i]} [${Array(9)
        .fill(`*${i === 0 ? 'a' : names[i - 1]}`)
        .join(', ')}]\n`;
    expect(errorOf(() => parseTemplate(bomb, 'bomb.yaml')).message).toMatch(/bomb\.yaml: .*resource exhaustion/);
  });

  test('bytes that are not UTF-8', () => {
    expect(errorOf(() => decodeTemplate(Buffer.from([0xff, 0xfe, 0x80, 0x81]), 'g.yaml')).message).toMatch(
      /not UTF-8 text/,
    );
  });
});

describe('resourceLines', () => {
  test('finds resources in pretty JSON and in YAML', () => {
    const json = JSON.stringify(
      { Parameters: { Db: {} }, Resources: { Db: { Type: 'X', Properties: { Db: 1 } }, Table: { Type: 'Y' } } },
      null,
      1,
    );
    expect(Object.fromEntries(resourceLines(json))).toEqual({ Db: 6, Table: 12 });
    const yaml =
      'Parameters:\n  Db:\n    Type: String\nResources:\n  Db:\n    Type: X\n  "Table":\n    Type: Y\nOutputs:\n  Other:\n    Value: 1\n';
    expect(Object.fromEntries(resourceLines(yaml))).toEqual({ Db: 5, Table: 7 });
  });
});
