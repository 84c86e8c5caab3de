/**
 * A Windows process runner for tests that replays recorded program output: each expected call (argv or command
 * line, optional standard input or `/s` script text) gets its recorded output and exit code, in order. Anything not
 * given throws, and {@link ReplayRunner.done} throws for calls left over.
 */
import { readFileSync } from 'node:fs';
import type { ProcessRequest, ProcessResult, RunProcess } from '../../process/process-types.ts';

export interface ReplayedCall {
  argv?: readonly string[];
  line?: string;
  /** Expected standard input, or for `diskpart /s <file>` the script file's text. */
  input?: string;
  stdout?: string;
  stderr?: string;
  exitCode?: number;
  /** What the program would have done on the PC (files a DISM apply writes). */
  effect?: () => void;
}

export interface ReplayRunner {
  run: RunProcess;
  /** Every call seen, as `argv` joined with spaces or the line. */
  readonly seen: string[];
  /** Every call seen with what it was given: its standard input, or for `diskpart /s <file>` the script's text. */
  readonly transcript: Array<{ command: string; input?: string }>;
  /** @throws Error naming the calls that were expected but not made */
  done(): void;
}

const shown = (r: { argv?: readonly string[]; line?: string }) => r.line ?? (r.argv ?? []).join(' ');

export function replayRunner(calls: readonly ReplayedCall[]): ReplayRunner {
  const queue = [...calls];
  const seen: string[] = [];
  const transcript: ReplayRunner['transcript'] = [];
  return {
    seen, transcript,
    async run(request: ProcessRequest): Promise<ProcessResult> {
      const call = queue.shift();
      const got = shown(request);
      seen.push(got);
      const script = request.argv[1] === '/s' ? readFileSync(request.argv[2]!, 'utf8') : request.input === undefined ? undefined : String(request.input);
      transcript.push({ command: got, ...(script !== undefined ? { input: script } : {}) });
      if (!call) throw new Error(`replay runner: unexpected call ${got}`);
      if (shown(call) !== got) throw new Error(`replay runner: expected ${shown(call)}\n  got ${got}`);
      if (call.input !== undefined && script !== call.input) {
        throw new Error(`replay runner: ${got}: expected the input\n${call.input}\n  got\n${script ?? '(none)'}`);
      }
      call.effect?.();
      const stdout = call.stdout ?? '';
      for (const line of stdout.split(/\r\n|\r|\n/)) request.onLine?.(line, 'stdout');
      return { exitCode: call.exitCode ?? 0, stdout, stderr: call.stderr ?? '', killed: false, durationMs: 1 };
    },
    done() {
      if (queue.length) throw new Error(`replay runner: ${queue.length} call(s) not made: ${queue.map(shown).join('; ')}`);
    },
  };
}
