import { defaultsOf, labelOf, locationOf, readProperty } from '../../engine/read';
import { defineRule, type RuleContext, type Violation } from '../../engine/rule';
import { referencedResources } from '../../engine/references';
import { quote, resolveAlternatives, resolvePath } from '../../engine/values';
import { allResources, nameOf, type FixText, type NormalisedResource } from '../../model';

const FIX: FixText = {
  cloudformation:
    'Remove `FileSystemProtection.ReplicationOverwriteProtection: DISABLED` (ENABLED is the default); only the destination of a replication configuration needs DISABLED.',
  cdk: 'Remove `replicationOverwriteProtection: ReplicationOverwriteProtection.DISABLED` from the `FileSystem` (the default is ENABLED).',
  pulumi: 'Set `protection: { replicationOverwrite: "ENABLED" }` on the `aws.efs.FileSystem` (or leave it unset).',
  terraform: 'Set `protection { replication_overwrite = "ENABLED" }` on the `aws_efs_file_system` (or leave it unset).',
};

/**
 * EFS file systems keep replication overwrite protection on, unless they are
 * the destination of a replication the same app defines.
 *
 * `FileSystemProtection.ReplicationOverwriteProtection` is ENABLED by default:
 * the file system cannot be made the destination of a replication
 * configuration. DISABLED lets anyone who can call
 * `CreateReplicationConfiguration` name it as a destination, and replication
 * then overwrites its contents with the source's and keeps it read-only. A file
 * system that is the destination of a replication configuration in the model
 * (another file system's `ReplicationConfiguration.Destinations[].FileSystemId`,
 * or a Terraform/Pulumi `aws_efs_replication_configuration`) holds a replica
 * by design and passes. The other side is judged too: a replication whose
 * destination is an existing file system the app does not define
 * (`Destinations[].FileSystemId`, the provider's `destination.file_system_id`)
 * overwrites that file system, whose protection was turned off elsewhere.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-efs-filesystem-filesystemprotection.html
 * @see https://docs.aws.amazon.com/efs/latest/ug/replication-use-cases.html#replicate-existing-destination
 */
const rule = defineRule({
  id: 'efs-replication-overwrite-protection',
  title: 'EFS file systems keep replication overwrite protection on unless they are a replication destination',
  why: 'With replication overwrite protection off, a replication configuration created from any source file system overwrites every file in this one and makes it read-only.',
  fix: 'Leave FileSystemProtection.ReplicationOverwriteProtection at ENABLED (the default), except on a replication destination.',
  severity: 'error',
  resourceTypes: ['AWS::EFS::FileSystem'],
  cloudformation(resource, ctx) {
    return [
      ...present(judge(resource, ctx, ['FileSystemProtection', 'ReplicationOverwriteProtection'])),
      ...existingDestinations(resource, ctx),
    ];
  },
  awsProvider(resource, ctx) {
    if (!resource.nativeType.startsWith('aws_') && !resource.nativeType.startsWith('aws:'))
      return rule.cloudformation!(resource, ctx);
    // Terraform writes the `protection` block as a one-element list; Pulumi as an object.
    const block = resolvePath(resource.properties, ['Protection'], resource.document);
    const prefix = block.kind === 'known' && Array.isArray(block.value) ? ['Protection', 0] : ['Protection'];
    return [
      ...present(judge(resource, ctx, [...prefix, 'replicationOverwrite'], 'protection.replicationOverwrite')),
      ...existingDestinations(resource, ctx),
    ];
  },
});
export default rule;

function present<T>(v: T | undefined): T[] {
  return v === undefined ? [] : [v];
}

const DESTINATION_FIX: FixText = {
  cloudformation:
    'Leave `FileSystemId` out of the replication destination (EFS then creates a new, empty destination file system), or name a file system this template defines (`{ "Ref": "<logical id>" }`) whose contents may be replaced; if overwriting the existing file system is intended (a failback), acknowledge the finding with that reason.',
  cdk: 'Use `ReplicationConfiguration.regionalFileSystem(...)` or `oneZoneFileSystem(...)` (a new destination), or `existingFileSystem(fs)` with a `FileSystem` this app defines; if overwriting the existing file system is intended (a failback), acknowledge the finding with that reason.',
  pulumi:
    'Leave `destination.fileSystemId` unset on the `aws.efs.ReplicationConfiguration` (EFS then creates a new destination), or pass the `id` of an `aws.efs.FileSystem` this program defines; if overwriting the existing file system is intended (a failback), acknowledge the finding with that reason.',
  terraform:
    'Leave `file_system_id` out of the `destination` block of the `aws_efs_replication_configuration` (EFS then creates a new destination), or refer to an `aws_efs_file_system` this configuration defines; if overwriting the existing file system is intended (a failback), acknowledge the finding with that reason.',
};

/** A file system replicates to at most one destination; the bound keeps a malformed list cheap. */
const MAX_DESTINATIONS = 8;

/**
 * The replication of this file system onto a file system the app does not
 * define. Replicating to an existing file system applies the source's data to
 * it, overwriting what it holds, and keeps it read-only while the replication
 * lasts; its owner had to turn its overwrite protection off, outside this app,
 * so nothing here shows that its data may go. A destination without
 * `FileSystemId` is a new file system EFS creates, and one the app defines is
 * judged by its own protection above.
 * @see https://docs.aws.amazon.com/efs/latest/ug/replicate-existing-destination.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-efs-filesystem-replicationdestination.html
 */
function existingDestinations(resource: NormalisedResource, ctx: RuleContext): Violation[] {
  const listPath = ['ReplicationConfiguration', 'Destinations'];
  // Read the list entry by entry, so that a reference inside one (`{ Ref: Replica }`) is not the whole list unresolved.
  const config = resource.properties.ReplicationConfiguration;
  const raw =
    config !== null && typeof config === 'object' && !Array.isArray(config)
      ? (config as Record<string, unknown>).Destinations
      : undefined;
  let count: number;
  if (Array.isArray(raw)) count = raw.length;
  else {
    const list = readProperty(resource, ...listPath);
    if (list.kind === 'absent') return [];
    if (list.kind === 'unresolved' || !Array.isArray(list.value)) {
      const shown = list.kind === 'unresolved' ? list.expression : list.value;
      return [
        {
          fix: DESTINATION_FIX,
          location: locationOf(resource, listPath),
          unresolved: true,
          message: `${labelOf(resource, listPath)} is ${quote(shown)} and cannot be proven to write to a new file system or one this app defines${list.kind === 'unresolved' ? `: ${list.reason}` : ''}.`,
        },
      ];
    }
    count = list.value.length;
  }
  const out: Violation[] = [];
  for (let i = 0; i < Math.min(count, MAX_DESTINATIONS); i++) {
    const path = [...listPath, i, 'FileSystemId'];
    const entry = Array.isArray(raw) ? raw[i] : undefined;
    const expression =
      entry !== null && typeof entry === 'object' && !Array.isArray(entry)
        ? (entry as Record<string, unknown>).FileSystemId
        : undefined;
    const id = readProperty(resource, ...path);
    if (id.kind === 'absent' || (id.kind === 'known' && (id.value === null || id.value === ''))) continue;
    // A file system of the app: its own overwrite protection is judged where it is defined.
    const targets = referencedResources(expression, resource.document, ctx.model);
    if (targets.some((t) => t.type === 'AWS::EFS::FileSystem')) continue;
    const label = labelOf(resource, path);
    const base = { fix: DESTINATION_FIX, location: locationOf(resource, path), detail: `destination ${i + 1}` };
    if (id.kind === 'unresolved') {
      out.push({
        ...base,
        unresolved: true,
        message: `${label} is ${quote(id.expression)}, which cannot be proven to be a file system this app defines (${id.reason}): if it names an existing file system, replication overwrites its contents.`,
      });
      continue;
    }
    out.push({
      ...base,
      message: `${label} is ${quote(id.value)}, an existing file system this app does not define: replication overwrites its contents with this file system's and keeps it read-only while it lasts.`,
    });
  }
  return out;
}

function judge(resource: NormalisedResource, ctx: RuleContext, path: readonly (string | number)[], shown?: string) {
  const label = shown ?? path.join('.');
  const location = `${resource.dialect === 'aws-provider' ? 'inputs/protection/replicationOverwrite' : `Properties/${path.join('/')}`}`;
  for (const a of resolveAlternatives(resource.properties, path, resource.document)) {
    const when = a.when.length ? ` when ${a.when.join(' and ')}` : '';
    if (a.value.kind === 'absent') continue;
    if (a.value.kind === 'known' && a.value.value === 'ENABLED') continue;
    const source = replicationSource(resource, ctx);
    if (a.value.kind === 'known' && a.value.value === 'DISABLED' && source) continue;
    if (a.value.kind === 'unresolved')
      return {
        fix: FIX,
        location,
        unresolved: true,
        message: `${label} is ${quote(a.value.expression)} and cannot be proven ENABLED (${defaultsOf(resource)}: ENABLED): ${a.value.reason}.`,
      };
    return {
      fix: FIX,
      location,
      unresolved: a.when.length > 0 || undefined,
      message:
        a.value.value === 'DISABLED'
          ? `${label} is "DISABLED"${when}, and no replication in this app writes to the file system: any replication configuration can name it as its destination and overwrite its files.`
          : `${label} is ${quote(a.value.value)}${when}; it must be "ENABLED" (or "DISABLED" only on a replication destination).`,
    };
  }
  return undefined;
}

/** The file system in the model whose replication configuration writes to `resource`, if any. */
function replicationSource(resource: NormalisedResource, ctx: RuleContext): string | undefined {
  for (const other of allResources(ctx.model)) {
    if (other.type !== 'AWS::EFS::FileSystem' || other === resource) continue;
    const destinations = other.properties.ReplicationConfiguration as Record<string, unknown> | undefined;
    if (!destinations || typeof destinations !== 'object') continue;
    if (referencedResources(destinations, other.document, ctx.model).includes(resource)) return nameOf(other);
  }
  return undefined;
}
