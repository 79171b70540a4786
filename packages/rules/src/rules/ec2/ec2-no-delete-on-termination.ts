import { asBoolean, defaultsOf, listLength } from '../../engine/read';
import { resourceTags } from '../../engine/backup-coverage';
import { defineRule, type Violation } from '../../engine/rule';
import { quote, resolveAlternatives, resolvePath } from '../../engine/values';
import type { FixText, NormalisedResource } from '../../model';
import { DATA_TAG_KEY } from '../../spec/stateful-types';

/**
 * The device names AMIs give their root volume: `/dev/xvda` (Amazon Linux,
 * Bottlerocket) and `/dev/sda1` (Ubuntu, Red Hat, SUSE, Windows; `/dev/sda` on
 * a few). The root device is the AMI's to choose, so this is an assumption: a
 * mapping for any other name is judged as a data volume, and one whose name
 * cannot be read is judged too.
 * @see https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/device_naming.html
 */
export const ROOT_DEVICE_NAMES: ReadonlySet<string> = new Set(['/dev/xvda', '/dev/sda1', '/dev/sda', 'xvda', 'sda1']);

/** Mappings read per resource, at most; a longer list is judged as a whole (it is not a real template). */
const MAX_MAPPINGS = 256;

const LAUNCH_TEMPLATE = 'AWS::EC2::LaunchTemplate';
const LAUNCH_CONFIGURATION = 'AWS::AutoScaling::LaunchConfiguration';

/**
 * EBS data volumes attached at launch are not deleted when their instance
 * terminates.
 *
 * A block device mapping that gives a non-root EBS volume `DeleteOnTermination:
 * true` makes EC2 delete the volume, and its data, when the instance is
 * terminated: a stack delete, a replacing update (a new AMI id replaces an
 * `AWS::EC2::Instance`), a scale-in or an instance refresh. For a volume
 * attached at launch through the API (CloudFormation, Terraform, Pulumi, CDK)
 * an unset `DeleteOnTermination` means true; the Terraform provider's
 * `ebs_block_device` defaults it to true as well, and CDK's
 * `BlockDeviceVolume.ebs` leaves it unset.
 *
 * Root volumes (see `ROOT_DEVICE_NAMES`) are judged only on resources tagged
 * `deadbolt:data=true`. Findings on launch templates and launch configurations
 * are warnings unless they are tagged so: fleet instances are replaced by
 * design, and their extra volumes are usually scratch space.
 * @see https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/preserving-volumes-on-termination.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-instance-ebs.html
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/instance#ebs-ephemeral-and-root-block-devices
 */
export default defineRule({
  id: 'ec2-no-delete-on-termination',
  title: 'EBS data volumes attached at launch survive the termination of their instance',
  why: 'Terminating the instance (a stack delete, a replacing update such as a new AMI, a scale-in) deletes every EBS volume mapped with DeleteOnTermination true, and the data on it.',
  fix: 'Set `DeleteOnTermination: false` on the EBS block device mappings of data volumes (or keep the data on an `AWS::EC2::Volume` that is attached, not mapped).',
  severity: 'error',
  resourceTypes: ['AWS::EC2::Instance', LAUNCH_TEMPLATE, LAUNCH_CONFIGURATION],
  cloudformation: judgeTemplate,
  awsProvider(resource) {
    const native = resource.nativeType;
    // `aws-native` (and `awscc`) resources are CloudFormation's schema.
    if (!native.startsWith('aws_') && !native.startsWith('aws:')) return judgeTemplate(resource);
    if (resource.type === LAUNCH_TEMPLATE) return judgeList(resource, ['BlockDeviceMappings'], 'ebs', 'deviceName');
    const out: Violation[] = [];
    // Terraform `ebs_block_device` blocks, Pulumi `ebsBlockDevices`: data volumes by the provider's own split.
    for (const key of ['EbsBlockDevice', 'EbsBlockDevices'])
      out.push(...judgeList(resource, [key], undefined, 'deviceName'));
    for (const key of ['RootBlockDevice', 'RootBlockDevices']) out.push(...judgeRoot(resource, key));
    return out;
  },
});

function judgeTemplate(resource: NormalisedResource): Violation[] {
  const list =
    resource.type === LAUNCH_TEMPLATE ? ['LaunchTemplateData', 'BlockDeviceMappings'] : ['BlockDeviceMappings'];
  return judgeList(resource, list, 'Ebs', 'DeviceName');
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** True when the resource, or the instances and volumes a launch template tags, carry `deadbolt:data=true`. */
function taggedAsData(resource: NormalisedResource): boolean {
  if (resourceTags(resource).get(DATA_TAG_KEY) === 'true') return true;
  const doc = resource.document;
  for (const path of [['TagSpecifications'], ['LaunchTemplateData', 'TagSpecifications']]) {
    const specs = resolvePath(resource.properties, path, doc);
    if (specs.kind !== 'known' || !Array.isArray(specs.value)) continue;
    for (const spec of specs.value.slice(0, MAX_MAPPINGS)) {
      const s = (spec ?? {}) as Record<string, unknown>;
      const tags = s.Tags ?? s.tags;
      if (Array.isArray(tags) && tags.some((t) => t?.Key === DATA_TAG_KEY && String(t?.Value) === 'true')) return true;
      if (tags && typeof tags === 'object' && String((tags as Record<string, unknown>)[DATA_TAG_KEY]) === 'true')
        return true;
    }
  }
  return false;
}

/** Findings on launch templates and configurations are warnings unless the resource is tagged as data. */
function severityOf(resource: NormalisedResource, data: boolean): 'warning' | undefined {
  return resource.type === 'AWS::EC2::Instance' || data ? undefined : 'warning';
}

/** The path as the user wrote it: CloudFormation's, or the provider's camelCase input names. */
function shown(resource: NormalisedResource, path: readonly (string | number)[]): string {
  let out = '';
  for (const step of path) {
    if (typeof step === 'number') out += `[${step}]`;
    else out += `${out ? '.' : ''}${resource.dialect === 'aws-provider' ? lowerFirst(step) : step}`;
  }
  return out;
}

function locationOf(resource: NormalisedResource, path: readonly (string | number)[]): string {
  const steps = path.map((p) => (typeof p === 'string' && resource.dialect === 'aws-provider' ? lowerFirst(p) : p));
  return `${resource.dialect === 'aws-provider' ? 'inputs' : 'Properties'}/${steps.join('/')}`;
}

/**
 * Judges each EBS mapping of the list at `list`. `ebsKey` names the mapping's
 * EBS block (absent: an instance store volume or `NoDevice`, skipped); without
 * one, `DeleteOnTermination` sits on the mapping itself (the provider's
 * `ebs_block_device`).
 */
function judgeList(
  resource: NormalisedResource,
  list: readonly string[],
  ebsKey: string | undefined,
  deviceKey: string,
): Violation[] {
  const doc = resource.document;
  const data = taggedAsData(resource);
  const severity = severityOf(resource, data);
  const count = mappingCount(resource, list);
  if (count === 0) return [];
  if (typeof count !== 'number') {
    return [
      {
        fix: fixFor(resource, undefined),
        severity,
        unresolved: true,
        location: locationOf(resource, list),
        message:
          count.kind === 'unresolved'
            ? `${shown(resource, list)} is ${quote(count.expression)} and cannot be proven to keep data volumes when the instance terminates: ${count.reason}.`
            : `${shown(resource, list)} has more than ${MAX_MAPPINGS} entries, too many to judge one by one; it cannot be proven to keep data volumes when the instance terminates.`,
      },
    ];
  }
  const out: Violation[] = [];
  for (let i = 0; i < count; i++) {
    if (ebsKey && resolvePath(resource.properties, [...list, i, ebsKey], doc).kind === 'absent') continue;
    const device = resolvePath(resource.properties, [...list, i, deviceKey], doc);
    const deviceName = device.kind === 'known' && typeof device.value === 'string' ? device.value : undefined;
    const root = deviceName !== undefined && ROOT_DEVICE_NAMES.has(deviceName);
    // The root volume holds the operating system; it is judged only where the resource says it holds data.
    if (root && !data) continue;
    const name =
      deviceName !== undefined
        ? `${root ? 'root' : 'data'} volume ${deviceName}`
        : `the volume whose device name is ${device.kind === 'unresolved' ? `${quote(device.expression)} (${device.reason})` : 'not set'}, which cannot be proven to be the root volume`;
    const at = ebsKey ? [...list, i, ebsKey] : [...list, i];
    const key = ebsKey === 'Ebs' ? 'DeleteOnTermination' : 'deleteOnTermination';
    const violation = judgeDelete(resource, at, key, name, fixFor(resource, deviceName));
    if (violation) out.push({ ...violation, severity, detail: shown(resource, [...list, i]) });
  }
  return out;
}

/**
 * How many mappings the list at `list` has, reading only as far as needed: an
 * element that is an intrinsic is resolved when it is judged, not here. A list
 * that is itself an expression is resolved (a decidable `Fn::If` is read).
 */
function mappingCount(
  resource: NormalisedResource,
  list: readonly string[],
): number | { kind: 'unresolved'; expression: unknown; reason: string } | { kind: 'too-long' } {
  const length = listLength(resource, list);
  return typeof length === 'number' && length > MAX_MAPPINGS ? { kind: 'too-long' } : length;
}

/** The provider's root block device of an instance or launch configuration: judged only when tagged as data. */
function judgeRoot(resource: NormalisedResource, key: string): Violation[] {
  if (resolvePath(resource.properties, [key], resource.document).kind === 'absent') return [];
  if (!taggedAsData(resource)) return [];
  const violation = judgeDelete(resource, [key], 'deleteOnTermination', 'the root volume', fixFor(resource, undefined));
  return violation ? [{ ...violation, detail: shown(resource, [key]) }] : [];
}

/**
 * `DeleteOnTermination` in the block at `at` must be false. Unset means true
 * (EC2's default for volumes attached at launch through the API, and the
 * provider's); an `Fn::If` with one failing branch, or a value that cannot be
 * read, fails closed.
 */
function judgeDelete(
  resource: NormalisedResource,
  at: readonly (string | number)[],
  key: string,
  name: string,
  fix: FixText,
): Violation | undefined {
  const doc = resource.document;
  // A Terraform nested block (`ebs { … }`) is a one-element list.
  const block = resolvePath(resource.properties, at, doc);
  const base = block.kind === 'known' && Array.isArray(block.value) && block.value.length === 1 ? [...at, 0] : at;
  const full = [...base, key];
  const label = shown(resource, [...at, key]);
  const location = locationOf(resource, full);
  for (const a of resolveAlternatives(resource.properties, full, doc)) {
    const when = a.when.length ? ` when ${a.when.join(' and ')}` : '';
    const conditional = a.when.length > 0 || undefined;
    if (a.value.kind === 'absent')
      return {
        fix,
        location,
        unresolved: conditional,
        message: `${label} is not set${when} (${defaultsOf(resource)}: true for a volume attached at launch): terminating the instance deletes ${name}.`,
      };
    if (a.value.kind === 'unresolved')
      return {
        fix,
        location,
        unresolved: true,
        message: `${label} is ${quote(a.value.expression)} and cannot be proven false: ${a.value.reason}; unless it is false, terminating the instance deletes ${name}.`,
      };
    if (asBoolean(a.value.value) !== false)
      return {
        fix,
        location,
        unresolved: conditional,
        message: `${label} is ${quote(a.value.value)}${when}: terminating the instance deletes ${name}.`,
      };
  }
  return undefined;
}

function fixFor(resource: NormalisedResource, device: string | undefined): FixText {
  const fleet = resource.type !== 'AWS::EC2::Instance';
  const where = device === undefined ? 'each data volume' : `\`${device}\``;
  // `aws_spot_instance_request` launches its instance with `aws_instance`'s block devices.
  const spot = /spot_?instance_?request/i.test(resource.nativeType);
  const pulumiClass = fleet ? 'aws.ec2.LaunchConfiguration' : spot ? 'aws.ec2.SpotInstanceRequest' : 'aws.ec2.Instance';
  const terraformType = fleet ? 'aws_launch_configuration' : spot ? 'aws_spot_instance_request' : 'aws_instance';
  return {
    cloudformation: `Set \`Ebs: { DeleteOnTermination: false }\` in the block device mapping of ${where}, or keep the data on an \`AWS::EC2::Volume\` (with \`DeletionPolicy: Snapshot\` or \`Retain\`) attached with \`AWS::EC2::VolumeAttachment\`.`,
    cdk: `Use \`BlockDeviceVolume.ebs(size, { deleteOnTermination: false })\` for ${where} in \`blockDevices\` (CDK leaves it unset, and EC2 then deletes a volume attached at launch), or keep the data on an \`ec2.Volume\` with \`removalPolicy: RemovalPolicy.RETAIN\`.`,
    pulumi:
      resource.type === LAUNCH_TEMPLATE
        ? `Set \`ebs: { deleteOnTermination: "false" }\` in the \`blockDeviceMappings\` entry of ${where} of the \`aws.ec2.LaunchTemplate\`.`
        : `Set \`deleteOnTermination: false\` in the \`ebsBlockDevices\` entry of ${where} (or \`rootBlockDevice\`) of the \`${pulumiClass}\`, or keep the data on an \`aws.ebs.Volume\` attached with \`aws.ec2.VolumeAttachment\`.`,
    terraform:
      resource.type === LAUNCH_TEMPLATE
        ? `Set \`delete_on_termination = "false"\` in the \`ebs\` block of the \`block_device_mappings\` for ${where} of the \`aws_launch_template\`.`
        : `Set \`delete_on_termination = false\` in the \`ebs_block_device\` block of ${where} (or \`root_block_device\`) of the \`${terraformType}\`, or keep the data on an \`aws_ebs_volume\` attached with \`aws_volume_attachment\`.`,
  };
}
