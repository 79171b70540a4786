import templateUnexpandedContent from './template-unexpanded-content';

export const TEMPLATE_RULES = [templateUnexpandedContent];
