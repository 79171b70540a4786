/**
 * Infrastructure tools that only the production markers judge: the catalogue
 * denies none of their commands everywhere, so the pre-filter must still
 * send a line naming one of them to the analysis (under a marker,
 * `kubectl apply` asks). Kept apart so the pre-filter loads a list, not the
 * marker code.
 */
export const ENVIRONMENT_TOOLS: ReadonlySet<string> = new Set(['kubectl', 'helm', 'gcloud', 'az']);

/** Every tool the production markers judge (the guarded ones and these): the analysis loads the marker code for them only. */
export const MARKED_TOOLS: ReadonlySet<string> = new Set([
  'aws',
  'terraform',
  'tofu',
  'terragrunt',
  'pulumi',
  'cdk',
  'cdktf',
  'sam',
  'serverless',
  'sls',
  ...ENVIRONMENT_TOOLS,
]);
