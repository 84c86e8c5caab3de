/**
 * The machine a command uses when `--machine` is not given. Apart from select.ts, which reads it, so that the help
 * text can name the default without loading a backend (the commands load their modules only when they run).
 */

/** The built-in simulated profile a command runs on without `--machine` (listed first among the built-ins). */
export const DEFAULT_MACHINE = 'uefi-desktop';
