/** Step type -> step module. */
import type { StepModule } from '../step-module.ts';

export interface Registry {
  /** The module for a step type (`''` = MDT step without a type), or undefined. */
  find(type: string | undefined): StepModule | undefined;
  /** The module that runs a step's `<action>` as a command line (for `--allow-unknown-steps`). */
  commandLine(): StepModule | undefined;
  modules: readonly StepModule[];
}

/** Indexes modules by every type they declare; later modules do not replace earlier ones. */
export function createRegistry(modules: readonly StepModule[], commandLineModuleId = 'run-command-line'): Registry {
  const exact = new Map<string, StepModule>();
  const folded = new Map<string, StepModule>();
  for (const m of modules) {
    for (const t of m.types) {
      if (!exact.has(t)) exact.set(t, m);
      if (!folded.has(t.toLowerCase())) folded.set(t.toLowerCase(), m);
    }
  }
  const cmd = modules.find((m) => m.id === commandLineModuleId);
  return {
    modules,
    find: (type) => {
      const t = type ?? '';
      return exact.get(t) ?? folded.get(t.toLowerCase());
    },
    commandLine: () => cmd,
  };
}
