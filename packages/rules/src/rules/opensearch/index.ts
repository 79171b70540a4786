import type { Rule } from '../../engine/rule';
import opensearchServerlessDeletionProtection from './opensearch-serverless-deletion-protection';

export const OPENSEARCH_RULES: Rule[] = [opensearchServerlessDeletionProtection];
