#!/usr/bin/env node
/**
 * Puts a real copy of @deadbolt/rules in packages/cdk/node_modules while `npm pack` runs (`prepack`), and takes it
 * away after (`postpack`).
 *
 * Why: jsii accepts a dependency that is not itself a jsii module only as a bundled dependency, and the Python, Java,
 * .NET and Go packages run the npm tarball embedded in them, so @deadbolt/rules must travel inside it. npm bundles
 * what it finds in the package's own node_modules; in this workspace @deadbolt/rules is a symlink in the root's
 * node_modules, which npm does not bundle (https://docs.npmjs.com/cli/v11/configuring-npm/package-json#bundledependencies).
 * The copy is what `npm pack` of packages/rules gives, so it holds exactly what the rules tarball ships.
 */
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const cdkDir = path.resolve(__dirname, '..');
const rulesDir = path.resolve(cdkDir, '..', 'rules');
const target = path.join(cdkDir, 'node_modules', '@deadbolt', 'rules');

/** Removes the copy, and the folders it alone needed: anything else npm put in packages/cdk/node_modules stays. */
function remove() {
  fs.rmSync(target, { recursive: true, force: true });
  for (const dir of [path.dirname(target), path.dirname(path.dirname(target))]) {
    if (fs.existsSync(dir) && fs.readdirSync(dir).length === 0) fs.rmdirSync(dir);
  }
}

/**
 * The tarball is also what every foreign-language package embeds and runs: it must carry the jsii assembly and the
 * JavaScript jsii compiled (whose classes carry the type names the kernel reports), not `tsc -b`'s output.
 */
function requireJsiiBuild() {
  const compiled = path.join(cdkDir, 'lib', 'src', 'checks', 'data-protection-checks.js');
  const jsiiBuilt =
    fs.existsSync(path.join(cdkDir, '.jsii')) &&
    fs.existsSync(compiled) &&
    fs.readFileSync(compiled, 'utf8').includes('jsii.rtti');
  if (!jsiiBuilt) {
    throw new Error(
      '@deadbolt/cdk is not built by jsii: run `npm run package` (from the repository root) before packing it.',
    );
  }
}

function bundle() {
  requireJsiiBuild();
  remove();
  if (!fs.existsSync(path.join(rulesDir, 'lib', 'index.js'))) {
    throw new Error('packages/rules is not built: run `npx tsc -b` first.');
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-bundle-rules-'));
  try {
    const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], {
      cwd: rulesDir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      // The outer `npm pack`'s own settings (`--dry-run`, `--json`, `--pack-destination`) reach scripts as npm_config_*
      // variables; this pack of the rules must not inherit them.
      env: Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_config_/i.test(k))),
    });
    const [{ filename }] = JSON.parse(out);
    fs.mkdirSync(target, { recursive: true });
    execFileSync('tar', ['-xzf', path.join(work, filename), '-C', target, '--strip-components=1']);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

const mode = process.argv[2];
if (mode === 'bundle') bundle();
else if (mode === 'remove') remove();
else {
  console.error('usage: bundle-rules.js bundle|remove');
  process.exit(2);
}
