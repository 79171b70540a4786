import rdsDeletionProtection from './rds-deletion-protection';

export const RDS_RULES = [rdsDeletionProtection];
