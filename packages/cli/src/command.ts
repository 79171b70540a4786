/** What a command needs from the outside world; `execute` fills it from the process. */
export interface CommandContext {
  /** Where results go (unless `--output-file`). */
  readonly stdout: OutputStream;
  /** Where diagnostics go: usage errors, unreadable input, notes. */
  readonly stderr: OutputStream;
  /** The standard input, for commands that read it (`check -`). */
  readonly stdin?: NodeJS.ReadableStream;
  /** The directory relative paths are resolved against and shown relative to. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The CLI's version. */
  readonly version: string;
}

/** The part of a writable stream the CLI uses. */
export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/** One `deadbolt <command>`. */
export interface Command {
  readonly name: string;
  /** One line for the command list in `deadbolt --help`. */
  readonly summary: string;
  /** The full `deadbolt <command> --help` text. */
  readonly usage: string;
  /** Runs the command and returns its exit code; throws `UsageError`/`InputError` for exit code 2. */
  run(args: readonly string[], ctx: CommandContext): Promise<number>;
}
