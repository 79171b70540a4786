import { cloudFormationDocument } from './cloudformation';
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
});
