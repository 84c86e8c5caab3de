/** Questions on the terminal: the media password (not echoed) and where the next media part is. */
import { createInterface } from 'node:readline';
import { InvalidInputError } from '../../engine/index.ts';

/** True when a person can answer: stdin and stderr are a terminal. */
export function hasTerminal(): boolean {
  return process.stdin.isTTY === true && process.stderr.isTTY === true;
}

/**
 * Reads a line without echoing it (raw mode: Enter ends it, Backspace deletes, Ctrl-C cancels).
 * @throws InvalidInputError when cancelled
 */
export function promptHidden(question: string): Promise<string> {
  const input = process.stdin;
  process.stderr.write(question);
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (error?: Error): void => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return finish();
        if (ch === '\u0003' || ch === '\u0004') return finish(new InvalidInputError('the password prompt was cancelled'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    };
    input.setRawMode(true);
    input.setEncoding('utf8');
    input.on('data', onData);
    input.resume();
  });
}

/** Reads one line; undefined when the input ends (Ctrl-D) or the answer is empty. */
export function promptLine(question: string): Promise<string | undefined> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  return new Promise((resolve) => {
    let answered = false;
    rl.question(question, (answer) => {
      answered = true;
      rl.close();
      resolve(answer.trim() || undefined);
    });
    rl.on('close', () => {
      if (!answered) resolve(undefined);
    });
  });
}
