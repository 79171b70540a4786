import { asBoolean, requireProperty } from '../../engine/read';
import { defineRule } from '../../engine/rule';

/**
 * QLDB ledgers keep deletion protection on.
 *
 * `DeletionProtection` on `AWS::QLDB::Ledger` is true when it is not set at
 * creation ("If not defined during ledger creation, this feature is enabled
 * (true) by default"), so absence passes; an explicit false, or a value that
 * cannot be read, is a finding.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-qldb-ledger.html#cfn-qldb-ledger-deletionprotection
 */
export default defineRule({
  id: 'qldb-deletion-protection',
  title: 'QLDB ledgers keep deletion protection on',
  why: 'Without deletion protection, a stack delete or one DeleteLedger call removes the ledger and its whole journal, which QLDB cannot restore.',
  fix: 'Set DeletionProtection to true, or leave it unset (its default is true).',
  severity: 'error',
  resourceTypes: ['AWS::QLDB::Ledger'],
  cloudformation(resource) {
    return requireProperty(resource, {
      path: ['DeletionProtection'],
      want: 'true',
      test: (v) => asBoolean(v) === true,
      absentMeans: undefined,
      fix: {
        cloudformation: 'Set `DeletionProtection: true` on the resource (or remove the property: its default is true).',
        cdk: 'Set `deletionProtection: true` on the `qldb.CfnLedger` (or remove it: its default is true).',
        pulumi: 'Pass `deletionProtection: true` to the `aws.qldb.Ledger` (the provider default).',
        terraform: 'Set `deletion_protection = true` (the provider default).',
      },
    });
  },
});
