import { locationOf, readProperty } from '../../../engine/read';
import { defineRule, type Violation } from '../../../engine/rule';
import { quote } from '../../../engine/values';
import { nameOf, type NormalisedResource, type ResourceModel } from '../../../model';
import { googleFix, nameAt } from '../general/google-fix';
import {
  BACKUP_PLAN,
  PLAN_ASSOCIATION,
  associationUsesPlan,
  enrolled,
  enrolledProject,
  planOfAssociation,
  planVault,
  resourcesOfType,
} from './backup-dr';

const FIX = googleFix(
  'Create the `google_backup_dr_backup_vault` in a separate backup project, through a provider for it (`provider "google" { alias = "backup", project = "<backup project>" }` and `provider = google.backup` on the vault), and set the plan\'s `backup_vault = google_backup_dr_backup_vault.<name>.id`. Give the credentials that deploy the data project no role in the backup project.',
  "Create the `gcp.backupdisasterrecovery.BackupVault` in a separate backup project, through a provider for it (`new gcp.Provider('backup', { project: '<backup project>' })`, passed as `{ provider }`), and pass `backupVault: vault.id` in the `gcp.backupdisasterrecovery.BackupPlan` args. Give the credentials that deploy the data project no role in the backup project.",
);

/**
 * Backup and DR plans write to a vault in another project than the resources
 * they protect.
 *
 * Backups in the project that holds the data share its blast radius: deleting
 * the project deletes the vault with it, and whoever holds the project (its
 * owners, a compromised deployer, an agent with its credentials) can change
 * the vault as well as delete the database. A vault in a separate backup
 * project, deployed with other credentials, is Google Cloud's counterpart of
 * an AWS Backup copy to another account (`backup-cross-account-copy`).
 *
 * Judged on each plan of the configuration that an association of the
 * configuration applies: the vault's project (from the vault name in
 * `backup_vault`, or the vault resource it refers to) must differ from the
 * project of every resource the plan protects (from the association's
 * `resource`). A plan no association of the configuration applies is judged
 * where it is applied. An association whose plan is not declared in the
 * configuration cannot show its vault: a finding on the association. A project
 * that cannot be read before deployment is not proven separate (fail closed).
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/backup_dr_backup_plan#backup_vault-1
 * @see https://cloud.google.com/backup-disaster-recovery/docs/concepts/backup-vault
 * @see https://cloud.google.com/resource-manager/docs/creating-managing-projects#shutting_down_projects
 */
export default defineRule({
  id: 'backupdr-vault-separate-project',
  title: 'Backup and DR plans write to a backup vault in another project than the resources they protect',
  why: 'A vault in the project that holds the data shares its blast radius: deleting the project, or whoever can delete the database, takes the vault and its backups too.',
  fix: 'Create the backup vault in a separate backup project, deployed with other credentials, and point the plan at it.',
  severity: 'error',
  resourceTypes: [BACKUP_PLAN, PLAN_ASSOCIATION],
  google(resource, ctx) {
    return resource.type === BACKUP_PLAN ? judgePlan(resource, ctx.model) : judgeAssociation(resource, ctx.model);
  },
});

function judgePlan(plan: NormalisedResource, model: ResourceModel): Violation | undefined {
  const associations = resourcesOfType(model, PLAN_ASSOCIATION).filter((a) => associationUsesPlan(a, plan, model));
  if (associations.length === 0) return undefined;
  const label = nameAt(plan, ['backup_vault']);
  const location = locationOf(plan, ['backup_vault']);
  const vault = planVault(plan, model);
  if (vault.kind === 'unknown') {
    return {
      fix: FIX,
      location,
      unresolved: true,
      message: `${label} is ${vault.shown}, whose project cannot be read before deployment (${vault.reason}), so the backups of ${names(associations)} are not proven to be outside their project.`,
    };
  }
  const same: string[] = [];
  const unknown: string[] = [];
  for (const association of associations.slice(0, 50)) {
    const reading = enrolled(association, model);
    const project = enrolledProject(reading, model);
    const what = reading.kind === 'resource' ? nameOf(reading.resource) : `the resource of ${nameOf(association)}`;
    if (project.kind === 'unknown') unknown.push(`${what}: ${project.reason}`);
    else if (project.project === vault.project) same.push(what);
  }
  if (same.length > 0) {
    return {
      fix: FIX,
      location,
      message: `${label} is ${vault.shown} in project ${vault.project}, the project of ${same.join(', ')}, which the plan protects: deleting the project, or whoever holds it, takes the backups with the data.`,
    };
  }
  if (unknown.length > 0) {
    return {
      fix: FIX,
      location,
      unresolved: true,
      message: `${label} is ${vault.shown} in project ${vault.project}, but the project of what the plan protects cannot be read before deployment (${unknown.join('; ')}), so its backups are not proven to be outside it.`,
    };
  }
  return undefined;
}

function judgeAssociation(association: NormalisedResource, model: ResourceModel): Violation | undefined {
  if (planOfAssociation(association, model)) return undefined;
  const r = readProperty(association, 'backup_plan');
  const shown = r.kind === 'known' ? quote(r.value, 80) : r.kind === 'unresolved' ? quote(r.expression, 80) : 'not set';
  return {
    fix: googleFix(
      `Declare the \`google_backup_dr_backup_plan\` (and its vault in a separate backup project) in this configuration and set \`backup_plan = google_backup_dr_backup_plan.<name>.name\`, or, when the plan lives in another configuration, acknowledge this finding once its vault is verified to be in another project. ${FIX.terraform}`,
      `Create the \`gcp.backupdisasterrecovery.BackupPlan\` (and its vault in a separate backup project) in this program and pass \`backupPlan: plan.name\`, or, when the plan lives in another stack, acknowledge this finding once its vault is verified to be in another project. ${FIX.pulumi}`,
    ),
    location: locationOf(association, ['backup_plan']),
    unresolved: true,
    message: `${nameAt(association, ['backup_plan'])} is ${shown}, a plan this configuration does not declare, so the project of the vault it writes to cannot be read: the backups are not proven to be outside the project of the resource it protects.`,
  };
}

function names(resources: readonly NormalisedResource[]): string {
  return resources
    .slice(0, 5)
    .map((r) => {
      const what = r.properties.resource;
      return typeof what === 'string' ? what : nameOf(r);
    })
    .join(', ');
}
