/**
 * `@deadbolt/pulumi/testing`: run a Pulumi program under the unit-test mocks
 * and assert on Deadbolt's findings. Its own entry point, so that programs
 * (which load the main entry under the CLI) never load test code.
 * @module @deadbolt/pulumi/testing
 */
export * from './run-with-deadbolt';
export * from './aws-mocks';
export * from './gcp-mocks';
export type { RegisteredResource } from './registered-resources';
