#!/usr/bin/env node
'use strict';
/**
 * The benchmark's app in plain Node.js, as a TypeScript user runs it: one stack of `--tables` DynamoDB tables, with
 * or without `DataProtectionChecks`, built and synthesized in this process. Prints
 * `BENCH_RESULT {"requireMs", "buildSynthMs", "findings"}`.
 *
 *   node bench/jsii-kernel/node-app.js --tables 50 --checks true|false --outdir DIR
 */
const { performance } = require('perf_hooks');
const { parseArgs } = require('util');

const { values } = parseArgs({
  options: { tables: { type: 'string' }, checks: { type: 'string' }, outdir: { type: 'string' } },
});
const tables = Number(values.tables);
const withChecks = values.checks === 'true';

const t0 = performance.now();
const cdk = require('aws-cdk-lib');
const dynamodb = require('aws-cdk-lib/aws-dynamodb');
const { DataProtectionChecks } = require('@deadbolt/cdk');
const requireMs = performance.now() - t0;

const t1 = performance.now();
// CDK's own CloudFormation validation off in every variant: it is not what is measured, and dominates a small app.
const app = new cdk.App({ outdir: values.outdir, builtinCloudFormationValidation: false });
const stack = new cdk.Stack(app, 'Bench', {
  env: { account: '111111111111', region: 'us-east-1' },
  terminationProtection: true,
});
for (let i = 0; i < tables; i++) {
  new dynamodb.Table(stack, `Table${i}`, { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
}
let checks;
if (withChecks) {
  checks = new DataProtectionChecks();
  cdk.Aspects.of(app).add(checks, { priority: cdk.AspectPriority.READONLY });
}
app.synth();
const buildSynthMs = performance.now() - t1;
process.stdout.write(
  `BENCH_RESULT ${JSON.stringify({ requireMs, buildSynthMs, findings: checks ? checks.findings.length : 0 })}\n`,
);
