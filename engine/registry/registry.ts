/** Step type -> step module. */
import type { StepModule } from '../step-module.ts';
import { createStepCatalog, knownTypeSecretVariables, type StepCatalog } from '../definition/step-catalog.ts';
import { registerSecretNames } from '../../variables/index.ts';
import { manifestSecretVariables } from '../options/check-options.ts';
import type { StepManifest } from '../options/step-manifest.ts';

export interface Registry {
  /** The module for a step type (`''` = MDT step without a type), or undefined. */
  find(type: string | undefined): StepModule | undefined;
  /** The module that runs a step's `<action>` as a command line (for `--allow-unknown-steps`). */
  commandLine(): StepModule | undefined;
  modules: readonly StepModule[];
  /** Every known step type: the modules' manifests, then the engine's known but not runnable types. */
  catalog: StepCatalog;
}

/**
 * Indexes modules by every type their manifests declare, and registers their secret option variables (a registry
 * is made before any variable store is filled, so these names are secret from the first value on).
 * @throws Error when two modules declare the same type
 */
export function createRegistry(modules: readonly StepModule[], commandLineModuleId = 'run-command-line'): Registry {
  const exact = new Map<string, StepModule>();
  const folded = new Map<string, StepModule>();
  for (const m of modules) {
    for (const { type } of m.manifest.types) {
      const other = exact.get(type);
      if (other) throw new Error(`step type "${type}" is declared by two step modules: ${other.id} and ${m.id}`);
      exact.set(type, m);
      if (!folded.has(type.toLowerCase())) folded.set(type.toLowerCase(), m);
    }
    registerSecretNames(secretVariablesOf(m.manifest));
  }
  registerSecretNames(knownTypeSecretVariables());
  const cmd = modules.find((m) => m.id === commandLineModuleId);
  return {
    modules,
    find: (type) => {
      const t = type ?? '';
      return exact.get(t) ?? folded.get(t.toLowerCase());
    },
    commandLine: () => cmd,
    catalog: createStepCatalog(modules.flatMap((m) => m.manifest.types)),
  };
}

/** The variables a manifest makes secret by name: its secret options' and the ones it lists besides. */
export function secretVariablesOf(manifest: StepManifest): string[] {
  return [...manifestSecretVariables(manifest.options), ...(manifest.secretVariables ?? [])];
}
