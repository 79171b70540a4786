import { Duration } from 'aws-cdk-lib';
import type { Stack } from 'aws-cdk-lib';
import * as docdb from 'aws-cdk-lib/aws-docdb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { ofRule, ruleIdsAt, synthFindings } from '../synth-helper';

function cluster(stack: Stack, props: Partial<docdb.DatabaseClusterProps> = {}): docdb.DatabaseCluster {
  return new docdb.DatabaseCluster(stack, 'Docs', {
    masterUser: { username: 'docdbadmin' },
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.R5, ec2.InstanceSize.LARGE),
    vpc: new ec2.Vpc(stack, 'Vpc'),
    ...props,
  });
}

describe('docdb-deletion-protection on real CDK apps', () => {
  test('a DatabaseCluster with CDK defaults has no deletion protection', () => {
    const findings = synthFindings((stack) => {
      cluster(stack);
    });
    const [f] = ofRule(findings, 'docdb-deletion-protection');
    expect(f.resource.path).toBe('Test/Docs/Resource');
    expect(f.message).toBe('DeletionProtection is not set (CloudFormation default: false).');
    expect(f.fix).toMatch(/`deletionProtection: true` to the `docdb\.DatabaseCluster`/);
    expect(ruleIdsAt(findings, 'Test/Docs/Instance')).not.toContain('docdb-deletion-protection');
  });

  test('deletionProtection: true passes', () => {
    const findings = synthFindings((stack) => {
      cluster(stack, { deletionProtection: true });
    });
    expect(ofRule(findings, 'docdb-deletion-protection')).toEqual([]);
  });

  test('an escape hatch that turns it off is caught', () => {
    const findings = synthFindings((stack) => {
      const c = cluster(stack, { deletionProtection: true });
      (c.node.defaultChild as docdb.CfnDBCluster).addPropertyOverride('DeletionProtection', false);
    });
    expect(ofRule(findings, 'docdb-deletion-protection')[0].message).toBe(
      'DeletionProtection is false; it must be true.',
    );
  });

  test('a CfnGlobalCluster without protection is found', () => {
    const findings = synthFindings((stack) => {
      new docdb.CfnGlobalCluster(stack, 'Global', {
        globalClusterIdentifier: 'docs-global',
      } as docdb.CfnGlobalClusterProps);
    });
    expect(ofRule(findings, 'docdb-deletion-protection').map((f) => f.resource.path)).toEqual(['Test/Global']);
  });
});

describe('docdb-backup-retention on real CDK apps', () => {
  test('a DatabaseCluster with CDK defaults keeps backups for 1 day', () => {
    const findings = synthFindings((stack) => {
      cluster(stack);
    });
    const [f] = ofRule(findings, 'docdb-backup-retention');
    expect(f.resource.path).toBe('Test/Docs/Resource');
    expect(f.message).toBe(
      'BackupRetentionPeriod is not set (CloudFormation default: 1 day, under the minimum of 7 days).',
    );
    expect(f.fix).toMatch(/backup: \{ retention: Duration\.days\(7\) \}/);
  });

  test('backup: { retention: Duration.days(7) } passes; 3 days is found', () => {
    expect(
      ofRule(
        synthFindings((stack) => {
          cluster(stack, { backup: { retention: Duration.days(7) } });
        }),
        'docdb-backup-retention',
      ),
    ).toEqual([]);
    const [f] = ofRule(
      synthFindings((stack) => {
        cluster(stack, { backup: { retention: Duration.days(3) } });
      }),
      'docdb-backup-retention',
    );
    expect(f.message).toBe('BackupRetentionPeriod is 3; it must be at least 7 days.');
  });
});
