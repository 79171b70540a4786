#!/usr/bin/env node
'use strict';
/**
 * One process of bench/pulumi-enforce: runs the generated program (program.js)
 * once under `pulumi.runtime.setMocks` and prints its measurements as one line
 * of JSON on stdout. `run.js` spawns it; by hand:
 *
 *   node bench/pulumi-enforce/measure.js --variant enforced --mode preview --resources 1000
 *
 * - baseline: the program as it is;
 * - enforced: the same program, with `enforceDataProtection({ judgeAtExit: false })`
 *   as its first statement, and `judge()` once every registration is done.
 *
 * Timed with `process.hrtime.bigint()`, from the start of the program (just
 * before `runInPulumiStack`) until every registration is done (the runtime's
 * RPC queue is empty) and, for the enforced variant, the judgement is made.
 * Loading @pulumi/pulumi and @pulumi/aws (and touching every class the
 * program uses, which @pulumi/aws loads lazily) and loading @deadbolt/pulumi
 * are timed apart, before the program starts.
 */
const path = require('path');
const { parseArgs } = require('util');

const ROOT = path.resolve(__dirname, '..', '..');
const DEADBOLT_PULUMI = path.join(ROOT, 'packages', 'pulumi', 'lib', 'src', 'index.js');
const VARIANTS = ['baseline', 'enforced'];
const MODES = ['preview', 'update'];

const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;
const cpuMs = (u) => (u.user + u.system) / 1000;

/** Outputs a real provider computes, so that `.arn`, `.id` and `.endpoint` resolve in update mode. */
function computed(type, name, inputs) {
  const [pkg, mod] = type.split(':');
  if (pkg !== 'aws') return {};
  const service = (mod || '').split('/')[0];
  const physical = inputs.identifier || inputs.name || inputs.bucket || `${name}-1a2b3c4`;
  return {
    arn: `arn:aws:${service}:eu-west-1:111111111111:${service === 'rds' ? 'db:' : ''}${physical}`,
    id: physical,
    name: inputs.name || physical,
    ...(service === 'kms' ? { keyId: `${name}-key-id` } : {}),
    ...(service === 'rds' ? { endpoint: `${physical}.c0ffee.eu-west-1.rds.amazonaws.com:5432` } : {}),
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      variant: { type: 'string' },
      mode: { type: 'string', default: 'preview' },
      resources: { type: 'string', default: '1000' },
    },
    strict: true,
  });
  if (!VARIANTS.includes(values.variant))
    throw new Error(`--variant must be one of ${VARIANTS.join(', ')}; got ${JSON.stringify(values.variant)}.`);
  if (!MODES.includes(values.mode))
    throw new Error(`--mode must be one of ${MODES.join(', ')}; got ${JSON.stringify(values.mode)}.`);
  const enforced = values.variant === 'enforced';
  const preview = values.mode === 'preview';
  const program = require('./program');
  const units = program.unitsFor(Number(values.resources));

  let t = process.hrtime.bigint();
  const pulumi = require('@pulumi/pulumi');
  const aws = require('@pulumi/aws');
  for (const [mod, cls] of program.CLASSES)
    if (typeof aws[mod][cls] !== 'function') throw new Error(`@pulumi/aws has no ${mod}.${cls}.`);
  const loadPulumi = ms(t);

  let deadbolt;
  let loadDeadbolt = 0;
  if (enforced) {
    t = process.hrtime.bigint();
    deadbolt = require(DEADBOLT_PULUMI);
    loadDeadbolt = ms(t);
  }

  await pulumi.runtime.setMocks(
    {
      newResource: (a) =>
        preview
          ? { id: undefined, state: a.inputs }
          : { id: `${a.name}-id`, state: { ...a.inputs, ...computed(a.type, a.name, a.inputs) } },
      call: (a) => a.inputs,
    },
    'bench',
    'prod',
    preview,
  );
  pulumi.runtime.setAllConfig({ 'aws:region': program.REGION });

  // Count what reaches the (mock) engine: the same in both variants.
  const registered = { custom: 0, component: 0, types: new Set() };
  const monitor = pulumi.runtime.getMonitor();
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) =>
    register(req, (err, res) => {
      if (!err) {
        if (req.getCustom()) registered.custom++;
        else registered.component++;
        registered.types.add(req.getType());
      }
      callback(err, res);
    });

  let enforcement;
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  await pulumi.runtime.runInPulumiStack(async () => {
    if (enforced)
      enforcement = deadbolt.enforceDataProtection({
        judgeAtExit: false,
        account: program.ACCOUNT,
        region: program.REGION,
      });
    return program.buildProgram(pulumi, aws, { units });
  });
  await pulumi.runtime.waitForRPCs();
  const registrations = ms(start);
  let judge = 0;
  let judgement;
  if (enforced) {
    t = process.hrtime.bigint();
    judgement = await enforcement.judge();
    judge = ms(t);
  }
  const total = ms(start);
  const cpu = cpuMs(process.cpuUsage(cpu0));

  const result = {
    variant: values.variant,
    mode: values.mode,
    units,
    resources: registered.custom,
    components: registered.component,
    types: registered.types.size,
    loadPulumi,
    loadDeadbolt,
    registrations,
    judge,
    total,
    cpu,
  };
  if (enforced) {
    const count = (s) => judgement.findings.filter((f) => f.severity === s && !f.acknowledged).length;
    result.paths = enforcement.paths;
    result.records = judgement.records.length;
    result.findings = { error: count('error'), warning: count('warning'), info: count('info') };
    result.protected = (await enforcement.changes()).length;
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((e) => {
  process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
  process.exit(2);
});
