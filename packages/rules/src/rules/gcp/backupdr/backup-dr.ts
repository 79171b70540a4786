/**
 * What the Backup and DR rules share: how a vault, a plan and a plan
 * association name one another, which project each lives in, and which
 * resources of the configuration an association enrols.
 *
 * Backup and DR names its resources `projects/<project>/locations/<location>/<collection>/<id>`
 * (a vault's and a plan's `id`), and an association names the workload it protects
 * by its resource name (`projects/<project>/instances/<name>` for Cloud SQL,
 * `projects/<project>/locations/<location>/instances/<name>` for Filestore), or its
 * full URI. A reference to another resource of the configuration whose value is
 * known only after apply (`google_backup_dr_backup_vault.v.id`, `db.id`) is
 * tied to that resource by the dialect (`outputResource`). Anything else cannot
 * be read before deployment, and proves nothing (fail closed).
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/backup_dr_backup_vault
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/backup_dr_backup_plan
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/backup_dr_backup_plan_association
 * @see https://cloud.google.com/backup-disaster-recovery/docs/reference/rest/v1/projects.locations.backupPlanAssociations
 */
import { outputResource } from '../../../dialects/google-provider';
import { readProperty } from '../../../engine/read';
import { quote } from '../../../engine/values';
import { allResources, nameOf, type NormalisedResource, type ResourceModel } from '../../../model';
import { isReadReplica } from '../cloudsql/replica';

export const BACKUP_VAULT = 'google_backup_dr_backup_vault';
export const BACKUP_PLAN = 'google_backup_dr_backup_plan';
export const PLAN_ASSOCIATION = 'google_backup_dr_backup_plan_association';

/**
 * The data stores an association can enrol, by Terraform type: Backup and DR's
 * `resource_type` for each, the collection its resource name ends in, and the
 * input that holds that name.
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/backup_dr_backup_plan#resource_type-1
 */
export const PROTECTABLE: Readonly<
  Record<string, { readonly resourceType: string; readonly collection: string; readonly name: string }>
> = {
  google_sql_database_instance: {
    resourceType: 'sqladmin.googleapis.com/Instance',
    collection: 'instances',
    name: 'name',
  },
  google_alloydb_cluster: {
    resourceType: 'alloydb.googleapis.com/Cluster',
    collection: 'clusters',
    name: 'cluster_id',
  },
  google_filestore_instance: { resourceType: 'file.googleapis.com/Instance', collection: 'instances', name: 'name' },
};

/** A Google resource name, read: `projects/<project>[/locations/<location>]/<collection>/<id>`. */
export interface ResourceName {
  readonly project: string;
  readonly location?: string;
  readonly collection: string;
  readonly id: string;
}

/** The longest resource name read; Google's are far shorter. */
const MAX_NAME = 1000;

/**
 * Reads a resource name or full resource URI
 * (`https://www.googleapis.com/compute/v1/projects/p/zones/z/instances/i`,
 * `//sqladmin.googleapis.com/projects/p/instances/i`); undefined for anything else.
 */
export function parseResourceName(value: unknown): ResourceName | undefined {
  if (typeof value !== 'string' || value.length > MAX_NAME) return undefined;
  // A full URI carries the name after its host and version: start at its `projects/`.
  const slash = value.startsWith('projects/') ? -1 : value.indexOf('/projects/');
  if (slash < 0 && !value.startsWith('projects/')) return undefined;
  const parts = value.slice(slash + 1).split('/');
  if (parts.length < 4 || parts.length % 2 !== 0 || parts.some((p) => p === '')) return undefined;
  const locationAt = parts.indexOf('locations');
  const location = locationAt === 2 ? parts[3] : parts[2] === 'zones' || parts[2] === 'regions' ? parts[3] : undefined;
  return { project: parts[1], location, collection: parts[parts.length - 2], id: parts[parts.length - 1] };
}

/** A project, read: its id, or why it cannot be told before deployment. */
export type ProjectReading =
  { readonly kind: 'known'; readonly project: string } | { readonly kind: 'unknown'; readonly reason: string };

/**
 * The project a resource of the configuration is created in: its own `project`
 * (a literal, or the `project_id` of a `google_project` of the configuration it
 * refers to), else its provider's project.
 */
export function projectOf(resource: NormalisedResource, model: ResourceModel): ProjectReading {
  const raw = resource.properties.project;
  if (raw === undefined || raw === null) {
    return resource.document.project !== undefined
      ? { kind: 'known', project: resource.document.project }
      : { kind: 'unknown', reason: `${nameOf(resource)} sets no \`project\` and its provider's project is not known` };
  }
  if (typeof raw === 'string' && raw !== '') return { kind: 'known', project: raw };
  const target = resourceById(model, outputResource(raw));
  if (target?.type === 'google_project') {
    const id = readProperty(target, 'project_id');
    if (id.kind === 'known' && typeof id.value === 'string') return { kind: 'known', project: id.value };
  }
  const r = readProperty(resource, 'project');
  return {
    kind: 'unknown',
    reason: `the \`project\` of ${nameOf(resource)} is ${quote(r.kind === 'unresolved' ? r.expression : raw, 60)}, which is known only after deployment`,
  };
}

const indexes = new WeakMap<ResourceModel, ReadonlyMap<string, NormalisedResource>>();

/** The resource of the model with this record id (Terraform address, Pulumi URN). */
export function resourceById(model: ResourceModel, id: string | undefined): NormalisedResource | undefined {
  if (id === undefined) return undefined;
  let index = indexes.get(model);
  if (!index) indexes.set(model, (index = new Map(allResources(model).map((r) => [r.logicalId, r]))));
  return index.get(id);
}

const byType = new WeakMap<ResourceModel, ReadonlyMap<string, NormalisedResource[]>>();

/** The model's resources of one type, indexed once per model: each data store of a large estate asks. */
export function resourcesOfType(model: ResourceModel, type: string): NormalisedResource[] {
  let index = byType.get(model);
  if (!index) {
    const map = new Map<string, NormalisedResource[]>();
    for (const r of allResources(model)) {
      const list = map.get(r.type);
      if (list) list.push(r);
      else map.set(r.type, [r]);
    }
    byType.set(model, (index = map));
  }
  return index.get(type) ?? [];
}

/** A string input when it is known before deployment. */
function knownString(resource: NormalisedResource, ...path: string[]): string | undefined {
  const r = readProperty(resource, ...path);
  return r.kind === 'known' && typeof r.value === 'string' && r.value !== '' ? r.value : undefined;
}

/** Where a plan writes its backups: the vault's project, and how the vault is named. */
export type VaultReading =
  | { readonly kind: 'known'; readonly project: string; readonly shown: string; readonly vault?: NormalisedResource }
  | { readonly kind: 'unknown'; readonly shown: string; readonly reason: string };

/**
 * The project of the vault a plan writes to: parsed from a literal vault name,
 * or the project of the vault resource its `backup_vault` refers to.
 */
export function planVault(plan: NormalisedResource, model: ResourceModel): VaultReading {
  const raw = plan.properties.backup_vault;
  const target = resourceById(model, outputResource(raw));
  if (target?.type === BACKUP_VAULT) {
    const project = projectOf(target, model);
    const shown = `vault ${nameOf(target)}`;
    return project.kind === 'known'
      ? { kind: 'known', project: project.project, shown, vault: target }
      : { kind: 'unknown', shown, reason: project.reason };
  }
  const r = readProperty(plan, 'backup_vault');
  if (r.kind === 'known') {
    const name = parseResourceName(r.value);
    if (name && name.collection === 'backupVaults') {
      const vault = resourcesOfType(model, BACKUP_VAULT).find((v) => matchesName(v, model, name, 'backup_vault_id'));
      return { kind: 'known', project: name.project, shown: `vault ${String(r.value)}`, ...(vault ? { vault } : {}) };
    }
    return {
      kind: 'unknown',
      shown: quote(r.value, 80),
      reason: 'it is not a vault name (`projects/<project>/locations/<location>/backupVaults/<id>`)',
    };
  }
  if (r.kind === 'absent') return { kind: 'unknown', shown: 'not set', reason: 'the plan names no vault' };
  return { kind: 'unknown', shown: quote(r.expression, 80), reason: r.reason };
}

/** Does this resource of the configuration carry the parsed name (its project, location and id)? */
function matchesName(resource: NormalisedResource, model: ResourceModel, name: ResourceName, idInput: string): boolean {
  if (knownString(resource, idInput) !== name.id) return false;
  const location = knownString(resource, 'location');
  if (name.location !== undefined && location !== undefined && location !== name.location) return false;
  const project = projectOf(resource, model);
  return project.kind === 'known' && project.project === name.project;
}

/** Does the association name this plan (by a reference to it, or its literal resource name)? */
export function associationUsesPlan(
  association: NormalisedResource,
  plan: NormalisedResource,
  model: ResourceModel,
): boolean {
  const raw = association.properties.backup_plan;
  if (outputResource(raw) !== undefined) return outputResource(raw) === plan.logicalId;
  const name = parseResourceName(typeof raw === 'string' ? raw : undefined);
  return name !== undefined && name.collection === 'backupPlans' && matchesName(plan, model, name, 'backup_plan_id');
}

/** The plan of the configuration an association names, if it names one of the configuration's plans. */
export function planOfAssociation(
  association: NormalisedResource,
  model: ResourceModel,
): NormalisedResource | undefined {
  return resourcesOfType(model, BACKUP_PLAN).find((p) => associationUsesPlan(association, p, model));
}

/** What an association protects, as far as the configuration says: a resource of it, a name, or unknown. */
export type EnrolledReading =
  | { readonly kind: 'resource'; readonly resource: NormalisedResource }
  | { readonly kind: 'name'; readonly name: ResourceName; readonly shown: string }
  | { readonly kind: 'unknown'; readonly shown: string; readonly reason: string };

const enrolments = new WeakMap<NormalisedResource, EnrolledReading>();

/**
 * The workload an association enrols: the resource its `resource` refers to, or the resource name it writes.
 * Read once per association: every data store of the configuration asks.
 */
export function enrolled(association: NormalisedResource, model: ResourceModel): EnrolledReading {
  let reading = enrolments.get(association);
  if (!reading) enrolments.set(association, (reading = readEnrolled(association, model)));
  return reading;
}

function readEnrolled(association: NormalisedResource, model: ResourceModel): EnrolledReading {
  const raw = association.properties.resource;
  const target = resourceById(model, outputResource(raw));
  if (target) return { kind: 'resource', resource: target };
  const r = readProperty(association, 'resource');
  if (r.kind === 'known') {
    const name = parseResourceName(r.value);
    if (name) {
      const match = Object.keys(PROTECTABLE)
        .flatMap((type) => resourcesOfType(model, type))
        .find((c) => namesResource(name, c, model));
      return match ? { kind: 'resource', resource: match } : { kind: 'name', name, shown: String(r.value) };
    }
    return { kind: 'unknown', shown: quote(r.value, 80), reason: 'it is not a resource name (`projects/<project>/…`)' };
  }
  if (r.kind === 'absent') return { kind: 'unknown', shown: 'not set', reason: 'the association names no resource' };
  return { kind: 'unknown', shown: quote(r.expression, 80), reason: r.reason };
}

/** Does a resource name name this data store of the configuration (its project, collection and name)? */
function namesResource(name: ResourceName, resource: NormalisedResource, model: ResourceModel): boolean {
  const shape = PROTECTABLE[resource.type];
  if (!shape || name.collection !== shape.collection) return false;
  // A Cloud SQL instance's name has no location; Filestore's and AlloyDB's do.
  if ((resource.type === 'google_sql_database_instance') !== (name.location === undefined)) return false;
  return matchesName(resource, model, name, shape.name);
}

/** The project of the workload an association enrols. */
export function enrolledProject(reading: EnrolledReading, model: ResourceModel): ProjectReading {
  switch (reading.kind) {
    case 'resource':
      return projectOf(reading.resource, model);
    case 'name':
      return { kind: 'known', project: reading.name.project };
    case 'unknown':
      return { kind: 'unknown', reason: `its \`resource\` is ${reading.shown}: ${reading.reason}` };
  }
}

/** Whether the configuration enrols a data store in a Backup and DR plan. */
export type CoverageReading =
  | { readonly kind: 'covered'; readonly association: NormalisedResource }
  | { readonly kind: 'maybe'; readonly reasons: readonly string[] }
  | { readonly kind: 'none' };

/**
 * Does an association of the configuration enrol this data store? `covered`
 * when one refers to it or names it; `maybe` when an association of a matching
 * (or unknown) `resource_type` names a resource that cannot be read before
 * deployment; else `none`.
 */
export function backupPlanCoverage(resource: NormalisedResource, model: ResourceModel): CoverageReading {
  const shape = PROTECTABLE[resource.type];
  if (!shape) return { kind: 'none' };
  const reasons: string[] = [];
  for (const association of resourcesOfType(model, PLAN_ASSOCIATION)) {
    const type = readProperty(association, 'resource_type');
    if (type.kind === 'known' && type.value !== shape.resourceType) continue;
    const reading = enrolled(association, model);
    if (reading.kind === 'resource' && reading.resource === resource) return { kind: 'covered', association };
    if (reading.kind === 'unknown' && reasons.length < 5)
      reasons.push(`association ${nameOf(association)}'s \`resource\` is ${reading.shown}: ${reading.reason}`);
  }
  return reasons.length > 0 ? { kind: 'maybe', reasons } : { kind: 'none' };
}

/**
 * A Cloud SQL primary enrolled in a Backup and DR plan by an association of the
 * configuration. Once enrolled, Cloud SQL hands its backups to Backup and DR
 * ("enhanced backups"): it turns `backup_configuration.enabled`, binary logging
 * and transaction log retention off, and refuses changes to them, so the
 * instance's own backup settings are not asked for; the plan and vault rules
 * judge the retention instead.
 * @see https://github.com/hashicorp/terraform-provider-google/issues/24932
 * @see https://cloud.google.com/sql/docs/postgres/backup-recovery/backup-options
 */
export function enrolledInBackupPlan(resource: NormalisedResource, model: ResourceModel): boolean {
  if (resource.type === 'google_sql_database_instance' && isReadReplica(resource)) return false;
  return backupPlanCoverage(resource, model).kind === 'covered';
}
