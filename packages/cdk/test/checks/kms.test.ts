import { Duration } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { ofRule, synthFindings } from '../synth-helper';

describe('kms-key-deletion-window on real CDK apps', () => {
  test('a Key with CDK defaults keeps the 30-day window', () => {
    const findings = synthFindings((stack) => {
      new kms.Key(stack, 'Key');
    });
    expect(ofRule(findings, 'kms-key-deletion-window')).toEqual([]);
  });

  test('a shorter pendingWindow is a finding', () => {
    const findings = synthFindings((stack) => {
      new kms.Key(stack, 'Key', { pendingWindow: Duration.days(7) });
    });
    const [f] = ofRule(findings, 'kms-key-deletion-window');
    expect(f.resource.path).toBe('Test/Key/Resource');
    expect(f.message).toBe('PendingWindowInDays is 7; it must be 30.');
    expect(f.fix).toMatch(/pendingWindow: Duration\.days\(30\)/);
  });

  test('pendingWindow: Duration.days(30) passes', () => {
    const findings = synthFindings((stack) => {
      new kms.Key(stack, 'Key', { pendingWindow: Duration.days(30) });
    });
    expect(ofRule(findings, 'kms-key-deletion-window')).toEqual([]);
  });

  test('a replica key (L1 only) and an escape hatch are caught', () => {
    const findings = synthFindings((stack) => {
      new kms.CfnReplicaKey(stack, 'Replica', {
        keyPolicy: {},
        primaryKeyArn: 'arn:aws:kms:us-west-2:111111111111:key/mrk-1',
        pendingWindowInDays: 10,
      });
      const key = new kms.Key(stack, 'Key');
      (key.node.defaultChild as kms.CfnKey).addPropertyOverride('PendingWindowInDays', 14);
    });
    expect(
      ofRule(findings, 'kms-key-deletion-window')
        .map((f) => [f.resource.path, f.message])
        .sort(),
    ).toEqual([
      ['Test/Key/Resource', 'PendingWindowInDays is 14; it must be 30.'],
      ['Test/Replica', 'PendingWindowInDays is 10; it must be 30.'],
    ]);
  });
});
