/**
 * A small table of Windows time zones as `GetTimeZoneInformation` reports them. Dates are SYSTEMTIME fields
 * (year 0 = every year; `day` 1-5 = which occurrence of `dayOfWeek` in the month, 5 = last).
 */
import type { TimeZoneFacts } from '../../../../engine/index.ts';

interface TimeZoneRow {
  facts: TimeZoneFacts;
  /** IANA names that map to this zone when capturing a profile. */
  iana: string[];
}

const NO_CHANGE = [0, 0, 0, 0, 0, 0, 0, 0];

function fixed(bias: number, name: string, daylightName: string, iana: string[]): TimeZoneRow {
  const facts = {
    bias, standardBias: 0, daylightBias: 0, standardName: name, daylightName,
    standardDate: NO_CHANGE, daylightDate: NO_CHANGE,
  };
  return { facts, iana };
}

/** US rules since 2007: back on the first Sunday of November, forward on the second Sunday of March, 02:00. */
function northAmerica(bias: number, prefix: string, iana: string[]): TimeZoneRow {
  const facts = {
    bias, standardBias: 0, daylightBias: -60,
    standardName: `${prefix} Standard Time`, daylightName: `${prefix} Daylight Time`,
    standardDate: [0, 11, 0, 1, 2, 0, 0, 0], daylightDate: [0, 3, 0, 2, 2, 0, 0, 0],
  };
  return { facts, iana };
}

/** EU rules: last Sunday of October and of March, at 01:00 UTC expressed in local standard time. */
function europe(bias: number, prefix: string, hour: number, iana: string[]): TimeZoneRow {
  const facts = {
    bias, standardBias: 0, daylightBias: -60,
    standardName: `${prefix} Standard Time`, daylightName: `${prefix} Daylight Time`,
    standardDate: [0, 10, 0, 5, hour + 1, 0, 0, 0], daylightDate: [0, 3, 0, 5, hour, 0, 0, 0],
  };
  return { facts, iana };
}

const ZONES: Record<string, TimeZoneRow> = {
  'UTC': fixed(0, 'Coordinated Universal Time', 'Coordinated Universal Time', ['UTC', 'Etc/UTC', 'Etc/GMT']),
  'GMT Standard Time': europe(0, 'GMT', 1, ['Europe/London', 'Europe/Dublin', 'Europe/Lisbon']),
  'W. Europe Standard Time': europe(-60, 'W. Europe', 2,
    ['Europe/Berlin', 'Europe/Amsterdam', 'Europe/Rome', 'Europe/Vienna', 'Europe/Zurich', 'Europe/Stockholm']),
  'Romance Standard Time': europe(-60, 'Romance', 2, ['Europe/Paris', 'Europe/Brussels', 'Europe/Madrid']),
  'Eastern Standard Time': northAmerica(300, 'Eastern', ['America/New_York', 'America/Toronto']),
  'Central Standard Time': northAmerica(360, 'Central', ['America/Chicago']),
  'Mountain Standard Time': northAmerica(420, 'Mountain', ['America/Denver']),
  'Pacific Standard Time': northAmerica(480, 'Pacific', ['America/Los_Angeles', 'America/Vancouver']),
  'AUS Eastern Standard Time': {
    facts: {
      bias: -600, standardBias: 0, daylightBias: -60,
      standardName: 'AUS Eastern Standard Time', daylightName: 'AUS Eastern Daylight Time',
      standardDate: [0, 4, 0, 1, 3, 0, 0, 0], daylightDate: [0, 10, 0, 1, 2, 0, 0, 0],
    },
    iana: ['Australia/Sydney', 'Australia/Melbourne', 'Australia/Canberra'],
  },
  'Tokyo Standard Time': fixed(-540, 'Tokyo Standard Time', 'Tokyo Daylight Time', ['Asia/Tokyo']),
  'India Standard Time': fixed(-330, 'India Standard Time', 'India Daylight Time', ['Asia/Kolkata', 'Asia/Calcutta']),
  'China Standard Time': fixed(-480, 'China Standard Time', 'China Daylight Time', ['Asia/Shanghai']),
};

/** Windows names of the zones the simulator knows. */
export function knownTimeZones(): string[] {
  return Object.keys(ZONES);
}

/** Facts of a known zone (exact Windows name), or undefined. Returns a copy. */
export function lookupTimeZone(name: string): TimeZoneFacts | undefined {
  const row = ZONES[name];
  if (!row) return undefined;
  return { ...row.facts, standardDate: [...row.facts.standardDate], daylightDate: [...row.facts.daylightDate] };
}

/** Windows name for an IANA zone (`America/Los_Angeles` -> `Pacific Standard Time`), or undefined. */
export function windowsZoneForIana(iana: string): string | undefined {
  return Object.keys(ZONES).find((name) => ZONES[name].iana.includes(iana));
}
