/**
 * The IAM audit's model: the principals of one AWS account with every policy
 * that decides what they can do, read from `aws iam
 * get-account-authorization-details`, from a cloud assembly's templates, or
 * built in code. The readers fill it; `auditPrincipals` (audit.ts) judges it.
 *
 * Policy evaluation follows the IAM policy evaluation logic:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */

/** One statement of an IAM policy document, as written (single values or lists). */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  /** Trust and resource policies only. */
  readonly Principal?: '*' | Readonly<Record<string, string | readonly string[]>>;
  readonly NotPrincipal?: '*' | Readonly<Record<string, string | readonly string[]>>;
  /** `{ operator: { key: value | values } }`. */
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** An IAM policy document. `Statement` may be one statement or a list, as IAM accepts. */
export interface PolicyDocument {
  readonly Version?: string;
  readonly Id?: string;
  readonly Statement: PolicyStatement | readonly PolicyStatement[];
}

/** Where a policy comes from, for findings: "inline policy `deploy` of role `ci`", "AWS managed policy `AdministratorAccess`". */
export interface NamedPolicy {
  /** The policy's name (or the SCP's name). */
  readonly name: string;
  /** The managed policy's or SCP's ARN; undefined for inline policies. */
  readonly arn?: string;
  /** How the principal gets it, as a phrase: "attached to role `ci`", "inline in group `admins`". */
  readonly via: string;
  readonly document: PolicyDocument;
}

export type PrincipalKind = 'user' | 'role';

/** A user or role and every policy that decides its permissions. */
export interface IamPrincipal {
  readonly kind: PrincipalKind;
  /** `arn:aws:iam::123456789012:role/path/name`. */
  readonly arn: string;
  readonly name: string;
  readonly accountId: string;
  /** The path (`/`, `/aws-service-role/...`). */
  readonly path: string;
  /** Identity policies: inline, attached managed, and (users) those of their groups. Default versions only. */
  readonly policies: readonly NamedPolicy[];
  /** The permissions boundary, when one is set. */
  readonly boundary?: NamedPolicy;
  /** The principal's tags (`aws:PrincipalTag/<key>`). */
  readonly tags: Readonly<Record<string, string>>;
  /** True when the tags may be other than `tags` (the principal may tag itself): `aws:PrincipalTag` is then unknown. */
  readonly tagsUnknown?: boolean;
  /** Roles: the trust policy (who may assume it). */
  readonly trustPolicy?: PolicyDocument;
  /**
   * Where the principal was read from, for messages: a file and, for a cloud
   * assembly, the construct path.
   */
  readonly source?: string;
  /**
   * True when some of the principal's rights could not be read (a policy given
   * as a token, an unresolved reference): the audit then fails closed and says
   * so. Each entry says what was not read.
   */
  readonly unresolved?: readonly string[];
}

/** One level of the AWS Organizations hierarchy (root, an OU, the account): the SCPs attached there. */
export interface ScpLevel {
  /** For messages: the file(s) the level was read from. */
  readonly name: string;
  readonly policies: readonly NamedPolicy[];
}

/** What the audit judges: one account's principals and the SCP chain above it. */
export interface IamAccount {
  readonly principals: readonly IamPrincipal[];
  /** Root to account; every level must allow an action. Empty: no SCPs given. */
  readonly scpLevels: readonly ScpLevel[];
  /**
   * The organization's management account: SCPs do not apply to its
   * principals. Undefined: unknown (SCPs apply).
   * @see https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html
   */
  readonly managementAccountId?: string;
  /** What the readers noticed and the user should know (an AWS managed policy resolved from the data package). */
  readonly notes?: readonly string[];
}

/** Service-linked roles are not subject to SCPs and are used only by their service. */
export function isServiceLinkedRole(principal: IamPrincipal): boolean {
  return principal.kind === 'role' && principal.path.startsWith('/aws-service-role/');
}

/** A statement list, whether the document wrote one statement or many. */
export function statementsOf(document: PolicyDocument): readonly PolicyStatement[] {
  const s = document.Statement as PolicyStatement | readonly PolicyStatement[] | undefined;
  if (s === undefined) return [];
  return Array.isArray(s) ? (s as readonly PolicyStatement[]) : [s as PolicyStatement];
}

/** A value IAM lets be one string or a list, as a list. */
export function listOf(value: string | readonly string[] | undefined): readonly string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}
