/** The media's validity window, checked against the machine's clock before a deployment starts. */
import { InvalidInputError } from '../../engine/index.ts';
import type { MediaPolicy } from './media-format.ts';

/** The clock a check read: milliseconds since the epoch and where the time came from (for the message). */
export interface ClockReading {
  now: number;
  source: string;
}

const show = (iso: string | undefined, none: string): string => (iso ? new Date(Date.parse(iso)).toISOString() : none);

/**
 * Refuses a media used outside `validFrom`..`validUntil` (both inclusive).
 * @throws InvalidInputError (`media-not-yet-valid` or `media-expired`) whose message shows both times and the clock
 */
export function checkValidity(policy: Pick<MediaPolicy, 'validFrom' | 'validUntil'>, clock: ClockReading, where: string): void {
  const from = policy.validFrom ? Date.parse(policy.validFrom) : undefined;
  const until = policy.validUntil ? Date.parse(policy.validUntil) : undefined;
  const early = from !== undefined && clock.now < from;
  const late = until !== undefined && clock.now > until;
  if (!early && !late) return;
  const window = `valid from ${show(policy.validFrom, '(no start)')} until ${show(policy.validUntil, '(no end)')}`;
  const read = `the machine's clock reads ${new Date(clock.now).toISOString()} (${clock.source})`;
  const code = early ? 'media-not-yet-valid' : 'media-expired';
  const message = `${early ? 'the media is not valid yet' : 'the media has expired'}: it is ${window}; ${read}`;
  throw new InvalidInputError(`${where}: ${message}`, [{ severity: 'error', code, file: where, field: early ? 'validFrom' : 'validUntil', message }]);
}
