/**
 * Registry reads of the Windows probe, through `reg query` on the runner's synchronous door: a condition's value
 * name may be built from `%VAR%` while the condition is evaluated, so values cannot all be read up front. On 64-bit
 * Windows each value is looked for in the 64-bit view, then in the 32-bit one (`/reg:64`, `/reg:32`); 32-bit Windows
 * has one view, asked without a flag. Values are remembered until `forget()`.
 */
import type { RegistryValue } from '../../../../engine/index.ts';
import type { RunProcessSync } from '../../process/windows/windows-sync-runner.ts';
import { parseRegQuery, type RegQueryKey } from './reg-query-output.ts';

/** A view's `reg` flag; `''` for the one view of 32-bit Windows. */
export type RegistryView = '/reg:64' | '/reg:32' | '';

/** The views of 64-bit Windows, in the order a value is looked for in them. */
export const REGISTRY_VIEWS_64: readonly RegistryView[] = ['/reg:64', '/reg:32'];
/** The one view of 32-bit Windows. */
export const REGISTRY_VIEWS_32: readonly RegistryView[] = [''];

/** How long one `reg query` may take before it is ended. */
export const REG_QUERY_TIMEOUT_MS = 30_000;

/** Registry reads for the probe and the environment facts. */
export interface WindowsRegistry {
  /** The views values are looked for in, in order. */
  readonly views: readonly RegistryView[];
  /** A value (`''` = the default value) in the first view that has it, or undefined. */
  value(keyPath: string, valueName: string): RegistryValue | undefined;
  /** Whether the key exists (asked without a view: for keys outside SOFTWARE, such as SYSTEM's, there is one). */
  keyExists(keyPath: string): boolean;
  /** A key and every key below it (`reg query /s`) in one view; empty when the key is not there. */
  tree(keyPath: string, view: RegistryView): RegQueryKey[];
  /** Drops what was remembered. */
  forget(): void;
}

/** `reg` takes a key without a trailing backslash. */
function keyArg(keyPath: string): string {
  return keyPath.trim().replace(/\//g, '\\').replace(/\\+$/, '');
}

/**
 * A registry over `runSync`. A non-zero exit (the key or value is not there, or cannot be read) reads as absent.
 * @throws TaskseqError from the runner (`tool-missing` without reg.exe, `invalid-input` for a name holding `"`)
 */
export function createWindowsRegistry(runSync: RunProcessSync, views: readonly RegistryView[] = REGISTRY_VIEWS_64): WindowsRegistry {
  const values = new Map<string, RegistryValue | undefined>();
  const query = (args: readonly string[], view: RegistryView) => {
    const r = runSync({ argv: ['reg', 'query', ...args, ...(view ? [view] : [])], timeoutMs: REG_QUERY_TIMEOUT_MS });
    return r.exitCode === 0 && !r.killed ? r.stdout : undefined;
  };
  const read = (key: string, name: string): RegistryValue | undefined => {
    const which = name === '' ? ['/ve'] : ['/v', name];
    for (const view of views) {
      const out = query([key, ...which], view);
      const found = out === undefined ? undefined : parseRegQuery(out)[0]?.values;
      // `/ve` prints the one default value under a name Windows words in its own language.
      const hit = name === '' ? found?.values().next().value : found?.get(name.toLowerCase());
      if (hit) return hit;
    }
    return undefined;
  };
  return {
    views,
    value(keyPath, valueName) {
      const key = keyArg(keyPath);
      const id = `${key.toLowerCase()}\n${valueName.toLowerCase()}`;
      if (!values.has(id)) values.set(id, read(key, valueName));
      return values.get(id);
    },
    keyExists: (keyPath) => query([keyArg(keyPath)], '') !== undefined,
    tree: (keyPath, view) => parseRegQuery(query([keyArg(keyPath), '/s'], view) ?? ''),
    forget: () => values.clear(),
  };
}
