/** What `taskseq run` is asked to do. */
import type { MediaType } from '../../engine/index.ts';

export interface DeploymentOptions {
  file: string;
  /** Built-in profile name, a profile JSON file, or `local` (facts of this PC, read-only). */
  machine: string;
  content?: string;
  /** Driver catalog folder (one subfolder per driver package) for Auto Apply Drivers and MDT driver injection. */
  drivers?: string;
  children?: string;
  mediaType?: MediaType;
  variables: Array<{ name: string; value: string; secret?: boolean }>;
  stateDir: string;
  logDir: string;
  logFormat: 'cmtrace' | 'json';
  strictCommands: boolean;
  allowUnknownSteps: boolean;
  /** Throw away a journal found in the state folder and start from the first step. */
  reset: boolean;
  /** One short line per step for the terminal. */
  console?: (line: string) => void;
}

/** The version written into journals; a journal from another version is refused. */
export const ENGINE_VERSION = '0.1.0';
