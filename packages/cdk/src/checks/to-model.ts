import { CfnElement, NestedStack, Stack, Stage, Token } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { cloudFormationDocument, type ResourceModel, type StackDocument } from '@deadbolt/rules';

/** The catalogue's model of a construct tree, with the way back from findings to constructs. */
export interface ConstructModel {
  readonly model: ResourceModel;
  /** The construct at a construct path, or the stack behind a document id. */
  readonly constructAt: (path: string | undefined) => IConstruct | undefined;
}

/** What a stack renders, as `_synthesizeTemplate` calls it. */
type Renderable = { _toCloudFormation(): Record<string, unknown> };

/**
 * Renders the final CloudFormation of every stack under `root` (Stages and
 * nested stacks included) exactly as synthesis will: L2 defaults, property
 * overrides, `cfnOptions`, and whatever aspects changed.
 *
 * Rendering a template is most of synthesis's cost. For the stacks the current
 * synthesis is about to write (those of `root`'s own Stage), the rendered
 * template is handed back to synthesis, once, instead of being rendered again:
 * validation runs after the tree is prepared and before templates are written,
 * so the two renderings are the same. Stacks of nested Stages, already written,
 * and nested stacks are rendered without that.
 */
export function modelFromConstructTree(root: IConstruct): ConstructModel {
  const rootStage = Stage.isStage(root) ? root : Stage.of(root);
  const stacks = (Stack.isStack(root) ? [root] : []).concat(
    root.node.findAll().filter((c): c is Stack => Stack.isStack(c) && c !== root),
  );
  const documents: StackDocument[] = [];
  const docOf = new Map<Stack, StackDocument>();
  const stackById = new Map<string, Stack>();
  // findAll is pre-order, so a parent stack's document exists before its nested stacks'.
  for (const stack of stacks) {
    const template = render(stack, !NestedStack.isNestedStack(stack) && Stage.of(stack) === rootStage);
    const top = topLevelStack(stack);
    const nested = NestedStack.isNestedStack(stack) ? stack : undefined;
    const parentDoc = nested?.nestedStackParent ? docOf.get(nested.nestedStackParent) : undefined;
    let paths: Map<string, string> | undefined;
    const doc = cloudFormationDocument({
      id: stack.node.path,
      name: stack.node.path,
      // A stack without resources renders no `Resources` section; it is still a stack.
      template: { Resources: {}, ...template },
      account: Token.isUnresolved(top.account) ? undefined : top.account,
      region: Token.isUnresolved(top.region) ? undefined : top.region,
      terminationProtection: top.terminationProtection ?? false,
      tags: top.tags.tagValues(),
      // Apps run by the CDK CLI carry `aws:cdk:path` metadata; others pay for this map once per stack.
      pathOf: (logicalId) => (paths ??= logicalIdPaths(stack)).get(logicalId),
      parent:
        parentDoc && nested?.nestedStackResource
          ? {
              document: parentDoc,
              logicalId: nested.nestedStackParent!.resolve(nested.nestedStackResource.logicalId) as string,
            }
          : undefined,
    });
    documents.push(doc);
    docOf.set(stack, doc);
    stackById.set(doc.id, stack);
  }
  // Hundreds of findings name a few hundred resources, each looked up more than once: walk each path once.
  const found = new Map<string, IConstruct | undefined>();
  const constructAt = (path: string | undefined): IConstruct | undefined => {
    if (path === undefined) return undefined;
    if (found.has(path)) return found.get(path);
    const c = stackById.get(path) ?? nearestConstructAtPath(root.node.root, path);
    found.set(path, c);
    return c;
  };
  return { model: { documents }, constructAt };
}

const ORIGINAL = Symbol.for('deadbolt:original-render');

function render(stack: Stack, handBack: boolean): Record<string, unknown> {
  const s = stack as unknown as Renderable & { [ORIGINAL]?: true };
  // A hand-back left by an earlier synthesis that never wrote this stack is stale: drop it.
  if (Object.prototype.hasOwnProperty.call(s, '_toCloudFormation')) delete (s as Partial<Renderable>)._toCloudFormation;
  const template = (Object.getPrototypeOf(s) as Renderable)._toCloudFormation.call(s);
  if (handBack) {
    Object.defineProperty(s, '_toCloudFormation', {
      configurable: true,
      writable: true,
      value: function handBackOnce(this: Renderable) {
        delete (this as Partial<Renderable>)._toCloudFormation;
        return template;
      },
    });
  }
  return template;
}

/** The construct at a construct path (`Stack/Table/Resource`) below the app root, if any. */
export function constructAtPath(appRoot: IConstruct, path: string): IConstruct | undefined {
  let c: IConstruct | undefined = appRoot;
  for (const part of path.split('/')) {
    c = c.node.tryFindChild(part);
    if (!c) return undefined;
  }
  return c;
}

/**
 * The construct at a path, or else its nearest ancestor that exists: a resource
 * of a stack set's `TemplateBody` (`Stack/Set/TemplateBody/Db`) is no construct,
 * and its findings (and acknowledgements) belong to the stack set that deploys it.
 * Undefined when not even the path's first step exists.
 */
export function nearestConstructAtPath(appRoot: IConstruct, path: string): IConstruct | undefined {
  let c: IConstruct = appRoot;
  let found: IConstruct | undefined;
  for (const part of path.split('/')) {
    const child = c.node.tryFindChild(part);
    if (!child) break;
    c = found = child;
  }
  return found;
}

/** Logical id → construct path for the CloudFormation elements of one stack. */
export function logicalIdPaths(stack: Stack): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of stack.node.findAll()) {
    if (CfnElement.isCfnElement(c) && c.stack === stack) out.set(stack.resolve(c.logicalId) as string, c.node.path);
  }
  return out;
}

function topLevelStack(stack: Stack): Stack {
  let s = stack;
  while (NestedStack.isNestedStack(s) && s.nestedStackParent) s = s.nestedStackParent;
  return s;
}
