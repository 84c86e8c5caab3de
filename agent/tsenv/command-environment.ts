/**
 * What one command's scripts see of the task sequence environment: the run's variables when the command started
 * plus the command's own writes. Writes go through a variable store of their own with the step writer, so a `_`
 * name, an invalid name or a too long value is refused with the very message the engine gives, and a value stays
 * secret by the engine's rules (a secret name, an already secret variable, a value that holds a secret).
 */
import { keyOf, VariableError, VariableStore } from '../../variables/index.ts';

/** A variable of the run, as the backend hands it over (`VariableStore.list()` gives this shape). */
export interface TsEnvVariable {
  name: string;
  value: string;
  secret: boolean;
}

/** What the command's writes become when it ends: the fields of the command's result. */
export interface CommandWrites {
  /** Each variable the command set, by the name it used; an empty value deletes. */
  setVariables: Record<string, string>;
  /** One line per refused write, for the step's log. */
  warnings: string[];
}

export class CommandEnvironment {
  private readonly store: VariableStore;
  /** Written names by key, as the script last spelled them. */
  private readonly written = new Map<string, string>();
  private readonly refused: string[] = [];

  constructor(variables: Iterable<TsEnvVariable>) {
    const vars = [...variables].filter((v) => v.value !== '').map((v) => (v.secret ? { name: v.name, value: v.value, secret: true as const } : { name: v.name, value: v.value }));
    // The run's values are sealed nowhere here: the identity "open" keeps secret values in this store's memory.
    this.store = VariableStore.restore({ vars }, (value) => value);
  }

  /** The value (empty when the variable is not set, as scripts expect) and whether it is secret. */
  get(name: string): { value: string; secret: boolean } {
    return { value: this.store.get(name) ?? '', secret: this.store.isSecret(name) };
  }

  /** Sets (empty: deletes) a variable; returns the engine's refusal message, or undefined when written. */
  set(name: string, value: string): string | undefined {
    try {
      this.store.set(name, value);
    } catch (e) {
      if (!(e instanceof VariableError)) throw e;
      this.refused.push(`the command's script could not set ${name}: ${e.message}`);
      return e.message;
    }
    this.written.set(keyOf(name), name);
    return undefined;
  }

  /** Every variable's name, sorted as the store lists them. */
  names(): string[] {
    return this.store.list().map((v) => v.name);
  }

  /** `text` with every secret value this command has seen masked. */
  redact(text: string): string {
    return this.store.redact(text);
  }

  /** The writes so far, as the command's result carries them. */
  writes(): CommandWrites {
    const setVariables: Record<string, string> = {};
    for (const [key, name] of this.written) setVariables[name] = this.store.get(key) ?? '';
    return { setVariables, warnings: [...this.refused] };
  }
}
