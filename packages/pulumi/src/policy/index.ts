export * from './data-protection-policy-pack';
