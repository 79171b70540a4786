import type { Rule } from '../../engine/rule';
import dsqlDeletionProtection from './dsql-deletion-protection';

export const DSQL_RULES: Rule[] = [dsqlDeletionProtection];
