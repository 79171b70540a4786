import type { Rule } from '../../engine/rule';
import redshiftSnapshotRetention from './redshift-snapshot-retention';
import redshiftCustomerManagedKey from './redshift-customer-managed-key';
import redshiftFinalSnapshot from './redshift-final-snapshot';

export const REDSHIFT_RULES: Rule[] = [redshiftSnapshotRetention, redshiftCustomerManagedKey, redshiftFinalSnapshot];
