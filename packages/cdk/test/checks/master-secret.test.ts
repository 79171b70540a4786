import { RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { ofRule, synthFindings } from '../synth-helper';

const RULE = 'general-deletion-policy';

describe("general-deletion-policy on a real CDK app: a database's generated master secret", () => {
  test('the secret of Credentials.fromGeneratedSecret, destroyed with the stack, is an error', () => {
    const findings = synthFindings((stack) => {
      const db = new rds.DatabaseInstance(stack, 'Db', {
        engine: rds.DatabaseInstanceEngine.POSTGRES,
        vpc: new ec2.Vpc(stack, 'Vpc'),
        removalPolicy: RemovalPolicy.SNAPSHOT,
      });
      (db.node.findChild('Secret') as secretsmanager.Secret).applyRemovalPolicy(RemovalPolicy.DESTROY);
      new secretsmanager.Secret(stack, 'ApiToken', { removalPolicy: RemovalPolicy.DESTROY });
    });
    const secretFinding = (path: string) => ofRule(findings, RULE).find((f) => f.resource.path?.startsWith(path));
    // Before: a warning, as for the API token below.
    expect(secretFinding('Test/Db/Secret')).toMatchObject({ severity: 'error' });
    expect(secretFinding('Test/Db/Secret')!.message).toMatch(
      /^DeletionPolicy is Delete\. It holds the master credentials of Db\w+ \(AWS::RDS::DBInstance\): CloudFormation deletes a secret without a recovery window/,
    );
    expect(secretFinding('Test/Db/Secret')!.fix).toMatch(
      /\(db\.node\.findChild\('Secret'\) as secretsmanager\.Secret\)\.applyRemovalPolicy\(RemovalPolicy\.RETAIN\)/,
    );
    expect(secretFinding('Test/ApiToken')).toMatchObject({ severity: 'warning' });
  });

  test('the fix the finding names makes it pass', () => {
    const findings = synthFindings((stack) => {
      const db = new rds.DatabaseInstance(stack, 'Db', {
        engine: rds.DatabaseInstanceEngine.POSTGRES,
        vpc: new ec2.Vpc(stack, 'Vpc'),
      });
      (db.node.findChild('Secret') as secretsmanager.Secret).applyRemovalPolicy(RemovalPolicy.RETAIN);
    });
    expect(ofRule(findings, RULE).filter((f) => f.resource.path?.startsWith('Test/Db/Secret'))).toEqual([]);
  });
});
