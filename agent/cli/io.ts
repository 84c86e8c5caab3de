/** Where the CLI writes: injectable so that tests run commands in-process. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

const guarded = new WeakSet<NodeJS.WriteStream>();
const closed = new WeakSet<NodeJS.WriteStream>();

/**
 * A reader that goes away early (`taskseq help run | head -3`) closes the pipe: the write then fails with EPIPE,
 * which Node raises as an unhandled error. The command must go on (a deployment piped into a pager must not die
 * half-way because the pager was closed), so a closed stream only stops receiving text; any other error still throws.
 */
function guard(stream: NodeJS.WriteStream): void {
  if (guarded.has(stream)) return;
  guarded.add(stream);
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    closed.add(stream);
  });
}

function write(stream: NodeJS.WriteStream, text: string): void {
  guard(stream);
  if (closed.has(stream)) return;
  stream.write(text.endsWith('\n') ? text : text + '\n');
}

export const processIO: CliIO = {
  out: (t) => write(process.stdout, t),
  err: (t) => write(process.stderr, t),
};
