import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { evaluate } from '../../engine/evaluate';
import { findingsOf, one, providerModelOf, type TemplateCase } from '../testing/harness';
import rule from './ec2-no-delete-on-termination';

const INSTANCE = 'AWS::EC2::Instance';
const mapping = (DeviceName: unknown, ebs?: Record<string, unknown>) => ({
  DeviceName,
  ...(ebs ? { Ebs: { VolumeSize: 100, ...ebs } } : {}),
});
const instance = (...mappings: unknown[]) => one(INSTANCE, { ImageId: 'ami-1', BlockDeviceMappings: mappings });
const provider = (type: string, inputs: Record<string, unknown>, idiom: 'pulumi' | 'terraform' = 'terraform') =>
  evaluate(providerModelOf([{ id: 'i', name: 'i', type, inputs }]), { rules: [rule], idiom }).findings;

describe('ec2-no-delete-on-termination: EBS data volumes attached at launch survive the termination of their instance', () => {
  const invalid: [string, TemplateCase, string, RegExp][] = [
    [
      '1. a data volume without DeleteOnTermination (EC2 default for volumes attached at launch: true)',
      instance(mapping('/dev/xvda', {}), mapping('/dev/sdf', {})),
      'Properties/BlockDeviceMappings/1/Ebs/DeleteOnTermination',
      /^BlockDeviceMappings\[1\]\.Ebs\.DeleteOnTermination is not set \(CloudFormation default: true for a volume attached at launch\): terminating the instance deletes data volume \/dev\/sdf\.$/,
    ],
    [
      '2. a data volume with DeleteOnTermination true',
      instance(mapping('/dev/xvdb', { DeleteOnTermination: true })),
      'Properties/BlockDeviceMappings/0/Ebs/DeleteOnTermination',
      /^BlockDeviceMappings\[0\]\.Ebs\.DeleteOnTermination is true: terminating the instance deletes data volume \/dev\/xvdb\.$/,
    ],
    [
      '3. "true" as a string',
      instance(mapping('xvdf', { DeleteOnTermination: 'true' })),
      'Properties/BlockDeviceMappings/0/Ebs/DeleteOnTermination',
      /is "true": terminating the instance deletes data volume xvdf/,
    ],
    [
      '4. a device name from a parameter cannot be proven to be the root volume',
      {
        Parameters: { Device: { Type: 'String', Default: '/dev/xvda' } },
        Resources: instance(mapping({ Ref: 'Device' }, { DeleteOnTermination: true })).Resources,
      },
      'Properties/BlockDeviceMappings/0/Ebs/DeleteOnTermination',
      /deletes the volume whose device name is \{"Ref":"Device"\} \(it is parameter "Device".*\), which cannot be proven to be the root volume/,
    ],
    [
      '5. DeleteOnTermination from a condition',
      {
        Parameters: { Env: { Type: 'String' } },
        Conditions: { Prod: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
        Resources: instance(mapping('/dev/sdh', { DeleteOnTermination: { 'Fn::If': ['Prod', false, true] } }))
          .Resources,
      },
      'Properties/BlockDeviceMappings/0/Ebs/DeleteOnTermination',
      /is true when Prod=false: terminating the instance deletes data volume \/dev\/sdh/,
    ],
    [
      '6. the root volume of an instance tagged as data',
      one(INSTANCE, {
        BlockDeviceMappings: [mapping('/dev/sda1', {})],
        Tags: [{ Key: 'deadbolt:data', Value: 'true' }],
      }),
      'Properties/BlockDeviceMappings/0/Ebs/DeleteOnTermination',
      /deletes root volume \/dev\/sda1/,
    ],
  ];
  test.each(invalid)('%s is a finding', (_name, template, location, message) => {
    const findings = findingsOf(rule, template);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'ec2-no-delete-on-termination', severity: 'error', location });
    expect(findings[0].message).toMatch(message);
    expect(findings[0].fix).toMatch(/DeleteOnTermination: false/);
  });

  test('a whole mapping list from a condition fails closed', () => {
    const [f] = findingsOf(rule, {
      Parameters: { P: { Type: 'CommaDelimitedList' } },
      Resources: one(INSTANCE, { BlockDeviceMappings: { Ref: 'P' } }).Resources,
    });
    expect(f.unresolved).toBe(true);
    expect(f.message).toMatch(/^BlockDeviceMappings is \{"Ref":"P"\} and cannot be proven to keep data volumes/);
  });

  const valid: [string, TemplateCase][] = [
    ['a data volume with DeleteOnTermination false', instance(mapping('/dev/sdf', { DeleteOnTermination: false }))],
    ['"false" as a string', instance(mapping('/dev/sdf', { DeleteOnTermination: 'false' }))],
    ['the root volume (deleted by default, holds the operating system)', instance(mapping('/dev/xvda', {}))],
    ['the Windows/Ubuntu root device', instance(mapping('/dev/sda1', { DeleteOnTermination: true }))],
    ['an instance store volume', instance({ DeviceName: '/dev/sdb', VirtualName: 'ephemeral0' })],
    ['a NoDevice mapping', instance({ DeviceName: '/dev/sdc', NoDevice: {} })],
    ['no mappings (the AMI decides)', one(INSTANCE, { ImageId: 'ami-1' })],
  ];
  test.each(valid)('%s passes', (_name, template) => {
    expect(findingsOf(rule, template)).toEqual([]);
  });

  test('launch templates and launch configurations are warnings, errors when tagged as data', () => {
    const [lt] = findingsOf(
      rule,
      one('AWS::EC2::LaunchTemplate', { LaunchTemplateData: { BlockDeviceMappings: [mapping('/dev/xvdb', {})] } }),
    );
    expect(lt).toMatchObject({
      severity: 'warning',
      location: 'Properties/LaunchTemplateData/BlockDeviceMappings/0/Ebs/DeleteOnTermination',
    });
    const [lc] = findingsOf(
      rule,
      one('AWS::AutoScaling::LaunchConfiguration', { BlockDeviceMappings: [mapping('/dev/sdf', {})] }),
    );
    expect(lc.severity).toBe('warning');
    const [tagged] = findingsOf(
      rule,
      one('AWS::EC2::LaunchTemplate', {
        LaunchTemplateData: {
          BlockDeviceMappings: [mapping('/dev/xvdb', { DeleteOnTermination: true })],
          TagSpecifications: [{ ResourceType: 'volume', Tags: [{ Key: 'deadbolt:data', Value: 'true' }] }],
        },
      }),
    );
    expect(tagged.severity).toBe('error');
  });

  describe('Terraform and Pulumi', () => {
    test('aws_instance ebs_block_device defaults delete_on_termination to true', () => {
      const [f] = provider('aws_instance', { ebs_block_device: [{ device_name: '/dev/sdf', volume_size: 100 }] });
      expect(f).toMatchObject({ severity: 'error', location: 'inputs/ebsBlockDevice/0/deleteOnTermination' });
      expect(f.message).toBe(
        'ebsBlockDevice[0].deleteOnTermination is not set (provider default: true for a volume attached at launch): terminating the instance deletes data volume /dev/sdf.',
      );
      expect(f.fix).toMatch(/^Set `delete_on_termination = false` in the `ebs_block_device` block of `\/dev\/sdf`/);
      expect(
        provider('aws_instance', { ebs_block_device: [{ device_name: '/dev/sdf', delete_on_termination: false }] }),
      ).toEqual([]);
    });

    test('Pulumi ebsBlockDevices; the root block device only when tagged as data', () => {
      expect(
        provider(
          'aws:ec2/instance:Instance',
          { ebsBlockDevices: [{ deviceName: '/dev/sdg', deleteOnTermination: true }], rootBlockDevice: {} },
          'pulumi',
        ),
      ).toHaveLength(1);
      expect(provider('aws:ec2/instance:Instance', { rootBlockDevice: { volumeSize: 50 } }, 'pulumi')).toEqual([]);
      const [root] = provider(
        'aws:ec2/instance:Instance',
        { rootBlockDevice: { volumeSize: 50 }, tags: { 'deadbolt:data': 'true' } },
        'pulumi',
      );
      expect(root.message).toMatch(/^rootBlockDevice\.deleteOnTermination is not set .*deletes the root volume\.$/);
    });

    test('aws_launch_template block_device_mappings: a warning, with delete_on_termination as a string', () => {
      const [f] = provider('aws_launch_template', {
        block_device_mappings: [
          { device_name: '/dev/xvdb', ebs: [{ volume_size: 20, delete_on_termination: 'true' }] },
        ],
      });
      expect(f).toMatchObject({ severity: 'warning' });
      expect(f.message).toBe(
        'blockDeviceMappings[0].ebs.deleteOnTermination is "true": terminating the instance deletes data volume /dev/xvdb.',
      );
      expect(
        provider('aws_launch_template', {
          block_device_mappings: [{ device_name: '/dev/xvdb', ebs: [{ delete_on_termination: 'false' }] }],
        }),
      ).toEqual([]);
    });

    test('aws_launch_configuration ebs_block_device', () => {
      expect(provider('aws_launch_configuration', { ebs_block_device: [{ device_name: '/dev/sdf' }] })).toHaveLength(1);
    });
  });

  describe('on real CDK apps', () => {
    const synth = (build: (stack: Stack, vpc: ec2.Vpc) => void) => {
      const stack = new Stack(new App({ builtinCloudFormationValidation: false }), 'Test');
      build(stack, new ec2.Vpc(stack, 'Vpc'));
      return findingsOf(rule, Template.fromStack(stack).toJSON() as TemplateCase, {}, { idiom: 'cdk' });
    };
    const props = (vpc: ec2.Vpc, volume: ec2.BlockDeviceVolume): ec2.InstanceProps => ({
      vpc,
      instanceType: new ec2.InstanceType('t3.micro'),
      machineImage: ec2.MachineImage.genericLinux({ 'us-east-1': 'ami-12345678' }),
      blockDevices: [
        { deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(20) },
        { deviceName: '/dev/sdf', volume },
      ],
    });

    test('an Instance with a data volume from BlockDeviceVolume.ebs(size) loses it on termination', () => {
      const findings = synth((stack, vpc) => new ec2.Instance(stack, 'Db', props(vpc, ec2.BlockDeviceVolume.ebs(100))));
      expect(findings).toHaveLength(1);
      expect(findings[0].message).toMatch(/BlockDeviceMappings\[1\]\.Ebs\.DeleteOnTermination is not set/);
      expect(findings[0].fix).toMatch(/BlockDeviceVolume\.ebs\(size, \{ deleteOnTermination: false \}\)/);
    });

    test('deleteOnTermination: false on the data volume passes (the root volume is not judged)', () => {
      expect(
        synth(
          (stack, vpc) =>
            new ec2.Instance(stack, 'Db', props(vpc, ec2.BlockDeviceVolume.ebs(100, { deleteOnTermination: false }))),
        ),
      ).toEqual([]);
    });
  });
});
