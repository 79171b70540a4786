import type { Severity } from './severity';

/** The fix for one finding, in each idiom a front end may speak. */
export interface FixText {
  /** The change in a CloudFormation template (always given). */
  readonly cloudformation: string;
  /** The change in a CDK app (L2 prop, or the L1 escape hatch). */
  readonly cdk?: string;
  /** The change to a Pulumi resource's args or options. */
  readonly pulumi?: string;
  /** The change to a Terraform resource's arguments. */
  readonly terraform?: string;
}

/** A front end's idiom: which `FixText` field it shows, and how acknowledgements are written. */
export type Idiom = 'cloudformation' | 'cdk' | 'pulumi' | 'terraform';

/** An accepted, reasoned exception to one rule on one resource. */
export interface Acknowledgement {
  readonly ruleId: string;
  /** Why the finding is accepted. Required: an empty reason is refused. */
  readonly reason: string;
  /** Where it was written: construct path, file, or `inline`. */
  readonly source?: string;
  /** ISO date (YYYY-MM-DD or full timestamp) after which the finding is an error again. */
  readonly expires?: string;
  /**
   * Why the acknowledgement cannot be honoured, found when it was read (an id in a form the front end does not
   * accept, a resource name several resources share): it is refused with this text, whatever its reason and expiry.
   */
  readonly problem?: string;
}

/** The resource a finding is about, as the user knows it. */
export interface FindingResource {
  readonly key: string;
  readonly logicalId: string;
  readonly type: string;
  /** Construct path, address or URN when known. */
  readonly path?: string;
  /** Template the resource is in, when read from one. */
  readonly template?: string;
  readonly stack?: string;
}

/** One rule's verdict on one resource: what is true, why it loses data, how to fix it. */
export interface Finding {
  readonly ruleId: string;
  readonly title: string;
  readonly severity: Severity;
  readonly resource: FindingResource;
  /** What is true of this resource, naming the property and quoting the value. */
  readonly message: string;
  /** One sentence of consequence: how the data is lost. */
  readonly why: string;
  /** The exact change, in the idiom the evaluation asked for. */
  readonly fix: string;
  /** The same fix in every idiom the rule knows. */
  readonly fixes: FixText;
  /** How to acknowledge this finding with a written reason, in the front end's idiom. */
  readonly acknowledgeWith: string;
  /** Property path the finding is about (`Properties/DeletionProtection`, `DeletionPolicy`). */
  readonly location?: string;
  /** True when the finding exists because a value could not be resolved. */
  readonly unresolved?: boolean;
  /** Set when a valid acknowledgement covers the finding (its severity is then `info`). */
  readonly acknowledged?: Acknowledgement;
  /** Why an acknowledgement that names this finding was not honoured (no reason, expired). */
  readonly acknowledgementRefused?: string;
}
