import * as cognito from 'aws-cdk-lib/aws-cognito';
import { ofRule, synthFindings } from '../synth-helper';

describe('cognito-user-pool-deletion-protection on real CDK apps', () => {
  test('a UserPool with CDK defaults has no deletion protection', () => {
    const [f] = ofRule(
      synthFindings((stack) => {
        new cognito.UserPool(stack, 'Users');
      }),
      'cognito-user-pool-deletion-protection',
    );
    expect(f.resource.path).toBe('Test/Users/Resource');
    expect(f.message).toBe('DeletionProtection is not set (CloudFormation default: INACTIVE).');
    expect(f.fix).toMatch(/`deletionProtection: true` to the `UserPool`/);
  });

  test('deletionProtection: true passes', () => {
    expect(
      ofRule(
        synthFindings((stack) => {
          new cognito.UserPool(stack, 'Users', { deletionProtection: true });
        }),
        'cognito-user-pool-deletion-protection',
      ),
    ).toEqual([]);
  });

  test('an escape hatch that turns it off is caught', () => {
    const findings = synthFindings((stack) => {
      const pool = new cognito.UserPool(stack, 'Users', { deletionProtection: true });
      (pool.node.defaultChild as cognito.CfnUserPool).addPropertyOverride('DeletionProtection', 'INACTIVE');
    });
    expect(ofRule(findings, 'cognito-user-pool-deletion-protection')[0].message).toBe(
      'DeletionProtection is "INACTIVE"; it must be `ACTIVE`.',
    );
  });
});
