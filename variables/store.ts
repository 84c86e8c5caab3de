/**
 * The task sequence environment: one global scope plus the running step's local defaults.
 * Names are case-insensitive; an empty value deletes; `_` names are written only by the engine; secrets stay secret
 * through `%NAME%` expansion and are redacted by value.
 */
import { checkName, checkValue, isReadOnlyName, keyOf } from './names.ts';
import { Redactor } from './redactor.ts';
import { isSecretByName } from './secret-names.ts';

/** Who writes a variable: the engine may write `_` names, sequences and steps may not. */
export type Writer = 'engine' | 'step';

export interface Variable {
  /** The name as first written (case preserved for display). */
  name: string;
  value: string;
  secret: boolean;
}

/** A change, reported to listeners (the log prints it redacted). */
export interface VariableChange {
  name: string;
  /** undefined when deleted. */
  value: string | undefined;
  secret: boolean;
  writer: Writer;
}

/** Result of expanding `%NAME%` tokens: the text and whether any secret went into it. */
export interface Expansion {
  text: string;
  secret: boolean;
}

/** Thrown when a sequence or step writes a read-only or invalid variable. */
export class VariableError extends Error {
  readonly code: 'read-only-variable' | 'invalid-variable';
  readonly variable: string;
  constructor(code: 'read-only-variable' | 'invalid-variable', variable: string, message: string) {
    super(message);
    this.name = 'VariableError';
    this.code = code;
    this.variable = variable;
  }
}

/** Serialised form for the journal; secret values are sealed by the caller (see `snapshot`). */
export interface VariablesSnapshot {
  vars: Array<{ name: string; value: string; secret?: true }>;
}

const TOKEN = /%([A-Za-z0-9_][A-Za-z0-9_\-]*)%/g;

export class VariableStore {
  private readonly globals = new Map<string, Variable>();
  private locals = new Map<string, Variable>();
  private readonly listeners: Array<(c: VariableChange) => void> = [];
  /** Knows every value that has ever been secret in this run. */
  readonly redactor = new Redactor();

  /** Value of `name` (global first, then the running step's local default), or undefined. */
  get(name: string): string | undefined {
    const k = keyOf(name);
    return (this.globals.get(k) ?? this.locals.get(k))?.value;
  }

  has(name: string): boolean {
    const k = keyOf(name);
    return this.globals.has(k) || this.locals.has(k);
  }

  isSecret(name: string): boolean {
    const k = keyOf(name);
    return (this.globals.get(k) ?? this.locals.get(k))?.secret ?? false;
  }

  /**
   * Sets a global variable; an empty value deletes it.
   * @throws VariableError when a step writes a `_` name, or the name or value breaks the limits.
   */
  set(name: string, value: string, options: { writer?: Writer; secret?: boolean } = {}): void {
    const writer = options.writer ?? 'step';
    const bad = checkName(name);
    if (bad) throw new VariableError('invalid-variable', name, bad);
    if (writer === 'step' && isReadOnlyName(name)) {
      throw new VariableError('read-only-variable', name, `variable ${name} is read-only: names starting with "_" are set by the engine only`);
    }
    if (writer === 'step') {
      const tooLong = checkValue(value);
      if (tooLong) throw new VariableError('invalid-variable', name, `${name}: ${tooLong}`);
    }
    const k = keyOf(name);
    if (value === '') {
      const had = this.globals.get(k);
      if (!had) return;
      this.globals.delete(k);
      this.emit({ name: had.name, value: undefined, secret: had.secret, writer });
      return;
    }
    const prev = this.globals.get(k);
    // A value that carries a secret (a command's output, a concatenation) is itself secret.
    const secret = options.secret === true || isSecretByName(name) || (options.secret === undefined && prev?.secret === true) || this.redactor.contains(value);
    if (secret) this.redactor.add(value);
    if (prev && prev.value === value && prev.secret === secret) return;
    this.globals.set(k, { name: prev?.name ?? name, value, secret });
    this.emit({ name: prev?.name ?? name, value, secret, writer });
  }

  /** Removes a global variable (same as setting it empty). */
  delete(name: string, writer: Writer = 'step'): void {
    this.set(name, '', { writer });
  }

  /**
   * Installs a step's `defaultVarList` as local defaults for the duration of the step. A global of the same name
   * wins; locals vanish at {@link clearLocals}. Engine-internal: steps never call this.
   */
  setLocals(entries: ReadonlyArray<{ name: string; value: string; secret?: boolean }>): void {
    this.locals = new Map();
    for (const e of entries) {
      if (e.value === '') continue;
      const secret = e.secret === true || isSecretByName(e.name);
      if (secret) this.redactor.add(e.value);
      this.locals.set(keyOf(e.name), { name: e.name, value: e.value, secret });
    }
  }

  clearLocals(): void {
    if (this.locals.size) this.locals = new Map();
  }

  /** Expands `%NAME%` tokens in one pass; unknown names stay as typed (Windows expands its own later). */
  expand(text: string): Expansion {
    if (!text.includes('%')) return { text, secret: false };
    let secret = false;
    const out = text.replace(TOKEN, (whole, name: string) => {
      const k = keyOf(name);
      const v = this.globals.get(k) ?? this.locals.get(k);
      if (!v) return whole;
      if (v.secret) secret = true;
      return v.value;
    });
    if (secret && out !== text) this.redactor.add(out);
    return { text: out, secret };
  }

  /** `text` with every secret value replaced by the mask. */
  redact(text: string): string {
    return this.redactor.redact(text);
  }

  /** Every global variable, sorted by name (case-insensitive). */
  list(): Variable[] {
    return [...this.globals.values()].sort((a, b) => keyOf(a.name).localeCompare(keyOf(b.name)));
  }

  /** Globals as a plain object with secret values masked (for reports). */
  toRedactedRecord(mask = '********'): Record<string, string> {
    const out: Record<string, string> = {};
    for (const v of this.list()) out[v.name] = v.secret ? mask : this.redactor.redact(v.value);
    return out;
  }

  onChange(listener: (c: VariableChange) => void): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /**
   * Globals for the journal. `seal` turns a secret value into an opaque string (the journal encrypts it); without
   * `seal` secrets are left out.
   */
  snapshot(seal?: (value: string) => string): VariablesSnapshot {
    const vars: VariablesSnapshot['vars'] = [];
    for (const v of this.globals.values()) {
      if (!v.secret) vars.push({ name: v.name, value: v.value });
      else if (seal) vars.push({ name: v.name, value: seal(v.value), secret: true });
    }
    return { vars };
  }

  /** Rebuilds a store from {@link snapshot}; `open` reverses `seal`. */
  static restore(snap: VariablesSnapshot, open?: (sealed: string) => string): VariableStore {
    const store = new VariableStore();
    for (const v of snap.vars) {
      if (v.secret && !open) continue;
      const value = v.secret && open ? open(v.value) : v.value;
      if (v.secret) store.redactor.add(value);
      store.globals.set(keyOf(v.name), { name: v.name, value, secret: v.secret === true || isSecretByName(v.name) });
    }
    return store;
  }

  private emit(change: VariableChange): void {
    for (const l of this.listeners) l(change);
  }
}
