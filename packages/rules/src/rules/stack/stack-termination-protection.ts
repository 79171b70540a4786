import { defineRule } from '../../engine/rule';
import type { FixText, StackDocument } from '../../model';
import { isStatefulType } from '../../spec/stateful-types';
import { plural } from '../../text/plural';

/**
 * `stack`: the CloudFormation stack name, when the source records it (a bare template names only its file).
 * `inner`: set when the judged template is not the stack itself (a nested stack, a stack set's template):
 * the setting is its root stack's, which the fix then names.
 */
function fixFor(stack: string | undefined, inner?: 'nested' | 'stack set'): FixText {
  const name = stack ?? 'STACK';
  const which = stack === undefined ? ', STACK being the name the template is deployed as' : '';
  const cdk =
    inner === undefined
      ? 'Pass `terminationProtection: true` to the `Stack` (or set `stack.terminationProtection = true`).'
      : `Pass \`terminationProtection: true\` to the root \`Stack\`${stack === undefined ? '' : ` ${stack}`} (or set \`stack.terminationProtection = true\` on it): ${
          inner === 'nested'
            ? "a `NestedStack` has no termination protection of its own, it takes its root stack's"
            : 'it deploys the `CfnStackSet`, and deleting it deletes the stack set and its stack instances'
        }.`;
  return {
    cloudformation: `Run \`aws cloudformation update-termination-protection --enable-termination-protection --stack-name ${name}\`${which} (or pass \`--enable-termination-protection\` to \`create-stack\`).`,
    cdk,
    pulumi:
      'Pulumi stacks have no termination protection: set the `protect: true` resource option on each stateful resource.',
    terraform:
      'Terraform has no stack-level protection: add `lifecycle { prevent_destroy = true }` to each stateful resource.',
  };
}

/**
 * The top-level stack that deploys a document: itself when it is not nested;
 * for a stack set's template, the root of the stack that holds the stack set.
 */
function rootOf(doc: StackDocument): StackDocument {
  let d = doc;
  for (let i = 0; i < 32; i++) {
    const up = d.parent?.document ?? d.embeddedIn?.document;
    if (!up) break;
    d = up;
  }
  return d;
}

/** The logical id of the stack set whose template `doc` is (or whose template nests it), if any. */
function embeddingStackSet(doc: StackDocument): string | undefined {
  let d: StackDocument | undefined = doc;
  for (let i = 0; i < 32 && d; i++) {
    if (d.embeddedIn) return d.embeddedIn.logicalId;
    d = d.parent?.document;
  }
  return undefined;
}

/**
 * Stacks that hold data have termination protection on.
 *
 * Termination protection makes DeleteStack fail until someone turns it off: a
 * stack setting, not a template property (CDK writes it to the cloud assembly
 * manifest). A bare template cannot record it, so reading one is a finding of
 * its own. A nested stack is deleted with its root, so the root's setting is
 * the one judged; a stack set's template is judged by the setting of the stack
 * that deploys the stack set. Stack policies do not stop DeleteStack.
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
    const known = root.terminationProtection === undefined ? undefined : root.name;
    // A stack set's template is judged through the stack that deploys the stack set: its stack instances
    // are stacks of other accounts whose termination protection no template sets, and deleting the
    // administrator stack deletes the `AWS::CloudFormation::StackSet` resource with its stack instances.
    // @see https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DeleteStackSet.html
    const set = embeddingStackSet(doc);
    const fix = fixFor(known, root === doc ? undefined : set ? 'stack set' : 'nested');
    const nested =
      root === doc
        ? ''
        : set
          ? ` of stack ${root.name}, which deploys stack set ${set} and deletes it and its stack instances with it,`
          : ` of root stack ${root.name}, which deletes this nested stack with it,`;
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
