import { modelOf } from '../rules/testing/harness';
import { importedExport, referencedResources } from './references';

describe('referencedResources', () => {
  test('follows a literal Fn::ImportValue to the exporting stack', () => {
    const model = modelOf([
      {
        Resources: { Table: { Type: 'AWS::DynamoDB::Table' } },
        Outputs: { A: { Value: { 'Fn::GetAtt': ['Table', 'Arn'] }, Export: { Name: 'TableArn' } } },
      },
      { Resources: { User: { Type: 'AWS::Lambda::Function' } } },
    ]);
    const [, importer] = model.documents;
    expect(referencedResources({ 'Fn::ImportValue': 'TableArn' }, importer, model).map((r) => r.key)).toEqual([
      'Stack/Table',
    ]);
  });

  test('an export name built from a parameter names no resource of the importing stack', () => {
    // Before: the walk went into the export name and reported the importer's own `Prefix` resource.
    const model = modelOf([
      {
        Resources: { Table: { Type: 'AWS::DynamoDB::Table' } },
        Outputs: { A: { Value: { Ref: 'Table' }, Export: { Name: 'prod-Table' } } },
      },
      { Parameters: { Stage: { Type: 'String' } }, Resources: { Stage2: { Type: 'AWS::SNS::Topic' } } },
    ]);
    const importer = model.documents[1];
    expect(referencedResources({ 'Fn::ImportValue': { 'Fn::Sub': '${Stage}-Table' } }, importer, model)).toEqual([]);
    expect(referencedResources({ 'Fn::ImportValue': { 'Fn::Sub': '${Stage2}-Table' } }, importer, model)).toEqual([]);
    expect(
      referencedResources({ 'Fn::ImportValue': { 'Fn::Sub': ['${S}-Table', { S: 'prod' }] } }, importer, model).map(
        (r) => r.key,
      ),
    ).toEqual(['Stack/Table']);
  });
});

describe('importedExport', () => {
  const exporting = (id: string) => ({
    Resources: { [id]: { Type: 'AWS::S3::Bucket' } },
    Outputs: { O: { Value: { Ref: id }, Export: { Name: 'Shared' } } },
  });

  test("picks the exporting stack in the importer's environment when several export one name", () => {
    const model = modelOf([exporting('East'), exporting('West'), { Resources: {} }], [{}, { region: 'us-west-2' }, {}]);
    expect(importedExport('Shared', model.documents[2], model)).toMatchObject({
      document: model.documents[0],
      value: { Ref: 'East' },
    });
  });

  test('is undefined when the export is ambiguous or missing', () => {
    const model = modelOf([exporting('A'), exporting('B'), { Resources: {} }]);
    expect(importedExport('Shared', model.documents[2], model)).toBeUndefined();
    expect(importedExport('Missing', model.documents[2], model)).toBeUndefined();
    expect(importedExport({ Ref: 'P' }, model.documents[2], model)).toBeUndefined();
  });
});
