/**
 * The machine's side of a restart a step requested: the engine asks it before recording the restart
 * (gate-restart.ts). Its own file so that the engine's dependencies can hold one without the gating logic.
 */

/** The machine's answer to "may this restart happen now?" (the agent implements it; tests may leave it out). */
export interface RestartGate {
  /**
   * Why a restart into `target` would be refused now, or undefined when it would happen. Must not change the machine.
   * `variable` reads the run's variables (e.g. `TSUEFIDrive`, which decides what a restart to WinPE stages).
   */
  refusal(target: 'HD' | 'WinPE', variable: (name: string) => string | undefined): string | undefined;
}
