import { App, AspectPriority, Aspects, CfnStack, CfnStackSet, NestedStack, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as sam from 'aws-cdk-lib/aws-sam';
import * as sns from 'aws-cdk-lib/aws-sns';
import { DataProtectionChecks } from '../../src';
import { ENV, ofRule, synthFindings } from '../synth-helper';

/** A stack set whose template (written inline, as CDK users do) holds an unprotected database. */
const stackSet = (stack: Stack) =>
  new CfnStackSet(stack, 'Set', {
    stackSetName: 'baseline',
    permissionModel: 'SERVICE_MANAGED',
    templateBody: JSON.stringify({
      Resources: { Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres' } } },
    }),
  });

describe('template-unexpanded-content on real CDK apps', () => {
  test('a CfnStack whose template is at a URL is an error; a NestedStack (its template in the assembly) is not', () => {
    const findings = synthFindings((stack) => {
      new CfnStack(stack, 'Legacy', { templateUrl: 'https://s3.amazonaws.com/bucket/legacy.json' });
      new sns.Topic(new NestedStack(stack, 'Inner'), 'Topic');
    });
    const found = ofRule(findings, 'template-unexpanded-content');
    expect(found.map((f) => [f.resource.path, f.severity])).toEqual([['Test/Legacy', 'error']]);
    expect(found[0].message).toBe(
      'The nested stack\'s template (TemplateURL "https://s3.amazonaws.com/bucket/legacy.json") was not read: it is not in the cloud assembly or a local file given to the check, so none of its resources are judged.',
    );
    expect(found[0].fix).toMatch(/^Use a `NestedStack`/);
  });

  test('a macro added with addTransform is an error on the stack; SAM is not', () => {
    const findings = synthFindings((stack, app) => {
      stack.addTransform('AWS::Serverless-2016-10-31');
      new sns.Topic(stack, 'Topic');
      const other = new Stack(app, 'Macro', { env: ENV });
      other.addTransform('CorpDefaults');
      new sns.Topic(other, 'Topic');
    });
    expect(ofRule(findings, 'template-unexpanded-content').map((f) => [f.resource.stack, f.message])).toEqual([
      [
        'Macro',
        'macro `CorpDefaults` at Transform is expanded by CloudFormation at deploy time; the check cannot see what it adds, so none of it is judged.',
      ],
    ]);
  });

  test('a nested SAM application is an error', () => {
    const findings = synthFindings((stack) => {
      new sam.CfnApplication(stack, 'App', {
        location: {
          applicationId: 'arn:aws:serverlessrepo:us-east-1:123456789012:applications/x',
          semanticVersion: '1.0.0',
        },
      });
    });
    expect(ofRule(findings, 'template-unexpanded-content').map((f) => f.resource.path)).toEqual(['Test/App']);
  });
});

describe("a CfnStackSet's templateBody is judged on real CDK apps", () => {
  test('its resources are findings inside the stack set, annotated on the CfnStackSet', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'Test', { env: ENV, terminationProtection: true });
    stackSet(stack);
    const checks = new DataProtectionChecks();
    Aspects.of(app).add(checks, { priority: AspectPriority.READONLY });
    app.synth();
    const db = checks.findings.filter((f) => f.resource.logicalId === 'Db');
    expect(db.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['rds-deletion-protection']));
    expect(db.every((f) => f.resource.path === 'Test/Set/TemplateBody/Db')).toBe(true);
    expect(ofRule(checks.findings, 'template-unexpanded-content')).toEqual([]);
    // The stack set is the construct that deploys them: the error is annotated there, saying which resource.
    Annotations.fromStack(stack).hasError(
      '/Test/Set',
      Match.stringLikeRegexp(
        'RDS databases have deletion protection on\\. Stack set Set deploys resource Db: DeletionProtection is not set',
      ),
    );
  });

  test('an acknowledgement on the CfnStackSet covers the resources of its template', () => {
    const findings = synthFindings((stack) => {
      Validations.of(stackSet(stack)).acknowledge({
        id: 'deadbolt::rds-deletion-protection',
        reason: 'Baseline sandbox database, rebuilt by the platform team.',
      });
    });
    const [f] = ofRule(findings, 'rds-deletion-protection');
    expect(f.severity).toBe('info');
    expect(f.acknowledged?.reason).toBe('Baseline sandbox database, rebuilt by the platform team.');
  });
});
