import { evaluate as evaluateWith, type EvaluationOptions, type EvaluationResult } from './engine/evaluate';
import type { ResourceModel } from './model';
import { CATALOGUE } from './rules';

/** Judges a model with the whole catalogue (or `options.rules`). */
export function evaluate(model: ResourceModel, options: EvaluationOptions = {}): EvaluationResult {
  return evaluateWith(model, { ...options, rules: options.rules ?? CATALOGUE });
}
