import efsAutomaticBackups from './efs-automatic-backups';

export const EFS_RULES = [efsAutomaticBackups];
