import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DriverInf, InfModel, PnpDevice } from '../../../engine/step-api.ts';
import { buildDriverIndex } from './driver-index.ts';
import { formatRank, matchDevice, type DeviceMatch } from './rank-drivers.ts';
import { explainDevice } from './explain-lines.ts';
import type { TargetOs } from './target-platform.ts';

const WIN11: TargetOs = { architecture: 'x64', version: '10.0.22631' };

interface InfSpec {
  id: string;
  models: Array<{ ids: string[]; decoration?: string; description?: string }>;
  date?: string;
  version?: string;
  signed?: boolean;
}

function platformOf(decoration: string): InfModel['platform'] {
  const m = /^NT(amd64|x86|arm64)?(?:\.(\d+)\.(\d+)(?:\.\.\.(\d+))?)?$/i.exec(decoration)!;
  const arch = m[1] === undefined ? 'any' : m[1].toLowerCase() === 'amd64' ? 'x64' : (m[1].toLowerCase() as 'x86' | 'arm64');
  return { architecture: arch, decoration, ...(m[2] ? { minVersion: `${m[2]}.${m[3]}` } : {}), ...(m[4] ? { minBuild: Number(m[4]) } : {}) };
}

function inf(spec: InfSpec): DriverInf {
  return {
    id: spec.id, package: spec.id.split('/')[0], path: `/catalog/${spec.id}`, relativePath: spec.id.split('/').slice(1).join('/'),
    class: 'Net', provider: 'Example', date: spec.date ?? '2023-01-01', version: spec.version ?? '1.0.0.0',
    signed: spec.signed ?? true, categories: [],
    models: spec.models.map((m, i) => ({
      manufacturer: 'Example', description: m.description ?? `model ${i}`, installSection: 'Install',
      ids: m.ids.map((x) => x.toUpperCase()), platform: platformOf(m.decoration ?? 'NTamd64'), line: 10 + i,
    })),
  };
}

const LAN: PnpDevice = {
  deviceId: 'PCI\\VEN_8086&DEV_1A1F&SUBSYS_22DF17AA&REV_01\\3&0', name: 'Ethernet', class: 'Net',
  hardwareIds: ['PCI\\VEN_8086&DEV_1A1F&SUBSYS_22DF17AA&REV_01', 'PCI\\VEN_8086&DEV_1A1F&SUBSYS_22DF17AA', 'PCI\\VEN_8086&DEV_1A1F&CC_020000'],
  compatibleIds: ['PCI\\VEN_8086&DEV_1A1F&REV_01', 'PCI\\VEN_8086&DEV_1A1F', 'PCI\\VEN_8086&CC_020000', 'PCI\\CC_020000'],
};

function match(infs: DriverInf[], options = { allowUnsigned: true }, target = WIN11, device = LAN): DeviceMatch {
  return matchDevice(buildDriverIndex(infs, target), device, options);
}

const SKU = 'PCI\\VEN_8086&DEV_1A1F&SUBSYS_22DF17AA';

test('ranking rules, table', () => {
  const rows: Array<{ name: string; infs: DriverInf[]; winner: string; rank: string; loser?: RegExp; allowUnsigned?: boolean }> = [
    {
      name: 'a hardware-ID vendor driver beats a newer compatible-ID generic driver',
      infs: [inf({ id: 'vendor/lan.inf', models: [{ ids: [SKU] }], date: '2020-01-01' }),
        inf({ id: 'generic/net.inf', models: [{ ids: ['PCI\\CC_020000'] }], date: '2024-01-01' })],
      winner: 'vendor/lan.inf', rank: '0x0001', loser: /rank 0x2003 is worse than the winner's 0x0001/,
    },
    {
      name: "an earlier ID in the device's hardware list beats a later one",
      infs: [inf({ id: 'a/cc.inf', models: [{ ids: ['PCI\\VEN_8086&DEV_1A1F&CC_020000'] }], date: '2024-01-01' }),
        inf({ id: 'b/sku.inf', models: [{ ids: [SKU] }] })],
      winner: 'b/sku.inf', rank: '0x0001', loser: /rank 0x0002 is worse/,
    },
    {
      name: "a device hardware ID on the INF's compatible IDs ranks below the INF's hardware ID (0x1000)",
      infs: [inf({ id: 'a/compat.inf', models: [{ ids: ['PCI\\VEN_FFFF&DEV_0000', SKU] }], date: '2024-01-01' }),
        inf({ id: 'b/hw.inf', models: [{ ids: [SKU] }] })],
      winner: 'b/hw.inf', rank: '0x0001', loser: /rank 0x1001 is worse/,
    },
    {
      name: 'same rank: signed beats unsigned',
      infs: [inf({ id: 'a/unsigned.inf', models: [{ ids: [SKU] }], signed: false, date: '2024-01-01' }),
        inf({ id: 'b/signed.inf', models: [{ ids: [SKU] }] })],
      winner: 'b/signed.inf', rank: '0x0001', loser: /unsigned, the winner is signed/,
    },
    {
      name: 'same rank and signature: newer DriverVer date wins',
      infs: [inf({ id: 'a/old.inf', models: [{ ids: [SKU] }], date: '2021-05-01', version: '9.0.0.0' }),
        inf({ id: 'b/new.inf', models: [{ ids: [SKU] }], date: '2023-05-01' })],
      winner: 'b/new.inf', rank: '0x0001', loser: /older DriverVer date 2021-05-01 than the winner's 2023-05-01/,
    },
    {
      name: 'same date, different version: the higher version wins (numerically, not as text)',
      infs: [inf({ id: 'a/v9.inf', models: [{ ids: [SKU] }], version: '1.9.0.0' }),
        inf({ id: 'b/v10.inf', models: [{ ids: [SKU] }], version: '1.10.0.0' })],
      winner: 'b/v10.inf', rank: '0x0001', loser: /lower version 1.9.0.0 than the winner's 1.10.0.0/,
    },
    {
      name: 'two models sharing one SKU, everything equal: the catalog id breaks the tie, and says so',
      infs: [inf({ id: 'model-t14/lan.inf', models: [{ ids: [SKU] }] }), inf({ id: 'model-e14/lan.inf', models: [{ ids: [SKU] }] })],
      winner: 'model-e14/lan.inf', rank: '0x0001', loser: /tie broken by catalog id \(model-e14\/lan.inf sorts first\)/,
    },
    {
      name: 'one model with two SKUs: the INF counts once, through its best model line',
      infs: [inf({ id: 'a/two-skus.inf', models: [{ ids: ['PCI\\VEN_8086&DEV_1A1F&SUBSYS_11111111'] }, { ids: [SKU] }, { ids: ['PCI\\VEN_8086&DEV_1A1F'] }] })],
      winner: 'a/two-skus.inf', rank: '0x0001',
    },
  ];
  for (const row of rows) {
    const m = match(row.infs);
    assert.equal(m.winner?.inf.id, row.winner, row.name);
    assert.equal(formatRank(m.winner!.rank), row.rank, row.name);
    assert.equal(m.ranked.length, row.infs.length, `${row.name}: one candidate per INF`);
    if (row.loser) assert.match(m.losers[0].reason, row.loser, row.name);
  }
});

test('wrong architecture: an x86-only INF is shown as not usable, never chosen', () => {
  const m = match([inf({ id: 'a/x86.inf', models: [{ ids: [SKU], decoration: 'NTx86' }] })]);
  assert.equal(m.winner, undefined);
  assert.match(m.rejected[0].reason, /models section NTx86 is for x86, the target is x64/);
  assert.match(explainDevice(m).join('\n'), /no usable driver[\s\S]*not usable: a\/x86.inf/);
});

test('OS version decorations: the most specific section that fits the target wins; newer builds are excluded', () => {
  const both = inf({ id: 'a/dec.inf', models: [
    { ids: ['PCI\\VEN_8086&DEV_1A1F'], decoration: 'NTamd64' },
    { ids: [SKU], decoration: 'NTamd64.10.0...22000' },
  ] });
  assert.equal(formatRank(match([both]).winner!.rank), '0x0001', 'Windows 11 uses the ...22000 section');
  const win10 = match([both], { allowUnsigned: true }, { architecture: 'x64', version: '10.0.19045' });
  assert.equal(formatRank(win10.winner!.rank), '0x2001', 'Windows 10 falls back to the plain NTamd64 section');
  const future = inf({ id: 'b/future.inf', models: [{ ids: [SKU], decoration: 'NTamd64.10.0...26100' }] });
  assert.match(match([future]).rejected[0].reason, /needs build 26100 or later/);
});

test('unsigned drivers are not usable when the step does not allow them', () => {
  const m = match([inf({ id: 'a/unsigned.inf', models: [{ ids: [SKU] }], signed: false })], { allowUnsigned: false });
  assert.equal(m.winner, undefined);
  assert.match(m.rejected[0].reason, /unsigned drivers are not allowed/);
});

test('a device no INF names is listed with no driver', () => {
  const lines = explainDevice(match([inf({ id: 'a/other.inf', models: [{ ids: ['USB\\VID_0000'] }] })]));
  assert.deepEqual(lines, [`Device ${LAN.deviceId} "Ethernet" (Net); no driver in the catalog matches its IDs`]);
});

test('the explanation names the winner, each loser with its reason and the matched IDs', () => {
  const lines = explainDevice(match([
    inf({ id: 'vendor/lan.inf', models: [{ ids: [SKU] }] }),
    inf({ id: 'generic/net.inf', models: [{ ids: ['PCI\\CC_020000'] }] }),
  ]));
  assert.equal(lines[0], `Device ${LAN.deviceId} "Ethernet" (Net): 2 candidate(s)`);
  assert.equal(lines[1], `  winner: vendor/lan.inf [NTamd64] rank 0x0001: device hardware ID #2 ${SKU} = INF hardware ID; signed, 2023-01-01, 1.0.0.0`);
  assert.match(lines[2], /^ {2}lost: generic\/net.inf \[NTamd64\] rank 0x2003: device compatible ID #4 PCI\\CC_020000 = INF hardware ID; .* -- rank 0x2003 is worse than the winner's 0x0001$/);
});
