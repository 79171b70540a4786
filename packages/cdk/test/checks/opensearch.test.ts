import * as oss from 'aws-cdk-lib/aws-opensearchserverless';
import { ofRule, synthFindings } from '../synth-helper';

// aws-cdk-lib has only the L1 `CfnCollection` for OpenSearch Serverless.
describe('opensearch-serverless-deletion-protection on real CDK apps', () => {
  test('a CfnCollection with CDK defaults cannot be proven protected', () => {
    const [f] = ofRule(
      synthFindings((stack) => {
        new oss.CfnCollection(stack, 'Search', { name: 'search' });
      }),
      'opensearch-serverless-deletion-protection',
    );
    expect(f.resource.path).toBe('Test/Search');
    expect(f.message).toBe(
      'DeletionProtection is not set (CloudFormation default: undocumented, so it cannot be proven `ENABLED`).',
    );
    expect(f.fix).toMatch(/`deletionProtection: 'ENABLED'` on the `opensearchserverless\.CfnCollection`/);
  });

  test('deletionProtection: ENABLED passes; an override to DISABLED is caught', () => {
    expect(
      ofRule(
        synthFindings((stack) => {
          new oss.CfnCollection(stack, 'Search', { name: 'search', deletionProtection: 'ENABLED' });
        }),
        'opensearch-serverless-deletion-protection',
      ),
    ).toEqual([]);
    const findings = synthFindings((stack) => {
      const c = new oss.CfnCollection(stack, 'Search', { name: 'search', deletionProtection: 'ENABLED' });
      c.addPropertyOverride('DeletionProtection', 'DISABLED');
    });
    expect(ofRule(findings, 'opensearch-serverless-deletion-protection')[0].message).toBe(
      'DeletionProtection is "DISABLED"; it must be `ENABLED`.',
    );
  });
});
