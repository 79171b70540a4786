import { allResources, type NormalisedResource, type ResourceModel } from '../../../model';
import { asBoolean, readProperty } from '../../../engine/read';
import { defineRule } from '../../../engine/rule';
import { quote } from '../../../engine/values';
import { outputResource } from '../../../dialects/google-provider';
import { effectiveDeletionPolicy, keepsData, type EffectiveDeletionPolicy } from '../general/deletion-policy';
import { destroyCommand, googleFix, nameAt, toolGuard } from '../general/google-fix';

/**
 * Projects are not deleted by the tool that created them: `google_project`'s
 * `deletion_policy` is `PREVENT` by default since provider 6 (`DELETE` deletes
 * the project, and with it every resource and all data in it, after a 30-day
 * pending-deletion period), or a lien (`google_resource_manager_lien` with
 * `restrictions = ["resourcemanager.projects.delete"]` on the project) refuses
 * the delete from any client. `ABANDON` leaves the project in Google Cloud.
 *
 * The project inherits the provider-level `deletion_policy` when it sets none
 * (the provider's order is the resource's own, the provider block's, then
 * `PREVENT`), so `deletion_policy = "DELETE"` in the `provider "google"` block
 * (or `gcp:deletionPolicy`) deletes it. Before provider 6 (`@pulumi/gcp` 7) the
 * default was `DELETE` and `skip_delete = true` left the project in place: a
 * resource that still has `skip_delete` is read by those rules.
 * `deletion_policy` is a Terraform/Pulumi guard kept in state; only the lien
 * stops `gcloud projects delete` and the Console.
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/google_project#deletion_policy-1
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/guides/version_6_upgrade#project-deletion-now-prevented-by-default-with-deletion_policy
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/resource_manager_lien
 * @see https://cloud.google.com/resource-manager/docs/project-liens
 */
export default defineRule({
  id: 'gcp-project-deletion-policy',
  title: 'Google Cloud projects are not deleted on destroy',
  why: 'Deleting a project deletes every resource and all the data in it; with deletion_policy DELETE, one `terraform destroy` starts that.',
  fix: 'Keep deletion_policy = "PREVENT" (the default), or put a lien restricting resourcemanager.projects.delete on the project.',
  severity: 'error',
  resourceTypes: ['google_project'],
  google(resource, ctx) {
    if (toolGuard(resource) || hasLien(resource, ctx.model)) return;
    const label = nameAt(resource, ['deletion_policy']);
    const policy = projectPolicy(resource, label);
    if (policy === 'skipped' || keepsData(policy)) return;
    const fix = googleFix(
      'Set `deletion_policy = "PREVENT"` on the `google_project` (the default since provider 6; remove `skip_delete`, which provider 6 dropped, and any `deletion_policy = "DELETE"` in the `provider "google"` block), and add a `google_resource_manager_lien` with `parent = "projects/${google_project.<name>.number}"` and `restrictions = ["resourcemanager.projects.delete"]`.',
      "Pass `deletionPolicy: 'PREVENT'` in the `gcp.organizations.Project` args (or the `protect: true` option), and create a `gcp.resourcemanager.Lien` with `parent: pulumi.interpolate`projects/${project.number}``, `restrictions: ['resourcemanager.projects.delete']`.",
    );
    const location = resource.nativeType.startsWith('gcp:') ? 'inputs/deletionPolicy' : 'inputs/deletion_policy';
    if (policy.unknown !== undefined)
      return {
        fix,
        location,
        unresolved: true,
        message: `${policy.said} and cannot be proven PREVENT or ABANDON: ${policy.unknown}; no lien restricts \`resourcemanager.projects.delete\` on the project.`,
      };
    return {
      fix,
      location,
      message: `${policy.said}: ${destroyCommand(resource)} deletes the project, every resource and all data in it, and no lien restricts \`resourcemanager.projects.delete\` on it.`,
    };
  },
});

/**
 * The policy the project is destroyed under, or `skipped` when a pre-6 provider's `skip_delete = true` leaves it in
 * Google Cloud. `skip_delete` exists only before provider 6, whose default policy was `DELETE`: a project that has
 * it and no `deletion_policy` is deleted unless `skip_delete` is true.
 */
function projectPolicy(resource: NormalisedResource, label: string): EffectiveDeletionPolicy | 'skipped' {
  const skip = readProperty(resource, 'skip_delete');
  if (skip.kind === 'known' && asBoolean(skip.value) === true) return 'skipped';
  const own = readProperty(resource, 'deletion_policy');
  if (skip.kind === 'absent' || own.kind !== 'absent') return effectiveDeletionPolicy(resource, label);
  const skipLabel = nameAt(resource, ['skip_delete']);
  if (skip.kind === 'unresolved')
    return {
      said: `${label} is not set and ${skipLabel} is ${quote(skip.expression)} (a provider before 6, whose default is DELETE)`,
      unknown: skip.reason,
    };
  return {
    value: 'DELETE',
    said: `${label} is not set and ${skipLabel} is ${quote(skip.value)} (a provider before 6, whose default is DELETE)`,
  };
}

/**
 * Is there a lien on this project restricting its deletion? A lien names its
 * project as `projects/<number or id>`: by a known id, the project's
 * `project_id`, or an output of the project resource.
 */
function hasLien(project: NormalisedResource, model: ResourceModel): boolean {
  const id = readProperty(project, 'project_id');
  for (const lien of allResources(model)) {
    if (lien.type !== 'google_resource_manager_lien') continue;
    const restrictions = readProperty(lien, 'restrictions');
    if (
      restrictions.kind !== 'known' ||
      !Array.isArray(restrictions.value) ||
      !restrictions.value.includes('resourcemanager.projects.delete')
    )
      continue;
    const parent = lien.properties.parent;
    if (outputResource(parent) === project.logicalId) return true;
    const p = readProperty(lien, 'parent');
    if (p.kind === 'known' && id.kind === 'known' && p.value === `projects/${String(id.value)}`) return true;
  }
  return false;
}
