import { RemovalPolicy } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import { ofRule, synthFindings } from '../synth-helper';

describe('ecr-no-empty-on-delete on real CDK apps', () => {
  test('a Repository with CDK defaults is not emptied on delete', () => {
    const findings = synthFindings((stack) => {
      new ecr.Repository(stack, 'Images');
    });
    expect(ofRule(findings, 'ecr-no-empty-on-delete')).toEqual([]);
  });

  test('emptyOnDelete: true is a warning', () => {
    const findings = synthFindings((stack) => {
      new ecr.Repository(stack, 'Images', { emptyOnDelete: true, removalPolicy: RemovalPolicy.DESTROY });
    });
    const [f] = ofRule(findings, 'ecr-no-empty-on-delete');
    expect(f).toMatchObject({ severity: 'warning', resource: { path: 'Test/Images/Resource' } });
    expect(f.message).toBe('EmptyOnDelete is true; it must be false.');
    expect(f.fix).toMatch(/Remove `emptyOnDelete: true`/);
  });

  test('the deprecated autoDeleteImages: true adds a custom resource that deletes the images', () => {
    const findings = synthFindings((stack) => {
      new ecr.Repository(stack, 'Images', { autoDeleteImages: true, removalPolicy: RemovalPolicy.DESTROY });
    });
    const [f] = ofRule(findings, 'ecr-no-empty-on-delete');
    expect(f.resource.type).toBe('Custom::ECRAutoDeleteImages');
    expect(f.message).toMatch(/deletes every image in repository Images[0-9A-F]+ \(Test\/Images\/Resource\)/);
  });

  test('an escape hatch that sets EmptyOnDelete is caught', () => {
    const findings = synthFindings((stack) => {
      const repo = new ecr.Repository(stack, 'Images');
      (repo.node.defaultChild as ecr.CfnRepository).addPropertyOverride('EmptyOnDelete', 'true');
    });
    expect(ofRule(findings, 'ecr-no-empty-on-delete')[0].message).toMatch(/EmptyOnDelete is "true"/);
  });
});
