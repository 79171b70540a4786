import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { Acknowledgement } from '@deadbolt/rules';
import { isWrittenReason } from '@deadbolt/rules';

/** The plugin name CDK prefixes acknowledgement ids with: `deadbolt::<rule id>`. */
export const PLUGIN_NAME = 'deadbolt';

/** Metadata Deadbolt records beside CDK's own acknowledgement, for the expiry. */
export const EXPIRY_METADATA_KEY = 'deadbolt:acknowledgement-expiry';

/** CDK's metadata key for `Validations.of(scope).acknowledge(...)`. */
const CDK_ACK_KEY = Validations.ACKNOWLEDGED_RULES_METADATA_KEY;

/** Accepting one finding: which rule, why, and until when. */
export interface DataProtectionAcknowledgementProps {
  /** The rule id, with or without the `deadbolt::` prefix. */
  readonly ruleId: string;
  /** Why the risk is accepted. Required and non-empty: an acknowledgement without a reason is refused. */
  readonly reason: string;
  /**
   * The last day (`YYYY-MM-DD`, UTC) the acknowledgement holds; after it the finding is an error again.
   * @default - it does not expire
   */
  readonly expires?: string;
}

/**
 * Acknowledges a Deadbolt finding on a construct and everything below it,
 * through CDK's own `Validations.of(scope).acknowledge()` (so the plugin's
 * report shows it as acknowledged) plus an optional expiry.
 */
export class DataProtectionAcknowledgement {
  /** Records the acknowledgement on `scope`. Throws when the reason is empty or the expiry is not a date. */
  public static add(scope: IConstruct, props: DataProtectionAcknowledgementProps): void {
    const ruleId = props.ruleId.replace(/^deadbolt::/, '');
    if (!isWrittenReason(props.reason)) {
      throw new Error(
        `Acknowledging \`${ruleId}\` at ${scope.node.path} needs a \`reason\`: write why the risk is accepted (a placeholder such as \`<why …>\` or \`TODO\` is not a reason).`,
      );
    }
    if (props.expires !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(props.expires)) {
      throw new Error(`\`expires\` must be a date written YYYY-MM-DD; got ${JSON.stringify(props.expires)}.`);
    }
    Validations.of(scope).acknowledge({ id: `${PLUGIN_NAME}::${ruleId}`, reason: props.reason });
    if (props.expires) scope.node.addMetadata(EXPIRY_METADATA_KEY, { [ruleId]: props.expires });
  }

  private constructor() {}
}

/**
 * The acknowledgements that apply to a construct for one rule: the closest
 * ancestor (itself included) that acknowledges the rule wins, as in CDK's own
 * suppression. Returns them closest first.
 */
export function acknowledgementsFor(construct: IConstruct, ruleId: string): Acknowledgement[] {
  const out: Acknowledgement[] = [];
  for (let c: IConstruct | undefined = construct; c; c = c.node.scope) {
    let expires: string | undefined;
    for (const entry of c.node.metadata) {
      if (entry.type === EXPIRY_METADATA_KEY && entry.data && typeof entry.data === 'object' && ruleId in entry.data) {
        expires = String((entry.data as Record<string, unknown>)[ruleId]);
      }
    }
    for (const entry of c.node.metadata) {
      if (entry.type !== CDK_ACK_KEY || !entry.data || typeof entry.data !== 'object') continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, unknown>)) {
        if (normalise(id) !== ruleId) continue;
        out.push({ ruleId, reason: typeof reason === 'string' ? reason : '', expires, source: c.node.path || '<app>' });
      }
    }
    if (out.length > 0) return out;
  }
  return out;
}

/** `deadbolt::x` names rule x; so does a bare `x` (CDK files it under its annotation namespace). */
function normalise(id: string): string {
  const i = id.indexOf('::');
  if (i < 0) return id;
  const ns = id.slice(0, i);
  return ns === PLUGIN_NAME || ns === 'Annotation' || ns === 'annotation'
    ? id.slice(i + 2)
    : `${ns}::${id.slice(i + 2)}`;
}
