import * as neptune from 'aws-cdk-lib/aws-neptune';
import * as neptunegraph from 'aws-cdk-lib/aws-neptunegraph';
import { ofRule, synthFindings } from '../synth-helper';

// aws-cdk-lib has only the L1 constructs for Neptune (the L2 is @aws-cdk/aws-neptune-alpha).
describe('neptune-deletion-protection on real CDK apps', () => {
  test('a CfnDBCluster and a CfnGlobalCluster with CDK defaults have no deletion protection', () => {
    const findings = synthFindings((stack) => {
      new neptune.CfnDBCluster(stack, 'Graph');
      new neptune.CfnGlobalCluster(stack, 'Global', { globalClusterIdentifier: 'graphs' });
    });
    const found = ofRule(findings, 'neptune-deletion-protection');
    expect(found.map((f) => f.resource.path).sort()).toEqual(['Test/Global', 'Test/Graph']);
    expect(found[0].message).toBe('DeletionProtection is not set (CloudFormation default: false).');
  });

  test('a Neptune Analytics CfnGraph is protected by default; an explicit false is found', () => {
    expect(
      ofRule(
        synthFindings((stack) => {
          new neptunegraph.CfnGraph(stack, 'Analytics', { provisionedMemory: 16 });
        }),
        'neptune-deletion-protection',
      ),
    ).toEqual([]);
    const [f] = ofRule(
      synthFindings((stack) => {
        new neptunegraph.CfnGraph(stack, 'Analytics', { provisionedMemory: 16, deletionProtection: false });
      }),
      'neptune-deletion-protection',
    );
    expect(f.resource.path).toBe('Test/Analytics');
    expect(f.message).toBe('DeletionProtection is false; it must be true.');
  });

  test('deletionProtection: true passes; an override that removes it is caught', () => {
    expect(
      ofRule(
        synthFindings((stack) => {
          new neptune.CfnDBCluster(stack, 'Graph', { deletionProtection: true });
        }),
        'neptune-deletion-protection',
      ),
    ).toEqual([]);
    const findings = synthFindings((stack) => {
      const c = new neptune.CfnDBCluster(stack, 'Graph', { deletionProtection: true });
      c.addPropertyDeletionOverride('DeletionProtection');
    });
    expect(ofRule(findings, 'neptune-deletion-protection')[0].message).toBe(
      'DeletionProtection is not set (CloudFormation default: false).',
    );
  });
});

describe('neptune-backup-retention on real CDK apps', () => {
  test('a CfnDBCluster with CDK defaults keeps backups for 1 day', () => {
    const [f] = ofRule(
      synthFindings((stack) => {
        new neptune.CfnDBCluster(stack, 'Graph');
      }),
      'neptune-backup-retention',
    );
    expect(f.resource.path).toBe('Test/Graph');
    expect(f.message).toBe(
      'BackupRetentionPeriod is not set (CloudFormation default: 1 day, under the minimum of 7 days).',
    );
  });

  test('backupRetentionPeriod: 7 passes; an override to 2 is caught', () => {
    expect(
      ofRule(
        synthFindings((stack) => {
          new neptune.CfnDBCluster(stack, 'Graph', { backupRetentionPeriod: 7 });
        }),
        'neptune-backup-retention',
      ),
    ).toEqual([]);
    const findings = synthFindings((stack) => {
      const c = new neptune.CfnDBCluster(stack, 'Graph', { backupRetentionPeriod: 7 });
      c.addPropertyOverride('BackupRetentionPeriod', 2);
    });
    expect(ofRule(findings, 'neptune-backup-retention')[0].message).toBe(
      'BackupRetentionPeriod is 2; it must be at least 7 days.',
    );
  });
});
