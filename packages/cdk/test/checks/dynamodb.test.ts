import { App, AspectPriority, Aspects, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { DataProtectionChecks } from '../../src';
import { ENV, ofRule, synthFindings } from '../synth-helper';

const partitionKey = { name: 'pk', type: dynamodb.AttributeType.STRING };

describe('dynamodb-deletion-protection on real CDK apps', () => {
  test('a Table with CDK defaults has no deletion protection', () => {
    const [f] = ofRule(
      synthFindings((stack) => {
        new dynamodb.Table(stack, 'Orders', { partitionKey });
      }),
      'dynamodb-deletion-protection',
    );
    expect(f.resource.path).toBe('Test/Orders/Resource');
    expect(f.message).toBe('DeletionProtectionEnabled is not set (CloudFormation default: false).');
    expect(f.fix).toMatch(/`deletionProtection: true` to the `Table`/);
  });

  test('a TableV2 with CDK defaults: one finding per replica, named by region', () => {
    const findings = ofRule(
      synthFindings((stack) => {
        new dynamodb.TableV2(stack, 'Global', { partitionKey, replicas: [{ region: 'us-west-2' }] });
      }),
      'dynamodb-deletion-protection',
    );
    expect(findings.map((f) => f.message).sort()).toEqual([
      'replica us-east-1: DeletionProtectionEnabled is not set (CloudFormation default: false).',
      'replica us-west-2: DeletionProtectionEnabled is not set (CloudFormation default: false).',
    ]);
    expect(findings[0].resource.path).toBe('Test/Global/Resource');
  });

  test('deletionProtection: true passes on Table and TableV2', () => {
    const findings = synthFindings((stack) => {
      new dynamodb.Table(stack, 'Orders', { partitionKey, deletionProtection: true });
      new dynamodb.TableV2(stack, 'Global', {
        partitionKey,
        deletionProtection: true,
        replicas: [{ region: 'us-west-2' }],
      });
    });
    expect(ofRule(findings, 'dynamodb-deletion-protection')).toEqual([]);
  });

  test('a replica that turns it off is caught, and only that replica', () => {
    const findings = ofRule(
      synthFindings((stack) => {
        new dynamodb.TableV2(stack, 'Global', {
          partitionKey,
          deletionProtection: true,
          replicas: [{ region: 'us-west-2' }, { region: 'eu-west-1', deletionProtection: false }],
        });
      }),
      'dynamodb-deletion-protection',
    );
    expect(findings.map((f) => f.message)).toEqual([
      'replica eu-west-1: DeletionProtectionEnabled is false; it must be true.',
    ]);
  });

  test('an escape hatch that turns it off is caught', () => {
    const findings = synthFindings((stack) => {
      const t = new dynamodb.Table(stack, 'Orders', { partitionKey, deletionProtection: true });
      (t.node.defaultChild as dynamodb.CfnTable).addPropertyOverride('DeletionProtectionEnabled', false);
    });
    expect(ofRule(findings, 'dynamodb-deletion-protection')[0].message).toBe(
      'DeletionProtectionEnabled is false; it must be true.',
    );
  });
});

describe('dynamodb-point-in-time-recovery on real CDK apps', () => {
  test('a Table and a TableV2 with CDK defaults have no point-in-time recovery', () => {
    const findings = ofRule(
      synthFindings((stack) => {
        new dynamodb.Table(stack, 'Orders', { partitionKey });
        new dynamodb.TableV2(stack, 'Global', { partitionKey });
      }),
      'dynamodb-point-in-time-recovery',
    );
    expect(findings.map((f) => `${f.resource.path} ${f.message}`).sort()).toEqual([
      'Test/Global/Resource replica us-east-1: PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled is not set (CloudFormation default: false).',
      'Test/Orders/Resource PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled is not set (CloudFormation default: false).',
    ]);
    expect(findings[0].fix).toMatch(/pointInTimeRecoverySpecification: \{ pointInTimeRecoveryEnabled: true \}/);
  });

  test('pointInTimeRecoverySpecification passes on Table and every TableV2 replica', () => {
    const pitr = { pointInTimeRecoveryEnabled: true };
    const findings = synthFindings((stack) => {
      new dynamodb.Table(stack, 'Orders', { partitionKey, pointInTimeRecoverySpecification: pitr });
      new dynamodb.TableV2(stack, 'Global', {
        partitionKey,
        pointInTimeRecoverySpecification: pitr,
        replicas: [{ region: 'us-west-2' }],
      });
    });
    expect(ofRule(findings, 'dynamodb-point-in-time-recovery')).toEqual([]);
  });

  test('a replica that turns it off is caught', () => {
    const findings = ofRule(
      synthFindings((stack) => {
        new dynamodb.TableV2(stack, 'Global', {
          partitionKey,
          pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
          replicas: [{ region: 'us-west-2', pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: false } }],
        });
      }),
      'dynamodb-point-in-time-recovery',
    );
    expect(findings.map((f) => f.message)).toEqual([
      'replica us-west-2: PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled is false; it must be true.',
    ]);
  });

  test('an escape hatch that removes it is caught', () => {
    const findings = synthFindings((stack) => {
      const t = new dynamodb.Table(stack, 'Orders', {
        partitionKey,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      });
      (t.node.defaultChild as dynamodb.CfnTable).addPropertyDeletionOverride('PointInTimeRecoverySpecification');
    });
    expect(ofRule(findings, 'dynamodb-point-in-time-recovery')[0].message).toMatch(/is not set/);
  });
});

describe('dynamodb-replica-deletion on real CDK apps', () => {
  /** A `Table` with one replica region, in an app with or without CDK's retainTableReplica flag. */
  function replicaFindings(flag: boolean | undefined, props: Partial<dynamodb.TableProps> = {}) {
    const app = new App({
      builtinCloudFormationValidation: false,
      context: flag === undefined ? {} : { '@aws-cdk/aws-dynamodb:retainTableReplica': flag },
    });
    const stack = new Stack(app, 'Test', { env: ENV });
    new dynamodb.Table(stack, 'Orders', {
      partitionKey,
      stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
      replicationRegions: ['us-west-2'],
      ...props,
    });
    const checks = new DataProtectionChecks();
    Aspects.of(app).add(checks, { priority: AspectPriority.READONLY });
    app.synth();
    return ofRule(checks.findings, 'dynamodb-replica-deletion');
  }

  test('without the feature flag, a retained Table still deletes its replicas: CDK never sets SkipReplicaDeletion', () => {
    const [f, ...rest] = replicaFindings(undefined);
    expect(rest).toEqual([]);
    expect(f.resource.path).toBe('Test/Orders/Replicaus-west-2/Default');
    expect(f.severity).toBe('error');
    expect(f.message).toBe(
      "SkipReplicaDeletion is not set: the replica's Delete event deletes the replica table in us-west-2 and its data.",
    );
    expect(f.fix).toMatch(/replicaRemovalPolicy: RemovalPolicy.RETAIN/);
    expect(f.fix).toMatch(/"@aws-cdk\/aws-dynamodb:retainTableReplica": true/);
  });

  test('with the flag, a replica removal policy of DESTROY is a finding', () => {
    const [f] = replicaFindings(true, { replicaRemovalPolicy: RemovalPolicy.DESTROY });
    expect(f.message).toBe('SkipReplicaDeletion is false; it must be true.');
  });

  test('with the flag and the default removal policy (RETAIN), the replicas are kept', () => {
    expect(replicaFindings(true)).toEqual([]);
  });
});
