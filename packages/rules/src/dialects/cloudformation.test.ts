import { cloudFormationDocument, TEMPLATE_LIMITS } from './cloudformation';
import { InputError } from './errors';
import { evaluate } from '../evaluate';

const doc = (template: unknown) =>
  cloudFormationDocument({ id: 'T', template, account: '111111111111', region: 'us-east-1' });

describe('cloudFormationDocument', () => {
  test.each([
    ['a string', 'Resources'],
    ['an array', []],
    ['no Resources', { AWSTemplateFormatVersion: '2010-09-09' }],
    ['Resources as a list', { Resources: [] }],
    ['a resource without Type', { Resources: { A: { Properties: {} } } }],
    ['a resource with a non-string Type', { Resources: { A: { Type: 3 } } }],
    ['Properties that are not an object', { Resources: { A: { Type: 'AWS::S3::Bucket', Properties: 'x' } } }],
    ['Parameters that are not an object', { Parameters: [], Resources: { A: { Type: 'AWS::S3::Bucket' } } }],
    ['a malformed Fn::ForEach', { Resources: { 'Fn::ForEach::X': ['Id'] } }],
  ])('refuses %s with an InputError', (_name, template) => {
    expect(() => doc(template)).toThrow(InputError);
  });

  test('keeps construct paths from aws:cdk:path metadata and indexes exports', () => {
    const d = doc({
      Resources: { Db: { Type: 'AWS::RDS::DBInstance', Metadata: { 'aws:cdk:path': 'App/Db/Resource' } } },
      Outputs: { Out: { Value: { Ref: 'Db' }, Export: { Name: 'DbName' } } },
    });
    expect(d.resources.get('Db')?.location.path).toBe('App/Db/Resource');
    expect(d.exports.get('DbName')).toEqual({ Ref: 'Db' });
  });

  test('expands Fn::ForEach over a literal list, substituting keys, Refs and Fn::Sub strings', () => {
    const d = doc({
      Transform: 'AWS::LanguageExtensions',
      Resources: {
        'Fn::ForEach::Tables': [
          'Name',
          ['Orders', 'Users'],
          {
            '${Name}Table': {
              Type: 'AWS::DynamoDB::Table',
              DeletionPolicy: 'Retain',
              Properties: { TableName: { 'Fn::Sub': '${Name}-table' }, Tag: { Ref: 'Name' } },
            },
          },
        ],
      },
    });
    expect([...d.resources.keys()]).toEqual(['OrdersTable', 'UsersTable']);
    expect(d.resources.get('UsersTable')?.properties).toEqual({
      TableName: { 'Fn::Sub': 'Users-table' },
      Tag: 'Users',
    });
  });

  test('a ForEach over a parameter list is judged once, and stays unsafe where it cannot be proven safe', () => {
    const d = doc({
      Parameters: { Names: { Type: 'CommaDelimitedList' } },
      Resources: {
        'Fn::ForEach::Tables': ['Name', { Ref: 'Names' }, { '${Name}Table': { Type: 'AWS::DynamoDB::Table' } }],
      },
    });
    const findings = evaluate({ documents: [d] }).findings.filter((f) => f.ruleId === 'general-deletion-policy');
    expect(findings.map((f) => f.resource.logicalId)).toEqual(['${Name}Table']);
  });

  describe("held to CloudFormation's quotas for a processed template", () => {
    const topics = (n: number, prefix = 'T') =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, { Type: 'AWS::SNS::Topic' }]));
    const names = (n: number) => Array.from({ length: n }, (_, i) => `n${i}`);

    test('500 resources are read; 501 are an InputError', () => {
      expect(doc({ Resources: topics(500) }).resources.size).toBe(500);
      expect(() => doc({ Resources: topics(501) })).toThrow(
        "T: the template has more than 500 resources, CloudFormation's limit for one template.",
      );
    });

    test('nested Fn::ForEach that would generate a million resources stops at the limit, at once', () => {
      const start = Date.now();
      expect(() =>
        doc({
          Resources: {
            'Fn::ForEach::A': [
              'A',
              names(100),
              {
                'Fn::ForEach::B': [
                  'B',
                  names(100),
                  { 'Fn::ForEach::C': ['C', names(100), { '${A}${B}${C}': { Type: 'AWS::SNS::Topic' } }] },
                ],
              },
            ],
          },
        }),
      ).toThrow(
        "T: the template has more than 500 resources once `Fn::ForEach` is expanded, CloudFormation's limit for one template.",
      );
      expect(Date.now() - start).toBeLessThan(500);
    });

    test('loops whose copies exceed 1 MB are an InputError, even when they generate few resources', () => {
      const big = 'x'.repeat(20_000);
      expect(() =>
        doc({
          Resources: {
            'Fn::ForEach::Big': [
              'N',
              names(60),
              { '${N}Topic': { Type: 'AWS::SNS::Topic', Properties: { DisplayName: big } } },
            ],
          },
        }),
      ).toThrow(
        "T: `Fn::ForEach::Big` expands the template beyond 1,000,000 bytes, CloudFormation's limit for a processed template.",
      );
      expect(TEMPLATE_LIMITS).toEqual({ resources: 500, processedBytes: 1_000_000 });
    });

    test('a loop that generates a logical id twice, or one written in the template, is an InputError', () => {
      expect(() =>
        doc({ Resources: { 'Fn::ForEach::L': ['N', ['a', 'b'], { Same: { Type: 'AWS::SNS::Topic' } }] } }),
      ).toThrow(
        'T: resource `Same` is generated by `Fn::ForEach::L` and generated by `Fn::ForEach::L`: CloudFormation refuses two resources of one logical id.',
      );
      expect(() =>
        doc({
          Resources: {
            aTopic: { Type: 'AWS::SNS::Topic' },
            'Fn::ForEach::L': ['N', ['a'], { '${N}Topic': { Type: 'AWS::SNS::Topic' } }],
          },
        }),
      ).toThrow(
        'T: resource `aTopic` is written in the template and generated by `Fn::ForEach::L`: CloudFormation refuses two resources of one logical id.',
      );
    });

    test('loops nested more than 8 deep are an InputError', () => {
      let fragment: Record<string, unknown> = { Leaf: { Type: 'AWS::SNS::Topic' } };
      for (let i = 0; i < 9; i++) fragment = { [`Fn::ForEach::L${i}`]: [`I${i}`, ['x'], fragment] };
      expect(() => doc({ Resources: fragment })).toThrow('T: `Fn::ForEach` loops nest more than 8 deep.');
    });
  });

  test('records macros and includes it cannot expand, and reads around them', () => {
    const d = doc({
      Transform: ['AWS::LanguageExtensions', 'AWS::Serverless-2016-10-31', 'Corp'],
      Resources: {
        'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://b/k.yaml' } },
        Topic: { Type: 'AWS::SNS::Topic', Properties: { 'Fn::Transform': { Name: 'Tags' } } },
      },
      Outputs: { O: { Value: { 'Fn::Transform': { Name: 'Out' } } } },
    });
    expect([...d.resources.keys()]).toEqual(['Topic']);
    expect(d.unexpanded).toEqual([
      { location: 'Transform/2', what: 'macro `Corp`' },
      { location: 'Resources/Fn::Transform', what: '`AWS::Include` of `s3://b/k.yaml`' },
      { location: 'Resources/Topic/Properties/Fn::Transform', what: 'macro `Tags`' },
      { location: 'Outputs/O/Value/Fn::Transform', what: 'macro `Out`' },
    ]);
  });
});
