export * from './checks';
export * from './constructs';
