/**
 * The rule catalogue and the engine: the resource model, the dialects that
 * read templates, cloud assemblies and provider resources into it, `evaluate`,
 * acknowledgements, and the destructive-change gate.
 * @module @deadbolt/rules
 */
export * from './model';
export * from './text/plural';
export * from './text/written-reason';
export * from './text/idiom-words';
export * from './engine/values';
export * from './engine/read';
export * from './engine/rule';
export * from './engine/references';
export * from './engine/backup-coverage';
export * from './engine/backup-minimums';
export * from './engine/backup-schedule';
export * from './engine/backup-refusals';
export * from './engine/acknowledgements';
export * from './engine/suppressions';
export {
  evaluate as evaluateWith,
  acknowledgeWith,
  type EvaluationOptions,
  type EvaluationResult,
} from './engine/evaluate';
export * from './dialects/errors';
export * from './dialects/cloudformation';
export * from './dialects/json-keys';
export * from './dialects/cloud-assembly';
export * from './spec/stateful-types';
export * from './protection';
export { CATALOGUE, RULE_IDS, ruleById } from './rules';
export { S3_AUTO_DELETE_OBJECTS, CDK_BUCKET_DEPLOYMENT } from './rules/s3/s3-no-auto-delete-objects';
export { ECR_AUTO_DELETE_IMAGES } from './rules/ecr/ecr-no-empty-on-delete';
export { DYNAMODB_REPLICA } from './rules/dynamodb/dynamodb-replica-deletion';
export { databaseOfMasterSecret } from './rules/general/policy';
export { evaluate } from './evaluate';
export * from './dialects/aws-provider-types';
export * from './gate';
export * from './dialects/aws-provider-model';
export * from './dialects/aws-provider';
export * from './dialects/terraform-json';
export {
  readGoogleModel,
  googleTerraformType,
  isGoogleRecordType,
  outputResource,
  PULUMI_GCP_PROVIDER,
  BACKUP_OPT_OUT_LABEL,
} from './dialects/google-provider';
export * from './iam';
