export * from './severity';
export * from './resource';
export * from './finding';
