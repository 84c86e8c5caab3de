/** What `taskseq run` is asked to do. */
import type { MediaType } from '../../engine/index.ts';
import type { MediaRun } from '../media/media-run.ts';

export interface DeploymentOptions {
  /** The sequence file; absent when the sequence comes from `sources`. */
  file?: string;
  /**
   * Deployment source base URLs (`--source`, repeatable): the sequence, its variables and the package manifests come
   * from the first that answers; content from any of them, in order.
   */
  sources?: string[];
  /** PEM file HTTPS sources and the status endpoint are verified against (`--ca-bundle`). */
  caBundle?: string;
  /** The task sequence cache (`--cache`); default `<stateDir>/content-cache`. */
  cacheDir?: string;
  /** Endpoint that receives JSON status events (`--status-url`). */
  statusUrl?: string;
  /** Built-in profile name, a profile JSON file, or `local` (facts of this PC, read-only). */
  machine: string;
  content?: string;
  /** Driver catalog folder (one subfolder per driver package) for Auto Apply Drivers and MDT driver injection. */
  drivers?: string;
  children?: string;
  /** Base URL of the state migration point (Request/Release State Store). */
  stateMigrationPoint?: string;
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
  /** A run from media (`--media`): sequence, variables, content, checks and prestart come from it; `file` is unused. */
  media?: MediaRun;
}

/** The version written into journals; a journal from another version is refused. */
export const ENGINE_VERSION = '0.1.0';
