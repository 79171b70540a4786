/**
 * Names of the guarded programs (matched case-insensitively, after the
 * directory is stripped). Its own module so that the pre-filter loads it
 * without the catalogue.
 */
export const GUARDED_TOOLS = [
  'terraform',
  'tofu',
  'terragrunt',
  'pulumi',
  'cdk',
  'cdktf',
  'aws',
  'sam',
  'serverless',
  'sls',
] as const;
