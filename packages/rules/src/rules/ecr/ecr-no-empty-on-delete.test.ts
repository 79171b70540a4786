import { findingsOf, one, type TemplateCase } from '../testing/harness';
import rule from './ecr-no-empty-on-delete';

describe('ecr-no-empty-on-delete: ECR repositories are not emptied on delete', () => {
  const invalid: [string, TemplateCase, RegExp][] = [
    [
      '1. EmptyOnDelete true',
      one('AWS::ECR::Repository', { EmptyOnDelete: true }),
      /^EmptyOnDelete is true; it must be false\.$/,
    ],
    ['2. EmptyOnDelete "true"', one('AWS::ECR::Repository', { EmptyOnDelete: 'true' }), /EmptyOnDelete is "true"/],
    [
      '3. CDK auto-delete custom resource',
      {
        Resources: {
          Repo: { Type: 'AWS::ECR::Repository', Properties: {}, Metadata: { 'aws:cdk:path': 'App/Repo/Resource' } },
          Res: {
            Type: 'Custom::ECRAutoDeleteImages',
            Properties: { ServiceToken: 'x', RepositoryName: { Ref: 'Repo' } },
          },
        },
      },
      /Custom::ECRAutoDeleteImages deletes every image in repository Repo \(App\/Repo\/Resource\) when the stack is deleted/,
    ],
    [
      '4. auto-delete of a repository by literal name',
      one('Custom::ECRAutoDeleteImages', { ServiceToken: 'x', RepositoryName: 'images' }),
      /every image in repository "images"/,
    ],
  ];
  test.each(invalid)('%s is a warning', (_name, template, message) => {
    const findings = findingsOf(rule, template);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'ecr-no-empty-on-delete',
      severity: 'warning',
      resource: { logicalId: 'Res' },
    });
    expect(findings[0].message).toMatch(message);
    expect(findings[0].fix).toMatch(/EmptyOnDelete/);
  });

  test('an EmptyOnDelete that cannot be resolved is an unresolved warning', () => {
    const [f] = findingsOf(rule, {
      Parameters: { E: { Type: 'String' } },
      Resources: one('AWS::ECR::Repository', { EmptyOnDelete: { Ref: 'E' } }).Resources,
    });
    expect(f).toMatchObject({ unresolved: true, severity: 'warning' });
    expect(f.message).toMatch(/EmptyOnDelete is \{"Ref":"E"\} and cannot be proven false: it is parameter "E"/);
  });

  test('the CDK fix names the L2 prop', () => {
    const [f] = findingsOf(rule, one('AWS::ECR::Repository', { EmptyOnDelete: true }), {}, { idiom: 'cdk' });
    expect(f.fix).toMatch(/emptyOnDelete: true/);
  });

  const valid: [string, TemplateCase][] = [
    ['EmptyOnDelete unset (CloudFormation default: false)', one('AWS::ECR::Repository', {})],
    ['EmptyOnDelete false', one('AWS::ECR::Repository', { EmptyOnDelete: false })],
    ['EmptyOnDelete "false"', one('AWS::ECR::Repository', { EmptyOnDelete: 'false' })],
  ];
  test.each(valid)('%s passes', (_name, template) => {
    expect(findingsOf(rule, template)).toEqual([]);
  });
});
