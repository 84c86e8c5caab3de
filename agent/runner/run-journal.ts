/**
 * The journal of a run in its state folder. An unfinished one must belong to this program and engine version (the
 * run resumes from it); a finished one is archived, so that running again starts a new deployment.
 */
import { RunJournal, type Program } from '../../engine/index.ts';
import { checkJournal } from '../../engine/machine/index.ts';
import { createFileJournalStore, parseKillAfterAppends, KILL_AFTER_APPENDS_ENV } from '../journal/file-journal-store.ts';
import { createSecretSealer } from '../journal/secret-sealer.ts';
import { ENGINE_VERSION } from './deployment-options.ts';
import type { StateFolder } from './state-folder.ts';

export interface OpenedJournal {
  store: ReturnType<typeof createFileJournalStore>;
  sealer: ReturnType<typeof createSecretSealer>;
  /** What the journal held when the run started; undefined for a new deployment. */
  previous: ReturnType<RunJournal['load']>;
  /** Why a torn last record was ignored, for the log. */
  tornTail: string | undefined;
}

/**
 * Opens the journal of `folder` for `program`.
 * @throws TaskseqError('journal-mismatch') for an unfinished journal of another sequence or engine version
 */
export function openRunJournal(folder: StateFolder, program: Program): OpenedJournal {
  const store = createFileJournalStore(folder.journalFile, { killAfterAppends: parseKillAfterAppends(process.env[KILL_AFTER_APPENDS_ENV]) });
  const sealer = createSecretSealer(folder.keyFile);
  const journal = new RunJournal(store, sealer);
  const previous = journal.load(folder.journalFile);
  if (previous && !previous.ended) checkJournal(previous, { program, engineVersion: ENGINE_VERSION });
  if (previous?.ended) folder.archiveEndedJournal();
  return { store, sealer, previous, tornTail: journal.discardedTail() };
}
