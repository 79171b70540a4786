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
    // The rules package's light entry point for the agent hook (packages/rules/data-stores/package.json).
    '^@deadbolt/rules/data-stores$': '<rootDir>/packages/rules/src/spec/data-stores.ts',
    // The Pulumi package's subpath entries (packages/pulumi/policy and packages/pulumi/testing).
    '^@deadbolt/pulumi/(policy|testing)$': '<rootDir>/packages/pulumi/src/$1/index.ts',
  },
  testTimeout: 60000,
};
