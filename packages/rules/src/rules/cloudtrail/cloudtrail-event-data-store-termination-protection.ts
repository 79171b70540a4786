import { asBoolean, requireProperty } from '../../engine/read';
import { defineRule } from '../../engine/rule';

/**
 * CloudTrail Lake event data stores keep termination protection on.
 *
 * "By default, termination protection is enabled on an event data store", so
 * an unset `TerminationProtectionEnabled` on `AWS::CloudTrail::EventDataStore`
 * passes; an explicit false, or a value that cannot be read, is a finding.
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/query-eds-disable-termination.html
 */
export default defineRule({
  id: 'cloudtrail-event-data-store-termination-protection',
  title: 'CloudTrail Lake event data stores keep termination protection on',
  why: 'Without termination protection, a stack delete or one DeleteEventDataStore call deletes the stored audit events for good once the 7-day restore window passes.',
  fix: 'Set TerminationProtectionEnabled to true, or leave it unset (its default is true).',
  severity: 'error',
  resourceTypes: ['AWS::CloudTrail::EventDataStore'],
  cloudformation(resource) {
    return requireProperty(resource, {
      path: ['TerminationProtectionEnabled'],
      want: 'true',
      test: (v) => asBoolean(v) === true,
      absentMeans: undefined,
      fix: {
        cloudformation:
          'Set `TerminationProtectionEnabled: true` on the resource (or remove the property: its default is true).',
        cdk: 'Set `terminationProtectionEnabled: true` on the `cloudtrail.CfnEventDataStore` (or remove it: its default is true).',
        pulumi:
          'Pass `terminationProtectionEnabled: true` to the `aws.cloudtrail.EventDataStore` (the provider default).',
        terraform: 'Set `termination_protection_enabled = true` (the provider default).',
      },
    });
  },
});
