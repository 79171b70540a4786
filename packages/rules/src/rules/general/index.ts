import generalDeletionPolicy from './general-deletion-policy';
import generalUpdateReplacePolicy from './general-update-replace-policy';

export const GENERAL_RULES = [generalDeletionPolicy, generalUpdateReplacePolicy];
