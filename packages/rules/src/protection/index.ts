export * from './setting';
export * from './store';
export * from './table';
export * from './membership';
export * from './provider-types';
export * from './stores/google';
