/** Time as the agent provides it; the engine never reads the system clock itself. */
export interface ClockPort {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** An AbortSignal that aborts after `ms` milliseconds. */
  timeout(ms: number): AbortSignal;
}
