import { CfnResource, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { ofRule, ruleIdsAt, synthFindings } from '../synth-helper';

describe('s3-versioning on real CDK apps', () => {
  test('a Bucket with CDK defaults is not versioned', () => {
    const findings = synthFindings((stack) => {
      new s3.Bucket(stack, 'Data');
    });
    const [f] = ofRule(findings, 's3-versioning');
    expect(f.resource.path).toBe('Test/Data/Resource');
    expect(f.message).toBe('VersioningConfiguration.Status is not set (CloudFormation default: never versioned).');
    expect(f.fix).toMatch(/versioned: true/);
  });

  test('versioned: true passes', () => {
    const findings = synthFindings((stack) => {
      new s3.Bucket(stack, 'Data', { versioned: true });
    });
    expect(ruleIdsAt(findings, '/Data/')).not.toContain('s3-versioning');
  });

  test('an escape hatch that suspends versioning is caught', () => {
    const findings = synthFindings((stack) => {
      const bucket = new s3.Bucket(stack, 'Data', { versioned: true });
      (bucket.node.defaultChild as s3.CfnBucket).addPropertyOverride('VersioningConfiguration.Status', 'Suspended');
    });
    expect(ofRule(findings, 's3-versioning')[0].message).toMatch(/VersioningConfiguration\.Status is "Suspended"/);
  });
});

describe('s3-cross-account-replication on real CDK apps', () => {
  test('a Bucket with CDK defaults does not replicate', () => {
    const findings = synthFindings((stack) => {
      new s3.Bucket(stack, 'Data', { versioned: true });
    });
    const [f] = ofRule(findings, 's3-cross-account-replication');
    expect(f).toMatchObject({ severity: 'warning', resource: { path: 'Test/Data/Resource' } });
    expect(f.message).toMatch(/ReplicationConfiguration is not set/);
  });

  test('replication to a bucket imported with another account passes', () => {
    const findings = synthFindings((stack) => {
      const copy = s3.Bucket.fromBucketAttributes(stack, 'Copy', {
        bucketArn: 'arn:aws:s3:::central-copy',
        account: '222222222222',
      });
      new s3.Bucket(stack, 'Data', {
        versioned: true,
        replicationRules: [{ destination: copy, accessControlTransition: true }],
      });
    });
    expect(ruleIdsAt(findings, '/Data/')).not.toContain('s3-cross-account-replication');
  });

  test('replication to a bucket in the same stack, or of one prefix only, is a warning', () => {
    const findings = synthFindings((stack) => {
      const local = new s3.Bucket(stack, 'Local', { versioned: true });
      const copy = s3.Bucket.fromBucketAttributes(stack, 'Copy', {
        bucketArn: 'arn:aws:s3:::central-copy',
        account: '222222222222',
      });
      new s3.Bucket(stack, 'Same', { versioned: true, replicationRules: [{ destination: local }] });
      new s3.Bucket(stack, 'Part', {
        versioned: true,
        replicationRules: [{ destination: copy, filter: { prefix: 'logs/' } }],
      });
    });
    const at = (p: string) => ofRule(findings, 's3-cross-account-replication').find((f) => f.resource.path === p)!;
    expect(at('Test/Same/Resource').message).toMatch(/rule 1 does not set Destination\.Account/);
    expect(at('Test/Part/Resource').message).toMatch(
      /replicates only the objects matching Filter \{"Prefix":"logs\/"\}/,
    );
  });

  test('an environment-agnostic stack is never proven to replicate to another account', () => {
    const findings = synthFindings(
      (stack) => {
        const copy = s3.Bucket.fromBucketAttributes(stack, 'Copy', {
          bucketArn: 'arn:aws:s3:::central-copy',
          account: '222222222222',
        });
        new s3.Bucket(stack, 'Data', {
          versioned: true,
          replicationRules: [{ destination: copy, accessControlTransition: true }],
        });
      },
      { envAgnostic: true },
    );
    expect(ofRule(findings, 's3-cross-account-replication')[0].message).toMatch(
      /the bucket's own account is not known/,
    );
  });
});

describe('s3-no-auto-delete-objects on real CDK apps', () => {
  test('autoDeleteObjects: true adds a custom resource that empties the bucket', () => {
    const findings = synthFindings((stack) => {
      new s3.Bucket(stack, 'Data', { autoDeleteObjects: true, removalPolicy: RemovalPolicy.DESTROY });
    });
    const [f] = ofRule(findings, 's3-no-auto-delete-objects');
    expect(f.resource).toMatchObject({
      type: 'Custom::S3AutoDeleteObjects',
      path: 'Test/Data/AutoDeleteObjectsCustomResource/Default',
    });
    expect(f.message).toMatch(
      /deletes every object in bucket Data[0-9A-F]+ \(Test\/Data\/Resource\) when the stack is deleted/,
    );
    expect(f.fix).toMatch(/Remove `autoDeleteObjects: true`/);
  });

  test('a BucketDeployment with retainOnDelete: false deletes the whole destination bucket', () => {
    const findings = synthFindings((stack) => {
      const site = new s3.Bucket(stack, 'Site', { versioned: true });
      new s3deploy.BucketDeployment(stack, 'Deploy', {
        sources: [s3deploy.Source.data('index.html', '<html/>')],
        destinationBucket: site,
        retainOnDelete: false,
      });
      new s3deploy.BucketDeployment(stack, 'Docs', {
        sources: [s3deploy.Source.data('a.txt', 'a')],
        destinationBucket: site,
        destinationKeyPrefix: 'docs/',
        retainOnDelete: false,
      });
    });
    const found = ofRule(findings, 's3-no-auto-delete-objects');
    expect(found.map((f) => f.resource.path).sort()).toEqual([
      'Test/Deploy/CustomResource/Default',
      'Test/Docs/CustomResource/Default',
    ]);
    expect(found.find((f) => f.resource.path!.startsWith('Test/Deploy'))!.message).toMatch(
      /RetainOnDelete is false: .* every object in bucket Site[0-9A-F]+ \(Test\/Site\/Resource\) \(no DestinationBucketKeyPrefix: the whole bucket\)/,
    );
    expect(found.find((f) => f.resource.path!.startsWith('Test/Docs'))!.message).toMatch(
      /every object under prefix "docs\/"/,
    );
  });

  test('a Bucket and BucketDeployment with CDK defaults pass', () => {
    const findings = synthFindings((stack) => {
      const site = new s3.Bucket(stack, 'Site', {
        versioned: true,
        lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(90) }],
      });
      new s3deploy.BucketDeployment(stack, 'Deploy', {
        sources: [s3deploy.Source.data('index.html', '<html/>')],
        destinationBucket: site,
      });
    });
    expect(ofRule(findings, 's3-no-auto-delete-objects')).toEqual([]);
  });

  test('an escape hatch that turns retainOnDelete off is caught', () => {
    const findings = synthFindings((stack) => {
      const site = new s3.Bucket(stack, 'Site', { versioned: true });
      const deploy = new s3deploy.BucketDeployment(stack, 'Deploy', {
        sources: [s3deploy.Source.data('index.html', '<html/>')],
        destinationBucket: site,
      });
      (deploy.node.findChild('CustomResource').node.defaultChild as CfnResource).addPropertyOverride(
        'RetainOnDelete',
        'false',
      );
    });
    expect(ofRule(findings, 's3-no-auto-delete-objects')[0].message).toMatch(/RetainOnDelete is "false"/);
  });
});
