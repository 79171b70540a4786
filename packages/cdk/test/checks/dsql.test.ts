import * as dsql from 'aws-cdk-lib/aws-dsql';
import { ofRule, synthFindings } from '../synth-helper';

// aws-cdk-lib has only the L1 `CfnCluster` for Aurora DSQL (the L2 is @aws-cdk/aws-dsql-alpha).
describe('dsql-deletion-protection on real CDK apps', () => {
  test('a CfnCluster with CDK defaults cannot be proven protected', () => {
    const [f] = ofRule(
      synthFindings((stack) => {
        new dsql.CfnCluster(stack, 'Sql');
      }),
      'dsql-deletion-protection',
    );
    expect(f.resource.path).toBe('Test/Sql');
    expect(f.message).toBe(
      'DeletionProtectionEnabled is not set (CloudFormation default: undocumented, so it cannot be proven true).',
    );
    expect(f.unresolved).toBe(true);
  });

  test('deletionProtectionEnabled: true passes; false is found', () => {
    expect(
      ofRule(
        synthFindings((stack) => {
          new dsql.CfnCluster(stack, 'Sql', { deletionProtectionEnabled: true });
        }),
        'dsql-deletion-protection',
      ),
    ).toEqual([]);
    const [f] = ofRule(
      synthFindings((stack) => {
        new dsql.CfnCluster(stack, 'Sql', { deletionProtectionEnabled: false });
      }),
      'dsql-deletion-protection',
    );
    expect(f.message).toBe('DeletionProtectionEnabled is false; it must be true.');
  });
});
