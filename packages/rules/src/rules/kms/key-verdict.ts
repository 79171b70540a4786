import { labelOf, locationOf } from '../../engine/read';
import { referencedResources } from '../../engine/references';
import type { RuleContext, Violation } from '../../engine/rule';
import { evaluateCondition, intrinsicName, quote, resolveValue } from '../../engine/values';
import type { FixText, NormalisedResource, StackDocument } from '../../model';

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
  /** A literal key id, key ARN or alias that is not `alias/aws/…`: whose key it is cannot be told from the text. */
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'unknown'; readonly reason: string };

/**
 * What a `KmsKeyId` expression names. Every branch of an undecidable `Fn::If`
 * must name a customer managed key; a reference to a key resource (in this
 * template, or exported by another) does; an `alias/aws/…` alias is AWS
 * managed. Any other literal (a key id, a key ARN, `alias/my-key`) is
 * `literal`: an AWS managed key's ARN (`arn:aws:kms:…:key/<uuid>`) reads
 * exactly like a customer managed key's, so the text cannot show whose key it
 * is, and the rules fail closed on it. Anything else cannot be proven.
 * @see https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id
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
    return AWS_MANAGED_ALIAS.test(r.value)
      ? { kind: 'aws-managed', value: r.value }
      : { kind: 'literal', value: r.value };
  }
  if (referencedResources(expr, doc, ctx.model).some((t) => CUSTOMER_KEY_TYPES.has(t.type)))
    return { kind: 'customer' };
  return { kind: 'unknown', reason: r.reason };
}

/**
 * The finding for the key a set `KmsKeyId` names: undefined for a customer
 * managed key; `'absent'` when `KmsKeyId` is not set, so that the rule judges
 * the key the store inherits or defaults to. `awsManaged` names an AWS managed
 * key in the message ("the AWS managed key" for RDS's one `aws/rds`).
 */
export function setKeyViolation(
  resource: NormalisedResource,
  ctx: RuleContext,
  fix: FixText,
  awsManaged: string,
): Violation | 'absent' | undefined {
  const location = locationOf(resource, ['KmsKeyId']);
  const KmsKeyId = labelOf(resource, ['KmsKeyId']);
  const key = judgeKey(resource.properties.KmsKeyId, resource.document, ctx);
  switch (key.kind) {
    case 'customer':
      return undefined;
    case 'absent':
      return 'absent';
    case 'aws-managed':
      return {
        fix,
        location,
        message: `${KmsKeyId} is ${quote(key.value)}, ${awsManaged}; it must be a customer managed key.`,
      };
    case 'literal':
      return {
        fix: literalKeyFix(fix),
        location,
        unresolved: true,
        message: literalKeyMessage(KmsKeyId, key.value, quote(key.value)),
      };
    case 'unknown':
      return {
        fix,
        location,
        unresolved: true,
        message: `${KmsKeyId} is ${quote(resource.properties.KmsKeyId)} and cannot be proven a customer managed key: ${key.reason}.`,
      };
  }
}

/** The message for a `literal` verdict: `label` is the property as the user wrote it (`KmsKeyId`, `kmsKeyId`). */
export function literalKeyMessage(label: string, value: string, quoted: string): string {
  const what = /^(arn:[^:]+:kms:[^:]*:[^:]*:)?alias\//.test(value) ? 'a literal alias' : 'a literal key identifier';
  return `${label} is ${quoted}, ${what}: the template cannot show that it is a customer managed key (an AWS managed key's ARN reads the same). Reference the key resource instead, or acknowledge the finding with a reason that names the key's owner.`;
}

/**
 * The fix for a `literal` verdict: reference the key the app manages, or, for a
 * key managed outside the app, acknowledge the finding naming its owner; `base`
 * (the rule's own fix) follows for a key that is not customer managed at all.
 */
export function literalKeyFix(base: FixText): FixText {
  const owner =
    "If the key is managed outside this app, acknowledge the finding with a reason that names the key's owner (the account and team that manage it and its key policy).";
  const tail = (fix: string) => `${owner} If it is not a customer managed key: ${fix}`;
  return {
    cloudformation: `Reference the \`AWS::KMS::Key\` instead of writing its identifier: \`KmsKeyId: { "Fn::GetAtt": ["<Key>", "Arn"] }\` (or \`Ref\`, or \`Fn::ImportValue\` of another stack's export of it, checked together with that stack). ${tail(base.cloudformation)}`,
    ...(base.cdk && {
      cdk: `Pass the \`kms.Key\` the app creates (in this stack or another stack of the app) rather than \`kms.Key.fromKeyArn(…)\` or a key ARN string. ${tail(base.cdk)}`,
    }),
    ...(base.pulumi && {
      pulumi: `Pass the ARN of an \`aws.kms.Key\` of the program (\`kmsKeyId: key.arn\`) rather than a string. ${tail(base.pulumi)}`,
    }),
    ...(base.terraform && {
      terraform: `Reference the key resource (\`kms_key_id = aws_kms_key.<name>.arn\`) rather than a string. ${tail(base.terraform)}`,
    }),
  };
}
