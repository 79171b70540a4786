import {
  CfnElement,
  CfnResource,
  DefaultTokenResolver,
  Reference,
  Stack,
  Tokenization,
  type IFragmentConcatenator,
  type IPostProcessor,
  type IResolvable,
  type IResolveContext,
} from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** What depends on, or refers to, a construct subtree from outside it. */
export interface Dependents {
  /** Construct-level dependencies (`node.addDependency`): constructs has no API to drop one. */
  readonly constructs: IConstruct[];
  /** Resource-level dependencies (`DependsOn` via `addResourceDependency`), which `removeDependency` drops. */
  readonly resources: CfnResource[];
  /**
   * Elements (resources, outputs, conditions, in any stack of the app) whose
   * template refers to the resource: a `Ref`, `Fn::GetAtt` or `Fn::Sub` naming
   * it, or a reference token to it (cross-stack ones included). Removing the
   * resource would leave them pointing at nothing.
   */
  readonly references: IConstruct[];
  /** Elements that could not be rendered: whether they refer to the resource is unknown. */
  readonly unreadable: IConstruct[];
}

/**
 * Who depends on what, and who refers to what, across one construct tree,
 * built in one pass over it: asking per resource would walk the whole app once
 * for each of them.
 *
 * It is built when first needed, during aspect invocation: dependencies and
 * references that aspects add after that are not in it. Rendering an element
 * to find its references produces its lazy values without caching them, so
 * that a later change to the construct still reaches the template.
 */
export class DependentsIndex {
  private readonly byConstruct = new Map<IConstruct, IConstruct[]>();
  private readonly byResource = new Map<CfnResource, CfnResource[]>();
  private readonly byTarget = new Map<IConstruct, IConstruct[]>();
  /** `<stack path> <logical id>` → the elements of that stack that name it. */
  private readonly byName = new Map<string, IConstruct[]>();
  private readonly unreadable: IConstruct[] = [];

  public constructor(root: IConstruct) {
    for (const c of root.node.findAll()) {
      for (const d of c.node.dependencies) push(this.byConstruct, d, c);
      if (CfnResource.isCfnResource(c)) for (const d of c.obtainDependencies()) push(this.byResource, d, c);
      if (CfnElement.isCfnElement(c)) this.indexReferences(c);
    }
  }

  /** What outside `subtreeRoot` depends on or refers to a construct inside it (`resource` being the one in a template). */
  public dependentsOf(subtreeRoot: IConstruct, resource: CfnResource): Dependents {
    const inside = new Set<IConstruct>(subtreeRoot.node.findAll());
    const outside = (list: readonly IConstruct[] | undefined) => (list ?? []).filter((c) => !inside.has(c));
    const constructs = new Set<IConstruct>();
    const references = new Set<IConstruct>();
    for (const n of inside) {
      for (const c of outside(this.byConstruct.get(n))) constructs.add(c);
      for (const c of outside(this.byTarget.get(n))) references.add(c);
    }
    const stack = Stack.of(resource);
    for (const c of outside(this.byName.get(nameKey(stack, stack.resolve(resource.logicalId))))) references.add(c);
    return {
      constructs: [...constructs],
      resources: outside(this.byResource.get(resource)) as CfnResource[],
      references: [...references],
      unreadable: outside(this.unreadable),
    };
  }

  private indexReferences(element: CfnElement): void {
    const collector = new ReferenceCollector();
    let rendered: unknown;
    try {
      const stack = Stack.of(element);
      rendered = renderUncached(element, collector);
      for (const name of namesIn(rendered)) push(this.byName, nameKey(stack, name), element);
    } catch {
      this.unreadable.push(element);
      return;
    }
    for (const target of collector.targets) push(this.byTarget, target, element);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) {
    if (list[list.length - 1] !== value) list.push(value);
  } else map.set(key, [value]);
}

function nameKey(stack: Stack, logicalId: string): string {
  return `${stack.node.path} ${logicalId}`;
}

/**
 * The element's CloudFormation (`{ <logical id>: { Type, Properties, ... } }`
 * for a resource), resolved as CDK does but without filling the cache of a lazy
 * value it produces (`Lazy.any` and its kind cache their first value; producing
 * it during aspect invocation, before later aspects have run, would freeze what
 * they add). Throws what rendering throws.
 */
export function renderUncached(element: CfnElement, resolver: UncachedResolver = new UncachedResolver()): unknown {
  const cfn = (element as unknown as { _toCloudFormation(): unknown })._toCloudFormation();
  return Tokenization.resolve(cfn, { scope: element, resolver, preparing: true });
}

/**
 * Joins the fragments of a string that holds tokens as CloudFormation does
 * (`Fn::Join` with an empty delimiter, adjacent literals merged), as
 * `stack.resolve` writes them: `StringConcat` would turn a `{ Ref }` into
 * `[object Object]`, losing the reference.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-join.html
 */
class CloudFormationConcat implements IFragmentConcatenator {
  public join(left: unknown, right: unknown): unknown {
    const parts: unknown[] = [];
    for (const v of [left, right]) {
      if (v === undefined) continue;
      const join = (v as { 'Fn::Join'?: unknown } | null)?.['Fn::Join'];
      const inner = Array.isArray(join) && join[0] === '' && Array.isArray(join[1]) ? (join[1] as unknown[]) : [v];
      for (const p of inner) {
        const last = parts.length - 1;
        if (typeof p === 'string' && typeof parts[last] === 'string') parts[last] = `${parts[last] as string}${p}`;
        else parts.push(p);
      }
    }
    return parts.length === 1 ? parts[0] : { 'Fn::Join': ['', parts] };
  }
}

/** Resolves as CDK does, producing a cached lazy value that has not produced yet without caching it. */
class UncachedResolver extends DefaultTokenResolver {
  public constructor() {
    super(new CloudFormationConcat());
  }

  public override resolveToken(t: IResolvable, context: IResolveContext, postProcessor: IPostProcessor): unknown {
    const produced = uncachedLazyValue(t, context);
    if (!produced) return super.resolveToken(t, context, postProcessor);
    return postProcessor.postProcess(context.resolve(produced.value), context);
  }
}

/** Resolves as `UncachedResolver` does, remembering the construct behind each reference token. */
class ReferenceCollector extends UncachedResolver {
  public readonly targets = new Set<IConstruct>();

  public override resolveToken(t: IResolvable, context: IResolveContext, postProcessor: IPostProcessor): unknown {
    if (Reference.isReference(t)) this.targets.add(t.target);
    return super.resolveToken(t, context, postProcessor);
  }
}

/**
 * The value of a cached lazy token that has not produced yet, produced without
 * caching; `undefined` for anything else (then it resolves as usual). It reads
 * the shape of aws-cdk-lib's `Lazy` (a producer and a cache flag, possibly in a
 * box); if that shape changes, tokens resolve as usual.
 */
function uncachedLazyValue(t: IResolvable, context: IResolveContext): { value: unknown } | undefined {
  const inner = ((t as { inner?: unknown }).inner ?? t) as {
    producer?: { produce?: (context: IResolveContext) => unknown };
    cache?: unknown;
    _cached?: unknown;
  };
  if (inner.cache !== true || inner._cached !== undefined || typeof inner.producer?.produce !== 'function') return;
  return { value: inner.producer.produce(context) };
}

/** The logical ids a rendered template fragment names in `Ref`, `Fn::GetAtt` and `Fn::Sub`. */
function namesIn(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const v of value) namesIn(v, out);
    return out;
  }
  if (!value || typeof value !== 'object') return out;
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (key === 'Ref' && typeof v === 'string') out.add(v);
    else if (key === 'Fn::GetAtt') {
      const target = Array.isArray(v) ? v[0] : typeof v === 'string' ? v.split('.')[0] : undefined;
      if (typeof target === 'string') out.add(target);
    } else if (key === 'Fn::Sub') {
      const [text, vars] = Array.isArray(v) ? v : [v, undefined];
      const own = new Set(vars && typeof vars === 'object' ? Object.keys(vars as object) : []);
      // `${Name}` or `${Name.Attribute}`; `${!Literal}` is text.
      if (typeof text === 'string')
        for (const m of text.matchAll(/\$\{([^!}][^}]*)\}/g)) {
          const name = m[1].split('.')[0].trim();
          if (!own.has(name)) out.add(name);
        }
    }
    namesIn(v, out);
  }
  return out;
}
