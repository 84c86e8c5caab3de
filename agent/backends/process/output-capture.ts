/** What the process runner keeps of one output stream, and the lines it hands on as they arrive. */
import { StringDecoder } from 'node:string_decoder';

/** Turns a stream's bytes into text a chunk at a time, keeping an incomplete character for the next chunk. */
export interface ChunkDecoder {
  write(chunk: Buffer): string;
  end(): string;
}

/**
 * Collects one stream's text, keeping at most `capChars` of its end (where a failing program says why), and calls
 * `onLine` with each complete line. A line ends at `\n`, `\r\n` or a lone `\r` (progress bars redraw with `\r`); a
 * line end split across two chunks is still one line end, and a multi-byte character split across chunks is decoded
 * whole. The bytes are UTF-8 unless another `decoder` is given (a Windows console's code page).
 */
export class OutputCapture {
  private kept: string[] = [];
  private keptChars = 0;
  private droppedChars = 0;
  private partial = '';
  private afterCarriageReturn = false;

  constructor(
    private readonly capChars: number,
    private readonly onLine?: (line: string) => void,
    private readonly decoder: ChunkDecoder = new StringDecoder('utf8'),
  ) {}

  /** Takes the next chunk of bytes. */
  push(chunk: Buffer): void {
    this.take(this.decoder.write(chunk));
  }

  /** The stream ended: decodes what is left and hands on a last line without a line end. */
  end(): void {
    this.take(this.decoder.end());
    if (this.partial.length > 0) this.onLine?.(this.partial);
    this.partial = '';
  }

  /** The text kept: all of it, or its last `capChars` characters. */
  text(): string {
    return this.kept.join('');
  }

  /** How many characters were dropped from the start to stay within the cap. */
  get dropped(): number {
    return this.droppedChars;
  }

  private take(text: string): void {
    if (text.length === 0) return;
    this.keep(text);
    if (this.onLine) this.split(text);
  }

  private keep(text: string): void {
    this.kept.push(text);
    this.keptChars += text.length;
    while (this.keptChars > this.capChars) {
      const over = this.keptChars - this.capChars;
      const first = this.kept[0];
      if (first.length <= over) {
        this.kept.shift();
        this.keptChars -= first.length;
        this.droppedChars += first.length;
      } else {
        this.kept[0] = first.slice(over);
        this.keptChars -= over;
        this.droppedChars += over;
      }
    }
  }

  private split(text: string): void {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '\n' && this.afterCarriageReturn && i === start) {
        start = i + 1;
        this.afterCarriageReturn = false;
        continue;
      }
      this.afterCarriageReturn = false;
      if (c !== '\n' && c !== '\r') continue;
      this.onLine!(this.partial + text.slice(start, i));
      this.partial = '';
      start = i + 1;
      this.afterCarriageReturn = c === '\r';
    }
    this.partial += text.slice(start);
  }
}
