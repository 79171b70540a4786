#!/usr/bin/env node
/**
 * `deadbolt iam` on an account whose AI agent holds AdministratorAccess: the audit
 * fails; with Deadbolt's AgentGuardrailPolicy attached as the account's SCPs it
 * passes, and the break-glass role keeps its rights.
 *
 * Run from the repository root after `npx tsc -b`: node examples/agent-guardrails/audit-iam.js
 * Exits non-zero when either audit does not end as described.
 */
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { AgentGuardrailPolicy } = require('@deadbolt/cdk');

const here = __dirname;
const deadbolt = require.resolve('@deadbolt/cli/lib/src/bin/deadbolt.js');
const account = path.join(here, 'iam', 'account.json');
const agent = 'arn:aws:iam::111122223333:role/ai-agent';
const breakGlass = 'arn:aws:iam::111122223333:role/break-glass';

// The account's SCP level: FullAWSAccess beside the guardrail, as AWS Organizations attaches them
// (`aws organizations create-policy --content file://…` for each document, then attach-policy to the account).
const guardrail = new AgentGuardrailPolicy({ breakGlassPrincipalArns: [breakGlass] });
const fullAwsAccess = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-iam-example-'));
const scp = path.join(dir, 'account-scps.json');
fs.writeFileSync(
  scp,
  JSON.stringify([fullAwsAccess, ...guardrail.toScpDocuments().map((d) => JSON.parse(d))], null, 2),
);

let failed = false;
function audit(title, args, expected, keep) {
  console.log(
    `\n${title}\n$ npx deadbolt ${args.map((a) => (a.startsWith(dir) ? path.basename(a) : path.relative(process.cwd(), a) || a)).join(' ')}`,
  );
  const r = spawnSync(process.execPath, [deadbolt, ...args], { encoding: 'utf8' });
  const lines = `${r.stdout}${r.stderr}`.trimEnd().split('\n');
  console.log(
    lines
      .filter(keep)
      .map((l) => l.split(`${dir}${path.sep}`).join(''))
      .map((l) => (l.length > 200 ? `${l.slice(0, 197)}…` : l))
      .join('\n'),
  );
  const ok = r.status === expected;
  console.log(`→ exit ${r.status} (${ok ? 'as expected' : `EXPECTED ${expected}`})`);
  if (!ok) failed = true;
}

const summary = (l) => !l.startsWith('    - ') && !l.startsWith('    Acknowledge') && !l.startsWith('Note:');

audit(
  '1. The agent role holds AdministratorAccess, nothing above it:',
  ['iam', account, '--principal', agent],
  1,
  summary,
);
audit(
  "2. The same role, with AgentGuardrailPolicy as the account's SCPs and the data tagged deadbolt:protected=true:",
  ['iam', account, '--principal', agent, '--scp', scp, '--resource-tag', 'deadbolt:protected=true'],
  0,
  (l) => !l.startsWith('Note:'),
);
audit(
  '3. The break-glass role, exempt from the guardrail, still can (that is its job; acknowledge it in writing):',
  ['iam', account, '--principal', breakGlass, '--scp', scp, '--resource-tag', 'deadbolt:protected=true'],
  1,
  (l) => /CAN DESTROY|judged/.test(l),
);
fs.rmSync(dir, { recursive: true, force: true });
if (failed) {
  console.error('\nAn audit did not end as described above.');
  process.exit(1);
}
console.log(
  '\nThe guardrail holds: with it, the agent cannot destroy data by itself or through the CDK execution role.',
);
