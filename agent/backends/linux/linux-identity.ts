/** How the Linux backend names the machine and reads its clock before it starts (small: loaded without the backend). */
import type { ClockReading } from '../../media/media-validity.ts';

/** The machine in messages. */
export const LINUX_MACHINE_DESCRIPTION = 'this PC (Linux live system)';

/** A live machine's clock is this computer's. */
export function liveClockReading(): ClockReading {
  return { now: Date.now(), source: "this computer's clock" };
}
