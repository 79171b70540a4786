import { Annotations, Stack, Stage, type IAspect } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { evaluate, type EvaluationOptions, type Finding, type OptionsRecord } from '@deadbolt/rules';
import { publicFinding, type DataProtectionFinding } from './finding';
import { inHostLanguage } from './host-language';
import { AcknowledgementIndex, unknownAcknowledgementText } from './acknowledgements';
import { acknowledgedRefusal } from './refused-acknowledgements';
import { engineOptions, optionsRecord, type DataProtectionOptions } from './options';
import { annotate } from './report';
import { modelFromConstructTree } from './to-model';
import { cdkTrace, judgeEvenWithoutValidation, recordOptions } from './trace';

/** Options for `DataProtectionChecks`. */
export interface DataProtectionChecksProps extends DataProtectionOptions {}

/**
 * Fails `cdk synth` when the app can lose its data: one error annotation per
 * finding of the Deadbolt catalogue, on the resource's construct.
 *
 * ```ts
 * import { AspectPriority, Aspects } from 'aws-cdk-lib';
 * import { DataProtectionChecks } from '@deadbolt/cdk';
 *
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
 *
 * A synthesis that skips validation (`app.synth({ skipValidation: true })`)
 * is judged all the same, as the first stack's template is written, and says
 * so. The options that make it report less (a rule `off`, a lowered severity,
 * a minimum retention below 7 days, `nonProduction`) are recorded on every
 * stack as `deadbolt:options` metadata, and reported in one
 * `deadbolt::suppressions` warning per stack.
 */
export class DataProtectionChecks implements IAspect {
  private readonly options: EvaluationOptions;
  private readonly record: OptionsRecord;
  private readonly roots = new WeakMap<IConstruct, Judging>();
  private readonly reported = new Set<string>();
  /** Stacks that carry this checker's options record. */
  private readonly recorded = new WeakSet<Stack>();
  private lastFindings: readonly Finding[] = [];

  public constructor(props: DataProtectionChecksProps = {}) {
    this.options = engineOptions(props, 'DataProtectionChecks');
    this.record = optionsRecord(props, 'DataProtectionChecks');
  }

  public visit(node: IConstruct): void {
    // Aspects visit top-down, once per synthesis: the first node seen is the scope the aspect was added to.
    const again = this.roots.get(node);
    if (again) return this.arm(node, again);
    for (let c = node.node.scope; c; c = c.node.scope) if (this.roots.has(c)) return;
    const judging: Judging = {
      judged: false,
      ifNotJudged: () => {
        if (!judging.judged) this.check(node, judging, true);
      },
    };
    this.roots.set(node, judging);
    node.node.addValidation({
      validate: () => {
        this.check(node, judging, false);
        return [];
      },
    });
    this.arm(node, judging);
  }

  /** A synthesis of `root` begins: it is to be judged, by its validation or, when that is skipped, by the fallback. */
  private arm(root: IConstruct, judging: Judging): void {
    judging.judged = false;
    judgeEvenWithoutValidation(root, judging.ifNotJudged);
  }

  /** The findings of the latest synthesis, for tests and tools. */
  public get findings(): DataProtectionFinding[] {
    return this.lastFindings.map(publicFinding);
  }

  /** @internal The engine's findings of the latest synthesis, with every idiom's fix (this package's own tests). */
  public _engineFindings(): readonly Finding[] {
    return this.lastFindings;
  }

  private check(root: IConstruct, judging: Judging, validationSkipped: boolean): void {
    judging.judged = true;
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
      return inHostLanguage(bypass ? { ...f, acknowledgementRefused: bypass } : f);
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
    // The options, on every top-level stack judged (a nested stack's artifact is its parent's).
    const record = validationSkipped ? { ...this.record, validationSkipped } : this.record;
    const trace = cdkTrace(record);
    for (const doc of model.documents) {
      if (doc.parent) continue;
      const stack = constructAt(doc.id);
      if (!stack || !Stack.isStack(stack) || this.recorded.has(stack)) continue;
      this.recorded.add(stack);
      recordOptions(stack, record, trace);
      const stage = Stage.of(stack);
      // A Stage already written is written again only when there is a suppression to show in it.
      if (trace && stage && stage !== rootStage) stale.add(stage);
    }
    // An acknowledgement of a rule the catalogue does not have acknowledges nothing: an error on its construct.
    for (const u of acks.unknownAcknowledgements(root)) {
      const key = `${u.construct.node.path}\u0000unknown-rule-id\u0000${u.problem}`;
      if (this.reported.has(key)) continue;
      this.reported.add(key);
      Annotations.of(u.construct).addError(unknownAcknowledgementText(u.problem));
      const stage = Stage.of(u.construct);
      if (stage && stage !== rootStage) stale.add(stage);
    }
    // Stages below the root were synthesized before this validation ran: write them again, deepest first.
    const depth = (s: Stage) => s.node.scopes.length;
    for (const stage of [...stale].sort((a, b) => depth(b) - depth(a))) stage.synth({ force: true });
  }
}

/** Whether the current synthesis of one root has been judged, and the fallback that judges it if not. */
interface Judging {
  judged: boolean;
  readonly ifNotJudged: () => void;
}
