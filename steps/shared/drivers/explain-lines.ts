/** The explanation of driver choices, as log lines (steps) and as a JSON-ready report (`taskseq drivers explain`). */
import type { DriverCandidate, DeviceMatch } from './rank-drivers.ts';
import { formatRank } from './rank-drivers.ts';

function describe(c: DriverCandidate): string {
  const pos = c.devicePosition + 1;
  return `${c.inf.id} [${c.model.platform.decoration || 'undecorated'}] rank ${formatRank(c.rank)}: device ${c.deviceIdKind} ID #${pos} ${c.matchedId} = INF ${c.infIdKind} ID; `
    + `${c.inf.signed ? 'signed' : 'unsigned'}, ${c.inf.date}, ${c.inf.version}`;
}

/** One device's explanation: the winner, each loser and why it lost, INFs that could not be chosen. */
export function explainDevice(m: DeviceMatch): string[] {
  const head = `Device ${m.device.deviceId} "${m.device.name}" (${m.device.class})`;
  if (!m.winner) {
    const why = m.rejected.length > 0 ? '; no usable driver' : '; no driver in the catalog matches its IDs';
    return [`${head}${why}`, ...m.rejected.map((r) => `  not usable: ${r.inf.id} via ${r.matchedId}: ${r.reason}`)];
  }
  return [
    `${head}: ${m.ranked.length} candidate(s)`,
    `  winner: ${describe(m.winner)}`,
    ...m.losers.map((l) => `  lost: ${describe(l.candidate)} -- ${l.reason}`),
    ...m.rejected.map((r) => `  not usable: ${r.inf.id} via ${r.matchedId}: ${r.reason}`),
  ];
}

/** JSON form of one device's explanation (stable field names, documented in docs/drivers.md). */
export function explainDeviceJson(m: DeviceMatch): object {
  const cand = (c: DriverCandidate) => ({
    inf: c.inf.id, package: c.inf.package, section: c.model.platform.decoration, model: c.model.description,
    matchedId: c.matchedId, deviceIdKind: c.deviceIdKind, devicePosition: c.devicePosition + 1, infIdKind: c.infIdKind,
    rank: formatRank(c.rank), signed: c.inf.signed, date: c.inf.date, version: c.inf.version,
  });
  return {
    deviceId: m.device.deviceId, name: m.device.name, class: m.device.class,
    winner: m.winner ? cand(m.winner) : null,
    losers: m.losers.map((l) => ({ ...cand(l.candidate), reason: l.reason })),
    notUsable: m.rejected.map((r) => ({ inf: r.inf.id, matchedId: r.matchedId, reason: r.reason })),
  };
}
