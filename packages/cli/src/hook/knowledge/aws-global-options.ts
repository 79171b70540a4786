/**
 * The AWS CLI's global options that take a value
 * (https://docs.aws.amazon.com/cli/latest/reference/#options): a reader that looks
 * for the service and operation words skips each of these with its value, so
 * `aws --profile prod rds delete-db-instance` reads as `rds delete-db-instance`.
 * One table for every reader of `aws` command lines (the destructive-command
 * catalogue, the hosted-service check and the production-marker check).
 */
export const AWS_GLOBAL_VALUE_OPTIONS: ReadonlySet<string> = new Set([
  '--profile',
  '--region',
  '--output',
  '--endpoint-url',
  '--query',
  '--color',
  '--ca-bundle',
  '--cli-read-timeout',
  '--cli-connect-timeout',
  '--cli-binary-format',
]);
