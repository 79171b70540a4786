/**
 * The catalogue: every rule, through one barrel per service, and nothing else.
 * Order is the order of the listing (`deadbolt rules`) and of findings for one resource.
 */
import type { Rule } from '../engine/rule';
import { GENERAL_RULES } from './general';
import { RDS_RULES } from './rds';
import { DOCDB_RULES } from './docdb';
import { NEPTUNE_RULES } from './neptune';
import { DYNAMODB_RULES } from './dynamodb';
import { COGNITO_RULES } from './cognito';
import { QLDB_RULES } from './qldb';
import { DSQL_RULES } from './dsql';
import { REDSHIFT_RULES } from './redshift';
import { ELASTICACHE_RULES } from './elasticache';
import { MEMORYDB_RULES } from './memorydb';
import { KEYSPACES_RULES } from './keyspaces';
import { TIMESTREAM_RULES } from './timestream';
import { LIGHTSAIL_RULES } from './lightsail';
import { OPENSEARCH_RULES } from './opensearch';
import { LOGS_RULES } from './logs';
import { CLOUDTRAIL_RULES } from './cloudtrail';
import { S3_RULES } from './s3';
import { ECR_RULES } from './ecr';
import { EFS_RULES } from './efs';
import { FSX_RULES } from './fsx';
import { EC2_RULES } from './ec2';
import { BACKUP_RULES } from './backup';
import { KMS_RULES } from './kms';
import { STACK_RULES } from './stack';
import { TEMPLATE_RULES } from './template';
import { GCP_RULES } from './gcp';

export const CATALOGUE: readonly Rule[] = [
  ...GENERAL_RULES,
  ...RDS_RULES,
  ...DOCDB_RULES,
  ...NEPTUNE_RULES,
  ...DYNAMODB_RULES,
  ...COGNITO_RULES,
  ...QLDB_RULES,
  ...DSQL_RULES,
  ...REDSHIFT_RULES,
  ...ELASTICACHE_RULES,
  ...MEMORYDB_RULES,
  ...KEYSPACES_RULES,
  ...TIMESTREAM_RULES,
  ...LIGHTSAIL_RULES,
  ...OPENSEARCH_RULES,
  ...LOGS_RULES,
  ...CLOUDTRAIL_RULES,
  ...S3_RULES,
  ...ECR_RULES,
  ...EFS_RULES,
  ...FSX_RULES,
  ...EC2_RULES,
  ...BACKUP_RULES,
  ...KMS_RULES,
  ...STACK_RULES,
  ...TEMPLATE_RULES,
  ...GCP_RULES,
];

export const RULE_IDS: readonly string[] = CATALOGUE.map((r) => r.id);

const BY_ID = new Map(CATALOGUE.map((r) => [r.id, r]));
if (BY_ID.size !== CATALOGUE.length) throw new Error('Two rules in the catalogue share an id.');

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}
