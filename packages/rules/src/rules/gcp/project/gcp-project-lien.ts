import { outputResource } from '../../../dialects/google-provider';
import { readProperty } from '../../../engine/read';
import { defineRule } from '../../../engine/rule';
import { allResources, nameOf, type NormalisedResource, type ResourceModel } from '../../../model';
import { providerDataRow } from '../../../protection/provider-types';
import { projectOf } from '../backupdr/backup-dr';
import { googleFix } from '../general/google-fix';

const LIEN = 'google_resource_manager_lien';
const PROJECT_DELETE = 'resourcemanager.projects.delete';
/** How many of the project's data stores a message names. */
const NAMED = 5;

/**
 * Google Cloud projects that hold data have a lien that refuses their deletion.
 *
 * `google_project`'s `deletion_policy` (`PREVENT` by default since provider 6)
 * and Pulumi's `protect` live in the tool's state: they stop `terraform destroy`
 * and `pulumi destroy`, never `gcloud projects delete`, the console or the API.
 * A lien (`google_resource_manager_lien` with
 * `restrictions = ["resourcemanager.projects.delete"]` on the project) is kept
 * by Resource Manager and refuses the delete from every client until someone
 * with `resourcemanager.projects.updateLiens` removes it. Deleting a project
 * shuts down every resource in it and deletes all its data after 30 days.
 *
 * Every `google_project` the configuration declares is judged: an error when
 * the configuration creates a data store in it (a type the provider type table
 * marks as holding data), a warning otherwise (its data may be deployed by
 * another configuration). A lien counts when its `parent` is the project
 * (`projects/<project_id>`, or a reference to the project resource such as
 * `projects/${google_project.p.number}`) and its `restrictions`, known before
 * deployment, include `resourcemanager.projects.delete`.
 * @see https://cloud.google.com/resource-manager/docs/project-liens
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/resource_manager_lien
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/google_project#deletion_policy-1
 * @see https://cloud.google.com/resource-manager/docs/creating-managing-projects#shutting_down_projects
 */
export default defineRule({
  id: 'gcp-project-lien',
  title: 'Google Cloud projects that hold data have a lien against deletion',
  why: "A project's deletion_policy and Pulumi's protect stop only Terraform and Pulumi: without a lien, one `gcloud projects delete` (or a console click) deletes the project and every resource and all data in it.",
  fix: 'Add a google_resource_manager_lien on the project with restrictions = ["resourcemanager.projects.delete"].',
  severity: 'error',
  resourceTypes: ['google_project'],
  google(project, ctx) {
    if (hasDeleteLien(project, ctx.model)) return;
    const stores = dataStoresIn(project, ctx.model);
    const fix = googleFix(
      'Add `resource "google_resource_manager_lien" "<name>" { parent = "projects/${google_project.<name>.number}", restrictions = ["resourcemanager.projects.delete"], origin = "deadbolt", reason = "Holds production data" }`. Keep `deletion_policy = "PREVENT"` as well: it stops Terraform, the lien stops everyone.',
      "Create `new gcp.resourcemanager.Lien('<name>', { parent: pulumi.interpolate`projects/${project.number}`, restrictions: ['resourcemanager.projects.delete'], origin: 'deadbolt', reason: 'Holds production data' })`. Keep `deletionPolicy: 'PREVENT'` (or `protect: true`) as well: it stops Pulumi, the lien stops everyone.",
    );
    const guard =
      '`deletion_policy` and Pulumi `protect` do not stop `gcloud projects delete`, the console or the API: they only stop a destroy through Terraform or Pulumi';
    if (stores.length === 0) {
      return {
        fix,
        severity: 'warning',
        message: `No lien restricts \`${PROJECT_DELETE}\` on this project. ${guard}, and deleting the project deletes every resource and all data in it (this configuration creates no data store in it; another may).`,
      };
    }
    const named = stores.slice(0, NAMED).map(nameOf).join(', ');
    const more = stores.length > NAMED ? ` and ${stores.length - NAMED} more` : '';
    return {
      fix,
      message: `No lien restricts \`${PROJECT_DELETE}\` on this project, which holds ${named}${more}. ${guard}. One \`gcloud projects delete\` deletes the project and that data with it.`,
    };
  },
});

/**
 * A lien of the configuration on this project restricting its deletion: its
 * `parent` refers to the project resource, or is `projects/<project_id>`.
 */
function hasDeleteLien(project: NormalisedResource, model: ResourceModel): boolean {
  const id = readProperty(project, 'project_id');
  for (const lien of allResources(model)) {
    if (lien.type !== LIEN) continue;
    const restrictions = readProperty(lien, 'restrictions');
    if (
      restrictions.kind !== 'known' ||
      !Array.isArray(restrictions.value) ||
      !restrictions.value.includes(PROJECT_DELETE)
    )
      continue;
    if (outputResource(lien.properties.parent) === project.logicalId) return true;
    const parent = readProperty(lien, 'parent');
    if (parent.kind === 'known' && id.kind === 'known' && parent.value === `projects/${String(id.value)}`) return true;
  }
  return false;
}

/** The configuration's data stores created in this project: its `project_id`, or a reference to the project. */
function dataStoresIn(project: NormalisedResource, model: ResourceModel): NormalisedResource[] {
  const id = readProperty(project, 'project_id');
  const projectId = id.kind === 'known' && typeof id.value === 'string' ? id.value : undefined;
  const out: NormalisedResource[] = [];
  for (const r of allResources(model)) {
    if (r === project || providerDataRow(r.type)?.decision !== 'stateful' || r.type === 'google_project') continue;
    const inIt =
      outputResource(r.properties.project) === project.logicalId ||
      (projectId !== undefined &&
        (() => {
          const p = projectOf(r, model);
          return p.kind === 'known' && p.project === projectId;
        })());
    if (inIt) out.push(r);
  }
  return out;
}
