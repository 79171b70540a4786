export * from './backup-account-vault';
export * from './isolated-backup-vault';
export * from './backup-enrolment';
export * from './safe-database-instance';
export * from './safe-database-cluster';
export * from './safe-table';
export * from './safe-bucket';
export * from './safe-file-system';
