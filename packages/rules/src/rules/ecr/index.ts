import ecrNoEmptyOnDelete from './ecr-no-empty-on-delete';

export const ECR_RULES = [ecrNoEmptyOnDelete];
