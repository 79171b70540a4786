import { cloudFormationDocument } from '../../dialects/cloudformation';
import { evaluate } from '../../engine/evaluate';
import { CATALOGUE } from '../index';
import { findingsOf, modelOf, providerModelOf, type TemplateCase } from '../testing/harness';
import rule from './template-unexpanded-content';

const bucket = { Type: 'AWS::SNS::Topic', Properties: {} };
const EXPANDED =
  'is expanded by CloudFormation at deploy time; the check cannot see what it adds, so none of it is judged.';

describe('template-unexpanded-content: content expanded at deploy time is a finding naming it', () => {
  const onTheStack: [string, Record<string, unknown>, string, string][] = [
    ['1. a macro in the Transform section', { Transform: 'CorpMacro' }, 'Transform', 'macro `CorpMacro`'],
    [
      '2. AWS::Include in a Transform list beside a judged transform',
      {
        Transform: [
          'AWS::LanguageExtensions',
          { Name: 'AWS::Include', Parameters: { Location: 's3://snippets/db.yaml' } },
        ],
      },
      'Transform/1',
      '`AWS::Include` of `s3://snippets/db.yaml`',
    ],
    [
      '3. AWS::Include in place of resources',
      { ExtraResources: { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://b/more.json' } } } },
      'Resources/Fn::Transform',
      '`AWS::Include` of `s3://b/more.json`',
    ],
    [
      '4. a macro inside a property',
      {
        ExtraResources: {
          Db: {
            Type: 'AWS::RDS::DBInstance',
            Properties: { 'Fn::Transform': { Name: 'DbDefaults', Parameters: {} }, Engine: 'postgres' },
          },
        },
      },
      'Resources/Db/Properties/Fn::Transform',
      'macro `DbDefaults`',
    ],
    [
      '5. a resource that is only an include',
      {
        ExtraResources: {
          Snippet: { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: { Ref: 'Where' } } } },
        },
      },
      'Resources/Snippet/Fn::Transform',
      '`AWS::Include` of `{"Ref":"Where"}`',
    ],
    [
      '6. an include at the top level of the template',
      { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://b/top.yaml' } } },
      'Fn::Transform',
      '`AWS::Include` of `s3://b/top.yaml`',
    ],
  ];
  test.each(onTheStack)('%s: an error on the stack, at its location', (_name, extra, location, what) => {
    const { ExtraResources, ...sections } = extra as { ExtraResources?: Record<string, unknown> };
    const template = { ...sections, Resources: { Topic: bucket, ...ExtraResources } } as TemplateCase;
    const findings = findingsOf(rule, template);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'template-unexpanded-content',
      severity: 'error',
      resource: { logicalId: 'Stack', type: 'AWS::CloudFormation::Stack' },
      location,
      unresolved: true,
      message: `${what} at ${location} ${EXPANDED}`,
    });
    expect(findings[0].fixes.cloudformation).toContain('--template-stage Processed');
    expect(findings[0].fixes.cdk).toContain('constructs instead of a macro');
  });

  const onAResource: [string, TemplateCase, string, string][] = [
    [
      '7. a nested stack whose template is at a URL',
      {
        Resources: {
          Child: {
            Type: 'AWS::CloudFormation::Stack',
            Properties: { TemplateURL: 'https://s3.amazonaws.com/b/child.yaml' },
          },
        },
      },
      'Properties/TemplateURL',
      'The nested stack\'s template (TemplateURL "https://s3.amazonaws.com/b/child.yaml") was not read: it is not in the cloud assembly or a local file given to the check, so none of its resources are judged.',
    ],
    [
      '8. a nested SAM application',
      {
        Resources: {
          Child: {
            Type: 'AWS::Serverless::Application',
            Properties: {
              Location: {
                ApplicationId: 'arn:aws:serverlessrepo:us-east-1:1:applications/x',
                SemanticVersion: '1.0.0',
              },
            },
          },
        },
      },
      'Properties/Location',
      'The nested application (Location {"ApplicationId":"arn:aws:serverlessrepo:us-east-1:1:applications/x","SemanticVersion":"1.0.0"}) deploys a template from the Serverless Application Repository or a URL, which the check cannot see, so none of its resources are judged.',
    ],
    [
      '9. a stack set whose template is at a URL',
      {
        Resources: {
          Child: {
            Type: 'AWS::CloudFormation::StackSet',
            Properties: { StackSetName: 's', PermissionModel: 'SERVICE_MANAGED', TemplateURL: 'https://b/set.json' },
          },
        },
      },
      'Properties/TemplateURL',
      'The stack set\'s template (TemplateURL "https://b/set.json") is not in the template, so none of the resources it deploys to every target account are judged.',
    ],
    [
      '10. a stack set whose body is a parameter',
      {
        Parameters: { Body: { Type: 'String' } },
        Resources: {
          Child: { Type: 'AWS::CloudFormation::StackSet', Properties: { TemplateBody: { Ref: 'Body' } } },
        },
      },
      'Properties/TemplateBody',
      'The stack set\'s TemplateBody {"Ref":"Body"} was not read (it cannot be resolved before deployment: it is parameter "Body", chosen at deploy time), so none of the resources it deploys to every target account are judged.',
    ],
    [
      '11. a YAML body where the front end reads no YAML',
      {
        Resources: {
          Child: { Type: 'AWS::CloudFormation::StackSet', Properties: { TemplateBody: 'Resources:\n  T: {}\n' } },
        },
      },
      'Properties/TemplateBody',
      'The stack set\'s TemplateBody "Resources:\\n  T: {}\\n" was not read (it is YAML, which this front end does not read; `npx deadbolt check` does), so none of the resources it deploys to every target account are judged.',
    ],
  ];
  test.each(onAResource)('%s: an error on the resource', (_name, template, location, message) => {
    const findings = findingsOf(rule, template);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'template-unexpanded-content',
      severity: 'error',
      resource: { logicalId: 'Child' },
      location,
      unresolved: true,
      message,
    });
    expect(findings[0].fixes.cdk).toBeDefined();
  });

  test('12. a CloudFormation stack deployed by Terraform or Pulumi: its template is not read', () => {
    const findings = evaluate(
      providerModelOf([
        {
          id: 'legacy',
          type: 'aws:cloudformation/stack:Stack',
          name: 'legacy',
          inputs: { templateUrl: 'https://b/t.json' },
        },
      ]),
      { rules: [rule], idiom: 'pulumi' },
    ).findings;
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toBe(
      'This aws:cloudformation/stack:Stack deploys a CloudFormation template, which the check does not read, so none of its resources are judged.',
    );
    expect(findings[0].fix).toContain('npx deadbolt check <template file>');
  });

  const valid: [string, TemplateCase & Record<string, unknown>][] = [
    ['no transform', { Resources: { Topic: bucket } }],
    [
      'SAM (its resources are judged as written)',
      { Transform: 'AWS::Serverless-2016-10-31', Resources: { Topic: bucket } },
    ],
    [
      'SAM and language extensions, as a list',
      { Transform: ['AWS::LanguageExtensions', 'AWS::Serverless-2016-10-31'], Resources: { Topic: bucket } },
    ],
    [
      'a stack set with a literal JSON body',
      {
        Resources: {
          Set: {
            Type: 'AWS::CloudFormation::StackSet',
            Properties: { TemplateBody: JSON.stringify({ Resources: { Topic: bucket } }) },
          },
        },
      },
    ],
    [
      'a stack set with Fn::ToJsonString of the template',
      {
        Resources: {
          Set: {
            Type: 'AWS::CloudFormation::StackSet',
            Properties: { TemplateBody: { 'Fn::ToJsonString': { Resources: { Topic: bucket } } } },
          },
        },
      },
    ],
  ];
  test.each(valid)('passes: %s', (_name, template) => {
    expect(findingsOf(rule, template)).toEqual([]);
  });

  test('passes: a nested stack whose template the model holds (a cloud assembly, a local file)', () => {
    const parent = cloudFormationDocument({
      id: 'Parent',
      template: {
        Resources: { Child: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: './c.yaml' } } },
      },
    });
    const child = cloudFormationDocument({
      id: 'Parent/Child',
      template: { Resources: { Topic: bucket } },
      parent: { document: parent, logicalId: 'Child' },
    });
    expect(evaluate({ documents: [parent, child] }, { rules: [rule] }).findings).toEqual([]);
    expect(evaluate({ documents: [parent] }, { rules: [rule] }).findings).toHaveLength(1);
  });

  test('acknowledged with a reason in the top-level Metadata', () => {
    const [f] = findingsOf(rule, {
      Resources: { Topic: bucket },
      Transform: 'CorpMacro',
      Metadata: {
        deadbolt: {
          acknowledge: [
            { id: 'template-unexpanded-content', reason: 'CorpMacro only adds alarms; reviewed in SEC-12.' },
          ],
        },
      },
    } as TemplateCase);
    expect(f.severity).toBe('info');
    expect(f.acknowledged?.reason).toBe('CorpMacro only adds alarms; reviewed in SEC-12.');
  });
});

describe("a stack set's TemplateBody is judged as a template of its own", () => {
  const unsafeDb = { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres' } };

  test('its resources are judged, their paths inside the stack set', () => {
    const model = modelOf({
      Resources: {
        Baseline: {
          Type: 'AWS::CloudFormation::StackSet',
          Properties: {
            TemplateBody: JSON.stringify({ Resources: { Db: unsafeDb } }),
            Tags: [{ Key: 'team', Value: 'data' }],
          },
        },
      },
    });
    const findings = evaluate(model, { rules: CATALOGUE }).findings.filter((f) => f.resource.logicalId === 'Db');
    expect(findings.map((f) => f.ruleId)).toEqual(
      expect.arrayContaining(['general-update-replace-policy', 'rds-deletion-protection']),
    );
    expect(findings[0].resource).toMatchObject({
      key: 'Stack/Baseline/Db',
      path: 'Baseline/TemplateBody/Db',
      stack: 'Stack/Baseline (stack set)',
    });
    // Stack instances deploy to the accounts the stack set targets, not the administrator's; its tags propagate.
    const [embedded] = model.documents[0].embedded!;
    expect(embedded).toMatchObject({ account: undefined, region: undefined, tags: { team: 'data' } });
  });

  test('a YAML body is read with the parser the front end gives', () => {
    const doc = cloudFormationDocument({
      id: 'T',
      template: {
        Resources: { Set: { Type: 'AWS::CloudFormation::StackSet', Properties: { TemplateBody: 'yaml text' } } },
      },
      parseTemplateText: (text) => {
        expect(text).toBe('yaml text');
        return { Resources: { Db: unsafeDb } };
      },
    });
    expect([...doc.embedded![0].resources.keys()]).toEqual(['Db']);
    expect(evaluate({ documents: [doc] }, { rules: [rule] }).findings).toEqual([]);
  });

  test('a JSON body with a key written twice, or not JSON, is an InputError naming the stack set', () => {
    const withBody = (TemplateBody: string) => () =>
      cloudFormationDocument({
        id: 'T',
        template: { Resources: { Set: { Type: 'AWS::CloudFormation::StackSet', Properties: { TemplateBody } } } },
      });
    expect(withBody('{"Resources": {"Db": {"Type": "A"}, "Db": {"Type": "B"}}}')).toThrow(
      'T (stack set `Set`, TemplateBody): the template body has key `Db` twice in one object (line 1); JSON readers keep only the last.',
    );
    expect(withBody('{"Resources": ')).toThrow(
      /^T \(stack set `Set`, TemplateBody\): the template body is not valid JSON/,
    );
  });

  test('a stack set inside a stack set is read; past four levels it is reported instead', () => {
    let body: Record<string, unknown> = { Resources: { Topic: bucket } };
    for (let i = 0; i < 6; i++) {
      body = {
        Resources: {
          [`Set${i}`]: { Type: 'AWS::CloudFormation::StackSet', Properties: { TemplateBody: JSON.stringify(body) } },
        },
      };
    }
    const findings = findingsOf(rule, body as unknown as TemplateCase);
    expect(findings).toHaveLength(1);
    expect(findings[0].resource.stack).toBe(
      'Stack/Set5 (stack set)/Set4 (stack set)/Set3 (stack set)/Set2 (stack set)',
    );
  });
});

describe('template-unexpanded-content: registry modules and Service Catalog products', () => {
  test('a module and a provisioned product are each an error naming them', () => {
    const findings = findingsOf(rule, {
      Resources: {
        Prod: {
          Type: 'AWS::ServiceCatalog::CloudFormationProvisionedProduct',
          Properties: { ProductName: 'rds-postgres', ProvisioningArtifactName: 'v1' },
        },
        Mod: { Type: 'MyOrg::Data::Database::MODULE', Properties: { Name: 'x' } },
      },
    });
    expect(findings.map((f) => f.message).sort()).toEqual([
      expect.stringMatching(
        /^Resources\/Mod: Resource Mod is the module MyOrg::Data::Database::MODULE, which CloudFormation expands/,
      ),
      expect.stringMatching(/^The provisioned product \("rds-postgres"\) deploys a Service Catalog product's template/),
    ]);
  });
});
