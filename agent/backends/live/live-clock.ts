/** How a live backend reads its clock before it starts (small: loaded without the backend). */
import type { ClockReading } from '../../media/media-validity.ts';

/** A live machine's clock is this computer's. */
export function liveClockReading(): ClockReading {
  return { now: Date.now(), source: "this computer's clock" };
}
