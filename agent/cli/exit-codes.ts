/** The CLI's exit codes (documented in README and docs/cli.md). Only agent/cli maps errors to them. */
import { TaskseqError } from '../../engine/problems.ts';

export const EXIT_OK = 0;
/** The sequence ran and failed. */
export const EXIT_SEQUENCE_FAILED = 1;
/** Invalid input: the sequence, a profile, an option or a journal; nothing ran. */
export const EXIT_INVALID = 2;
/** A defect in taskseq itself. */
export const EXIT_INTERNAL = 3;

export function exitCodeFor(error: unknown): number {
  if (error instanceof TaskseqError) {
    if (error.code === 'invalid-input' || error.code === 'journal-mismatch' || error.code === 'read-only-variable') return EXIT_INVALID;
    if (error.code === 'journal-corrupt' || error.code === 'state-folder-locked') return EXIT_INVALID;
    if (error.code === 'unsupported' || error.code === 'content-unavailable' || error.code === 'tool-missing') return EXIT_SEQUENCE_FAILED;
  }
  return EXIT_INTERNAL;
}
