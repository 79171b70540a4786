export * from './backup-enrolment';
export * from './isolated-backup-vault';
export * from './backup-account-vault';
export * from './safe-database';
export * from './safe-table';
export * from './safe-bucket';
export { PROTECTED_TAG_KEY, OPT_OUT_TAG_KEY } from './private/guards';
export * from './cloud-sql-backup-plan';
export * from './safe-cloud-sql-instance';
