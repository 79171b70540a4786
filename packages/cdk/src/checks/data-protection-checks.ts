import { Stage, type IAspect } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { evaluate, type EvaluationOptions, type Finding } from '@deadbolt/rules';
import { AcknowledgementIndex } from './acknowledgements';
import { acknowledgedRefusal } from './refused-acknowledgements';
import { engineOptions, type DataProtectionOptions } from './options';
import { annotate } from './report';
import { modelFromConstructTree } from './to-model';

/** Options for `DataProtectionChecks`. */
export interface DataProtectionChecksProps extends DataProtectionOptions {}

/**
 * Fails `cdk synth` when the app can lose its data: one error annotation per
 * finding of the Deadbolt catalogue, on the resource's construct.
 *
 * ```ts
 * Aspects.of(app).add(new DataProtectionChecks(), { priority: AspectPriority.READONLY });
 * ```
 *
 * It judges the values synthesis writes, not the props the app passed: the
 * judgement is deferred to the validation phase, after every aspect (including
 * `RemovalPolicies.of(...)`, `Tags`, and mutating aspects added after this one)
 * and every override has run. Added to the App, it also reaches the stacks of
 * every `Stage` (CDK does not pass App aspects into Stages, and synthesizes
 * Stages before the App's own aspects run, so the Stages that get findings are
 * synthesized again to carry them).
 */
export class DataProtectionChecks implements IAspect {
  private readonly options: EvaluationOptions;
  private readonly roots = new WeakSet<IConstruct>();
  private readonly reported = new Set<string>();
  private lastFindings: readonly Finding[] = [];

  public constructor(props: DataProtectionChecksProps = {}) {
    this.options = engineOptions(props);
  }

  public visit(node: IConstruct): void {
    // Aspects visit top-down: the first node seen is the scope the aspect was added to.
    for (let c: IConstruct | undefined = node; c; c = c.node.scope) if (this.roots.has(c)) return;
    this.roots.add(node);
    node.node.addValidation({
      validate: () => {
        this.check(node);
        return [];
      },
    });
  }

  /** The findings of the latest synthesis, for tests and tools. */
  public get findings(): Finding[] {
    return [...this.lastFindings];
  }

  private check(root: IConstruct): void {
    const { model, constructAt } = modelFromConstructTree(root);
    const acks = new AcknowledgementIndex();
    const result = evaluate(model, {
      ...this.options,
      acknowledgements: (ruleId, target) => {
        const construct = constructAt(target.resource ? target.resource.location.path : target.document.id);
        return construct ? acks.acknowledgementsFor(construct, ruleId) : [];
      },
    });
    // An acknowledgement of `<rule>[acknowledgement-refused]` is never one of `<rule>`:
    // the engine ignores it, and the finding says why it was refused.
    this.lastFindings = result.findings.map((f) => {
      if (f.acknowledged) return f;
      const construct = constructAt(f.resource.path) ?? constructAt(f.resource.stack);
      const bypass = construct ? acknowledgedRefusal(construct, f.ruleId, acks) : undefined;
      return bypass ? { ...f, acknowledgementRefused: bypass } : f;
    });
    const rootStage = Stage.isStage(root) ? root : Stage.of(root);
    const stale = new Set<Stage>();
    for (const f of this.lastFindings) {
      const construct = constructAt(f.resource.path) ?? constructAt(f.resource.stack);
      if (!construct) continue;
      const key = `${construct.node.path}\u0000${f.ruleId}\u0000${f.severity}\u0000${f.message}`;
      if (this.reported.has(key)) continue;
      this.reported.add(key);
      annotate(construct, f);
      const stage = Stage.of(construct);
      if (stage && stage !== rootStage) stale.add(stage);
    }
    // Stages below the root were synthesized before this validation ran: write them again, deepest first.
    const depth = (s: Stage) => s.node.scopes.length;
    for (const stage of [...stale].sort((a, b) => depth(b) - depth(a))) stage.synth({ force: true });
  }
}
