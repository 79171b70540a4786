import { Tags } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { ofRule, synthFindings } from '../synth-helper';

describe('logs-data-deletion-protection on real CDK apps', () => {
  test('a LogGroup with CDK defaults is operational: not judged', () => {
    expect(
      ofRule(
        synthFindings((stack) => {
          new logs.LogGroup(stack, 'App');
        }),
        'logs-data-deletion-protection',
      ),
    ).toEqual([]);
  });

  test('a LogGroup tagged deadbolt:data=true without protection is found', () => {
    const [f] = ofRule(
      synthFindings((stack) => {
        const audit = new logs.LogGroup(stack, 'Audit');
        Tags.of(audit).add('deadbolt:data', 'true');
        new logs.LogGroup(stack, 'App');
      }),
      'logs-data-deletion-protection',
    );
    expect(f.resource.path).toBe('Test/Audit/Resource');
    expect(f.message).toBe('DeletionProtectionEnabled is not set (CloudFormation default: false).');
    expect(f.fix).toMatch(/`deletionProtectionEnabled: true` to the `LogGroup`/);
  });

  test('a tagged LogGroup with deletionProtectionEnabled: true passes', () => {
    expect(
      ofRule(
        synthFindings((stack) => {
          const audit = new logs.LogGroup(stack, 'Audit', { deletionProtectionEnabled: true });
          Tags.of(audit).add('deadbolt:data', 'true');
        }),
        'logs-data-deletion-protection',
      ),
    ).toEqual([]);
  });

  test('an escape hatch that turns it off is caught', () => {
    const findings = synthFindings((stack) => {
      const audit = new logs.LogGroup(stack, 'Audit', { deletionProtectionEnabled: true });
      Tags.of(audit).add('deadbolt:data', 'true');
      (audit.node.defaultChild as logs.CfnLogGroup).addPropertyOverride('DeletionProtectionEnabled', false);
    });
    expect(ofRule(findings, 'logs-data-deletion-protection')[0].message).toBe(
      'DeletionProtectionEnabled is false; it must be true.',
    );
  });
});
