#!/usr/bin/env node
/**
 * Runs a compiled Pulumi program the way `pulumi preview` runs it, without the
 * Pulumi CLI: the resource monitor is `pulumi.runtime.setMocks` (in preview
 * mode, so no resource gets an id or computed outputs), and this process plays
 * the Node language host around it.
 *
 *   node scripts/pulumi-preview.js <program module> [--stack NAME] [--config key=value ...]
 *
 *   node scripts/pulumi-preview.js examples/pulumi-two-account/lib/src/index.js --stack prod
 *   node scripts/pulumi-preview.js examples/pulumi-two-account/lib/src/unsafe.js --config aws:region=us-east-1
 *
 * - The project name is the `name` of the nearest Pulumi.yaml above the program
 *   module; `--stack NAME` (default `dev`) names the stack and, when the project
 *   has a Pulumi.NAME.yaml, reads its `config` (keys without a namespace get the
 *   project's, objects are passed as JSON, as the CLI does). `--config k=v`
 *   (repeatable) sets or overrides one value. Secrets cannot be decrypted
 *   without the CLI: pass them with `--config`.
 * - The (CommonJS) program module is required inside the stack resource, and a
 *   function it exports (`export = async () => ...`) is called, as the runtime's
 *   `run` does; its exports, or what the function returns, are the stack outputs.
 * - Like the language host (`@pulumi/pulumi/cmd/run`), this process lets the
 *   event loop drain when the program returns, so `beforeExit` handlers run:
 *   that is when `enforceDataProtection` (with its default `judgeAtExit`) judges
 *   the stack, logs every finding and fails the program with an unhandled
 *   rejection. Every uncaught exception and unhandled rejection is logged once
 *   and makes the exit code non-zero, as the runtime's exit handler does. (A
 *   runner that called `process.exit()` once the program returned would skip
 *   the judgement; one that left Node's default for unhandled rejections would
 *   still exit non-zero, but print the failure as a crash.)
 *
 * Exit codes: 0 the preview succeeded, 1 the program failed (an error finding,
 * an exception), 2 bad usage or an unreadable stack configuration.
 *
 * Invokes are answered as the tests' harness answers them (`getCallerIdentity`
 * with the one account in `aws:allowedAccountIds`, `getRegion` with
 * `aws:region`); any other invoke returns its arguments.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { parseArgs } = require('util');

const USAGE = 'Usage: node scripts/pulumi-preview.js <program module> [--stack NAME] [--config key=value ...]\n';

function usage(message) {
  process.stderr.write(`${message}\n${USAGE}`);
  process.exit(2);
}

function options() {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      strict: true,
      options: {
        stack: { type: 'string', default: 'dev' },
        config: { type: 'string', short: 'c', multiple: true, default: [] },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    usage(e.message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  if (positionals.length !== 1)
    usage(
      positionals.length === 0
        ? 'Name the compiled program module to run.'
        : `One program module only; got ${positionals.join(', ')}.`,
    );
  const program = path.resolve(positionals[0]);
  if (!fs.existsSync(program)) usage(`${positionals[0]} does not exist (build the program first: \`npx tsc -b\`).`);
  const config = values.config.map((kv) => {
    const eq = kv.indexOf('=');
    if (eq < 1) usage(`\`--config\` takes key=value; got ${JSON.stringify(kv)}.`);
    return [kv.slice(0, eq), kv.slice(eq + 1)];
  });
  return { program, stack: values.stack, config };
}

/** The nearest directory at or above `dir` that holds a Pulumi.yaml (or .yml). */
function projectDirectory(dir) {
  for (let d = dir; ; d = path.dirname(d)) {
    for (const f of ['Pulumi.yaml', 'Pulumi.yml'])
      if (fs.existsSync(path.join(d, f))) return { dir: d, file: path.join(d, f) };
    if (path.dirname(d) === d) return undefined;
  }
}

/** Project name, stack name and configuration, as the CLI would hand them to the program. */
function stackSettings(opts) {
  const start = fs.statSync(opts.program).isDirectory() ? opts.program : path.dirname(opts.program);
  const found = projectDirectory(start);
  // yaml comes with @deadbolt/cli (a workspace of this repository).
  const yaml = found ? require('yaml') : undefined;
  const read = (file) => {
    try {
      return yaml.parse(fs.readFileSync(file, 'utf8')) ?? {};
    } catch (e) {
      usage(`Cannot read ${path.relative(process.cwd(), file)}: ${e.message}`);
    }
  };
  const project = found ? read(found.file).name : 'project';
  if (typeof project !== 'string' || project === '')
    usage(`${path.relative(process.cwd(), found.file)} has no \`name\`.`);
  const qualify = (key) => (key.includes(':') ? key : `${project}:${key}`);
  const config = {};
  let stackFile;
  if (found) {
    const file = ['yaml', 'yml']
      .map((ext) => path.join(found.dir, `Pulumi.${opts.stack}.${ext}`))
      .find((f) => fs.existsSync(f));
    if (file) {
      stackFile = file;
      for (const [key, value] of Object.entries(read(file).config ?? {})) {
        if (value !== null && typeof value === 'object' && !Array.isArray(value) && 'secure' in value) {
          usage(
            `${qualify(key)} in ${path.relative(process.cwd(), file)} is a secret, which only the Pulumi CLI can decrypt: pass it with --config ${qualify(key)}=<value>.`,
          );
        }
        config[qualify(key)] =
          typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
      }
    }
  }
  for (const [key, value] of opts.config) config[qualify(key)] = value;
  return { project, stack: opts.stack, config, projectFile: found && found.file, stackFile };
}

function main() {
  const opts = options();
  const settings = stackSettings(opts);
  const programDir = fs.statSync(opts.program).isDirectory() ? opts.program : path.dirname(opts.program);
  // The program's own @pulumi/pulumi: the runtime state (stack, mocks, config) lives in that module.
  const pulumi = require(require.resolve('@pulumi/pulumi', { paths: [programDir] }));
  const rel = (f) => path.relative(process.cwd(), f);

  // What the language host does: every uncaught error is logged once and fails the program.
  const errors = new Set();
  const uncaught = (err) => {
    if (errors.has(err)) return;
    errors.add(err);
    const runError = pulumi.RunError.isInstance(err);
    process.stderr.write(`error: ${runError ? err.message : (err && err.stack) || String(err)}\n`);
  };
  process.on('uncaughtException', uncaught);
  process.on('unhandledRejection', uncaught);
  process.on('exit', (code) => {
    if (code === 0 && errors.size > 0) process.exitCode = 1;
    if (process.exitCode)
      process.stderr.write(
        `\nPreview FAILED under mocks (exit code ${process.exitCode}): \`pulumi preview\` fails the same way, and \`pulumi up\` would stop before the engine deletes anything.\n`,
      );
  });

  const registered = [];
  const account = (() => {
    try {
      const ids = JSON.parse(settings.config['aws:allowedAccountIds'] ?? '[]');
      return Array.isArray(ids) && ids.length === 1 ? String(ids[0]) : '123456789012';
    } catch {
      return '123456789012';
    }
  })();
  const region = settings.config['aws:region'] ?? 'us-east-1';

  process.stdout.write(
    `Previewing ${settings.project}/${settings.stack} under pulumi.runtime.setMocks: ${rel(opts.program)}${settings.stackFile ? `, config from ${rel(settings.stackFile)}` : ''}${opts.config.length ? ` and --config` : ''}\n`,
  );

  pulumi.runtime
    .setMocks(
      {
        newResource: (a) => ({ id: undefined, state: a.inputs }),
        call(a) {
          if (a.token === 'aws:index/getCallerIdentity:getCallerIdentity')
            return { accountId: account, arn: `arn:aws:iam::${account}:user/preview`, userId: 'preview', id: account };
          if (a.token === 'aws:index/getRegion:getRegion') return { name: region, region, id: region };
          if (a.token === 'aws:index/getPartition:getPartition')
            return { partition: 'aws', dnsSuffix: 'amazonaws.com', id: 'aws' };
          return a.inputs;
        },
      },
      settings.project,
      settings.stack,
      true,
    )
    .then(() => {
      pulumi.runtime.setAllConfig(settings.config);
      const monitor = pulumi.runtime.getMonitor();
      const register = monitor.registerResource.bind(monitor);
      monitor.registerResource = (req, callback) =>
        register(req, (err, res) => {
          if (!err) registered.push(req.getType());
          callback(err, res);
        });
      // The mock monitor cannot register resource hooks (Deadbolt's deletion guard is one); the engine would.
      monitor.registerResourceHook = (req, callback) => callback(null, {});

      // When the event loop is empty again, after every other `beforeExit` handler (the
      // runtime's trick: register late, from a nextTick), the language host signals the
      // engine that the program is done. Here: say what the engine would now do.
      let late = false;
      process.on('beforeExit', () =>
        process.nextTick(() => {
          if (late) return;
          late = true;
          setImmediate(() => undefined);
          let signaled = false;
          process.on('beforeExit', (code) => {
            if (signaled || errors.size > 0 || code !== 0) return;
            signaled = true;
            const custom = registered.filter((t) => t !== 'pulumi:pulumi:Stack').length;
            process.stdout.write(
              `\nPreview succeeded under mocks: ${registered.length} resources to create (the stack and ${custom} other${custom === 1 ? '' : 's'}).\n`,
            );
          });
        }),
      );

      return pulumi.runtime.runInPulumiStack(async () => {
        // As the runtime's `run` does for a CommonJS program: an exported function is called.
        const exported = require(opts.program);
        return exported instanceof Function ? exported() : exported;
      });
    })
    .catch(uncaught);
}

main();
