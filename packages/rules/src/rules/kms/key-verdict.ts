import { referencedResources } from '../../engine/references';
import type { RuleContext } from '../../engine/rule';
import { evaluateCondition, intrinsicName, resolveValue } from '../../engine/values';
import type { StackDocument } from '../../model';

/** Types a `KmsKeyId` may reference that are customer managed keys. */
const CUSTOMER_KEY_TYPES: ReadonlySet<string> = new Set(['AWS::KMS::Key', 'AWS::KMS::ReplicaKey', 'AWS::KMS::Alias']);

/**
 * An AWS managed key's alias (`alias/aws/rds`, `alias/aws/docdb-elastic`, …), alone or in an alias ARN: a key
 * AWS manages cannot be shared with another account, so copies encrypted under it cannot leave the account.
 * @see https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#aws-managed-key
 */
const AWS_MANAGED_ALIAS = /(^|:)alias\/aws\//;

export type KeyVerdict =
  | { readonly kind: 'absent' }
  | { readonly kind: 'customer' }
  | { readonly kind: 'aws-managed'; readonly value: string }
  | { readonly kind: 'unknown'; readonly reason: string };

/**
 * What a `KmsKeyId` expression names. Every branch of an undecidable `Fn::If`
 * must name a customer managed key; a reference to a key resource (in this
 * template, or exported by another) does; a literal does unless it is an
 * `alias/aws/…` alias; anything else cannot be proven.
 */
export function judgeKey(expr: unknown, doc: StackDocument, ctx: RuleContext, depth = 0): KeyVerdict {
  if (depth > 16) return { kind: 'unknown', reason: 'the value nests too deeply to evaluate' };
  if (expr === undefined) return { kind: 'absent' };
  const fn = intrinsicName(expr);
  if (fn === 'Fn::If') {
    const arg = (expr as Record<string, unknown>)[fn];
    if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string')
      return { kind: 'unknown', reason: 'the Fn::If is malformed' };
    const cond = evaluateCondition({ Condition: arg[0] }, doc);
    if (cond !== undefined) return judgeKey(cond ? arg[1] : arg[2], doc, ctx, depth + 1);
    const a = judgeKey(arg[1], doc, ctx, depth + 1);
    const b = judgeKey(arg[2], doc, ctx, depth + 1);
    if (a.kind === 'customer' && b.kind === 'customer') return a;
    if (a.kind === 'absent' && b.kind === 'absent') return a;
    const bad = [a, b].find((v) => v.kind === 'unknown');
    return {
      kind: 'unknown',
      reason:
        bad?.kind === 'unknown'
          ? bad.reason
          : `it depends on condition "${arg[0]}", decided at deploy time, and one branch is not a customer managed key`,
    };
  }
  const r = resolveValue(expr, doc);
  if (r.kind === 'absent') return r;
  if (r.kind === 'known') {
    if (typeof r.value !== 'string' || r.value === '') return { kind: 'unknown', reason: 'it is not a key identifier' };
    return AWS_MANAGED_ALIAS.test(r.value) ? { kind: 'aws-managed', value: r.value } : { kind: 'customer' };
  }
  if (referencedResources(expr, doc, ctx.model).some((t) => CUSTOMER_KEY_TYPES.has(t.type)))
    return { kind: 'customer' };
  return { kind: 'unknown', reason: r.reason };
}
