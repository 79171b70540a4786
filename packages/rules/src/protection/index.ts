export * from './setting';
export * from './store';
export * from './table';
export * from './membership';
