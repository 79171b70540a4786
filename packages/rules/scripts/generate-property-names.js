#!/usr/bin/env node
/**
 * Writes `src/spec/cloudformation-property-names.generated.json`: for every
 * CloudFormation resource type, the names of its properties (its own and those
 * of every nested type it uses) that the Cloud Control providers' spelling does
 * not give back by capitalising words. The Terraform AWS Cloud Control provider
 * (`awscc_*`) writes each CloudFormation name in snake_case
 * (`DBClusterIdentifier` → `db_cluster_identifier`, `SSESpecification` →
 * `sse_specification`) and Pulumi's `aws-native` in camelCase
 * (`dbClusterIdentifier`); the provider dialect turns them back into
 * CloudFormation's names with this table, keyed by the name in lower case
 * without separators (`dbclusteridentifier`). Two names of one type that
 * normalise alike are ambiguous: the key maps to `null` and the simple
 * capitalisation is used.
 *
 * Run by `npm run generate` (generate-spec.js); a test fails while the
 * committed file and the installed specification disagree.
 * @see https://github.com/hashicorp/terraform-provider-awscc/blob/main/internal/naming/naming.go
 */
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const OUT = path.join(__dirname, '..', 'src', 'spec', 'cloudformation-property-names.generated.json');

/** The awscc provider's CloudFormation property → Terraform attribute conversion (naming.go). */
function awsccAttribute(property) {
  let name = property;
  for (const [from, to] of [
    ['CloudFormation', 'Cloudformation'],
    ['CloudFront', 'Cloudfront'],
    ['CloudWatch', 'Cloudwatch'],
    ['FSx', 'Fsx'],
  ])
    name = name.split(from).join(to);
  const cap = (c) => c >= 'A' && c <= 'Z';
  const low = (c) => c >= 'a' && c <= 'z';
  const dig = (c) => c >= '0' && c <= '9';
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const ch = name[i];
    const c = ch.toLowerCase();
    if (i < name.length - 1) {
      const next = name[i + 1];
      if ((cap(ch) && low(next)) || (low(ch) && (cap(next) || dig(next))) || (dig(ch) && (cap(next) || low(next)))) {
        if (cap(ch) && low(next) && i > 0 && cap(name[i - 1])) out += '_';
        out += c;
        if (low(ch) || dig(ch)) out += '_';
        continue;
      }
    }
    out += cap(ch) || low(ch) || dig(ch) ? c : '_';
  }
  return out;
}

/** What the provider dialect makes of a snake_case or camelCase key without the table. */
function capitalised(attribute) {
  const camel = attribute.replace(/_([a-z0-9])/g, (_m, c) => c.toUpperCase());
  return camel.charAt(0).toUpperCase() + camel.slice(1);
}

const normalise = (name) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

function buildPropertyNames() {
  const specDir = path.dirname(require.resolve('@aws-cdk/aws-service-spec/package.json'));
  const version = require(path.join(specDir, 'package.json')).version;
  const db = JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(specDir, 'db.json.gz'))));
  const typeDefinitions = new Map(Object.values(db.schema.typeDefinition.entities).map((t) => [t.$id, t]));
  const refs = (type, out) => {
    if (!type || typeof type !== 'object') return;
    if (type.type === 'ref') out.push(type.reference.$ref);
    if (type.element) refs(type.element, out);
    for (const t of type.types ?? []) refs(t, out);
  };
  const resources = Object.values(db.schema.resource.entities).sort((a, b) =>
    a.cloudFormationType.localeCompare(b.cloudFormationType),
  );
  const types = {};
  for (const r of resources) {
    const names = new Set();
    const seen = new Set();
    const queue = [r];
    // Bounded by the type definitions of the specification: each is visited once.
    while (queue.length) {
      const entity = queue.pop();
      for (const [name, prop] of Object.entries(entity.properties ?? {})) {
        names.add(name);
        const found = [];
        refs(prop.type, found);
        for (const t of prop.previousTypes ?? []) refs(t, found);
        for (const id of found) {
          if (seen.has(id) || !typeDefinitions.has(id)) continue;
          seen.add(id);
          queue.push(typeDefinitions.get(id));
        }
      }
    }
    const byKey = new Map();
    for (const name of names) {
      const key = normalise(name);
      byKey.set(key, byKey.has(key) && byKey.get(key) !== name ? null : name);
    }
    const irregular = {};
    for (const [key, name] of [...byKey].sort(([a], [b]) => a.localeCompare(b))) {
      if (name === null) irregular[key] = null;
      else if (capitalised(awsccAttribute(name)) !== name) irregular[key] = name;
    }
    if (Object.keys(irregular).length) types[r.cloudFormationType] = irregular;
  }
  return { specPackage: '@aws-cdk/aws-service-spec', specVersion: version, types };
}

module.exports = { buildPropertyNames, awsccAttribute, OUT };

if (require.main === module) {
  fs.writeFileSync(OUT, JSON.stringify(buildPropertyNames(), null, 1) + '\n');
  console.log(`wrote ${path.relative(process.cwd(), OUT)}`);
}
