import { defineRule, type Violation } from '../../engine/rule';
import { quote, resolveValue } from '../../engine/values';
import type { FixText, NormalisedResource, ResourceModel } from '../../model';

const MACRO_FIX: FixText = {
  cloudformation:
    'Check the template CloudFormation deploys instead: create a change set (`aws cloudformation create-change-set …`), save its processed template (`aws cloudformation get-template --stack-name STACK --change-set-name SET --template-stage Processed`) and check that file; or acknowledge this finding with the reason the expanded content holds no data.',
  cdk: 'Write the content as constructs instead of a macro or `Fn.transform`, so that synthesis renders it and the checks see it; or acknowledge this finding with the reason the expanded content holds no data.',
};

const NESTED_FIX: FixText = {
  cloudformation:
    'Check the nested template too: give `npx deadbolt check` the parent with `TemplateURL` as a local path beside it (as `aws cloudformation package` takes it), or the cloud assembly that holds the template; or acknowledge this finding with the reason the nested stack holds no data.',
  cdk: 'Use a `NestedStack` (its template is part of the cloud assembly) or `CfnInclude` with `loadNestedStacks`, so that its resources are judged; or acknowledge this finding with the reason the nested stack holds no data.',
};

const APPLICATION_FIX: FixText = {
  cloudformation:
    "Check the application's template (download it from the Serverless Application Repository or its URL and run `npx deadbolt check <template file>` on it), then acknowledge this finding with the reason, naming the version checked.",
  cdk: "Check the application's template (download it and run `npx deadbolt check <template file>` on it), then acknowledge this finding on the `CfnApplication` with the reason, naming the version checked.",
};

const PRODUCT_FIX: FixText = {
  cloudformation:
    "Check the product's template (export the provisioning artifact's template and run `npx deadbolt check <template file>` on it), then acknowledge this finding with the reason, naming the artifact checked.",
  cdk: "Check the product's template (for a `servicecatalog.CloudFormationProduct` built in CDK, synthesize and check its product stack), then acknowledge this finding on the `CfnCloudFormationProvisionedProduct` with the reason.",
};

const STACK_SET_FIX: FixText = {
  cloudformation:
    "Write the stack set's template inline as a literal `TemplateBody` (JSON or YAML text) so that its resources are judged, or check the template file on its own and acknowledge this finding with the reason.",
  cdk: 'Pass the template as a literal `templateBody` (`JSON.stringify(template)`) so that its resources are judged, or check it on its own and acknowledge this finding with the reason.',
};

const PROVIDER_FIX: FixText = {
  cloudformation:
    'Check the template the resource deploys with `npx deadbolt check <template file>`, then acknowledge this finding with the reason.',
  pulumi:
    'Check the template the resource deploys with `npx deadbolt check <template file>`, then acknowledge this finding with the reason.',
  terraform:
    'Check the template the resource deploys with `npx deadbolt check <template file>`, then acknowledge this finding with the reason.',
};

/** `<document id>\0<logical id>` of every nested stack resource whose template the model holds, per model. */
const readNested = new WeakMap<ResourceModel, Set<string>>();

function nestedTemplateRead(resource: NormalisedResource, model: ResourceModel): boolean {
  let read = readNested.get(model);
  if (!read) {
    read = new Set();
    for (const d of model.documents) if (d.parent) read.add(`${d.parent.document.id}\u0000${d.parent.logicalId}`);
    readNested.set(model, read);
  }
  return read.has(`${resource.document.id}\u0000${resource.logicalId}`);
}

/** A property as written, for the message: its literal text, or the expression. */
function shown(value: unknown): string {
  return value === undefined ? 'not set' : quote(value, 120);
}

/**
 * Everything a template deploys is visible to the check.
 *
 * CloudFormation expands some content only at deploy time: macros (the
 * `Transform` section and `Fn::Transform`), `AWS::Include` snippets, nested
 * stacks (`AWS::CloudFormation::Stack`, `AWS::Serverless::Application`) and
 * stack sets. What they add is deployed without ever being judged, so each one
 * whose content the check did not read is a finding naming it. Read and judged,
 * so not reported: `AWS::LanguageExtensions` (`Fn::ForEach` is expanded), SAM's
 * own resources (its data store, `SimpleTable`, is judged as written), nested
 * stack templates found in a cloud assembly or given as local files, and a
 * stack set's literal `TemplateBody`.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-macros.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/transform-aws-include.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-nested-stacks.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudformation-stackset.html
 */
export default defineRule({
  id: 'template-unexpanded-content',
  title: 'Everything a template deploys is visible to the check',
  why: 'Content that CloudFormation expands at deploy time (a macro, an include, a nested stack or stack set from a URL) is deployed without being judged, so a database without deletion protection or a bucket emptied on delete inside it passes unseen.',
  fix: 'Give the check the expanded content (the processed template, the nested template file, an inline stack set body), or acknowledge with the reason it holds no data.',
  severity: 'error',
  resourceTypes: [
    'AWS::CloudFormation::Stack',
    'AWS::Serverless::Application',
    'AWS::CloudFormation::StackSet',
    'AWS::ServiceCatalog::CloudFormationProvisionedProduct',
  ],
  document(doc) {
    const out = (doc.unexpanded ?? []).map((u): Violation => ({
      fix: MACRO_FIX,
      location: u.location,
      detail: u.location,
      unresolved: true,
      message: `${u.what} at ${u.location} is expanded by CloudFormation at deploy time; the check cannot see what it adds, so none of it is judged.`,
    }));
    // A registry module (`Org::Service::Thing::MODULE`) expands into its own resources at deploy time.
    // https://docs.aws.amazon.com/cloudformation-cli/latest/userguide/modules.html
    for (const r of doc.resources.values()) {
      if (!/::MODULE$/.test(r.type)) continue;
      out.push({
        fix: MACRO_FIX,
        location: `Resources/${r.logicalId}`,
        detail: `Resources/${r.logicalId}`,
        unresolved: true,
        message: `Resource ${r.logicalId} is the module ${r.type}, which CloudFormation expands into resources at deploy time; the check cannot see them, so none of them is judged.`,
      });
    }
    return out;
  },
  cloudformation(resource, ctx) {
    const props = resource.properties;
    switch (resource.type) {
      case 'AWS::CloudFormation::Stack':
        if (nestedTemplateRead(resource, ctx.model)) return;
        return {
          fix: NESTED_FIX,
          location: 'Properties/TemplateURL',
          unresolved: true,
          message: `The nested stack's template (TemplateURL ${shown(props.TemplateURL)}) was not read: it is not in the cloud assembly or a local file given to the check, so none of its resources are judged.`,
        };
      case 'AWS::Serverless::Application':
        return {
          fix: APPLICATION_FIX,
          location: 'Properties/Location',
          unresolved: true,
          message: `The nested application (Location ${shown(props.Location)}) deploys a template from the Serverless Application Repository or a URL, which the check cannot see, so none of its resources are judged.`,
        };
      case 'AWS::ServiceCatalog::CloudFormationProvisionedProduct':
        return {
          fix: PRODUCT_FIX,
          location: 'Properties/ProductName',
          unresolved: true,
          message: `The provisioned product (${shown(props.ProductName ?? props.ProductId)}) deploys a Service Catalog product's template, which the check cannot see, so none of its resources are judged.`,
        };
      case 'AWS::CloudFormation::StackSet': {
        if (resource.document.embedded?.some((d) => d.embeddedIn?.logicalId === resource.logicalId)) return;
        const base = { fix: STACK_SET_FIX, unresolved: true } as const;
        if (props.TemplateBody === undefined) {
          return {
            ...base,
            location: 'Properties/TemplateURL',
            message: `The stack set's template (TemplateURL ${shown(props.TemplateURL)}) is not in the template, so none of the resources it deploys to every target account are judged.`,
          };
        }
        const body = resolveValue(props.TemplateBody, resource.document);
        const why =
          body.kind === 'unresolved'
            ? `it cannot be resolved before deployment: ${body.reason}`
            : body.kind === 'known' && typeof body.value === 'string'
              ? 'it is YAML, which this front end does not read; `npx deadbolt check` does'
              : 'it is not template text';
        return {
          ...base,
          location: 'Properties/TemplateBody',
          message: `The stack set's TemplateBody ${quote(props.TemplateBody, 80)} was not read (${why}), so none of the resources it deploys to every target account are judged.`,
        };
      }
    }
    return undefined;
  },
  // A CloudFormation stack or stack set that Terraform or Pulumi deploys: its template is never read as resources.
  awsProvider(resource) {
    return {
      fix: PROVIDER_FIX,
      unresolved: true,
      message: `This ${resource.nativeType} deploys a CloudFormation template, which the check does not read, so none of its resources are judged.`,
    };
  },
});
