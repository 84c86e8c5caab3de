/** How the Windows backend names the machine (small: loaded without the backend). */

/** The machine in messages. */
export const WINPE_MACHINE_DESCRIPTION = 'this PC (Windows)';
