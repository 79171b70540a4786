import type { Rule } from '../../engine/rule';
import cognitoUserPoolDeletionProtection from './cognito-user-pool-deletion-protection';

export const COGNITO_RULES: Rule[] = [cognitoUserPoolDeletionProtection];
