#!/usr/bin/env node
/**
 * Regenerates the rule table in packages/rules/README.md (between
 * `<!-- rules:start -->` and `<!-- rules:end -->`) from the catalogue, with the
 * same formatter as `deadbolt rules --format markdown`, and the table of every
 * resource type's decision (between `<!-- types:start -->` and
 * `<!-- types:end -->`) from the protection table, as `deadbolt rules --types
 * --format markdown` prints it.
 *
 *   npx tsc -b && node packages/rules/scripts/update-readme.js          # rewrite the table
 *   npx tsc -b && node packages/rules/scripts/update-readme.js --check  # exit 1 when it is out of date
 */
'use strict';
const fs = require('fs');
const path = require('path');

const readme = path.join(__dirname, '..', 'README.md');
let markdown, types, rules;
try {
  markdown = require(path.join(__dirname, '..', '..', 'cli', 'lib', 'src', 'formatters', 'markdown.js'));
  types = require(path.join(__dirname, '..', '..', 'cli', 'lib', 'src', 'formatters', 'data-stores.js'));
  rules = require(path.join(__dirname, '..', 'lib', 'index.js'));
} catch (e) {
  process.stderr.write(
    `update-readme: the packages are not built (${e.message.split('\n')[0]}); run \`npx tsc -b\` first.\n`,
  );
  process.exit(2);
}

const before = fs.readFileSync(readme, 'utf8');
const after = types.replaceTypesTable(
  markdown.replaceRulesTable(before, markdown.formatRulesMarkdown(rules.CATALOGUE)),
  types.formatTypesMarkdown(),
);
if (process.argv.includes('--check')) {
  if (before !== after) {
    process.stderr.write(
      'update-readme: packages/rules/README.md is out of date; run `node packages/rules/scripts/update-readme.js`.\n',
    );
    process.exit(1);
  }
  process.stdout.write(`packages/rules/README.md lists all ${rules.CATALOGUE.length} rules.\n`);
} else if (before !== after) {
  fs.writeFileSync(readme, after);
  process.stdout.write(`Updated packages/rules/README.md: ${rules.CATALOGUE.length} rules.\n`);
} else {
  process.stdout.write(`packages/rules/README.md is up to date (${rules.CATALOGUE.length} rules).\n`);
}
