import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { SafeBucket, type SafeBucketProps } from '../../src';
import { ENV, synthFindings } from '../synth-helper';

function synth(props: SafeBucketProps = {}): Template {
  const stack = new Stack(new App({ builtinCloudFormationValidation: false }), 'Workload', {
    env: ENV,
    terminationProtection: true,
  });
  new SafeBucket(stack, 'Uploads', props);
  return Template.fromStack(stack);
}

describe('SafeBucket', () => {
  test('versioning is on', () => {
    synth().hasResourceProperties('AWS::S3::Bucket', { VersioningConfiguration: { Status: 'Enabled' } });
  });

  test('DeletionPolicy and UpdateReplacePolicy are Retain', () => {
    synth().hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  test('no auto-delete custom resource, and public access blocked by default', () => {
    const t = synth();
    t.resourceCountIs('Custom::S3AutoDeleteObjects', 0);
    t.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
  });

  test('Object Lock is off by default, and on with a default retention', () => {
    synth().hasResourceProperties('AWS::S3::Bucket', { ObjectLockEnabled: Match.absent() });
    synth({ objectLockDefaultRetention: s3.ObjectLockRetention.compliance(Duration.days(30)) }).hasResourceProperties(
      'AWS::S3::Bucket',
      {
        ObjectLockEnabled: true,
        ObjectLockConfiguration: {
          ObjectLockEnabled: 'Enabled',
          Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 30 } },
        },
      },
    );
  });

  test('an app built from it has no error findings; the one warning is the missing cross-account replication', () => {
    const findings = synthFindings((stack) => {
      stack.terminationProtection = true;
      new SafeBucket(stack, 'Uploads', { enforceSSL: true });
    });
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([['s3-cross-account-replication', 'warning']]);
  });

  test('synthesis fails when the stack has termination protection off', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    new SafeBucket(new Stack(app, 'Workload', { env: ENV }), 'Uploads');
    expect(() => app.synth()).toThrow(
      /SafeBucket Workload\/Uploads is in stack Workload, whose termination protection is off/,
    );
  });
});
