/**
 * What the Google Cloud rules of the core services (Cloud SQL, AlloyDB, projects,
 * KMS, Backup and DR, the generic deletion policy) share: the fix in both idioms
 * and how a resource's Terraform/Pulumi guards are read.
 */
import { asBoolean, labelOf, readProperty } from '../../../engine/read';
import type { FixText, NormalisedResource } from '../../../model';

/**
 * A fix for a Google resource: Terraform HCL and the Pulumi program change. A
 * Google resource never has a CloudFormation idiom; the Terraform text stands in
 * where a front end asks for it.
 */
export function googleFix(terraform: string, pulumi: string): FixText {
  return { cloudformation: terraform, terraform, pulumi };
}

/** Was the resource written with `@pulumi/gcp` (a `gcp:` token), rather than Terraform? */
export function isPulumi(resource: NormalisedResource): boolean {
  return resource.nativeType.startsWith('gcp:');
}

/** Terraform and Pulumi both word the tool that deletes: for messages. */
export function destroyCommand(resource: NormalisedResource): string {
  return isPulumi(resource)
    ? '`pulumi destroy` (or a `pulumi up` that replaces it)'
    : '`terraform destroy` (or an apply that replaces it)';
}

/**
 * The tool-side guard that keeps the resource when the program or configuration
 * would delete it, when set: Pulumi `protect` (the delete fails) or
 * `retainOnDelete` (the resource leaves the stack and stays in Google Cloud), or
 * Terraform `lifecycle { prevent_destroy = true }` (the plan fails), which the
 * plan JSON does not record and is known only when the front end read the `.tf`
 * files. Like `deletion_policy`, none of these stops `gcloud`, the Console or the API.
 * @see https://www.pulumi.com/docs/iac/concepts/options/protect/
 * @see https://www.pulumi.com/docs/iac/concepts/options/retainondelete/
 * @see https://developer.hashicorp.com/terraform/language/meta-arguments/lifecycle#prevent_destroy
 */
export function toolGuard(resource: NormalisedResource): string | undefined {
  if (resource.providerOptions?.protect === true) return '`protect: true`';
  if (resource.providerOptions?.retainOnDelete === true) return '`retainOnDelete: true`';
  if (resource.providerOptions?.preventDestroy === true) return '`lifecycle { prevent_destroy = true }`';
  return undefined;
}

/** A boolean property read as true (`on`), false, absent or unknown. */
export function booleanAt(
  resource: NormalisedResource,
  path: readonly string[],
): 'true' | 'false' | 'absent' | 'unknown' {
  const r = readProperty(resource, ...path);
  if (r.kind === 'absent') return 'absent';
  if (r.kind === 'unresolved') return 'unknown';
  if (r.value === null) return 'absent';
  const b = asBoolean(r.value);
  return b === undefined ? 'unknown' : b ? 'true' : 'false';
}

/** The property's name as the user wrote it, in backticks. */
export function nameAt(resource: NormalisedResource, path: readonly (string | number)[]): string {
  return `\`${labelOf(resource, path)}\``;
}
