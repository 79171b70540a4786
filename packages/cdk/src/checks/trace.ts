import { Annotations, attachCustomSynthesis, NestedStack, Stack, Stage } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { OPTIONS_METADATA_TYPE, SUPPRESSIONS_ID, suppressionTrace, type OptionsRecord } from '@deadbolt/rules';
import { PLUGIN_NAME } from './acknowledgements';

/**
 * The id of the warning that reports the options which make Deadbolt report
 * less: `deadbolt::suppressions`. A pipeline run with `cdk synth --strict`
 * (which fails on warnings) can accept it with CDK's own
 * `Annotations.of(scope).acknowledgeWarning('deadbolt::suppressions', '<why>')`;
 * the `deadbolt:options` metadata stays in the cloud assembly either way.
 */
export const SUPPRESSIONS_WARNING_ID = `${PLUGIN_NAME}::${SUPPRESSIONS_ID}`;

/** The one-line trace of a CDK record, naming the CDK option. */
export function cdkTrace(record: OptionsRecord): string | undefined {
  return suppressionTrace(record, { retention: 'minimumBackupRetention' });
}

/**
 * Records the options on a stack: a `deadbolt:options` metadata entry (in the
 * stack's artifact of the cloud assembly, which `deadbolt check` reads) and,
 * when they suppress anything, one `deadbolt::suppressions` warning, which the
 * CDK CLI prints with the synthesis's other warnings. Warnings, not infos: an
 * app with the feature flag `@aws-cdk/core:annotationsInValidationReport`
 * leaves infos out of `cdk synth`'s output whenever another construct has a
 * warning or an error.
 * @see https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.Annotations.html
 */
export function recordOptions(stack: Stack, record: OptionsRecord, trace: string | undefined): void {
  stack.node.addMetadata(OPTIONS_METADATA_TYPE, record);
  if (!trace) return;
  // Through `Annotations`, so that CDK's `acknowledgeWarning` applies; without the stack trace it captures, which
  // would point into Deadbolt, not at the app (the CDK CLI prints a warning's first frame as its location).
  const before = stack.node.metadata.length;
  Annotations.of(stack).addWarningV2(SUPPRESSIONS_WARNING_ID, trace);
  const added = stack.node.metadata[before] as { trace?: string[] } | undefined;
  if (added?.trace) delete added.trace;
}

/** `Symbol.for` key under which aws-cdk-lib keeps a construct's custom synthesis (`attachCustomSynthesis`). */
const CUSTOM_SYNTHESIS = Symbol.for('@aws-cdk/core:customSynthesis');

/** The checkers a top-level stack's one-shot runs, by stack. */
const judgesBeforeTemplate = new WeakMap<Stack, Set<() => void>>();

/** Callbacks run when a root Stage finishes synthesizing, one custom synthesis per root for every checker. */
const atEndOfSynthesis = new WeakMap<IConstruct, Array<() => void>>();

/**
 * Makes sure `judge` runs in every synthesis of `root`, even one that skips
 * validation (`app.synth({ skipValidation: true })`): CDK then never calls the
 * `node.addValidation` callbacks the checks judge in, while aspects and
 * template synthesis still run. `judge` is expected to do nothing when it has
 * already run in this synthesis.
 *
 * - Each top-level stack of `root`'s own Stage gets a one-shot
 *   `_toCloudFormation`: the first stack CDK writes runs `judge` before its
 *   template, so the findings are annotations in the manifest, which the CDK CLI
 *   fails on, as after a normal validation. `judge` renders the templates and
 *   hands them back, as it does when it runs as a validation (see
 *   `to-model.ts`), so nothing is rendered twice.
 * - A root Stage (an App of Stages only) runs `judge` when it finishes: its
 *   nested Stages, already written, are written again with their findings.
 *
 * Arm it at every synthesis (from the aspect's visit of `root`): each one-shot
 * is removed when it runs or when the checks render the stack.
 */
export function judgeEvenWithoutValidation(root: IConstruct, judge: () => void): void {
  for (const stack of topLevelStacks(root)) {
    // Every checker of the stack runs: two `DataProtectionChecks` on one App each judge, as validations would.
    let judges = judgesBeforeTemplate.get(stack);
    if (!judges) judgesBeforeTemplate.set(stack, (judges = new Set()));
    judges.add(judge);
    const all = judges;
    Object.defineProperty(stack, '_toCloudFormation', {
      configurable: true,
      writable: true,
      value: function judgeFirst(this: { _toCloudFormation?: () => Record<string, unknown> }) {
        delete this._toCloudFormation;
        for (const j of [...all]) j();
        // The template the checks just rendered (their hand-back), or else the prototype's rendering.
        return (this as { _toCloudFormation: () => Record<string, unknown> })._toCloudFormation();
      },
    });
  }
  if (!Stage.isStage(root)) return;
  let callbacks = atEndOfSynthesis.get(root);
  if (!callbacks) {
    // A root that already has a custom synthesis of someone else's cannot take a second one (aws-cdk-lib defines
    // it once): its top-level stacks are still covered above.
    if (Object.prototype.hasOwnProperty.call(root, CUSTOM_SYNTHESIS)) return;
    atEndOfSynthesis.set(root, (callbacks = []));
    const list = callbacks;
    attachCustomSynthesis(root as Stage, {
      onSynthesize: () => {
        for (const cb of list) cb();
      },
    });
  }
  if (!callbacks.includes(judge)) callbacks.push(judge);
}

/** The non-nested stacks of `root`'s own Stage: `root` itself, or those below it outside nested Stages. */
function topLevelStacks(root: IConstruct): Stack[] {
  if (Stack.isStack(root)) return NestedStack.isNestedStack(root) ? [] : [root];
  const out: Stack[] = [];
  const queue: IConstruct[] = [...root.node.children];
  // Bounded by the tree: every construct is taken off the queue once, and stacks and Stages are not entered.
  for (let i = 0; i < queue.length; i++) {
    const c = queue[i];
    if (Stage.isStage(c)) continue;
    if (Stack.isStack(c)) {
      if (!NestedStack.isNestedStack(c)) out.push(c);
      continue;
    }
    queue.push(...c.node.children);
  }
  return out;
}
