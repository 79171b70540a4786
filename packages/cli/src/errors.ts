/**
 * A mistake in how the command was called: an unknown option, a bad value, a
 * missing argument. Reported on stderr in one line, exit code 2.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
