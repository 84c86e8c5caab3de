/** Replaces every secret value in a text by a fixed mask. Values are matched literally, longest first. */

export const MASK = '********';

export class Redactor {
  private readonly values = new Set<string>();
  private ordered: string[] | undefined;

  /** Remembers `value` as secret from now on (a value once secret stays redacted for the whole run). */
  add(value: string): void {
    if (value.length === 0 || this.values.has(value)) return;
    this.values.add(value);
    this.ordered = undefined;
  }

  /** The secret values known so far, longest first. */
  list(): readonly string[] {
    if (!this.ordered) this.ordered = [...this.values].sort((a, b) => b.length - a.length);
    return this.ordered;
  }

  /** True when `text` holds any known secret value. */
  contains(text: string): boolean {
    if (this.values.size === 0 || text.length === 0) return false;
    for (const v of this.list()) if (text.includes(v)) return true;
    return false;
  }

  /** `text` with every known secret value replaced by {@link MASK}. */
  redact(text: string): string {
    if (this.values.size === 0 || text.length === 0) return text;
    let out = text;
    for (const v of this.list()) {
      if (out.includes(v)) out = out.split(v).join(MASK);
    }
    return out;
  }

  /** Deep-redacts strings inside a JSON-like value (for reports and `--json` output). */
  redactDeep<T>(value: T): T {
    if (typeof value === 'string') return this.redact(value) as T;
    if (Array.isArray(value)) return value.map((v) => this.redactDeep(v)) as T;
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.redactDeep(v);
      return out as T;
    }
    return value;
  }
}
