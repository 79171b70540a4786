import type { Acknowledgement, NormalisedResource, StackDocument } from '../model';
import { isWrittenReason } from '../text/written-reason';

/** The resource metadata key under which templates carry acknowledgements. */
export const METADATA_KEY = 'deadbolt';

/**
 * Reads acknowledgements written into a template, on the resource:
 * `Metadata: { deadbolt: { acknowledge: [{ id: rds-deletion-protection, reason: "…", expires: 2027-01-31 }] } }`.
 * `id` may carry the CDK plugin prefix (`deadbolt::rds-deletion-protection`).
 */
export function acknowledgementsInMetadata(
  metadata: Readonly<Record<string, unknown>> | undefined,
  source: string,
): Acknowledgement[] {
  const block = metadata?.[METADATA_KEY] as { acknowledge?: unknown } | undefined;
  const list = block?.acknowledge;
  if (!Array.isArray(list)) return [];
  const out: Acknowledgement[] = [];
  for (const entry of list) {
    if (!entry || typeof entry !== 'object') continue;
    const e = entry as Record<string, unknown>;
    if (typeof e.id !== 'string') continue;
    out.push({
      ruleId: normaliseRuleId(e.id),
      reason: typeof e.reason === 'string' ? e.reason : '',
      expires:
        e.expires instanceof Date ? e.expires.toISOString() : typeof e.expires === 'string' ? e.expires : undefined,
      source,
    });
  }
  return out;
}

/** `deadbolt::rds-deletion-protection` and `rds-deletion-protection` name the same rule. */
export function normaliseRuleId(id: string): string {
  return id.replace(/^deadbolt::/, '').trim();
}

/** Why an acknowledgement cannot be honoured, or undefined when it can. */
export function refusal(ack: Acknowledgement, now: Date): string | undefined {
  if (!isWrittenReason(ack.reason)) {
    return `the acknowledgement of ${ack.ruleId}${ack.source ? ` at ${ack.source}` : ''} has no reason; write why the risk is accepted (a placeholder such as \`<why …>\` or \`TODO\` is not a reason).`;
  }
  if (ack.expires !== undefined) {
    const t = Date.parse(ack.expires);
    if (Number.isNaN(t))
      return `the acknowledgement of ${ack.ruleId} has an expiry ${JSON.stringify(ack.expires)} that is not a date (use YYYY-MM-DD).`;
    // A date without a time stays valid through that whole day (UTC).
    const end = /^\d{4}-\d{2}-\d{2}$/.test(ack.expires) ? t + 24 * 3600 * 1000 : t;
    if (now.getTime() >= end) return `the acknowledgement of ${ack.ruleId} expired on ${ack.expires}.`;
  }
  return undefined;
}

/** Where an evaluation looks for acknowledgements of one rule on one target. */
export type AcknowledgementLookup = (
  ruleId: string,
  target: { readonly resource?: NormalisedResource; readonly document: StackDocument },
) => readonly Acknowledgement[];
