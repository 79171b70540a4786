import { cloudFormationDocument } from '../dialects/cloudformation';
import { resolvePath, resolveValue } from './values';

const doc = (extra: Record<string, unknown> = {}, agnostic = false) =>
  cloudFormationDocument({
    id: 'T',
    account: agnostic ? undefined : '111111111111',
    region: 'us-east-1',
    template: { Resources: { Db: { Type: 'AWS::RDS::DBInstance' } }, ...extra },
  });

describe('resolveValue', () => {
  const d = doc({
    Parameters: { Env: { Type: 'String', Default: 'prod' } },
    Conditions: {
      Literal: { 'Fn::Equals': ['a', 'a'] },
      OnParam: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
      Both: { 'Fn::And': [{ Condition: 'Literal' }, { Condition: 'OnParam' }] },
      Never: { 'Fn::Not': [{ Condition: 'Literal' }] },
    },
    Mappings: { M: { prod: { Keep: true } } },
  });
  test.each<[string, unknown, unknown]>([
    ['a literal', true, true],
    ['Fn::Join of literals', { 'Fn::Join': ['-', ['a', 'b']] }, 'a-b'],
    [
      'Fn::Sub with pseudo parameters it knows',
      { 'Fn::Sub': 'arn:${AWS::Partition}:x:${AWS::Region}:${AWS::AccountId}:y' },
      'arn:aws:x:us-east-1:111111111111:y',
    ],
    ['Fn::Sub with a variable map', { 'Fn::Sub': ['${A}-b', { A: 'a' }] }, 'a-b'],
    ['Fn::If on a literal condition', { 'Fn::If': ['Literal', 'yes', 'no'] }, 'yes'],
    ['Fn::If on a false condition', { 'Fn::If': ['Never', 'yes', 'no'] }, 'no'],
    ['Fn::If whose branches agree', { 'Fn::If': ['OnParam', 1, 1] }, 1],
    ['Fn::FindInMap with literal keys', { 'Fn::FindInMap': ['M', 'prod', 'Keep'] }, true],
    ['Fn::Select', { 'Fn::Select': [1, ['a', 'b']] }, 'b'],
    ['an object whose AWS::NoValue member vanishes', { A: 1, B: { Ref: 'AWS::NoValue' } }, { A: 1 }],
  ])('%s is known', (_n, expr, value) => {
    expect(resolveValue(expr, d)).toEqual({ kind: 'known', value });
  });

  test.each<[string, unknown, RegExp]>([
    ['a parameter', { Ref: 'Env' }, /parameter "Env", chosen at deploy time \(its default is "prod"\)/],
    ['Fn::If on a parameter', { 'Fn::If': ['OnParam', true, false] }, /depends on condition "OnParam"/],
    ['an And with a parameter', { 'Fn::If': ['Both', true, false] }, /condition "Both"/],
    ['an import', { 'Fn::ImportValue': 'Shared-Key' }, /imported from another stack's export/],
    ['an attribute', { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] }, /attribute of resource "Db"/],
    ['a resource reference', { Ref: 'Db' }, /refers to resource "Db"/],
    ['an undefined name', { Ref: 'Nope' }, /does not define/],
    ['an unknown intrinsic', { 'Fn::Nope': [] }, /not a CloudFormation intrinsic/],
    ['a malformed Fn::If', { 'Fn::If': ['OnParam', true] }, /malformed/],
    ['a mapping lookup by parameter', { 'Fn::FindInMap': ['M', { Ref: 'Env' }, 'Keep'] }, /parameter "Env"/],
  ])('%s is unresolved, with the reason', (_n, expr, reason) => {
    const r = resolveValue(expr, d);
    expect(r.kind).toBe('unresolved');
    expect(r.kind === 'unresolved' && r.reason).toMatch(reason);
  });

  test('the account of an environment-agnostic stack is unknown', () => {
    expect(resolveValue({ Ref: 'AWS::AccountId' }, doc({}, true)).kind).toBe('unresolved');
  });

  test('a deeply nested value does not overflow the stack', () => {
    let v: unknown = true;
    for (let i = 0; i < 10_000; i++) v = { 'Fn::If': ['Literal', v, v] };
    expect(resolveValue(v, d).kind).toBe('unresolved');
  });

  test("a nested stack's parameter resolves through what its parent passes", () => {
    const parent = cloudFormationDocument({
      id: 'P',
      template: {
        Resources: {
          Child: {
            Type: 'AWS::CloudFormation::Stack',
            Properties: { Parameters: { Flag: 'true', Other: { Ref: 'AWS::StackName' } } },
          },
        },
      },
    });
    const child = cloudFormationDocument({
      id: 'C',
      parent: { document: parent, logicalId: 'Child' },
      template: {
        Parameters: { Flag: { Type: 'String' }, Other: { Type: 'String' }, Free: { Type: 'String' } },
        Resources: {},
      },
    });
    expect(resolveValue({ Ref: 'Flag' }, child)).toEqual({ kind: 'known', value: 'true' });
    expect(resolveValue({ Ref: 'Other' }, child).kind).toBe('unresolved');
    expect(resolveValue({ Ref: 'Free' }, child).kind).toBe('unresolved');
  });
});

describe('resolvePath', () => {
  const d = doc({ Parameters: { P: { Type: 'String' } }, Conditions: { C: { 'Fn::Equals': [{ Ref: 'P' }, 'x'] } } });
  test('walks into an Fn::If whose branches agree on the path', () => {
    const v = { 'Fn::If': ['C', { Spec: { Enabled: true }, Other: 1 }, { Spec: { Enabled: true }, Other: 2 }] };
    expect(resolvePath(v, ['Spec', 'Enabled'], d)).toEqual({ kind: 'known', value: true });
    expect(resolvePath(v, ['Other'], d).kind).toBe('unresolved');
  });
  test('absent below a literal', () => {
    expect(resolvePath({ A: 1 }, ['B', 'C'], d)).toEqual({ kind: 'absent' });
  });
});
