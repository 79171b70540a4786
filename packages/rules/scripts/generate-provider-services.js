#!/usr/bin/env node
/**
 * Derives which Pulumi module (the service) each Terraform `google_*` and
 * `azurerm_*` resource type belongs to, from the Pulumi bridge metadata of
 * `pulumi/pulumi-gcp` and `pulumi/pulumi-azure`
 * (`provider/cmd/pulumi-resource-<name>/bridge-metadata.json`, whose
 * `auto-aliasing.resources` maps every Terraform type to its Pulumi token), and
 * writes `src/protection/provider-services.generated.json`: per provider, the
 * shortest Terraform name prefixes (in words after `google_` / `azurerm_`) that
 * name one module (`name$` is a whole name; a longer prefix wins over a shorter),
 * and every module each provider has (`modules`).
 *
 * The plan gate reads it (`protection/provider-types.ts`) to decide a Google or
 * Azure type by its service in both dialects alike: `google_compute_firewall`
 * and `gcp:compute/firewall:Firewall` are both of `compute`.
 *
 * Usage: node scripts/generate-provider-services.js GCP_BRIDGE_METADATA AZURE_BRIDGE_METADATA
 * (e.g. `git -C pulumi-gcp show HEAD:provider/cmd/pulumi-resource-gcp/bridge-metadata.json > gcp.json`).
 */
'use strict';
const fs = require('fs');
const path = require('path');

const OUT = path.join(__dirname, '..', 'src', 'protection', 'provider-services.generated.json');

/** `{ terraform type: Pulumi module }` of one bridge metadata file, and every module (legacy ones too). */
function modulesOf(file, prefix) {
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  const out = {};
  const all = new Set();
  for (const [tf, entry] of Object.entries(doc['auto-aliasing'].resources)) {
    const m = /^[a-z-]+:([A-Za-z0-9]+)\//.exec(entry.current);
    if (!m || !tf.startsWith(prefix)) continue;
    all.add(m[1]);
    // `*_legacy` names are Pulumi's duplicates of renamed resources, not Terraform types.
    if (!tf.endsWith('_legacy')) out[tf.slice(prefix.length)] = m[1];
  }
  return { names: out, modules: [...all].sort() };
}

/** Shortest word prefixes that name one module; whole names (`name$`) where no prefix does. */
function prefixes(modules) {
  const names = Object.keys(modules).sort();
  const under = (p) => names.filter((n) => n === p || n.startsWith(`${p}_`));
  const table = {};
  for (const name of names) {
    const words = name.split('_');
    let found = false;
    for (let i = 1; i <= words.length && !found; i++) {
      const p = words.slice(0, i).join('_');
      const mods = new Set(under(p).map((n) => modules[n]));
      if (mods.size === 1) {
        table[p] = modules[name];
        found = true;
      } else if (i === words.length) table[`${p}$`] = modules[name];
    }
  }
  // A prefix spelt as its module (`bigquery` for `bigquery`) names it for types the metadata does not list yet.
  for (const name of names) {
    const words = name.split('_');
    for (let i = 1; i < words.length; i++) {
      const p = words.slice(0, i).join('_');
      if (table[p] === undefined && Object.values(modules).includes(p.replace(/_/g, '')))
        table[p] = p.replace(/_/g, '');
    }
  }
  // Drop a prefix its nearest shorter prefix already names.
  const lookup = (t, words) => {
    for (let i = words.length; i >= 1; i--) {
      const v = t[words.slice(0, i).join('_')];
      if (v !== undefined) return v;
    }
    return undefined;
  };
  for (const key of Object.keys(table).sort((a, b) => a.length - b.length)) {
    if (key.endsWith('$')) continue;
    const words = key.split('_');
    if (words.length > 1 && lookup(table, words.slice(0, -1)) === table[key]) delete table[key];
  }
  const sorted = {};
  for (const k of Object.keys(table).sort()) sorted[k] = table[k];
  // Every name must resolve to its own module.
  for (const name of names) {
    const got = table[`${name}$`] ?? lookup(table, name.split('_'));
    if (got !== modules[name]) throw new Error(`${name}: resolves to ${got}, not ${modules[name]}`);
  }
  return sorted;
}

function main() {
  const [gcp, azure] = process.argv.slice(2);
  if (!gcp || !azure) {
    console.error('usage: generate-provider-services.js GCP_BRIDGE_METADATA AZURE_BRIDGE_METADATA');
    process.exit(2);
  }
  const g = modulesOf(gcp, 'google_');
  const a = modulesOf(azure, 'azurerm_');
  const out = {
    google: prefixes(g.names),
    azurerm: prefixes(a.names),
    modules: { gcp: g.modules, azure: a.modules },
  };
  fs.writeFileSync(OUT, `${JSON.stringify(out, null, 1)}\n`);
  console.log(
    `wrote ${OUT}: ${Object.keys(out.google).length} google, ${Object.keys(out.azurerm).length} azurerm prefixes`,
  );
}

main();
