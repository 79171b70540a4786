import { findingsOf, one, type TemplateCase } from '../testing/harness';
import rule from './neptune-deletion-protection';

describe('neptune-deletion-protection: Neptune databases and graphs have deletion protection on', () => {
  const invalid: [string, TemplateCase, RegExp][] = [
    [
      '1. cluster without the property',
      one('AWS::Neptune::DBCluster'),
      /^DeletionProtection is not set \(CloudFormation default: false\)\.$/,
    ],
    [
      '2. cluster with false',
      one('AWS::Neptune::DBCluster', { DeletionProtection: false }),
      /^DeletionProtection is false; it must be true\.$/,
    ],
    [
      '3. global cluster without the property',
      one('AWS::Neptune::GlobalCluster'),
      /not set \(CloudFormation default: false\)/,
    ],
    [
      '4. graph with false',
      one('AWS::NeptuneGraph::Graph', { ProvisionedMemory: 16, DeletionProtection: false }),
      /^DeletionProtection is false; it must be true\.$/,
    ],
    [
      '5. graph with "false"',
      one('AWS::NeptuneGraph::Graph', { ProvisionedMemory: 16, DeletionProtection: 'false' }),
      /is "false"; it must be true/,
    ],
    [
      '6. graph with a parameter',
      {
        Parameters: { P: { Type: 'String' } },
        Resources: {
          Res: {
            Type: 'AWS::NeptuneGraph::Graph',
            Properties: { ProvisionedMemory: 16, DeletionProtection: { Ref: 'P' } },
          },
        },
      },
      /cannot be proven true: it is parameter "P"/,
    ],
    [
      '7. cluster with a condition',
      {
        Parameters: { Env: { Type: 'String' } },
        Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
        Resources: {
          Res: {
            Type: 'AWS::Neptune::DBCluster',
            Properties: { DeletionProtection: { 'Fn::If': ['IsProd', true, false] } },
          },
        },
      },
      /depends on condition "IsProd"/,
    ],
    [
      '8. graph with a condition that may remove protection',
      {
        Parameters: { Env: { Type: 'String' } },
        Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
        Resources: {
          Res: {
            Type: 'AWS::NeptuneGraph::Graph',
            Properties: { DeletionProtection: { 'Fn::If': ['IsProd', { Ref: 'AWS::NoValue' }, false] } },
          },
        },
      },
      /depends on condition "IsProd"/,
    ],
  ];
  test.each(invalid)('%s is a finding', (_name, template, message) => {
    const findings = findingsOf(rule, template);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'neptune-deletion-protection',
      severity: 'error',
      resource: { logicalId: 'Res' },
      location: 'Properties/DeletionProtection',
    });
    expect(findings[0].message).toMatch(message);
    expect(findings[0].fix).toMatch(/DeletionProtection: true/);
  });

  const valid: [string, TemplateCase][] = [
    ['cluster with true', one('AWS::Neptune::DBCluster', { DeletionProtection: true })],
    ['global cluster with "true"', one('AWS::Neptune::GlobalCluster', { DeletionProtection: 'true' })],
    [
      'graph without the property (CloudFormation default: true)',
      one('AWS::NeptuneGraph::Graph', { ProvisionedMemory: 16 }),
    ],
    ['graph with true', one('AWS::NeptuneGraph::Graph', { ProvisionedMemory: 16, DeletionProtection: true })],
  ];
  test.each(valid)('%s passes', (_name, template) => {
    expect(findingsOf(rule, template)).toEqual([]);
  });
});
