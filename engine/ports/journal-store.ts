/** Durable storage for the journal. Appends must be durable when they return (the agent fdatasyncs). */
export interface JournalStore {
  /** Whole journal content, or undefined when none exists. */
  read(): Uint8Array | undefined;
  /** Appends bytes durably. */
  append(bytes: Uint8Array): void;
  /** Replaces the whole content atomically (write temp, sync, rename, sync folder). */
  replace(bytes: Uint8Array): void;
  /** Removes the journal (after the run ends). */
  remove(): void;
}
