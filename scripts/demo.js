#!/usr/bin/env node
/**
 * `npm run demo`: the main job end to end, on a realistic legacy CDK app.
 *
 * 1. `cdk synth` of the unsafe app fails: DataProtectionChecks lists every way it can lose data.
 * 2. `deadbolt check` on its cloud assembly reports the same findings and exits 1.
 * 3. The fixed app synthesizes, and `deadbolt check` on it exits 0.
 * 4. (steps 5 and 6) The Pulumi path, without the Pulumi CLI (scripts/pulumi-preview.js runs a
 *    compiled program as `pulumi preview` would, under `pulumi.runtime.setMocks`):
 *    an unsafe program fails when `enforceDataProtection` judges it at exit, and
 *    the two-account example passes.
 * 5. (steps 7 to 10) Terraform, the incident's own tool, from committed plan JSONs
 *    (`terraform show -json`): `deadbolt check` fails the incident's setup on AWS and
 *    passes its fix, fails the same mistake on Google Cloud, and `deadbolt plan`
 *    blocks a `terraform destroy` of the fixed Google Cloud configuration.
 * 6. (steps 11 and 12) The IAM audit: an agent role with AdministratorAccess can destroy
 *    data (`deadbolt iam` exits 1); under AgentGuardrailPolicy as SCPs it cannot (exit 0).
 *
 * Exits non-zero if any step does not behave as described, so the demo is also a test.
 */
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const example = path.join(root, 'examples', 'cdk-unsafe-legacy');
const cdk = path.join(root, 'node_modules', '.bin', 'cdk');
const deadbolt = path.join(root, 'packages', 'cli', 'lib', 'src', 'bin', 'deadbolt.js');
const pulumiPreview = path.join(root, 'scripts', 'pulumi-preview.js');
const pulumiExample = path.join(root, 'examples', 'pulumi-two-account');
const env = { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true', CDK_DISABLE_VERSION_CHECK: 'true', FORCE_COLOR: '0' };

let failed = false;
function step(title, command, args, options) {
  console.log(`\n\x1b[1m━━ ${title}\x1b[0m\n$ ${shown(command, args, options.cwd)}\n`);
  const r = spawnSync(command, args, { cwd: options.cwd, env, encoding: 'utf8' });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  console.log(options.filter ? options.filter(out) : out.trimEnd());
  const ok = r.status === options.expect;
  console.log(`\n→ exit code ${r.status} (${ok ? 'as expected' : `EXPECTED ${options.expect}`})`);
  if (!ok) failed = true;
  return r;
}

/**
 * `cdk synth` prints each annotation as a block: `ERROR <text>`, the construct
 * path, then `Rule deadbolt::<id>` (or `Acknowledge with 'deadbolt::<id>'`).
 * Keep one short line per Deadbolt finding.
 */
function cdkErrors(out) {
  const lines = out.split('\n');
  const keep = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^(ERROR|WARNING) (.*)$/.exec(lines[i]);
    if (!m) continue;
    const block = lines.slice(i + 1, i + 4).join('\n');
    const rule = /deadbolt::([a-z0-9-]+)/.exec(block)?.[1];
    if (!rule) continue;
    const where = (lines[i + 1] ?? '').trim();
    keep.push(`${m[1].padEnd(7)} ${rule.padEnd(36)} ${where}\n        ${m[2].split(' Why: ')[0]}`);
  }
  const summary = lines.filter((l) => /Synthesis finished|Found errors|Successfully synthesized/i.test(l));
  return [...keep, '', ...summary].join('\n');
}

/**
 * `scripts/pulumi-preview.js` prints what the Pulumi runtime logs: each finding
 * as `<severity>: [runtime] [deadbolt::<id>] <title>. <message>`, then
 * `  Resource: <name> (<type>) <urn>` and the why, fix and acknowledgement
 * lines. Keep one line per finding (severity, rule, resource, message), the
 * protections it added, the failure's first sentence and the preview's verdict.
 */
function pulumiFindings(out) {
  const lines = out.split('\n');
  const keep = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^(error|warning|info): \[runtime\] \[deadbolt::([a-z0-9-]+)\] (.*)$/.exec(lines[i]);
    if (!m) continue;
    const resource = /^ {2}Resource: (\S+)/.exec(lines[i + 1] ?? '')?.[1] ?? '?';
    const acknowledged = /^ {2}Acknowledged[^:]*: (.*)$/.exec(lines[i + 2] ?? '')?.[1];
    const message = m[3].slice(m[3].indexOf('. ') + 2);
    const severity = acknowledged ? 'ACK' : m[1].toUpperCase();
    keep.push(
      `${severity.padEnd(7)} ${m[2].padEnd(32)} ${resource.padEnd(16)} ${message}${acknowledged ? ` (${acknowledged})` : ''}`,
    );
  }
  const added = lines
    .map((l) => /^info: \[runtime\] (Deadbolt set the protection options .*)$/.exec(l)?.[1])
    .filter(Boolean);
  const failure = lines
    .map((l) => /^error: (Deadbolt: \d+ data-protection errors? in stack [^\s,]+)/.exec(l)?.[1])
    .find(Boolean);
  const verdict = lines.filter((l) => /^Preview (succeeded|FAILED)/.test(l));
  // Something else went wrong (a crash, bad usage): show all of it.
  if (keep.length === 0 && verdict.length === 0) return out.trimEnd();
  return [...keep, '', ...added, ...(failure ? [`${failure}.`] : []), ...verdict].join('\n');
}

/** One word as a POSIX shell reads it: quoted when it holds a space or another character the shell would act on. */
function quote(word) {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * How a command is shown: a line that runs as written from the repository root, so a reader can paste it.
 * `node` for this Node, paths relative to the directory the command runs in, and a `cd` into that directory
 * (in a subshell) when it is not the root.
 */
function shown(command, args, cwd) {
  const rel = (a) => (path.isAbsolute(a) ? path.relative(cwd, a) || '.' : a);
  const line = [command === process.execPath ? 'node' : rel(command), ...args.map(rel)].map(quote).join(' ');
  return cwd === root ? line : `(cd ${quote(path.relative(root, cwd))} && ${line})`;
}

step(
  '1. The legacy app: `cdk synth` with DataProtectionChecks',
  cdk,
  ['synth', '--no-notices', '-q', '-o', 'cdk.out'],
  { cwd: example, expect: 1, filter: cdkErrors },
);

if (fs.existsSync(deadbolt)) {
  step(
    '2. `deadbolt check` on its cloud assembly',
    process.execPath,
    [deadbolt, 'check', path.join(example, 'cdk.out')],
    { cwd: root, expect: 1 },
  );
} else {
  console.error(`\n${path.relative(root, deadbolt)} is missing: run \`npm run build\` first.`);
  failed = true;
}

step(
  '3. The fixed app: `cdk synth` with DataProtectionChecks',
  cdk,
  ['synth', '--no-notices', '-q', '--app', 'node lib/src/fixed-app.js', '-o', 'cdk.out.fixed'],
  { cwd: example, expect: 0, filter: cdkErrors },
);

if (fs.existsSync(deadbolt)) {
  step(
    '4. `deadbolt check` on the fixed app',
    process.execPath,
    [deadbolt, 'check', path.join(example, 'cdk.out.fixed')],
    { cwd: root, expect: 0 },
  );
}

const unsafe = step(
  '5. An unsafe Pulumi program: `pulumi preview` (under mocks) with enforceDataProtection',
  process.execPath,
  [pulumiPreview, path.join(pulumiExample, 'lib', 'src', 'unsafe.js'), '--config', 'aws:region=us-east-1'],
  { cwd: root, expect: 1, filter: pulumiFindings },
);
// It must fail because of its findings, not for some other reason.
const missing = ['rds-deletion-protection', 'dynamodb-point-in-time-recovery', 's3-no-auto-delete-objects'].filter(
  (id) => !(unsafe.stderr ?? '').includes(`error: [runtime] [deadbolt::${id}]`),
);
if (missing.length > 0) {
  console.log(`→ EXPECTED the error findings ${missing.join(', ')}`);
  failed = true;
}

step(
  '6. The Pulumi two-account example: `pulumi preview` (under mocks) of its prod stack',
  process.execPath,
  [pulumiPreview, path.join(pulumiExample, 'lib', 'src', 'index.js'), '--stack', 'prod'],
  { cwd: root, expect: 0, filter: pulumiFindings },
);

const terraformAws = path.join(root, 'examples', 'terraform-aws');
const terraformGcp = path.join(root, 'examples', 'terraform-gcp');
if (fs.existsSync(deadbolt)) {
  step(
    "7. Terraform: the incident's setup (examples/terraform-aws/unsafe), `deadbolt check` on its plan",
    process.execPath,
    [deadbolt, 'check', 'plan.json'],
    { cwd: path.join(terraformAws, 'unsafe'), expect: 1 },
  );
  step(
    '8. Terraform: its fixed version (examples/terraform-aws/fixed)',
    process.execPath,
    [deadbolt, 'check', 'plan.json'],
    { cwd: path.join(terraformAws, 'fixed'), expect: 0 },
  );
  step(
    '9. Terraform on Google Cloud: the same mistake with Cloud SQL (examples/terraform-gcp/unsafe)',
    process.execPath,
    [deadbolt, 'check', 'plan.json'],
    { cwd: path.join(terraformGcp, 'unsafe'), expect: 1 },
  );
  step(
    '10. The gate: `terraform destroy` of the fixed Google Cloud configuration, `deadbolt plan` on its plan',
    process.execPath,
    [deadbolt, 'plan', 'destroy-plan.json'],
    { cwd: path.join(terraformGcp, 'fixed'), expect: 1 },
  );
  step(
    '11. Who can destroy the data: `deadbolt iam` on an account whose AI agent holds AdministratorAccess',
    process.execPath,
    [deadbolt, 'iam', path.join('examples', 'agent-guardrails', 'iam', 'account.json'), '--principal', 'ai-agent'],
    {
      cwd: root,
      expect: 1,
      filter: (out) =>
        out
          .split('\n')
          .filter((l) => !l.startsWith('    '))
          .join('\n')
          .trimEnd(),
    },
  );
  step(
    '12. The same agent under AgentGuardrailPolicy as SCPs (examples/agent-guardrails/audit-iam.js)',
    process.execPath,
    [path.join(root, 'examples', 'agent-guardrails', 'audit-iam.js')],
    {
      cwd: root,
      expect: 0,
      filter: (out) =>
        out
          .split('\n')
          .filter((l) => /^\d\.|→ exit|judged|guardrail holds/.test(l))
          .join('\n'),
    },
  );
}

console.log(
  failed
    ? '\nDemo FAILED: a step did not behave as described above.'
    : '\nDemo complete: the unsafe CDK app, Pulumi program and Terraform plans cannot ship, and a destroy is stopped; their fixed versions can ship.',
);
process.exitCode = failed ? 1 : 0;
