import { invalid } from '../errors.js';

/** The streams a command talks to: the process's own, or in-memory ones in tests. */
export interface CliIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/**
 * Reads a password from standard input: the first line of piped input, or typed without echo on
 * a terminal. Passwords never come from argv, where `ps` and shell history would show them.
 */
export async function readPassword(io: CliIo): Promise<string> {
  const password =
    io.stdin.isTTY && io.stdin.setRawMode ? await readHidden(io) : await readFirstLine(io.stdin);
  if (password === '')
    throw invalid(
      'password',
      'no password on standard input (pipe it in, e.g. `printf "%s\\n" "$PW" | tandem …`)',
    );
  return password;
}

async function readFirstLine(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (text.includes('\n')) break;
  }
  return text.split('\n')[0]!.replace(/\r$/, '');
}

function readHidden(io: CliIo): Promise<string> {
  const { stdin, stderr } = io;
  stderr.write('Password: ');
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      stderr.write('\n');
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString()) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          finish();
          resolve(value);
          return;
        }
        if (ch === '\u0003') {
          finish();
          reject(invalid('password', 'cancelled'));
          return;
        }
        value = ch === '\u007f' || ch === '\b' ? value.slice(0, -1) : value + ch;
      }
    };
    stdin.setRawMode?.(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}
