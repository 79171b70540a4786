/**
 * The IAM audit: the destructive-action catalogue, the principals' model and
 * its readers, and the offline evaluation of who can destroy data.
 */
export * from './model';
export * from './destructive-actions';
export * from './patterns';
export * from './conditions';
export * from './evaluate';
export * from './audit';
export * from './document-reader';
export * from './authorization-details';
export * from './scp';
export * from './cloudformation-principals';
export * from './resource-tag-support';
export * from './guardrail';
export * from './provider-principals';
