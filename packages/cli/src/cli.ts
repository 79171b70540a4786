/**
 * `deadbolt`: `execute(argv, stdin)` runs one command and returns the exit code.
 *
 * Exit codes: 0 when nothing fails the run, 1 when there are error findings, 2
 * for every usage or input problem (a one-line message on stderr, never a pass).
 */
import * as fs from 'fs';
import * as path from 'path';
import { InputError } from '@deadbolt/rules';
import type { Command, CommandContext, OutputStream } from './command';
import { check } from './commands/check';
import { plan } from './commands/plan';
import { approve } from './commands/approve';
import { hook } from './commands/hook';
import { iam } from './commands/iam';
import { rules } from './commands/rules';
import { UsageError } from './errors';
import { displayPath } from './paths';

export { displayPath };

/** The commands, in `--help` order. */
export const COMMANDS: readonly Command[] = [check, plan, rules, approve, hook, iam];

export interface ExecuteOptions {
  readonly stdout?: OutputStream;
  readonly stderr?: OutputStream;
  /** @default process.cwd() */
  readonly cwd?: string;
  /** @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** The version in the CLI's package.json. */
export function version(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === '@deadbolt/cli' && pkg.version) return pkg.version;
    }
    if (path.dirname(dir) === dir) return '0.0.0';
  }
}

export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: deadbolt <command> [options]',
    '',
    'Keeps infrastructure-as-code from destroying production data.',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    '  -h, --help     Show help (`npx deadbolt COMMAND --help` for a command).',
    '  -v, --version  Show the version.',
    '',
    'Exit codes: 0 no error findings, 1 error findings, 2 unreadable input or bad usage.',
    '',
  ].join('\n');
}

/** Runs `deadbolt <argv>`; resolves to the exit code. Usage and input problems are reported on stderr, never thrown. */
export async function execute(
  argv: readonly string[],
  stdin?: NodeJS.ReadableStream,
  options: ExecuteOptions = {},
): Promise<number> {
  const ctx: CommandContext = {
    stdout: options.stdout ?? process.stdout,
    stderr: options.stderr ?? process.stderr,
    stdin,
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? process.env,
    version: version(),
  };
  const [name, ...rest] = argv;
  if (name === undefined) {
    ctx.stderr.write(usage());
    return 2;
  }
  if (name === '-h' || name === '--help' || name === 'help') {
    ctx.stdout.write(usage());
    return 0;
  }
  if (name === '-v' || name === '--version') {
    ctx.stdout.write(`${ctx.version}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    ctx.stderr.write(`deadbolt: unknown ${name.startsWith('-') ? 'option' : 'command'} \`${name}\`.\n\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(rest, ctx);
  } catch (e) {
    if (e instanceof UsageError) {
      ctx.stderr.write(`deadbolt ${e.message}\n`);
      return 2;
    }
    if (e instanceof InputError) {
      ctx.stderr.write(`deadbolt: ${describeInputError(e, ctx.cwd)}\n`);
      return 2;
    }
    throw e;
  }
}

/** The error in one line, its file shown relative to the working directory. */
export function describeInputError(e: InputError, cwd: string): string {
  let message = e.message;
  if (e.source && message.startsWith(`${e.source}: `)) {
    message = `${displayPath(e.source, cwd)}: ${message.slice(e.source.length + 2)}`;
  }
  return message.replace(/\s*\n\s*/g, ' ');
}
