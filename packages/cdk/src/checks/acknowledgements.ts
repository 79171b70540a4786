import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { Acknowledgement } from '@deadbolt/rules';
import { isWrittenReason, readCdkAcknowledgementId, unknownRuleIdProblem } from '@deadbolt/rules';

/** The plugin name CDK prefixes acknowledgement ids with: `deadbolt::<rule id>`. */
export const PLUGIN_NAME = 'deadbolt';

/** Metadata Deadbolt records beside CDK's own acknowledgement, for the expiry. */
export const EXPIRY_METADATA_KEY = 'deadbolt:acknowledgement-expiry';

/** CDK's metadata key for `Validations.of(scope).acknowledge(...)`. */
const CDK_ACK_KEY = Validations.ACKNOWLEDGED_RULES_METADATA_KEY;

/** Accepting one finding: which rule, why, and until when. */
export interface DataProtectionAcknowledgementProps {
  /** The rule id, with or without the `deadbolt::` prefix (it is recorded as `deadbolt::<rule>`). */
  readonly ruleId: string;
  /** Why the risk is accepted. Required and non-empty: an acknowledgement without a reason is refused. */
  readonly reason: string;
  /**
   * The last day (`YYYY-MM-DD`, UTC) the acknowledgement holds; after it the finding is an error again. At most
   * `maximumAcknowledgementDays` (90 by default) ahead when the checks run: one dated further ahead is refused.
   * @default - it does not expire: it holds until it is removed
   */
  readonly expires?: string;
}

/**
 * Acknowledges a Deadbolt finding on a construct and everything below it,
 * through CDK's own `Validations.of(scope).acknowledge()` (so the plugin's
 * report shows it as acknowledged) plus an optional expiry.
 */
export class DataProtectionAcknowledgement {
  /**
   * Records the acknowledgement on `scope`. Throws when the rule id is not one of the catalogue's, the reason is
   * empty or the expiry is not a date.
   */
  public static add(scope: IConstruct, props: DataProtectionAcknowledgementProps): void {
    const ruleId = props.ruleId.replace(/^deadbolt::/, '');
    const unknown = unknownRuleIdProblem(ruleId, { prefix: '' });
    if (unknown) throw new Error(`Acknowledging at ${scope.node.path}: ${unknown}`);
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
  return new AcknowledgementIndex().acknowledgementsFor(construct, ruleId);
}

/** One construct's own acknowledgement metadata, read once. */
interface OwnAcknowledgements {
  /** The `data` of each expiry entry, in metadata order (the last that names a rule wins). */
  readonly expiries: readonly Record<string, unknown>[];
  /** Reasons per rule id, of the ids written `deadbolt::<rule>`, in metadata order. */
  readonly reasons: ReadonlyMap<string, readonly unknown[]>;
  /** Acknowledged ids that name a refusal (`…[acknowledgement-refused…`), with the rule they name. */
  readonly refusals: readonly { readonly id: string; readonly ruleId: string }[];
  /** Rule ids written without the `deadbolt::` prefix, with why they are refused. */
  readonly unprefixed: ReadonlyMap<string, string>;
  /** Why each id that names no rule of the catalogue (`deadbolt::<typo>`) is refused. */
  readonly unknown: readonly string[];
}

const NONE: OwnAcknowledgements = {
  expiries: [],
  reasons: new Map(),
  refusals: [],
  unprefixed: new Map(),
  unknown: [],
};

/**
 * Reads each construct's acknowledgement metadata once, for one judgement of
 * many findings (hundreds of findings share a few ancestors: their stack, their
 * L2 construct). Make one per judgement: metadata added later is not seen.
 */
export class AcknowledgementIndex {
  private readonly own = new Map<IConstruct, OwnAcknowledgements>();

  /**
   * As `acknowledgementsFor`. An acknowledgement written without the `deadbolt::` prefix comes after those of the
   * closest acknowledging construct, carrying why it is refused (`problem`): it never acknowledges, and the finding
   * says why when nothing else does.
   */
  public acknowledgementsFor(construct: IConstruct, ruleId: string): Acknowledgement[] {
    const out: Acknowledgement[] = [];
    const unprefixed: Acknowledgement[] = [];
    for (let c: IConstruct | undefined = construct; c; c = c.node.scope) {
      const own = this.read(c);
      const source = c.node.path || '<app>';
      const problem = own.unprefixed.get(ruleId);
      if (problem) unprefixed.push({ ruleId, reason: '', source, problem });
      const reasons = own.reasons.get(ruleId);
      if (!reasons) continue;
      let expires: string | undefined;
      for (const data of own.expiries) if (ruleId in data) expires = String(data[ruleId]);
      for (const reason of reasons)
        out.push({ ruleId, reason: typeof reason === 'string' ? reason : '', expires, source });
      break;
    }
    return [...out, ...unprefixed];
  }

  /**
   * Every acknowledgement under `root` (itself included) whose id names no rule of the catalogue
   * (`deadbolt::<typo>`, or an unprefixed id one or two letters from a rule id), with the construct it is on and
   * why it is refused. Walks the tree once.
   */
  public unknownAcknowledgements(root: IConstruct): { readonly construct: IConstruct; readonly problem: string }[] {
    const out: { construct: IConstruct; problem: string }[] = [];
    for (const c of root.node.findAll()) {
      // Most constructs carry metadata (`aws:cdk:logicalId`), few an acknowledgement: only those are read.
      if (!c.node.metadata.some((e) => e.type === CDK_ACK_KEY)) continue;
      for (const problem of this.read(c).unknown) out.push({ construct: c, problem });
    }
    return out;
  }

  /**
   * The closest acknowledgement of a refusal of `ruleId` (`deadbolt::<rule>[acknowledgement-refused]`),
   * and the construct it is on: see `acknowledgedRefusal`.
   */
  public refusalOf(
    construct: IConstruct,
    ruleId: string,
  ): { readonly id: string; readonly at: IConstruct } | undefined {
    for (let c: IConstruct | undefined = construct; c; c = c.node.scope) {
      for (const r of this.read(c).refusals) if (r.ruleId === ruleId) return { id: r.id, at: c };
    }
    return undefined;
  }

  private read(c: IConstruct): OwnAcknowledgements {
    let own = this.own.get(c);
    if (own) return own;
    const expiries: Record<string, unknown>[] = [];
    const reasons = new Map<string, unknown[]>();
    const refusals: { id: string; ruleId: string }[] = [];
    const unprefixed = new Map<string, string>();
    const unknown: string[] = [];
    for (const entry of c.node.metadata) {
      if (!entry.data || typeof entry.data !== 'object') continue;
      if (entry.type === EXPIRY_METADATA_KEY) expiries.push(entry.data as Record<string, unknown>);
      if (entry.type !== CDK_ACK_KEY) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, unknown>)) {
        // One accepted form, `deadbolt::<rule>`, as CDK's report matches it: the aspect and the plugin read it alike.
        const read = readCdkAcknowledgementId(id);
        if (read.kind === 'rule') {
          let list = reasons.get(read.ruleId);
          if (!list) reasons.set(read.ruleId, (list = []));
          list.push(reason);
        } else if (read.kind === 'unprefixed') unprefixed.set(read.ruleId, read.problem);
        else if (read.kind === 'unknown') unknown.push(read.problem);
        const i = id.indexOf(REFUSED_MARKER);
        // `deadbolt::x[…]`, `x[…]` and `Annotation::x[…]` all name rule x; another plugin's rule does not.
        if (i >= 0) refusals.push({ id, ruleId: id.slice(0, i).replace(/^(deadbolt|Annotation|annotation)::/, '') });
      }
    }
    own =
      expiries.length === 0 &&
      reasons.size === 0 &&
      unprefixed.size === 0 &&
      unknown.length === 0 &&
      refusals.length === 0
        ? NONE
        : { expiries, reasons, refusals, unprefixed, unknown };
    this.own.set(c, own);
    return own;
  }
}

/**
 * The report of an acknowledgement that names no rule of the catalogue: an error annotation (the checks) or a fatal
 * violation (the plugin), never silence, since the finding it was meant for stays an error with no word on why.
 */
export function unknownAcknowledgementText(problem: string): string {
  return `Acknowledgement refused: ${problem} It acknowledges nothing: correct the id, or remove the acknowledgement. (${PLUGIN_NAME}::${UNKNOWN_RULE_ID})`;
}

/** The id under which an acknowledgement of an unknown rule is reported. */
export const UNKNOWN_RULE_ID = 'unknown-rule-id';

/** What marks an acknowledged id as naming a refusal (`<rule>[acknowledgement-refused]`). */
const REFUSED_MARKER = '[acknowledgement-refused';
