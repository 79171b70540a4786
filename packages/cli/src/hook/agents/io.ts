/**
 * Reading and writing for a hook process: the agent's input on standard input,
 * the answer on standard output or standard error, written synchronously so
 * nothing is lost when the process exits right after answering, and the
 * files a command runs, read without ever blocking on a FIFO or a device.
 */
import * as fs from 'fs';

/** Largest file the hook reads to look inside a script (a shell script, package.json). */
export const MAX_SCRIPT_BYTES = 1024 * 1024;

/** Reads a regular file of at most MAX_SCRIPT_BYTES; never blocks on a FIFO or a device. */
export function readScriptFile(absolutePath: string): string | undefined {
  let fd: number | undefined;
  try {
    const st = fs.statSync(absolutePath);
    if (!st.isFile() || st.size > MAX_SCRIPT_BYTES) return undefined;
    fd = fs.openSync(absolutePath, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    const buf = Buffer.alloc(Math.min(st.size, MAX_SCRIPT_BYTES));
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * The process's standard input, read synchronously: an order of magnitude
 * faster than creating `process.stdin` (about 10 ms), which matters for a
 * hook that runs before every command. Falls back to the stream when the
 * descriptor is non-blocking.
 */
export async function readStandardInput(): Promise<string> {
  try {
    return fs.readFileSync(0, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EAGAIN' || code === 'EWOULDBLOCK') return readAll(process.stdin);
    if (code === 'EOF' || code === 'ENXIO' || code === 'EBADF') return '';
    throw e;
  }
}

/** Writes all of `text` to a file descriptor, synchronously (retrying while a non-blocking pipe is full). */
export function writeSyncAll(fd: number, text: string): void {
  let buf = Buffer.from(text, 'utf8');
  while (buf.length > 0) {
    try {
      buf = buf.subarray(fs.writeSync(fd, buf));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') continue;
      // A reader that went away (EPIPE) is not ours to report.
      if (code === 'EPIPE') return;
      throw e;
    }
  }
}

/** Reads all of a stream as UTF-8. */
export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
