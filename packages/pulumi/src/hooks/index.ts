export * from './break-glass';
export * from './deletion-guard';
