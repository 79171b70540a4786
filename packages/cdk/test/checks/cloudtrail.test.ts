import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import { ofRule, synthFindings } from '../synth-helper';

// aws-cdk-lib has only the L1 `CfnEventDataStore` for CloudTrail Lake.
describe('cloudtrail-event-data-store-termination-protection on real CDK apps', () => {
  test('a CfnEventDataStore with CDK defaults keeps the service default (true) and passes', () => {
    expect(
      ofRule(
        synthFindings((stack) => {
          new cloudtrail.CfnEventDataStore(stack, 'Lake');
        }),
        'cloudtrail-event-data-store-termination-protection',
      ),
    ).toEqual([]);
  });

  test('terminationProtectionEnabled: false is found', () => {
    const [f] = ofRule(
      synthFindings((stack) => {
        new cloudtrail.CfnEventDataStore(stack, 'Lake', { terminationProtectionEnabled: false });
      }),
      'cloudtrail-event-data-store-termination-protection',
    );
    expect(f.resource.path).toBe('Test/Lake');
    expect(f.message).toBe('TerminationProtectionEnabled is false; it must be true.');
    expect(f.fix).toMatch(/`terminationProtectionEnabled: true` on the `cloudtrail\.CfnEventDataStore`/);
  });

  test('an override that turns it off is caught', () => {
    const findings = synthFindings((stack) => {
      const lake = new cloudtrail.CfnEventDataStore(stack, 'Lake', { terminationProtectionEnabled: true });
      lake.addPropertyOverride('TerminationProtectionEnabled', false);
    });
    expect(ofRule(findings, 'cloudtrail-event-data-store-termination-protection')[0].message).toBe(
      'TerminationProtectionEnabled is false; it must be true.',
    );
  });
});
