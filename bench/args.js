'use strict';
/**
 * The command-line options every benchmark shares, read with Node's
 * `util.parseArgs`: whole-number counts (`--runs N`), `--no-write`,
 * `--out FILE`, `--help`, plus a benchmark's own string options. Bad usage
 * prints the message and the usage line and exits 2.
 */
const path = require('path');
const { parseArgs } = require('util');

/**
 * @param {string[]} argv
 * @param {{ usage: string, defaultOut: string, counts: Record<string, number>, strings?: Record<string, string | undefined> }} spec
 * @returns {Record<string, any> & { write: boolean, out: string }}
 */
function benchOptions(argv, spec) {
  const fail = (message) => {
    process.stderr.write(`${message}\n${spec.usage}`);
    process.exit(2);
  };
  const options = {
    'no-write': { type: 'boolean', default: false },
    out: { type: 'string', default: spec.defaultOut },
    help: { type: 'boolean', short: 'h', default: false },
  };
  for (const [name, dflt] of Object.entries(spec.counts)) options[name] = { type: 'string', default: String(dflt) };
  for (const [name, dflt] of Object.entries(spec.strings ?? {}))
    options[name] = dflt === undefined ? { type: 'string' } : { type: 'string', default: dflt };
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false }));
  } catch (e) {
    fail(e.message);
  }
  if (values.help) {
    process.stdout.write(spec.usage);
    process.exit(0);
  }
  const out = { write: !values['no-write'], out: path.resolve(values.out), fail };
  for (const name of Object.keys(spec.counts)) {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < 1)
      fail(`\`--${name}\` must be a whole number, at least 1; got ${JSON.stringify(values[name])}.`);
    out[name] = n;
  }
  for (const name of Object.keys(spec.strings ?? {})) out[name] = values[name];
  return out;
}

module.exports = { benchOptions };
