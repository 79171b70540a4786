import type { Rule } from '../../engine/rule';
import dynamodbDeletionProtection from './dynamodb-deletion-protection';
import dynamodbPointInTimeRecovery from './dynamodb-point-in-time-recovery';
import dynamodbPointInTimeRecoveryPeriod from './dynamodb-point-in-time-recovery-period';
import dynamodbReplicaDeletion from './dynamodb-replica-deletion';

export const DYNAMODB_RULES: Rule[] = [
  dynamodbDeletionProtection,
  dynamodbPointInTimeRecovery,
  dynamodbPointInTimeRecoveryPeriod,
  dynamodbReplicaDeletion,
];
