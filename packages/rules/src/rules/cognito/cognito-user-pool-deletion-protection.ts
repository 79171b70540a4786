import { requireProperty } from '../../engine/read';
import { defineRule } from '../../engine/rule';

/**
 * Cognito user pools have deletion protection `ACTIVE`.
 *
 * `DeletionProtection` on `AWS::Cognito::UserPool` is `ACTIVE` or `INACTIVE`;
 * pools created through the API (and so CloudFormation) default to inactive,
 * only the console turns it on by default. A deleted user pool takes every user,
 * password hash and attribute with it, and has no backup to restore from.
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-deletion-protection.html
 */
export default defineRule({
  id: 'cognito-user-pool-deletion-protection',
  title: 'Cognito user pools have deletion protection on',
  why: 'A stack delete, a replacement or one DeleteUserPool call removes every user and their credentials, and Cognito keeps no backup to restore them from.',
  fix: 'Set DeletionProtection to ACTIVE.',
  severity: 'error',
  resourceTypes: ['AWS::Cognito::UserPool'],
  cloudformation(resource) {
    return requireProperty(resource, {
      path: ['DeletionProtection'],
      want: '`ACTIVE`',
      test: (v) => v === 'ACTIVE',
      absentMeans: 'INACTIVE',
      fix: {
        cloudformation: 'Set `DeletionProtection: ACTIVE` on the resource.',
        cdk: "Pass `deletionProtection: true` to the `UserPool` (or set `deletionProtection = 'ACTIVE'` on the L1 `CfnUserPool`).",
        pulumi: 'Pass `deletionProtection: "ACTIVE"` to the `aws.cognito.UserPool`.',
        terraform: 'Set `deletion_protection = "ACTIVE"`.',
      },
    });
  },
});
