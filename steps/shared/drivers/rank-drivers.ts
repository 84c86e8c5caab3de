/**
 * Driver ranking the way Windows documents it: the rank says which of the device's IDs matched which ID of the INF
 * model line (device hardware ID vs compatible ID, INF hardware ID vs compatible ID, position in the device's list);
 * a lower rank wins, then a signed driver, then the newer DriverVer date, then the higher version. Anything still
 * tied is broken by the catalog id (package/path), then by the model's line, so a choice never depends on file order.
 */
import type { DriverInf, InfModel, PnpDevice } from '../../../engine/step-api.ts';
import type { DriverIndex } from './driver-index.ts';
import { compareDotted, dottedNumbers } from './target-platform.ts';

export interface DriverCandidate {
  inf: DriverInf;
  model: InfModel;
  /** The ID both sides share (upper case). */
  matchedId: string;
  deviceIdKind: 'hardware' | 'compatible';
  /** 0-based position of the ID in the device's hardware or compatible list. */
  devicePosition: number;
  infIdKind: 'hardware' | 'compatible';
  /** 0x0000-0x3FFF; lower is better. */
  rank: number;
}

/** An INF that names one of the device's IDs but cannot be chosen (platform, signature policy). */
export interface RejectedCandidate {
  inf: DriverInf;
  model: InfModel;
  matchedId: string;
  reason: string;
}

export interface DeviceMatch {
  device: PnpDevice;
  /** Candidates, best first (one per INF: its best model line). */
  ranked: DriverCandidate[];
  winner?: DriverCandidate;
  /** Every other candidate with the first rule it lost on. */
  losers: Array<{ candidate: DriverCandidate; reason: string }>;
  rejected: RejectedCandidate[];
}

export interface MatchOptions {
  /** Unsigned drivers may be chosen (the steps' unsigned-driver option). */
  allowUnsigned: boolean;
}

/** Formats a rank as Windows tools show it: `0x2001`. */
export function formatRank(rank: number): string {
  return `0x${rank.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Orders two candidates for one device: negative when `a` is the better driver. */
export function compareCandidates(a: DriverCandidate, b: DriverCandidate): number {
  return a.rank - b.rank
    || (a.inf.signed === b.inf.signed ? 0 : a.inf.signed ? -1 : 1)
    || (a.inf.date === b.inf.date ? 0 : a.inf.date > b.inf.date ? -1 : 1)
    || -compareDotted(dottedNumbers(a.inf.version), dottedNumbers(b.inf.version))
    || tieBreak(a, b);
}

function tieBreak(a: DriverCandidate, b: DriverCandidate): number {
  const ia = a.inf.id.toLowerCase(); const ib = b.inf.id.toLowerCase();
  return ia < ib ? -1 : ia > ib ? 1 : a.model.line - b.model.line;
}

/** Which rule `loser` lost to `winner` on, in words. */
export function whyLost(loser: DriverCandidate, winner: DriverCandidate): string {
  if (loser.rank !== winner.rank) return `rank ${formatRank(loser.rank)} is worse than the winner's ${formatRank(winner.rank)}`;
  if (loser.inf.signed !== winner.inf.signed) return 'unsigned, the winner is signed';
  if (loser.inf.date !== winner.inf.date) return `older DriverVer date ${loser.inf.date} than the winner's ${winner.inf.date}`;
  if (compareDotted(dottedNumbers(loser.inf.version), dottedNumbers(winner.inf.version)) !== 0) {
    return `lower version ${loser.inf.version} than the winner's ${winner.inf.version}`;
  }
  return `tied with the winner on rank, signature, date and version; tie broken by catalog id (${winner.inf.id} sorts first)`;
}

/** The rank of a match: which device list, whether the INF's own hardware ID, and the position in the device's list. */
function rankOf(kind: 'hardware' | 'compatible', infPosition: number, devicePosition: number): number {
  return (kind === 'compatible' ? 0x2000 : 0) + (infPosition === 0 ? 0 : 0x1000) + Math.min(devicePosition, 0xfff);
}

/** Ranks every driver of the index that names one of the device's IDs. */
export function matchDevice(index: DriverIndex, device: PnpDevice, options: MatchOptions): DeviceMatch {
  // Keyed by the INF object: within one INF only the rank and the model line can differ, so the best line is the
  // lowest rank, then the earliest line.
  const best = new Map<DriverInf, DriverCandidate>();
  const rejected = new Map<DriverInf, RejectedCandidate>();
  const visit = (id: string, kind: 'hardware' | 'compatible', devicePosition: number) => {
    for (const e of index.get(id) ?? []) {
      const reason = e.excluded ?? (!e.inf.signed && !options.allowUnsigned ? UNSIGNED_REFUSED : undefined);
      if (reason !== undefined) {
        if (!rejected.has(e.inf)) rejected.set(e.inf, { inf: e.inf, model: e.model, matchedId: id, reason });
        continue;
      }
      const rank = rankOf(kind, e.position, devicePosition);
      const current = best.get(e.inf);
      if (current && (current.rank < rank || (current.rank === rank && current.model.line <= e.model.line))) continue;
      best.set(e.inf, {
        inf: e.inf, model: e.model, matchedId: id, deviceIdKind: kind, devicePosition,
        infIdKind: e.position === 0 ? 'hardware' : 'compatible', rank,
      });
    }
  };
  device.hardwareIds.forEach((id, i) => visit(id.toUpperCase(), 'hardware', i));
  device.compatibleIds.forEach((id, i) => visit(id.toUpperCase(), 'compatible', i));
  const ranked = [...best.values()].sort(compareCandidates);
  for (const inf of best.keys()) rejected.delete(inf);
  const winner = ranked[0];
  const losers = ranked.slice(1).map((c) => ({ candidate: c, reason: whyLost(c, winner) }));
  const sortedRejected = [...rejected.values()].sort((a, b) => (a.inf.id < b.inf.id ? -1 : a.inf.id > b.inf.id ? 1 : 0));
  return { device, ranked, ...(winner ? { winner } : {}), losers, rejected: sortedRejected };
}

const UNSIGNED_REFUSED = 'unsigned, and unsigned drivers are not allowed';

/** {@link matchDevice} for every device, in the device list's order. */
export function matchDevices(index: DriverIndex, devices: readonly PnpDevice[], options: MatchOptions): DeviceMatch[] {
  return devices.map((d) => matchDevice(index, d, options));
}
