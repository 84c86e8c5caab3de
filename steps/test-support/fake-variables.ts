/** The variables of a step test: a real store with the globals a test sets and the step's local defaults. */
import type { VariableEntry } from '../../engine/step-api.ts';
import { VariableStore } from '../../variables/index.ts';

/** The variables a test starts a step with. */
export interface FakeVariablesOptions {
  /** Global variables set before the step (as the sequence or the user set them). */
  globals?: Record<string, string>;
  secretGlobals?: Record<string, string>;
  /** The step's `defaultVarList`, set as its local defaults (as the engine does before a step runs). */
  defaults?: readonly VariableEntry[];
}

/** A store holding the globals, then the step's local defaults. */
export function createFakeVariables(options: FakeVariablesOptions): VariableStore {
  const store = new VariableStore();
  for (const [n, v] of Object.entries(options.globals ?? {})) store.set(n, v, { writer: 'engine' });
  for (const [n, v] of Object.entries(options.secretGlobals ?? {})) store.set(n, v, { writer: 'engine', secret: true });
  store.setLocals((options.defaults ?? []).map((e) => ({ name: e.name, value: e.value })));
  return store;
}

/** A `defaultVarList` from `property -> [variable, value]` pairs (variable defaults to the property name). */
export function defaults(entries: Record<string, string | [variable: string, value: string]>): VariableEntry[] {
  return Object.entries(entries).map(([property, v]) =>
    Array.isArray(v) ? { name: v[0], property, value: v[1] } : { name: property, property, value: v },
  );
}
