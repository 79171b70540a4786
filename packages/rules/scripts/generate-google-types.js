#!/usr/bin/env node
/**
 * Writes `src/dialects/google-types.generated.json`: for each Google Cloud type
 * the catalogue decides (the `google_*` rows of `src/protection/provider-types.ts`),
 * its `@pulumi/gcp` token and the shape of its nested blocks, from the Pulumi
 * bridge metadata of `pulumi/pulumi-gcp`
 * (`provider/cmd/pulumi-resource-gcp/bridge-metadata.json`, whose
 * `auto-aliasing.resources` gives every Terraform type its Pulumi token and
 * marks each block `maxItemsOne`) and the provider's Python SDK, which spells
 * each input's Pulumi name (`sdk/python/pulumi_gcp/<module>/*.py`: Python names
 * are Pulumi's in snake_case).
 *
 * The Google dialect (`src/dialects/google-provider.ts`) reads it to give
 * Terraform (`lifecycle_rule = [{...}]`) and Pulumi (`lifecycleRules: [{...}]`)
 * inputs one shape: single nested blocks (`maxItemsOne`) as objects, repeated
 * blocks as lists, Terraform's snake_case names; and to quote the Pulumi name
 * back in findings. Pulumi pluralises a repeated block's name
 * (`lifecycle_rule` → `lifecycleRules`): that is the only renaming recorded
 * (`pulumi`), and only where the Python SDK confirms it.
 *
 * Usage: node scripts/generate-google-types.js PULUMI_GCP_GIT_DIR
 * (a clone of https://github.com/pulumi/pulumi-gcp, or its bare git directory;
 * the files are read at HEAD with `git show`).
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, 'src', 'dialects', 'google-types.generated.json');

const gitDir = process.argv[2];
if (!gitDir) {
  process.stderr.write('Usage: node scripts/generate-google-types.js PULUMI_GCP_GIT_DIR\n');
  process.exit(2);
}
const gitDirArg = fs.existsSync(path.join(gitDir, '.git')) ? path.join(gitDir, '.git') : gitDir;

function show(file) {
  try {
    return execFileSync('git', ['--git-dir', gitDirArg, 'show', `HEAD:${file}`], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return undefined;
  }
}

const metadata = JSON.parse(show('provider/cmd/pulumi-resource-gcp/bridge-metadata.json'));
const resources = metadata['auto-aliasing'].resources;

// The types the catalogue judges: the rows of the provider type table's Google section that hold data or
// configure a store (`S`, `P`), and the stateless ones a rule reads (a backup plan names what it protects, an
// instance's boot disk is deleted with it, as is one made from a template's disks; a key ring holds the keys).
const EXTRA = [
  'google_backup_dr_backup_plan',
  'google_compute_instance',
  'google_compute_instance_from_template',
  'google_compute_instance_template',
  'google_compute_region_instance_template',
  'google_kms_key_ring',
];
const table = fs.readFileSync(path.join(ROOT, 'src', 'protection', 'provider-types.ts'), 'utf8');
const google = table.slice(table.indexOf('const GOOGLE'), table.indexOf('const AZURE'));
const judged = [
  ...new Set([
    ...[...google.matchAll(/row\(\s*'(google_[a-z0-9_]+)',\s*([SPN])\b/g)].filter((m) => m[2] !== 'N').map((m) => m[1]),
    ...EXTRA,
  ]),
].sort();

const camel = (s) => s.replace(/_([a-z0-9])/g, (_m, c) => c.toUpperCase());
const snake = (s) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Python property names of one Pulumi module (its resource files and `_inputs.py`). */
const pythonNames = new Map();
function namesOfModule(module) {
  if (pythonNames.has(module)) return pythonNames.get(module);
  const names = new Set();
  const listing = execFileSync(
    'git',
    ['--git-dir', gitDirArg, 'ls-tree', '--name-only', `HEAD`, `sdk/python/pulumi_gcp/${module}/`],
    {
      encoding: 'utf8',
    },
  );
  for (const file of listing.split('\n').filter((f) => f.endsWith('.py'))) {
    const text = show(file) ?? '';
    for (const m of text.matchAll(/pulumi\.getter\(name="([A-Za-z0-9]+)"\)/g)) names.add(snake(m[1]));
    for (const m of text.matchAll(/def ([a-z0-9_]+)\(self\)/g)) names.add(m[1]);
  }
  pythonNames.set(module, names);
  return names;
}

/** The Pulumi name of a repeated block, when Pulumi pluralised it and its SDK confirms it. */
function pluralOf(name, module) {
  const names = namesOfModule(module);
  const candidates = [`${name}s`, `${name}es`, name.replace(/y$/, 'ies')].filter((c) => c !== name);
  const hit = candidates.find((c) => names.has(c));
  return hit ? camel(hit) : undefined;
}

function shape(fields, module) {
  const out = {};
  for (const [name, f] of Object.entries(fields ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
    const entry = {};
    if (f.maxItemsOne) entry.maxItemsOne = true;
    else {
      entry.list = true;
      const plural = pluralOf(name, module);
      if (plural) entry.pulumi = plural;
    }
    const nested = f.elem && f.elem.fields ? shape(f.elem.fields, module) : undefined;
    if (nested && Object.keys(nested).length) entry.fields = nested;
    out[name] = entry;
  }
  return out;
}

const types = {};
const missing = [];
for (const tf of judged) {
  const r = resources[tf];
  if (!r) {
    missing.push(tf);
    continue;
  }
  const module = /^gcp:([A-Za-z0-9]+)\//.exec(r.current)[1];
  types[tf] = { pulumi: r.current, fields: shape(r.fields, module) };
}
const commit = execFileSync('git', ['--git-dir', gitDirArg, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
fs.writeFileSync(
  OUT,
  `${JSON.stringify({ source: `https://github.com/pulumi/pulumi-gcp/tree/${commit}`, types }, null, 2)}\n`,
);
process.stdout.write(`${Object.keys(types).length} types written to ${path.relative(process.cwd(), OUT)}\n`);
if (missing.length) process.stdout.write(`Not in the bridge metadata (no Pulumi twin): ${missing.join(', ')}\n`);
