/**
 * A step module's manifest: the one place a step's facts live. The engine's registry, the type check of the
 * definition, the static option checks, the package preflight, the secret variable names and the option tables of
 * docs/steps.md all come from it.
 */
import type { OptionSpec } from './option-spec.ts';

/** Where a step runs when it omits `runIn`. */
export type RunIn = 'WinPE' | 'FullOS' | 'WinPEandFullOS';

/** One `type` value a module handles. */
export interface StepTypeEntry {
  /** The `type` attribute, e.g. `SMS_TaskSequence_RunCommandLineAction`; `''` = MDT step without a type. */
  type: string;
  /** Name shown in the task sequence editor. */
  displayName: string;
  /**
   * `runIn` assumed when a step omits it: what the console writes for new steps of this type (seen in real
   * exports), else the SDK default.
   */
  defaultRunIn: RunIn;
}

export interface StepManifest<L extends readonly OptionSpec[] = readonly OptionSpec[]> {
  /** The types the module handles, in the order the documentation lists them. */
  types: readonly StepTypeEntry[];
  /** The documented options, in editor order. Undeclared properties are allowed (exports carry extra ones). */
  options: L;
  /** Variables the step reads or writes that are secret by design but carry no option (e.g. a store key it sets). */
  secretVariables?: readonly string[];
}

/** Declares a manifest, keeping the literal option names so that the parsed options object is typed. */
export function defineManifest<const L extends readonly OptionSpec[]>(manifest: StepManifest<L>): StepManifest<L> {
  return manifest;
}
