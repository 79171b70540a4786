import fsxAutomaticBackupRetention from './fsx-automatic-backup-retention';
import fsxFinalBackup from './fsx-final-backup';
import fsxNoDeleteChildVolumes from './fsx-no-delete-child-volumes';

export const FSX_RULES = [fsxAutomaticBackupRetention, fsxFinalBackup, fsxNoDeleteChildVolumes];
