import type { Rule } from '../../engine/rule';
import dynamodbDeletionProtection from './dynamodb-deletion-protection';
import dynamodbPointInTimeRecovery from './dynamodb-point-in-time-recovery';

export const DYNAMODB_RULES: Rule[] = [dynamodbDeletionProtection, dynamodbPointInTimeRecovery];
