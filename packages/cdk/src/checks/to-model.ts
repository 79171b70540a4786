import { CfnElement, CfnResource, NestedStack, Stack, Token } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { cloudFormationDocument, type ResourceModel, type StackDocument } from '@deadbolt/rules';

/** The catalogue's model of a construct tree, with the way back from findings to constructs. */
export interface ConstructModel {
  readonly model: ResourceModel;
  /** The construct behind each resource key (`<stack path>/<logical id>`). */
  readonly constructOf: ReadonlyMap<string, IConstruct>;
  /** The stack behind each document id. */
  readonly stackOf: ReadonlyMap<string, Stack>;
}

interface Draft {
  readonly stack: Stack;
  readonly template: {
    Resources: Record<string, unknown>;
    Parameters: Record<string, unknown>;
    Conditions: Record<string, unknown>;
    Mappings: Record<string, unknown>;
    Outputs: Record<string, unknown>;
  };
  readonly paths: Map<string, string>;
}

/**
 * Renders the final CloudFormation of every stack under `root` (Stages and
 * nested stacks included) the way synthesis will: L2 defaults, property
 * overrides, `cfnOptions`, and whatever aspects changed, resolved by the stack.
 *
 * Only resources of `relevant` types are rendered in full; the rest enter the
 * model with their type and logical id, enough for references to resolve.
 */
export function modelFromConstructTree(root: IConstruct, relevant: ReadonlySet<string>): ConstructModel {
  const drafts = new Map<Stack, Draft>();
  const constructOf = new Map<string, IConstruct>();
  const draftOf = (stack: Stack): Draft => {
    let d = drafts.get(stack);
    if (!d) {
      d = { stack, template: { Resources: {}, Parameters: {}, Conditions: {}, Mappings: {}, Outputs: {} }, paths: new Map() };
      drafts.set(stack, d);
    }
    return d;
  };

  for (const c of root.node.findAll()) {
    if (Stack.isStack(c)) draftOf(c);
    if (!CfnElement.isCfnElement(c)) continue;
    const stack = c.stack;
    const draft = draftOf(stack);
    if (CfnResource.isCfnResource(c) && !relevant.has(c.cfnResourceType)) {
      const logicalId = stack.resolve(c.logicalId) as string;
      draft.template.Resources[logicalId] = { Type: c.cfnResourceType };
      draft.paths.set(logicalId, c.node.path);
      constructOf.set(`${stack.node.path}/${logicalId}`, c);
      continue;
    }
    // `_toCloudFormation` is how a stack renders its template; resolving it here
    // gives exactly the values synthesis writes.
    const rendered = stack.resolve((c as unknown as { _toCloudFormation(): object })._toCloudFormation()) as Record<string, Record<string, unknown>>;
    for (const [section, entries] of Object.entries(rendered ?? {})) {
      const target = (draft.template as Record<string, Record<string, unknown>>)[section];
      if (!target || !entries) continue;
      Object.assign(target, entries);
      if (section === 'Resources') {
        for (const logicalId of Object.keys(entries)) {
          draft.paths.set(logicalId, c.node.path);
          constructOf.set(`${stack.node.path}/${logicalId}`, c);
        }
      }
    }
  }

  const documents: StackDocument[] = [];
  const docOf = new Map<Stack, StackDocument>();
  const stackOf = new Map<string, Stack>();
  // findAll is pre-order, so a parent stack's document exists before its nested stacks'.
  for (const draft of drafts.values()) {
    const stack = draft.stack;
    const top = topLevelStack(stack);
    const nested = NestedStack.isNestedStack(stack) ? stack : undefined;
    const parentDoc = nested?.nestedStackParent ? docOf.get(nested.nestedStackParent) : undefined;
    const doc = cloudFormationDocument({
      id: stack.node.path,
      name: stack.node.path,
      template: draft.template,
      account: Token.isUnresolved(top.account) ? undefined : top.account,
      region: Token.isUnresolved(top.region) ? undefined : top.region,
      terminationProtection: top.terminationProtection ?? false,
      tags: top.tags.tagValues(),
      pathOf: (logicalId) => draft.paths.get(logicalId),
      parent:
        parentDoc && nested?.nestedStackResource
          ? { document: parentDoc, logicalId: nested.nestedStackParent!.resolve(nested.nestedStackResource.logicalId) as string }
          : undefined,
    });
    documents.push(doc);
    docOf.set(stack, doc);
    stackOf.set(doc.id, stack);
  }
  return { model: { documents }, constructOf, stackOf };
}

function topLevelStack(stack: Stack): Stack {
  let s = stack;
  while (NestedStack.isNestedStack(s) && s.nestedStackParent) s = s.nestedStackParent;
  return s;
}
