import efsAutomaticBackups from './efs-automatic-backups';
import efsReplicationOverwriteProtection from './efs-replication-overwrite-protection';

export const EFS_RULES = [efsAutomaticBackups, efsReplicationOverwriteProtection];
