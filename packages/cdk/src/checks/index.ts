export * from './options';
export * from './acknowledgements';
export * from './data-protection-checks';
export * from './data-protection-plugin';
