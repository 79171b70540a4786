import kmsKeyDeletionWindow from './kms-key-deletion-window';

export const KMS_RULES = [kmsKeyDeletionWindow];
