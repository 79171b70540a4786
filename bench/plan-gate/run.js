#!/usr/bin/env node
'use strict';
/**
 * The cost of `deadbolt plan` on a large Terraform plan, against a bare
 * `JSON.parse` of the same file measured in the same run.
 *
 *   npm run bench:plan                          # tsc -b, then this script
 *   node bench/plan-gate/run.js [--runs N] [--changes N] [--no-write] [--out FILE] [--keep FILE]
 *
 * 1. Generates a realistic `terraform show -json` plan (`--changes`, default
 *    20,000): mostly in-place updates, creates and no-ops of stateless
 *    resources, in-place updates of databases, tables, buckets and keys that keep
 *    their protection, and a few deletes and replacements of stateful resources.
 * 2. In this process, N rounds (default 9) of, in alternating order:
 *    - baseline: `JSON.parse(fs.readFileSync(file, 'utf8'))`;
 *    - gate: what `deadbolt plan` does in process: read the file, parse it,
 *      recognise and read the plan, classify every change, apply approvals.
 *    The ratio of the medians is the target (at most 1.5).
 * 3. N spawns of the CLI (`deadbolt plan FILE --format json`), wall time,
 *    and `node -e ""` for reference.
 * Prints the results and replaces the `## plan-gate` section of bench/RESULTS.md
 * (unless --no-write); other sections are left as they are. The script runs
 * itself under `--expose-gc` and collects garbage before each measurement.
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const { replaceSection, gitCommit } = require('../results-file');
const { benchOptions } = require('../args');
const { random } = require('../random');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const RULES = path.join(ROOT, 'packages', 'rules', 'lib', 'index.js');
const CLI = path.join(ROOT, 'packages', 'cli', 'lib', 'src', 'bin', 'deadbolt.js');
const DEFAULT_OUT = path.join(ROOT, 'bench', 'RESULTS.md');
const SECTION = '## plan-gate';
const TARGET_RATIO = 1.5;

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const opts = benchOptions(argv, {
    usage: 'Usage: node bench/plan-gate/run.js [--runs N] [--changes N] [--no-write] [--out FILE] [--keep FILE]\n',
    defaultOut: DEFAULT_OUT,
    counts: { runs: 9, changes: 20000 },
    strings: { keep: undefined },
  });
  return { ...opts, keep: opts.keep === undefined ? undefined : path.resolve(opts.keep) };
}

// ---------------------------------------------------------------------------
// The plan

const REGION = 'eu-west-1';
const ACCOUNT = '111111111111';

const tags = (i) => ({ service: `svc-${i % 40}`, team: `team-${i % 7}` });
const tagsAll = (i) => ({ ...tags(i), env: 'prod', 'managed-by': 'terraform' });

/** Realistic attribute sets, per type; `i` makes names unique. */
const STATES = {
  aws_lambda_function: (i) => ({
    architectures: ['arm64'],
    arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:fn-${i}`,
    code_signing_config_arn: '',
    dead_letter_config: [],
    description: `Function ${i}`,
    environment: [{ variables: { LOG_LEVEL: 'info', TABLE: `table-${i % 50}` } }],
    ephemeral_storage: [{ size: 512 }],
    filename: null,
    function_name: `fn-${i}`,
    handler: 'index.handler',
    id: `fn-${i}`,
    image_uri: '',
    invoke_arn: `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/arn:aws:lambda:${REGION}:${ACCOUNT}:function:fn-${i}/invocations`,
    kms_key_arn: '',
    last_modified: '2026-11-01T10:00:00.000+0000',
    layers: [],
    memory_size: 512,
    package_type: 'Zip',
    publish: false,
    qualified_arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:fn-${i}:$LATEST`,
    reserved_concurrent_executions: -1,
    role: `arn:aws:iam::${ACCOUNT}:role/fn-${i}`,
    runtime: 'nodejs20.x',
    s3_bucket: 'artifacts',
    s3_key: `fn-${i}.zip`,
    source_code_hash: 'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=',
    source_code_size: 10240,
    tags: tags(i),
    tags_all: tagsAll(i),
    timeout: 10,
    tracing_config: [{ mode: 'PassThrough' }],
    version: '$LATEST',
    vpc_config: [],
  }),
  aws_iam_role: (i) => ({
    arn: `arn:aws:iam::${ACCOUNT}:role/fn-${i}`,
    assume_role_policy:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}',
    create_date: '2026-01-01T00:00:00Z',
    description: '',
    force_detach_policies: false,
    id: `fn-${i}`,
    inline_policy: [],
    managed_policy_arns: [],
    max_session_duration: 3600,
    name: `fn-${i}`,
    name_prefix: '',
    path: '/',
    permissions_boundary: '',
    tags: tags(i),
    tags_all: tagsAll(i),
    unique_id: `AROA${1000000 + i}`,
  }),
  aws_security_group_rule: (i) => ({
    cidr_blocks: ['10.0.0.0/16'],
    description: `rule ${i}`,
    from_port: 443,
    id: `sgrule-${1000000 + i}`,
    ipv6_cidr_blocks: null,
    prefix_list_ids: null,
    protocol: 'tcp',
    security_group_id: `sg-${(i % 300).toString(16).padStart(8, '0')}`,
    security_group_rule_id: `sgr-${i}`,
    self: false,
    source_security_group_id: null,
    to_port: 443,
    type: 'ingress',
  }),
  aws_cloudwatch_log_group: (i) => ({
    arn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/fn-${i}`,
    id: `/aws/lambda/fn-${i}`,
    kms_key_id: '',
    log_group_class: 'STANDARD',
    name: `/aws/lambda/fn-${i}`,
    name_prefix: '',
    retention_in_days: 30,
    skip_destroy: false,
    tags: tags(i),
    tags_all: tagsAll(i),
  }),
  aws_sqs_queue: (i) => ({
    arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:queue-${i}`,
    content_based_deduplication: false,
    delay_seconds: 0,
    fifo_queue: false,
    id: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/queue-${i}`,
    kms_data_key_reuse_period_seconds: 300,
    max_message_size: 262144,
    message_retention_seconds: 345600,
    name: `queue-${i}`,
    receive_wait_time_seconds: 0,
    sqs_managed_sse_enabled: true,
    tags: tags(i),
    tags_all: tagsAll(i),
    url: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/queue-${i}`,
    visibility_timeout_seconds: 30,
  }),
  aws_db_instance: (i) => ({
    address: `db-${i}.c9akciq32.${REGION}.rds.amazonaws.com`,
    allocated_storage: 100,
    arn: `arn:aws:rds:${REGION}:${ACCOUNT}:db:db-${i}`,
    auto_minor_version_upgrade: true,
    backup_retention_period: 14,
    backup_window: '03:00-04:00',
    copy_tags_to_snapshot: true,
    db_name: 'app',
    db_subnet_group_name: 'data',
    delete_automated_backups: false,
    deletion_protection: true,
    engine: 'postgres',
    engine_version: '16.4',
    final_snapshot_identifier: `db-${i}-final`,
    id: `db-${i}`,
    identifier: `db-${i}`,
    instance_class: 'db.r6g.large',
    kms_key_id: `arn:aws:kms:${REGION}:${ACCOUNT}:key/k-${i}`,
    multi_az: true,
    port: 5432,
    skip_final_snapshot: false,
    storage_encrypted: true,
    storage_type: 'gp3',
    tags: tags(i),
    tags_all: tagsAll(i),
    username: 'app_admin',
    vpc_security_group_ids: ['sg-00000001'],
  }),
  aws_dynamodb_table: (i) => ({
    arn: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/table-${i}`,
    attribute: [
      { name: 'pk', type: 'S' },
      { name: 'sk', type: 'S' },
    ],
    billing_mode: 'PAY_PER_REQUEST',
    deletion_protection_enabled: true,
    global_secondary_index: [],
    hash_key: 'pk',
    id: `table-${i}`,
    name: `table-${i}`,
    point_in_time_recovery: [{ enabled: true, recovery_period_in_days: 35 }],
    range_key: 'sk',
    replica: [],
    server_side_encryption: [{ enabled: true, kms_key_arn: '' }],
    stream_enabled: false,
    table_class: 'STANDARD',
    tags: tags(i),
    tags_all: tagsAll(i),
    ttl: [{ attribute_name: 'expires', enabled: true }],
  }),
  aws_s3_bucket: (i) => ({
    acceleration_status: '',
    arn: `arn:aws:s3:::bucket-${i}`,
    bucket: `bucket-${i}`,
    bucket_domain_name: `bucket-${i}.s3.amazonaws.com`,
    force_destroy: false,
    hosted_zone_id: 'Z1BKCTXD74EZPE',
    id: `bucket-${i}`,
    object_lock_enabled: false,
    region: REGION,
    tags: tags(i),
    tags_all: tagsAll(i),
    versioning: [{ enabled: true, mfa_delete: false }],
  }),
  aws_kms_key: (i) => ({
    arn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/k-${i}`,
    customer_master_key_spec: 'SYMMETRIC_DEFAULT',
    deletion_window_in_days: 30,
    description: `key ${i}`,
    enable_key_rotation: true,
    id: `k-${i}`,
    is_enabled: true,
    key_id: `k-${i}`,
    key_usage: 'ENCRYPT_DECRYPT',
    multi_region: false,
    tags: tags(i),
    tags_all: tagsAll(i),
  }),
};

/** The unknown-after-apply marks of a create. */
const COMPUTED = { arn: true, id: true, tags_all: true };

function without(obj, keys) {
  const out = { ...obj };
  for (const k of keys) out[k] = null;
  return out;
}

function entry(type, name, actions, before, after, extra = {}) {
  return {
    address: `${type}.${name}`,
    mode: 'managed',
    type,
    name,
    provider_name: 'registry.terraform.io/hashicorp/aws',
    change: {
      actions,
      before,
      after,
      after_unknown: actions.includes('create') ? COMPUTED : {},
      before_sensitive: before ? {} : false,
      after_sensitive: after ? {} : false,
      ...(extra.change || {}),
    },
    ...(extra.reason ? { action_reason: extra.reason } : {}),
  };
}

/**
 * The generated plan and what the gate must find in it: the addresses of the
 * stateful deletes and replacements (about 0.1% of the changes).
 */
function generatePlan(n) {
  const rand = random(20000);
  const changes = [];
  const destructive = [];
  const stateless = [
    'aws_lambda_function',
    'aws_iam_role',
    'aws_security_group_rule',
    'aws_cloudwatch_log_group',
    'aws_sqs_queue',
  ];
  const stateful = ['aws_db_instance', 'aws_dynamodb_table', 'aws_s3_bucket', 'aws_kms_key'];
  for (let i = 0; i < n; i++) {
    const r = rand();
    if (i % 1000 === 500) {
      // A stateful delete or replacement.
      const type = stateful[((i / 1000) % stateful.length) | 0];
      const state = STATES[type](i);
      const c =
        i % 2000 === 500
          ? entry(type, `data_${i}`, ['delete'], state, null, { reason: 'delete_because_no_resource_config' })
          : entry(type, `data_${i}`, ['delete', 'create'], state, without(state, ['arn', 'id']), {
              reason: 'replace_because_cannot_update',
              change: { replace_paths: [['name']] },
            });
      changes.push(c);
      destructive.push(c.address);
    } else if (r < 0.08) {
      // A stateful resource updated in place, protection kept.
      const type = stateful[Math.floor(rand() * stateful.length)];
      const before = STATES[type](i);
      changes.push(
        entry(type, `data_${i}`, ['update'], before, {
          ...before,
          tags: { ...before.tags, cost: 'x' },
          tags_all: { ...before.tags_all, cost: 'x' },
        }),
      );
    } else if (r < 0.55) {
      const type = stateless[Math.floor(rand() * stateless.length)];
      const before = STATES[type](i);
      const after =
        type === 'aws_lambda_function'
          ? { ...before, memory_size: 1024, source_code_hash: 'Zm9vYmFyYmF6cXV4' }
          : {
              ...before,
              tags: { ...before.tags, owner: 'platform' },
              tags_all: { ...before.tags_all, owner: 'platform' },
            };
      changes.push(entry(type, `r_${i}`, ['update'], before, after));
    } else if (r < 0.75) {
      const type = stateless[Math.floor(rand() * stateless.length)];
      changes.push(entry(type, `r_${i}`, ['create'], null, without(STATES[type](i), ['arn', 'id', 'tags_all'])));
    } else if (r < 0.77) {
      // Log groups and queues are stateful in the catalogue: only these are deleted freely.
      const type = ['aws_lambda_function', 'aws_iam_role', 'aws_security_group_rule'][Math.floor(rand() * 3)];
      changes.push(
        entry(type, `r_${i}`, ['delete'], STATES[type](i), null, { reason: 'delete_because_no_resource_config' }),
      );
    } else {
      const type = [...stateless, ...stateful][Math.floor(rand() * 9)];
      const state = STATES[type](i);
      changes.push(entry(type, `r_${i}`, ['no-op'], state, state));
    }
  }
  const plan = {
    format_version: '1.2',
    terraform_version: '1.9.5',
    planned_values: { root_module: {} },
    resource_changes: changes,
    configuration: {
      provider_config: { aws: { name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws' } },
      root_module: {},
    },
    timestamp: '2026-11-20T09:14:03Z',
    applyable: true,
    complete: true,
    errored: false,
  };
  return { plan, destructive };
}

// ---------------------------------------------------------------------------
// Measuring

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function ms(start) {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function measureInProcess(file, runs, rules) {
  const baseline = [];
  const gate = [];
  let blocked = 0;
  const once = {
    baseline() {
      const t = process.hrtime.bigint();
      const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
      const elapsed = ms(t);
      if (!doc.resource_changes) throw new Error('The plan did not parse.');
      return elapsed;
    },
    gate() {
      const t = process.hrtime.bigint();
      const report = rules.runGate(rules.readPlan(rules.parsePlanText(fs.readFileSync(file, 'utf8'), file), file), {
        approvals: [],
      });
      const elapsed = ms(t);
      blocked = report.blocked.length;
      return elapsed;
    },
  };
  // One warm-up of each, not counted.
  once.baseline();
  once.gate();
  for (let k = 0; k < runs; k++) {
    // Alternate which goes first, so that neither always runs on a fresher heap.
    const order = k % 2 ? ['gate', 'baseline'] : ['baseline', 'gate'];
    for (const which of order) {
      if (global.gc) global.gc();
      (which === 'gate' ? gate : baseline).push(once[which]());
    }
  }
  return { baseline, gate, blocked, ratios: baseline.map((b, i) => gate[i] / b) };
}

function spawnMs(args) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { ms: ms(t), status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function measureCli(file, runs) {
  const cli = [];
  const node = [];
  let last;
  for (let k = 0; k < runs; k++) {
    last = spawnMs([CLI, 'plan', file, '--format', 'json']);
    cli.push(last.ms);
    node.push(spawnMs(['-e', '']).ms);
  }
  if (last.status !== 1)
    throw new Error(`deadbolt plan exited ${last.status}, expected 1 (blocked): ${last.stderr.trim()}`);
  const report = JSON.parse(last.stdout);
  return { cli, node, blocked: report.summary.blocked };
}

// ---------------------------------------------------------------------------
// Reporting

function markdown(r) {
  const f = (x) => x.toFixed(0);
  const range = (xs) => `${f(Math.min(...xs))} - ${f(Math.max(...xs))}`;
  const load = (l) => l.map((x) => x.toFixed(2)).join(' / ');
  const met = r.ratio <= TARGET_RATIO;
  const L = [];
  L.push(SECTION, '');
  L.push(
    'Written by `npm run bench:plan` (`bench/plan-gate/run.js`; `bench/plan-gate/README.md` says what is measured). Do not edit by hand: rerun.',
    '',
  );
  L.push(`- Date: ${r.date}`);
  L.push(
    `- Machine: ${r.machine.cores} cores, ${r.machine.model}, Node ${process.version}; load average (1 / 5 / 15 min) at start ${load(r.machine.loadStart)}, at end ${load(r.machine.loadEnd)}`,
  );
  L.push(`- Commit: ${r.commit}`);
  L.push(
    `- Plan: ${r.changes.toLocaleString('en-US')} resource changes, ${(r.bytes / 1e6).toFixed(1)} MB (\`terraform show -json\` format 1.2, generated); ${r.destructive} stateful deletes and replacements among in-place updates, creates, no-ops and stateless deletes`,
  );
  L.push(`- ${r.runs} rounds, alternating order; medians in ms, with the range`, '');
  L.push('| Measure | Median ms | Range |');
  L.push('|---|--:|--:|');
  L.push(`| Baseline: \`JSON.parse(fs.readFileSync(file))\` | ${f(r.baseline)} | ${range(r.baselineRuns)} |`);
  L.push(
    `| Gate in process: read, parse, recognise, read the plan, classify, approvals | ${f(r.gate)} | ${range(r.gateRuns)} |`,
  );
  L.push(`| \`deadbolt plan FILE --format json\`, wall time of the process | ${f(r.cli)} | ${range(r.cliRuns)} |`);
  L.push(`| For reference, \`node -e ""\` | ${f(r.node)} | ${range(r.nodeRuns)} |`, '');
  L.push(
    `Gate / baseline: **${r.ratio.toFixed(2)}×** (per-round ratios ${Math.min(...r.pairRatios).toFixed(2)} - ${Math.max(...r.pairRatios).toFixed(2)}). Blocked: ${r.blocked} of ${r.changes} changes, every generated stateful delete and replacement.`,
    '',
  );
  L.push('| Target | Measured | Met |');
  L.push('|---|---|---|');
  L.push(
    `| \`deadbolt plan\` work at most ${TARGET_RATIO}× a bare \`JSON.parse\` of the same file | ${r.ratio.toFixed(2)}× | ${met ? 'yes' : '**no**'} |`,
  );
  return `${L.join('\n')}\n`;
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(RULES) || !fs.existsSync(CLI)) fail('Build first: `npx tsc -b` (or `npm run bench:plan`).');
  const loadStart = os.loadavg();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-plan-gate-'));
  const file = opts.keep ?? path.join(work, 'plan.json');
  const { plan, destructive } = generatePlan(opts.changes);
  fs.writeFileSync(file, JSON.stringify(plan));
  const bytes = fs.statSync(file).size;
  process.stdout.write(
    `Plan: ${opts.changes} changes, ${(bytes / 1e6).toFixed(1)} MB, ${destructive.length} stateful deletes/replacements (${file}).\n`,
  );

  const rules = require(RULES);
  const inProcess = measureInProcess(file, opts.runs, rules);
  if (inProcess.blocked !== destructive.length)
    throw new Error(
      `The gate blocked ${inProcess.blocked} changes; the plan has ${destructive.length} stateful deletes/replacements.`,
    );
  const cli = measureCli(file, opts.runs);
  if (cli.blocked !== destructive.length)
    throw new Error(`The CLI blocked ${cli.blocked}; expected ${destructive.length}.`);

  const cpus = os.cpus();
  const r = {
    date: new Date().toISOString(),
    machine: {
      cores: cpus.length,
      model: ((cpus[0] && cpus[0].model) || 'unknown').replace(/\s+/g, ' ').trim(),
      loadStart,
      loadEnd: os.loadavg(),
    },
    commit: gitCommit(ROOT),
    changes: opts.changes,
    bytes,
    destructive: destructive.length,
    runs: opts.runs,
    baseline: median(inProcess.baseline),
    baselineRuns: inProcess.baseline,
    gate: median(inProcess.gate),
    gateRuns: inProcess.gate,
    pairRatios: inProcess.ratios,
    cli: median(cli.cli),
    cliRuns: cli.cli,
    node: median(cli.node),
    nodeRuns: cli.node,
    blocked: inProcess.blocked,
  };
  r.ratio = r.gate / r.baseline;
  const md = markdown(r);
  process.stdout.write(`\n${md}`);
  if (opts.write) {
    const current = fs.existsSync(opts.out) ? fs.readFileSync(opts.out, 'utf8') : '';
    fs.writeFileSync(opts.out, replaceSection(current, 'plan-gate', md));
    process.stdout.write(`\nWrote the ${SECTION} section of ${path.relative(process.cwd(), opts.out) || opts.out}.\n`);
  }
  if (!opts.keep) fs.rmSync(work, { recursive: true, force: true });
  if (r.ratio > TARGET_RATIO) process.exitCode = 1;
}

module.exports = { generatePlan };

if (require.main === module) {
  if (typeof global.gc !== 'function') {
    // Collect garbage before each measurement, so that one run's garbage is not charged to the next.
    const r = spawnSync(process.execPath, ['--expose-gc', __filename, ...process.argv.slice(2)], { stdio: 'inherit' });
    process.exit(r.status === null ? 2 : r.status);
  }
  main();
}
