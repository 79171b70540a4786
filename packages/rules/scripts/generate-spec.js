#!/usr/bin/env node
/**
 * Derives the facts Deadbolt needs from the CloudFormation resource specification
 * (`@aws-cdk/aws-service-spec`, a dev dependency) and writes them to
 * `src/spec/cloudformation-types.generated.json`, so that the published rules
 * package needs no 3 MB database at run time.
 *
 * - `stateful`: the types the specification marks `isStateful`.
 * - `replacement`: for every resource type, the properties whose change forces
 *   replacement (`yes`) or may force it (`maybe`); the plan gate reads these.
 * - `otherTypes`: the types without such a property, so that `replacement` and
 *   `otherTypes` together name every type the specification knows (the plan
 *   gate asks for a decision on an `AWS::` type outside them).
 * - `deletionProtection`: every property whose name says it protects the resource
 *   from deletion, so that a new one in a later spec shows up in review.
 * - `dataProperties`: every type with a property named like a data protection
 *   (deletion or termination protection, backup or snapshot retention, final
 *   snapshots, point-in-time recovery), so that a data store the specification
 *   does not mark stateful still needs a decision in the protection table.
 *
 * Run `npm run generate` after bumping `@aws-cdk/aws-service-spec`; a test fails
 * while the committed file and the installed specification disagree.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const OUT = path.join(__dirname, '..', 'src', 'spec', 'cloudformation-types.generated.json');

/** Property names that protect data: deletion protection, backups, snapshots, point-in-time recovery. */
const DATA_PROPERTY =
  /DeletionProtection|TerminationProtection|SnapshotRetention|BackupRetention|AutomaticBackup|PointInTimeRecovery|FinalSnapshot|SkipFinal|DeleteAutomatedBackups/;

function build() {
  const specDir = path.dirname(require.resolve('@aws-cdk/aws-service-spec/package.json'));
  const version = require(path.join(specDir, 'package.json')).version;
  const db = JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(specDir, 'db.json.gz'))));
  const resources = Object.values(db.schema.resource.entities).sort((a, b) =>
    a.cloudFormationType.localeCompare(b.cloudFormationType),
  );
  const stateful = [];
  const replacement = {};
  const deletionProtection = {};
  const dataProperties = {};
  const otherTypes = [];
  for (const r of resources) {
    const type = r.cloudFormationType;
    if (r.isStateful) stateful.push(type);
    const yes = [];
    const maybe = [];
    for (const [name, prop] of Object.entries(r.properties ?? {})) {
      if (prop.causesReplacement === 'yes') yes.push(name);
      else if (prop.causesReplacement === 'maybe') maybe.push(name);
      if (/^(DeletionProtection|DeletionProtectionEnabled|TerminationProtectionEnabled)$/.test(name)) {
        (deletionProtection[type] ??= []).push(name);
      }
      if (DATA_PROPERTY.test(name)) (dataProperties[type] ??= []).push(name);
    }
    if (yes.length || maybe.length) replacement[type] = { yes: yes.sort(), maybe: maybe.sort() };
    else otherTypes.push(type);
  }
  for (const t of Object.keys(dataProperties)) dataProperties[t].sort();
  return {
    specPackage: '@aws-cdk/aws-service-spec',
    specVersion: version,
    stateful,
    deletionProtection,
    dataProperties,
    replacement,
    otherTypes,
  };
}

module.exports = { build, OUT };

if (require.main === module) {
  fs.writeFileSync(OUT, JSON.stringify(build(), null, 1) + '\n');
  console.log(`wrote ${path.relative(process.cwd(), OUT)}`);
  // The CloudFormation property names the Cloud Control providers' spellings do not give back (generate-property-names.js).
  const names = require('./generate-property-names.js');
  fs.writeFileSync(names.OUT, JSON.stringify(names.buildPropertyNames(), null, 1) + '\n');
  console.log(`wrote ${path.relative(process.cwd(), names.OUT)}`);
}
