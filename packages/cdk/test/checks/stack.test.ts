import { Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as sns from 'aws-cdk-lib/aws-sns';
import { ENV, ofRule, synthFindings } from '../synth-helper';

const table = (stack: Stack) =>
  new dynamodb.Table(stack, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });

describe('stack-termination-protection on real CDK apps', () => {
  test('a Stack with CDK defaults that holds a table has termination protection off', () => {
    const findings = synthFindings(table);
    const [f] = ofRule(findings, 'stack-termination-protection');
    expect(f).toMatchObject({ severity: 'warning', resource: { type: 'AWS::CloudFormation::Stack', stack: 'Test' } });
    expect(f.message).toMatch(/^Termination protection is off; it holds 1 stateful resource \(Table[0-9A-F]+\)\.$/);
    expect(f.fix).toMatch(/terminationProtection: true/);
  });

  test('terminationProtection: true passes', () => {
    const findings = synthFindings((_stack, app) => {
      table(new Stack(app, 'Protected', { env: ENV, terminationProtection: true }));
    });
    expect(ofRule(findings, 'stack-termination-protection').map((f) => f.resource.stack)).toEqual([]);
  });

  test('a stack without stateful resources is not judged', () => {
    const findings = synthFindings((stack) => {
      new sns.Topic(stack, 'Topic');
    });
    expect(ofRule(findings, 'stack-termination-protection')).toEqual([]);
  });

  test('turning protection off after construction is caught', () => {
    const findings = synthFindings((_stack, app) => {
      const s = new Stack(app, 'Data', { env: ENV, terminationProtection: true });
      table(s);
      s.terminationProtection = false;
    });
    expect(ofRule(findings, 'stack-termination-protection').map((f) => f.resource.stack)).toEqual(['Data']);
  });
});
