#!/usr/bin/env node
'use strict';
/**
 * `deadbolt check` over templates other people wrote: every CloudFormation
 * template of a checkout of a public repository (made for
 * github.com/aws-cloudformation/aws-cloudformation-templates), one CLI process
 * per file, as a user runs it.
 *
 * NOT RUN IN CI: CI has no network, and the checkout is not in this
 * repository (a small vendored subset is, with its test:
 * test/real-templates.test.ts). Run it by hand after changing rules or readers:
 *
 *   git clone --depth 1 https://github.com/aws-cloudformation/aws-cloudformation-templates /tmp/cfn-templates
 *   npm run bench:real-templates -- /tmp/cfn-templates
 *   node bench/real-templates/run.js DIR [--jobs N] [--timeout SECONDS] [--commit SHA] [--no-write] [--out FILE]
 *     [--json FILE] [--keep-reports DIR]
 *
 * DIR is a checkout (a work tree, or an exported `git archive`) or a bare git
 * repository (exported to a temporary directory first). For every .json, .yaml,
 * .yml and .template file it:
 * 1. decides on its own, without Deadbolt's reader, what the file is: a
 *    template (a mapping with a `Resources` mapping), another JSON/YAML file
 *    (a parameter file, a build spec, a manifest), or a file that does not
 *    parse (which CloudFormation rejects too);
 * 2. runs `node packages/cli/lib/src/bin/deadbolt.js check FILE --format json`
 *    and records the exit code, the wall time, the resources, the stateful
 *    resources (`isStatefulType` of @deadbolt/rules, over the resources as
 *    Deadbolt's reader sees them: `Fn::ForEach` expanded), the flagged
 *    resources and the findings by rule id.
 * A crash is an exit other than 0, 1 or 2, a signal, a timeout, "unexpected
 * error" or a stack trace on stderr, or a report that is not JSON; a rule that
 * threw (its finding says "The rule could not judge this resource") is listed
 * too. An exit 2 on a template is listed for review unless REVIEWED_EXIT_2 says
 * why CloudFormation rejects that file; an exit 0 or 1 on a file that is not a
 * template is listed as read by mistake.
 *
 * Writes the `## real-templates` section of bench/RESULTS.md and
 * bench/real-templates/results.json (per file: kind, exit, counts, findings by
 * rule), unless --no-write. Exits 1 when anything crashed or an exit 2 is
 * unexplained.
 */
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { parseArgs } = require('util');
const { writeSection, gitCommit } = require('../results-file');

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'packages', 'cli', 'lib', 'src', 'bin', 'deadbolt.js');
const RULES = path.join(ROOT, 'packages', 'rules', 'lib', 'index.js');
const TEMPLATE_FILE = path.join(ROOT, 'packages', 'cli', 'lib', 'src', 'input', 'template-file.js');
const DEFAULT_OUT = path.join(ROOT, 'bench', 'RESULTS.md');
const DEFAULT_JSON = path.join(__dirname, 'results.json');
const EXTENSIONS = new Set(['.json', '.yaml', '.yml', '.template']);
const SKIP_DIRS = new Set(['.git', 'node_modules']);
/** Bounds on the walk, far above the upstream repository (about 450 files, depth 5). */
const MAX_FILES = 20000;
const MAX_DEPTH = 30;
const RULE_ERROR = 'The rule could not judge this resource';

/**
 * Templates on which `deadbolt check` exits 2 by design, each checked by hand:
 * why CloudFormation itself rejects the file. Paths are relative to the
 * checkout. An exit 2 on a template not listed here is reported for review.
 */
const RAIN_TAG = (tag) =>
  `\`${tag}\` is a directive of the rain CLI, replaced by \`rain pkg\` before deploying; CloudFormation has no such YAML tag (https://github.com/aws-cloudformation/rain).`;
const RAIN_TYPE =
  'a resource `Type` is an object (`{"Rain::Module": …}`, a rain module for `rain pkg`), and CloudFormation requires a type name string (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resources-section-structure.html).';
const REVIEWED_EXIT_2 = {
  'APIGateway/apigateway_lambda_integration.yaml': RAIN_TAG('!Rain::Embed'),
  'CloudFormation/CustomResources/getfromjson/src/getfromjson.yml': RAIN_TAG('!Rain::Embed'),
  'CloudFormation/MacrosExamples/DateFunctions/date.yaml': RAIN_TAG('!Rain::Embed'),
  'CloudFormation/MacrosExamples/PyPlate/python.yaml': RAIN_TAG('!Rain::Embed'),
  'CloudFormation/MacrosExamples/StringFunctions/string.yaml': RAIN_TAG('!Rain::Embed'),
  'CloudFormation/StackSets/common-resources-stackset.yaml': RAIN_TAG('!Rain::Embed'),
  'CloudFormation/StackSets/common-resources.json': RAIN_TYPE,
  'CloudFormation/StackSets/common-resources.yaml': RAIN_TAG('!Rain::Module'),
  'CloudFormation/StackSets/log-setup-management.yaml': RAIN_TAG('!Rain::Embed'),
  'ElastiCache/Elasticache-snapshot.yaml': RAIN_TAG('!Rain::Embed'),
  'IoT/amzn2-greengrass-cfn.yaml': RAIN_TAG('!Rain::Embed'),
  'RainModules/api-resource.yml': RAIN_TAG('!Rain::S3'),
  'RainModules/bucket.yml': RAIN_TAG('!Rain::Module'),
  'RainModules/static-site.yml': RAIN_TAG('!Rain::Module'),
  'Solutions/GitLab/GitLabServer.json': RAIN_TYPE,
  'Solutions/GitLab/GitLabServer.yaml': RAIN_TAG('!Rain::Module'),
  'Solutions/GitLabAndVSCode/GitLabAndVSCode.json': RAIN_TYPE,
  'Solutions/GitLabAndVSCode/GitLabAndVSCode.yaml': RAIN_TAG('!Rain::Module'),
  'Solutions/Gitea/Gitea.json': RAIN_TYPE,
  'Solutions/Gitea/Gitea.yaml': RAIN_TAG('!Rain::Module'),
  'Solutions/VSCode/VSCodeServer.json': RAIN_TYPE,
  'Solutions/VSCode/VSCodeServer.yaml': RAIN_TAG('!Rain::Module'),
  // Not listed: AWSSupplyChain/SapPrivateLink/SapPrivateLink.yaml and SapPrivateLinkNoHostedZone.yaml use `!ValueOf`
  // in `Rules`, the short form of the rule function Fn::ValueOf, which CloudFormation reads; their exit 2 is a bug.
};

const USAGE =
  'Usage: node bench/real-templates/run.js DIR [--jobs N] [--timeout SECONDS] [--commit SHA] [--no-write] [--out FILE] [--json FILE] [--keep-reports DIR]\n';

function fail(message) {
  process.stderr.write(`${message}\n${USAGE}`);
  process.exit(2);
}

function options(argv) {
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        jobs: { type: 'string', default: '1' },
        timeout: { type: 'string', default: '120' },
        commit: { type: 'string' },
        'no-write': { type: 'boolean', default: false },
        out: { type: 'string', default: DEFAULT_OUT },
        json: { type: 'string', default: DEFAULT_JSON },
        'keep-reports': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (e) {
    fail(e.message);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  if (positionals.length !== 1) fail('Give one directory: a checkout of the templates repository.');
  const count = (name) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < 1) fail(`\`--${name}\` must be a whole number, at least 1; got ${values[name]}.`);
    return n;
  };
  return {
    dir: path.resolve(positionals[0]),
    jobs: count('jobs'),
    timeoutMs: count('timeout') * 1000,
    commit: values.commit,
    write: !values['no-write'],
    out: path.resolve(values.out),
    json: path.resolve(values.json),
    keepReports: values['keep-reports'] === undefined ? undefined : path.resolve(values['keep-reports']),
  };
}

// ---------------------------------------------------------------------------
// The checkout

function git(args, cwd) {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
  return r.status === 0 ? r.stdout : undefined;
}

/** A directory of files to scan, the upstream commit when known, and a clean-up. */
function checkout(dir, commit) {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) fail(`Not a directory: ${dir}`);
  const bare = fs.existsSync(path.join(dir, 'HEAD')) && fs.existsSync(path.join(dir, 'objects'));
  if (bare) {
    const sha = git(['--git-dir', dir, 'rev-parse', 'HEAD']);
    if (!sha) fail(`${dir} looks like a bare git repository, but has no HEAD commit.`);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-real-templates-'));
    const archive = spawnSync('git', ['--git-dir', dir, 'archive', '--format=tar', 'HEAD'], {
      maxBuffer: 2 * 1024 * 1024 * 1024,
    });
    if (archive.status !== 0) fail(`git archive failed in ${dir}: ${archive.stderr}`);
    const tar = spawnSync('tar', ['-x', '-C', out], { input: archive.stdout });
    if (tar.status !== 0) fail(`tar failed: ${tar.stderr}`);
    return { root: out, commit: commit ?? sha.trim(), cleanup: () => fs.rmSync(out, { recursive: true, force: true }) };
  }
  const sha = fs.existsSync(path.join(dir, '.git')) ? git(['rev-parse', 'HEAD'], dir) : undefined;
  return { root: dir, commit: commit ?? (sha ? sha.trim() : 'unknown (give --commit)'), cleanup: () => {} };
}

/** The license of the checkout: its LICENSE file and the license it names. */
function license(root) {
  const file = fs.readdirSync(root).find((f) => /^(LICEN[CS]E|COPYING)(\.|$)/i.test(f));
  if (!file) return { file: undefined, name: 'no LICENSE file' };
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const known = [
    [/Apache License[\s\S]{0,40}Version 2\.0/i, 'Apache-2.0'],
    [/MIT License|Permission is hereby granted, free of charge/i, 'MIT'],
    [/MIT No Attribution/i, 'MIT-0'],
    [/BSD/i, 'BSD'],
  ];
  const hit = known.find(([re]) => re.test(text.slice(0, 4000)));
  return { file, name: hit ? hit[1] : 'unrecognised' };
}

/** Every candidate file under root, sorted, as paths relative to it (POSIX separators). */
function candidates(root) {
  const files = [];
  const walk = (dir, depth) => {
    if (depth > MAX_DEPTH) throw new Error(`Directories nested deeper than ${MAX_DEPTH} levels under ${root}.`);
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(full, depth + 1);
      } else if (entry.isFile() && EXTENSIONS.has(path.extname(entry.name).toLowerCase())) {
        if (files.length >= MAX_FILES) throw new Error(`More than ${MAX_FILES} candidate files under ${root}.`);
        files.push(path.relative(root, full).split(path.sep).join('/'));
      }
    }
  };
  walk(root, 0);
  return files.sort();
}

/**
 * What a file is, judged without Deadbolt's reader: `template` (a mapping with
 * a `Resources` mapping), `other` (JSON or YAML, but not a template) or
 * `invalid` (does not parse as JSON or YAML: CloudFormation rejects it too).
 * Unknown YAML tags (`!Ref`, …) are kept as plain values here: only the shape counts.
 */
function classify(file, YAML) {
  let text = fs.readFileSync(file, 'utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const ext = path.extname(file).toLowerCase();
  const json = ext === '.json' || (ext === '.template' && text.trimStart().startsWith('{'));
  let doc;
  try {
    if (json) doc = JSON.parse(text);
    else {
      const parsed = YAML.parseAllDocuments(text, { merge: false });
      if (!Array.isArray(parsed) || parsed.length !== 1)
        return { kind: 'invalid', reason: `${Array.isArray(parsed) ? parsed.length : 0} YAML documents` };
      if (parsed[0].errors.length) return { kind: 'invalid', reason: parsed[0].errors[0].message.split('\n')[0] };
      doc = parsed[0].toJS({ maxAliasCount: 1000 });
    }
  } catch (e) {
    return { kind: 'invalid', reason: e.message.split('\n')[0] };
  }
  const isMap = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!isMap(doc) || !isMap(doc.Resources)) return { kind: 'other' };
  const resources = Object.values(doc.Resources);
  return {
    kind: 'template',
    types: resources.map((r) => (isMap(r) && typeof r.Type === 'string' ? r.Type : undefined)),
    logicalIds: Object.keys(doc.Resources),
  };
}

/**
 * The resources as Deadbolt's own reader sees them (`Fn::ForEach` expanded),
 * for the stateful counts; undefined when the reader refuses the file (the
 * counts then come from the raw `Resources` mapping).
 */
function modelResources(file, lib) {
  try {
    const doc = lib.cloudFormationDocument({ id: file, template: lib.readTemplateFile(file), templatePath: file });
    const resources = [...doc.resources.values()];
    return { types: resources.map((r) => r.type), logicalIds: resources.map((r) => r.logicalId) };
  } catch {
    return undefined;
  }
}

/**
 * The newest modification time under the compiled packages the CLI loads: a
 * rebuild during the run (another \`tsc -b\`) makes processes fail with
 * "Cannot find module", which is not the templates' doing.
 */
function buildStamp() {
  let newest = 0;
  let count = 0;
  const walk = (dir, depth) => {
    if (depth > 12 || !fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (++count > 50000) return;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full, depth + 1);
      else newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  };
  for (const pkg of ['rules', 'cli']) walk(path.join(ROOT, 'packages', pkg, 'lib'), 0);
  return newest;
}

// ---------------------------------------------------------------------------
// Running the CLI

/** Runs the CLI on `rel` from the checkout's root, so that its messages name the file as the checkout does. */
function runCli(root, rel, timeoutMs) {
  return new Promise((resolve) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, [CLI, 'check', rel, '--format', 'json'], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', DEADBOLT_DEBUG: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        exit: code,
        signal,
        timedOut,
        ms: Number(process.hrtime.bigint() - start) / 1e6,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

/** One file's record: what it is, what the CLI did, and the counts. */
function record(rel, info, run, isStatefulType, timeoutMs) {
  const r = { file: rel, kind: info.kind, exit: run.exit, ms: Math.round(run.ms) };
  if (info.reason) r.invalid = info.reason;
  const stderr = run.stderr.trim();
  let crash;
  if (run.timedOut) crash = `timed out after ${timeoutMs / 1000} s`;
  else if (run.signal) crash = `killed by ${run.signal}`;
  else if (![0, 1, 2].includes(run.exit)) crash = `exit ${run.exit}`;
  else if (/unexpected error/.test(stderr) || /^\s+at .+:\d+:\d+\)?$/m.test(stderr)) crash = 'stack trace on stderr';
  let report;
  if (!crash && run.exit !== 2) {
    try {
      report = JSON.parse(run.stdout);
    } catch {
      crash = 'the report on stdout is not JSON';
    }
  }
  if (crash) r.crash = `${crash}: ${stderr.split('\n').slice(0, 12).join('\n')}`;
  else if (run.exit === 2) r.error = stderr.split('\n')[0];
  if (info.kind === 'template') {
    r.resources = info.types.length;
    r.stateful = info.types.filter((t) => t && isStatefulType(t)).length;
  }
  if (report) {
    const findings = report.findings ?? [];
    const byRule = {};
    const flagged = new Set();
    const ruleErrors = [];
    for (const f of findings) {
      byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
      // Template-level findings (termination protection) name the stack, not a resource.
      const onResource = info.logicalIds
        ? info.logicalIds.includes(f.logicalId)
        : f.logicalId && f.resourceType !== 'AWS::CloudFormation::Stack';
      if (onResource) flagged.add(f.logicalId);
      if (typeof f.message === 'string' && f.message.startsWith(RULE_ERROR))
        ruleErrors.push(`${f.ruleId} on ${f.logicalId ?? 'the template'}: ${f.message}`);
    }
    r.resources = report.summary?.resources ?? r.resources;
    r.errors = report.summary?.errors ?? 0;
    r.warnings = report.summary?.warnings ?? 0;
    r.flagged = flagged.size;
    if (info.kind === 'template') {
      const unflagged = [];
      info.logicalIds.forEach((id, i) => {
        const type = info.types[i];
        if (!type || !isStatefulType(type)) return;
        if (flagged.has(id)) r.flaggedStateful = (r.flaggedStateful ?? 0) + 1;
        else unflagged.push(`${id} (${type})`);
      });
      r.flaggedStateful = r.flaggedStateful ?? 0;
      if (unflagged.length) r.unflaggedStateful = unflagged;
    }
    r.findings = Object.fromEntries(Object.entries(byRule).sort(([a], [b]) => a.localeCompare(b)));
    if (ruleErrors.length) r.ruleErrors = ruleErrors;
  }
  return r;
}

async function runAll(root, files, opts, lib) {
  const { isStatefulType, YAML } = lib;
  const records = new Array(files.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      const full = path.join(root, files[i]);
      let info = classify(full, YAML);
      if (info.kind === 'template') info = { ...info, ...modelResources(full, lib) };
      const run = await runCli(root, files[i], opts.timeoutMs);
      records[i] = record(files[i], info, run, isStatefulType, opts.timeoutMs);
      if (opts.keepReports) {
        // The CLI's own report (or its stderr), to read findings by hand.
        const out = path.join(opts.keepReports, `${files[i]}.deadbolt.json`);
        fs.mkdirSync(path.dirname(out), { recursive: true });
        fs.writeFileSync(out, run.stdout || JSON.stringify({ exit: run.exit, stderr: run.stderr }));
      }
      done++;
      if (process.stderr.isTTY) process.stderr.write(`\r${done}/${files.length} ${files[i].slice(-60).padEnd(60)}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.jobs, files.length) }, worker));
  if (process.stderr.isTTY) process.stderr.write('\n');
  return records;
}

// ---------------------------------------------------------------------------
// Reporting

function sum(records, key) {
  return records.reduce((n, r) => n + (r[key] ?? 0), 0);
}

function percentile(xs, p) {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

function summarise(records) {
  const all = records.filter((r) => r.kind === 'template');
  // Counts are over the templates the CLI judged (exit 0 or 1); the others are listed apart.
  const templates = all.filter((r) => r.exit === 0 || r.exit === 1);
  const rules = {};
  for (const r of templates) {
    for (const [id, n] of Object.entries(r.findings ?? {})) {
      rules[id] ??= { findings: 0, templates: 0 };
      rules[id].findings += n;
      rules[id].templates++;
    }
  }
  const unflaggedTypes = {};
  for (const r of templates)
    for (const u of r.unflaggedStateful ?? []) {
      const type = /\(([^)]+)\)$/.exec(u)[1];
      unflaggedTypes[type] = (unflaggedTypes[type] ?? 0) + 1;
    }
  const exits = (rs) => ({
    0: rs.filter((r) => r.exit === 0).length,
    1: rs.filter((r) => r.exit === 1).length,
    2: rs.filter((r) => r.exit === 2).length,
  });
  const times = records.map((r) => r.ms);
  const slowest = records.reduce((a, r) => (a && a.ms >= r.ms ? a : r), undefined);
  return {
    files: records.length,
    byExtension: records.reduce((acc, r) => {
      const ext = path.extname(r.file).toLowerCase();
      acc[ext] = (acc[ext] ?? 0) + 1;
      return acc;
    }, {}),
    templates: all.length,
    judged: templates.length,
    other: records.filter((r) => r.kind === 'other').length,
    invalid: records.filter((r) => r.kind === 'invalid').length,
    resources: sum(templates, 'resources'),
    stateful: sum(templates, 'stateful'),
    flagged: sum(templates, 'flagged'),
    flaggedStateful: sum(templates, 'flaggedStateful'),
    findings: templates.reduce((n, r) => n + Object.values(r.findings ?? {}).reduce((a, b) => a + b, 0), 0),
    errors: sum(templates, 'errors'),
    warnings: sum(templates, 'warnings'),
    exitsTemplates: exits(all),
    exitsOther: exits(records.filter((r) => r.kind !== 'template')),
    crashes: records.filter((r) => r.crash),
    ruleErrors: records.filter((r) => r.ruleErrors),
    exit2Templates: all.filter((r) => r.exit === 2 && !r.crash),
    readByMistake: records.filter((r) => r.kind !== 'template' && (r.exit === 0 || r.exit === 1)),
    rules,
    unflaggedTypes,
    totalMs: times.reduce((a, b) => a + b, 0),
    medianMs: percentile(times, 50),
    p95Ms: percentile(times, 95),
    slowest,
  };
}

function markdown(meta, s) {
  const n = (x) => x.toLocaleString('en-US');
  const cell = (t) =>
    String(t)
      .replace(/\|/g, '\\|')
      .replace(/\s*\n\s*/g, ' ')
      .slice(0, 300);
  const unexplained = s.exit2Templates.filter((r) => !REVIEWED_EXIT_2[r.file]);
  const L = [];
  L.push('## real-templates', '');
  L.push(
    'Written by `npm run bench:real-templates -- DIR` (`bench/real-templates/run.js`; `bench/real-templates/README.md` says what is measured). Not run in CI (it needs a checkout from the network). Do not edit by hand: rerun.',
    '',
  );
  L.push(`- Date: ${meta.date}`);
  L.push(
    `- Machine: ${meta.cores} cores, Node ${process.version}; ${meta.jobs} file${meta.jobs === 1 ? '' : 's'} at a time; Deadbolt commit ${meta.deadbolt}`,
  );
  L.push(
    `- Input: \`${meta.repository}\` at commit \`${meta.commit}\` (license: ${meta.license.name}${meta.license.file ? `, \`${meta.license.file}\`` : ''})`,
  );
  L.push(
    `- Files: ${n(s.files)} candidates (${Object.entries(s.byExtension)
      .map(([e, c]) => `${c} \`${e}\``)
      .join(
        ', ',
      )}): **${n(s.templates)} templates**, ${n(s.other)} other JSON/YAML (no \`Resources\` mapping), ${n(s.invalid)} that do not parse`,
  );
  L.push(
    `- One \`node packages/cli/lib/src/bin/deadbolt.js check FILE --format json\` process per file, no other options`,
  );
  if (meta.rebuilt)
    L.push(
      '- **The compiled packages changed during the run** (a `tsc -b` elsewhere): crashes such as "Cannot find module" may be the rebuild, not the templates. Rerun on a quiet tree.',
    );
  L.push('');
  L.push('| Measure | Count |');
  L.push('|---|--:|');
  L.push(`| Templates | ${n(s.templates)} |`);
  L.push(`| Templates judged (exit 0 or 1; the counts below are over these) | ${n(s.judged)} |`);
  L.push(`| Resources | ${n(s.resources)} |`);
  L.push(`| Stateful resources (\`isStatefulType\`, \`Fn::ForEach\` expanded) | ${n(s.stateful)} |`);
  L.push(`| Flagged resources (at least one finding on the resource) | ${n(s.flagged)} |`);
  L.push(`| Flagged stateful resources | ${n(s.flaggedStateful)} |`);
  L.push(`| Stateful resources with no finding | ${n(s.stateful - s.flaggedStateful)} |`);
  L.push(`| Findings (errors / warnings) | ${n(s.findings)} (${n(s.errors)} / ${n(s.warnings)}) |`);
  L.push(`| Exit 0 / 1 / 2 on templates | ${s.exitsTemplates[0]} / ${s.exitsTemplates[1]} / ${s.exitsTemplates[2]} |`);
  L.push(
    `| Exit 0 / 1 / 2 on other files (2 expected) | ${s.exitsOther[0]} / ${s.exitsOther[1]} / ${s.exitsOther[2]} |`,
  );
  L.push(`| Crashes (exit other than 0/1/2, signal, timeout, stack trace) | **${s.crashes.length}** |`);
  L.push(`| Rules that threw (finding "${RULE_ERROR}") | ${s.ruleErrors.length} files |`);
  L.push(
    `| Exit 2 on a template: explained in \`REVIEWED_EXIT_2\` / **unexplained** | ${s.exit2Templates.length - unexplained.length} / **${unexplained.length}** |`,
  );
  L.push(`| Exit 0 or 1 on a file that is not a template | ${s.readByMistake.length} |`);
  L.push(
    `| Time: total / median / p95 per file (ms) | ${n(Math.round(s.totalMs))} / ${n(Math.round(s.medianMs))} / ${n(Math.round(s.p95Ms))} |`,
  );
  if (s.slowest) L.push(`| Slowest file (ms) | ${n(s.slowest.ms)} (\`${s.slowest.file}\`) |`);
  L.push('');
  L.push('Findings per rule, on templates:', '');
  L.push('| Rule | Findings | Templates |');
  L.push('|---|--:|--:|');
  for (const [id, v] of Object.entries(s.rules).sort(
    (a, b) => b[1].findings - a[1].findings || a[0].localeCompare(b[0]),
  ))
    L.push(`| \`${id}\` | ${v.findings} | ${v.templates} |`);
  L.push('');
  const types = Object.entries(s.unflaggedTypes).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (types.length) {
    L.push('Stateful resources with no finding, by type (each a candidate for a missing rule or a safe design):', '');
    L.push('| Type | Resources |');
    L.push('|---|--:|');
    for (const [t, c] of types) L.push(`| \`${t}\` | ${c} |`);
    L.push('');
  }
  if (s.crashes.length) {
    L.push('Crashes:', '');
    L.push('| File | What happened |');
    L.push('|---|---|');
    for (const r of s.crashes) L.push(`| \`${r.file}\` | ${cell(r.crash)} |`);
    L.push('');
  }
  if (s.ruleErrors.length) {
    L.push('Rules that threw:', '');
    L.push('| File | Rule and message |');
    L.push('|---|---|');
    for (const r of s.ruleErrors) L.push(`| \`${r.file}\` | ${cell(r.ruleErrors.join('; '))} |`);
    L.push('');
  }
  if (s.exit2Templates.length) {
    L.push('Exit 2 on templates:', '');
    L.push('| File | Deadbolt says | Why CloudFormation rejects it (checked by hand) |');
    L.push('|---|---|---|');
    for (const r of s.exit2Templates)
      L.push(`| \`${r.file}\` | ${cell(r.error ?? '')} | ${REVIEWED_EXIT_2[r.file] ?? '**unexplained: review**'} |`);
    L.push('');
  }
  if (s.readByMistake.length) {
    L.push('Files that are not templates but were judged (exit 0 or 1):', '');
    for (const r of s.readByMistake) L.push(`- \`${r.file}\` (${r.kind}, exit ${r.exit})`);
    L.push('');
  }
  return `${L.join('\n')}\n`;
}

async function main() {
  const opts = options(process.argv.slice(2));
  if (![CLI, RULES, TEMPLATE_FILE].every((f) => fs.existsSync(f)))
    fail('Build first: `npx tsc -b` (or `npm run bench:real-templates`).');
  const { isStatefulType, cloudFormationDocument } = require(RULES);
  const { readTemplateFile } = require(TEMPLATE_FILE);
  const lib = { isStatefulType, cloudFormationDocument, readTemplateFile, YAML: require('yaml') };
  const { root, commit, cleanup } = checkout(opts.dir, opts.commit);
  try {
    const files = candidates(root);
    process.stdout.write(`${files.length} candidate files under ${opts.dir}.\n`);
    const start = Date.now();
    const stampBefore = buildStamp();
    const records = await runAll(root, files, opts, lib);
    const rebuilt = buildStamp() !== stampBefore;
    const s = summarise(records);
    const meta = {
      date: new Date().toISOString(),
      cores: os.cpus().length,
      jobs: opts.jobs,
      deadbolt: gitCommit(ROOT),
      repository: 'github.com/aws-cloudformation/aws-cloudformation-templates',
      commit,
      license: license(root),
      rebuilt,
    };
    const md = markdown(meta, s);
    process.stdout.write(`\n${md}\nWall time of the whole run: ${((Date.now() - start) / 1000).toFixed(1)} s.\n`);
    if (opts.write) {
      fs.mkdirSync(path.dirname(opts.out), { recursive: true });
      fs.mkdirSync(path.dirname(opts.json), { recursive: true });
      writeSection(opts.out, 'real-templates', md);
      const json = {
        generatedBy: 'bench/real-templates/run.js',
        ...meta,
        summary: {
          files: s.files,
          templates: s.templates,
          judged: s.judged,
          other: s.other,
          invalid: s.invalid,
          resources: s.resources,
          stateful: s.stateful,
          flagged: s.flagged,
          flaggedStateful: s.flaggedStateful,
          findings: s.findings,
          errors: s.errors,
          warnings: s.warnings,
          exitsTemplates: s.exitsTemplates,
          exitsOther: s.exitsOther,
          crashes: s.crashes.length,
          ruleErrors: s.ruleErrors.length,
          exit2Templates: s.exit2Templates.length,
          findingsPerRule: Object.fromEntries(Object.entries(s.rules).map(([id, v]) => [id, v.findings])),
          totalMs: Math.round(s.totalMs),
        },
        files: records,
      };
      fs.writeFileSync(opts.json, `${JSON.stringify(json, null, 2)}\n`);
      process.stdout.write(
        `Wrote the ## real-templates section of ${path.relative(process.cwd(), opts.out) || opts.out} and ${path.relative(process.cwd(), opts.json) || opts.json}.\n`,
      );
    }
    const unexplained = s.exit2Templates.filter((r) => !REVIEWED_EXIT_2[r.file]);
    if (s.crashes.length || unexplained.length) process.exitCode = 1;
  } finally {
    cleanup();
  }
}

module.exports = { classify, record, summarise, markdown, REVIEWED_EXIT_2 };

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`${e.stack ?? e}\n`);
    process.exit(2);
  });
}
