import { defineRule } from '../../../engine/rule';
import type { FixText, NormalisedResource } from '../../../model';
import { isReadReplica } from '../cloudsql/replica';
import { googleFix } from '../general/google-fix';
import { backupPlanCoverage, PROTECTABLE } from './backup-dr';

/**
 * Databases and file systems are enrolled in a Backup and DR plan.
 *
 * A Cloud SQL instance's automated backups, an AlloyDB cluster's and a
 * Filestore instance's backups live in the project that holds the data: whoever
 * can delete the database can delete them, and deleting the project deletes
 * them all. Backup and DR keeps backups in a vault that refuses to delete them
 * early, in a project of its choosing; a resource is enrolled by a
 * `google_backup_dr_backup_plan_association` whose `resource` is the resource
 * (a reference to it, or its resource name) and whose `resource_type` is its
 * own. Where the plan's vault is and how long it keeps the backups are the
 * other Backup and DR rules' questions.
 *
 * As the AWS rule (`backup-cross-account-copy`) asks of databases, tables and
 * file systems, and at its severity. Compute Engine instances and disks, which
 * Backup and DR also protects, are not judged, as the AWS rule does not judge
 * EC2 volumes: many hold only what an image rebuilds. A Cloud SQL read replica
 * is a copy of its primary and is not judged. An association whose `resource`
 * cannot be read before deployment does not prove the enrolment (fail closed).
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/backup_dr_backup_plan_association
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/backup_dr_backup_plan#resource_type-1
 * @see https://cloud.google.com/backup-disaster-recovery/docs/reference/rest/v1/projects.locations.backupPlanAssociations
 */
export default defineRule({
  id: 'backupdr-coverage',
  title: 'Cloud SQL instances, AlloyDB clusters and Filestore instances are enrolled in a Backup and DR plan',
  why: 'Without a Backup and DR plan, every backup of the database lives in its own project, where whoever can delete the database, or the project, can delete its backups too.',
  fix: 'Enrol the resource with a google_backup_dr_backup_plan_association in a backup plan whose vault is in a separate backup project.',
  severity: 'error',
  resourceTypes: Object.keys(PROTECTABLE),
  google(resource, ctx) {
    if (resource.type === 'google_sql_database_instance' && isReadReplica(resource)) return;
    const coverage = backupPlanCoverage(resource, ctx.model);
    switch (coverage.kind) {
      case 'covered':
        return;
      case 'maybe':
        return {
          fix: fixFor(resource),
          unresolved: true,
          message: `No plan association of the configuration is proven to enrol this resource in a Backup and DR plan: ${coverage.reasons.join('; ')}.`,
        };
      case 'none':
        return {
          fix: fixFor(resource),
          message:
            'No plan association of the configuration enrols this resource in a Backup and DR plan: every backup of it lives in its own project, where deleting the resource or the project can take them with it.',
        };
    }
  },
});

/** The association to add, in the resource's idiom, naming the resource as Backup and DR expects. */
function fixFor(resource: NormalisedResource): FixText {
  const shape = PROTECTABLE[resource.type];
  const tfName =
    resource.type === 'google_sql_database_instance'
      ? `"projects/\${${resource.type}.<name>.project}/instances/\${${resource.type}.<name>.name}"`
      : `${resource.type}.<name>.id`;
  const puName =
    resource.type === 'google_sql_database_instance'
      ? 'pulumi.interpolate`projects/${db.project}/instances/${db.name}`'
      : 'resource.id';
  const component =
    resource.type === 'google_sql_database_instance'
      ? " Or create the instance as a `SafeCloudSqlInstance` of `@deadbolt/pulumi` with `backupPlan: CloudSqlBackupPlan.inVault({ backupVault: '<vault name>', ... })`."
      : '';
  return googleFix(
    `Add \`resource "google_backup_dr_backup_plan_association" "<name>" { location = "<region>", backup_plan_association_id = "<id>", resource_type = "${shape.resourceType}", resource = ${tfName}, backup_plan = google_backup_dr_backup_plan.<plan>.name }\`, with a \`google_backup_dr_backup_plan\` (\`resource_type = "${shape.resourceType}"\`) whose \`backup_vault\` is a vault in a separate backup project.`,
    `Create \`new gcp.backupdisasterrecovery.BackupPlanAssociation('<name>', { location: '<region>', backupPlanAssociationId: '<id>', resourceType: '${shape.resourceType}', resource: ${puName}, backupPlan: plan.name })\`, with a \`gcp.backupdisasterrecovery.BackupPlan\` (\`resourceType: '${shape.resourceType}'\`) whose \`backupVault\` is a vault in a separate backup project.${component}`,
  );
}
