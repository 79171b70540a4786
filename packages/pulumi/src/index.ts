export * from './components';
export * from './hooks';
export * from './enforce';
export * from './policy';
