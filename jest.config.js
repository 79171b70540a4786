/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Transpile only: type-checking is `tsc -b`, which `npm test` runs first.
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  testMatch: [
    '<rootDir>/packages/*/src/**/*.test.ts',
    '<rootDir>/packages/*/test/**/*.test.ts',
    '<rootDir>/test/**/*.test.ts',
  ],
  testPathIgnorePatterns: ['/node_modules/', '/lib/'],
  moduleNameMapper: {
    '^@deadbolt/(rules|cdk|pulumi)$': '<rootDir>/packages/$1/src/index.ts',
  },
  testTimeout: 60000,
};
