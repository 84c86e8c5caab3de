// Public API of engine/journal.
export { JOURNAL_MAGIC, encodeJournalHeader, encodeFrame, encodeJournal, decodeJournal } from './framing.ts';
export type { DecodedJournal } from './framing.ts';
export { RunJournal } from './run-journal.ts';
export type { SecretSealer } from './run-journal.ts';
export { replayJournal } from './replay.ts';
export type { ReplayedState } from './replay.ts';
export type { JournalRecord, StepRecord, RebootRecord, VarChange } from './records.ts';
