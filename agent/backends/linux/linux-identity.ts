/** How the Linux backend names the machine (small: loaded without the backend). */

/** The machine in messages. */
export const LINUX_MACHINE_DESCRIPTION = 'this PC (Linux live system)';
