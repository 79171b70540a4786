import { RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { ofRule, ruleIdsAt, synthFindings } from '../synth-helper';

describe('rds-deletion-protection on real CDK apps', () => {
  test('a DatabaseInstance with CDK defaults has no deletion protection', () => {
    const findings = synthFindings((stack) => {
      const vpc = new ec2.Vpc(stack, 'Vpc');
      new rds.DatabaseInstance(stack, 'Db', { engine: rds.DatabaseInstanceEngine.POSTGRES, vpc });
    });
    expect(ruleIdsAt(findings, '/Db/')).toContain('rds-deletion-protection');
    expect(ofRule(findings, 'rds-deletion-protection')[0].resource.path).toBe('Test/Db/Resource');
    expect(ofRule(findings, 'rds-deletion-protection')[0].fix).toMatch(/deletionProtection: true/);
  });

  test('deletionProtection: true passes', () => {
    const findings = synthFindings((stack) => {
      const vpc = new ec2.Vpc(stack, 'Vpc');
      new rds.DatabaseInstance(stack, 'Db', { engine: rds.DatabaseInstanceEngine.POSTGRES, vpc, deletionProtection: true, removalPolicy: RemovalPolicy.RETAIN });
    });
    expect(ruleIdsAt(findings, '/Db/')).not.toContain('rds-deletion-protection');
  });

  test('an escape hatch that turns it off is caught', () => {
    const findings = synthFindings((stack) => {
      const vpc = new ec2.Vpc(stack, 'Vpc');
      const db = new rds.DatabaseInstance(stack, 'Db', { engine: rds.DatabaseInstanceEngine.POSTGRES, vpc, deletionProtection: true });
      (db.node.defaultChild as rds.CfnDBInstance).addPropertyOverride('DeletionProtection', false);
    });
    expect(ofRule(findings, 'rds-deletion-protection')[0].message).toMatch(/DeletionProtection is false/);
  });
});
