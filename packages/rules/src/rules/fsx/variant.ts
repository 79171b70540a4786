import { resolveAlternatives } from '../../engine/values';
import { referencedResources } from '../../engine/references';
import type { NormalisedResource, ResourceModel } from '../../model';

/**
 * What the FSx rules share: which of the four FSx file systems a resource is
 * (CloudFormation's `FileSystemType`, or the provider resource type), and
 * whether a Lustre file system can keep backups at all.
 */

export type FsxVariant = 'WINDOWS' | 'LUSTRE' | 'ONTAP' | 'OPENZFS';

/** The CloudFormation property that holds each variant's configuration. */
export const CONFIGURATION: Readonly<Record<FsxVariant, string>> = {
  WINDOWS: 'WindowsConfiguration',
  LUSTRE: 'LustreConfiguration',
  ONTAP: 'OntapConfiguration',
  OPENZFS: 'OpenZFSConfiguration',
};

/** The L1 construct property of each configuration, for CDK fixes. */
export const L1_CONFIGURATION: Readonly<Record<FsxVariant, string>> = {
  WINDOWS: 'windowsConfiguration',
  LUSTRE: 'lustreConfiguration',
  ONTAP: 'ontapConfiguration',
  OPENZFS: 'openZfsConfiguration',
};

/** The Terraform resource type of each variant, for fixes. */
export const TERRAFORM_TYPE: Readonly<Record<FsxVariant, string>> = {
  WINDOWS: 'aws_fsx_windows_file_system',
  LUSTRE: 'aws_fsx_lustre_file_system',
  ONTAP: 'aws_fsx_ontap_file_system',
  OPENZFS: 'aws_fsx_openzfs_file_system',
};

/** The `@pulumi/aws` class of each variant, for fixes. */
export const PULUMI_CLASS: Readonly<Record<FsxVariant, string>> = {
  WINDOWS: 'aws.fsx.WindowsFileSystem',
  LUSTRE: 'aws.fsx.LustreFileSystem',
  ONTAP: 'aws.fsx.OntapFileSystem',
  OPENZFS: 'aws.fsx.OpenZfsFileSystem',
};

const PROVIDER_VARIANT: Readonly<Record<string, FsxVariant>> = {
  aws_fsx_windows_file_system: 'WINDOWS',
  'aws:fsx/windowsFileSystem:WindowsFileSystem': 'WINDOWS',
  aws_fsx_lustre_file_system: 'LUSTRE',
  'aws:fsx/lustreFileSystem:LustreFileSystem': 'LUSTRE',
  aws_fsx_ontap_file_system: 'ONTAP',
  'aws:fsx/ontapFileSystem:OntapFileSystem': 'ONTAP',
  aws_fsx_openzfs_file_system: 'OPENZFS',
  'aws:fsx/openZfsFileSystem:OpenZfsFileSystem': 'OPENZFS',
};

/**
 * The variant of a Terraform/Pulumi FSx file system, whose type names it; undefined
 * for types written in CloudFormation's shape (`aws-native`, `awscc`), which
 * carry `FileSystemType` like a template.
 */
export function providerVariant(resource: NormalisedResource): FsxVariant | undefined {
  return PROVIDER_VARIANT[resource.nativeType];
}

/** True when the resource's properties are in CloudFormation's shape (a template, `aws-native`). */
export function inCloudFormationShape(resource: NormalisedResource): boolean {
  return resource.dialect === 'cloudformation' || providerVariant(resource) === undefined;
}

/** How the variant of a CloudFormation `AWS::FSx::FileSystem` reads. */
export type VariantReading =
  { readonly kind: 'known'; readonly variant: FsxVariant } | { readonly kind: 'unknown'; readonly why: string };

/**
 * The variant from `FileSystemType` (required by CloudFormation). A value that
 * cannot be read, or an `Fn::If` that picks between variants, is `unknown`:
 * the rules then judge every configuration the resource writes.
 */
export function cloudFormationVariant(resource: NormalisedResource): VariantReading {
  const alternatives = resolveAlternatives(resource.properties, ['FileSystemType'], resource.document);
  const variants = new Set<string>();
  for (const a of alternatives) {
    if (a.value.kind === 'unresolved')
      return { kind: 'unknown', why: `FileSystemType cannot be read: ${a.value.reason}` };
    if (a.value.kind === 'absent') return { kind: 'unknown', why: 'FileSystemType is not set' };
    variants.add(String(a.value.value).toUpperCase());
  }
  if (variants.size !== 1)
    return { kind: 'unknown', why: 'FileSystemType depends on a condition decided at deploy time' };
  const v = [...variants][0];
  return v in CONFIGURATION
    ? { kind: 'known', variant: v as FsxVariant }
    : { kind: 'unknown', why: `FileSystemType is ${JSON.stringify(v)}, not one FSx knows` };
}

/**
 * Why a Lustre file system can keep no backups, or undefined when it can.
 *
 * Scratch deployment types (`SCRATCH_1`, the default, and `SCRATCH_2`) hold
 * temporary data and support no backups; nor does a persistent file system
 * linked to an S3 data repository (`ImportPath`/`ExportPath`, or a data
 * repository association in the same template), whose durable copy is the
 * bucket. A value that cannot be read does not excuse the file system.
 * @see https://docs.aws.amazon.com/fsx/latest/LustreGuide/using-backups-fsx.html
 * @see https://docs.aws.amazon.com/fsx/latest/LustreGuide/fsx-data-repositories.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-fsx-filesystem-lustreconfiguration.html#cfn-fsx-filesystem-lustreconfiguration-deploymenttype
 */
export function lustreWithoutBackups(
  resource: NormalisedResource,
  model: ResourceModel,
  prefix: readonly string[],
): string | undefined {
  const doc = resource.document;
  const deployment = resolveAlternatives(resource.properties, [...prefix, 'DeploymentType'], doc);
  const scratch = deployment.every(
    (a) =>
      a.value.kind === 'absent' ||
      (a.value.kind === 'known' && typeof a.value.value === 'string' && /^SCRATCH_/i.test(a.value.value)),
  );
  if (scratch) return 'a scratch Lustre file system, which supports no backups';
  const linked = ['ImportPath', 'ExportPath'].some((p) =>
    resolveAlternatives(resource.properties, [...prefix, p], doc).every(
      (a) => a.value.kind === 'unresolved' || (a.value.kind === 'known' && a.value.value !== ''),
    ),
  );
  if (linked) return 'linked to an S3 data repository, which Lustre backups do not support';
  for (const other of doc.resources.values()) {
    if (other.type !== 'AWS::FSx::DataRepositoryAssociation') continue;
    if (referencedResources(other.properties.FileSystemId, doc, model).includes(resource))
      return `linked to an S3 data repository (${other.logicalId}), which Lustre backups do not support`;
  }
  return undefined;
}
