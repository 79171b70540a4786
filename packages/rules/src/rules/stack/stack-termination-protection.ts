import { defineRule } from '../../engine/rule';
import type { FixText, StackDocument } from '../../model';
import { isStatefulType } from '../../spec/stateful-types';
import { plural } from '../../text/plural';

/** `stack`: the CloudFormation stack name, when the source records it (a bare template names only its file). */
function fixFor(stack: string | undefined): FixText {
  const name = stack ?? 'STACK';
  const which = stack === undefined ? ', STACK being the name the template is deployed as' : '';
  return {
    cloudformation: `Run \`aws cloudformation update-termination-protection --enable-termination-protection --stack-name ${name}\`${which} (or pass \`--enable-termination-protection\` to \`create-stack\`).`,
    cdk: 'Pass `terminationProtection: true` to the `Stack` (or set `stack.terminationProtection = true`).',
    pulumi:
      'Pulumi stacks have no termination protection: set the `protect: true` resource option on each stateful resource.',
    terraform:
      'Terraform has no stack-level protection: add `lifecycle { prevent_destroy = true }` to each stateful resource.',
  };
}

/** The top-level stack that deploys a document (itself when it is not nested). */
function rootOf(doc: StackDocument): StackDocument {
  let d = doc;
  for (let i = 0; i < 32 && d.parent; i++) d = d.parent.document;
  return d;
}

/**
 * Stacks that hold data have termination protection on.
 *
 * Termination protection makes DeleteStack fail until someone turns it off: a
 * stack setting, not a template property (CDK writes it to the cloud assembly
 * manifest). A bare template cannot record it, so reading one is a finding of
 * its own. A nested stack is deleted with its root, so the root's setting is
 * the one judged. Stack policies do not stop DeleteStack.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-protect-stacks.html
 */
export default defineRule({
  id: 'stack-termination-protection',
  title: 'Stacks that hold data have termination protection on',
  why: 'One `cdk destroy` or DeleteStack call deletes every resource in the stack whose DeletionPolicy does not keep it, with nothing to confirm first.',
  fix: 'Turn on termination protection for the stack.',
  severity: 'warning',
  resourceTypes: [],
  document(doc) {
    if (doc.dialect !== 'cloudformation') return;
    const stateful = [...doc.resources.values()].filter((r) => isStatefulType(r.type));
    if (stateful.length === 0) return;
    const root = rootOf(doc);
    const holds = `it holds ${plural(stateful.length, 'stateful resource')} (${stateful
      .slice(0, 3)
      .map((r) => r.logicalId)
      .join(', ')}${stateful.length > 3 ? ', …' : ''})`;
    // A source that records the setting (a cloud assembly) records the stack name too; a bare template has only its file name.
    const fix = fixFor(root.terminationProtection === undefined ? undefined : root.name);
    const nested = root !== doc ? ` of root stack ${root.name}, which deletes this nested stack with it,` : '';
    switch (root.terminationProtection) {
      case true:
        return;
      case false:
        return { fix, location: 'TerminationProtection', message: `Termination protection${nested} is off; ${holds}.` };
      default:
        return {
          fix,
          location: 'TerminationProtection',
          unresolved: true,
          message: `Termination protection${nested} cannot be read from a template; it is a stack setting. Check it on the deployed stack, since ${holds}.`,
        };
    }
  },
});
