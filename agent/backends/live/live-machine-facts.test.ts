import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { DiskFacts } from '../../../engine/index.ts';
import { loadProfile } from '../simulated/index.ts';
import { liveEnvironment, liveProbe, type LiveMachineView } from './live-machine-facts.ts';

const MIB = 1024 * 1024;
const disk: DiskFacts = {
  index: 0, sizeBytes: 2048 * MIB, sectorSize: 512, bus: 'Virtual', removable: false, model: 'loop', serialNumber: '', style: 'GPT',
  partitions: [{ number: 3, role: 'Primary', offsetBytes: MIB, sizeBytes: 1024 * MIB, active: false, volume: { letter: 'C:', fileSystem: 'NTFS', label: 'Windows', sizeBytes: 1024 * MIB, usedBytes: 0 } }],
};

function view(root: string | undefined, firmware: LiveMachineView['firmware']): LiveMachineView {
  return {
    profile: loadProfile('uefi-desktop'), firmware, stateDir: '/var/lib/taskseq/state', mediaType: 'BootMedia', launchMode: 'UFD',
    disks: () => [disk], volumeRoot: (l) => (l === 'C:' ? root : undefined),
  };
}

describe('live machine facts (the Linux live system)', () => {
  it('the live system stands for Windows PE; firmware and Secure Boot come from sysfs, paths are the state folder', () => {
    const env = liveEnvironment(view(undefined, { mode: 'UEFI', secureBoot: false }));
    assert.equal(env.inWinPE, true);
    assert.equal(env.firmware, 'UEFI');
    assert.equal(env.secureBoot, 'Disabled');
    assert.equal(env.dataPath, '/var/lib/taskseq/state');
    assert.equal(env.detectedWindows, undefined);
    assert.equal(liveEnvironment(view(undefined, { mode: 'BIOS', secureBoot: false })).secureBoot, 'NA');
  });

  it('a mounted NTFS volume holding Windows\\System32 (any case) is the detected Windows', () => {
    const root = mkdtempSync(join(tmpdir(), 'taskseq-linux-facts-'));
    try {
      mkdirSync(join(root, 'WINDOWS', 'system32'), { recursive: true });
      assert.deepEqual(liveEnvironment(view(root, { mode: 'UEFI', secureBoot: true })).detectedWindows, { winDir: 'C:\\Windows', drive: 'C:' });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('WMI answers from the live disks: Win32_DiskDrive and Win32_LogicalDisk see the target disk and its letter', () => {
    const probe = liveProbe(view(undefined, { mode: 'UEFI', secureBoot: false }));
    assert.equal(probe.queryWmi('root\\cimv2', 'SELECT * FROM Win32_DiskDrive').length, 1);
    const logical = probe.queryWmi('root\\cimv2', "SELECT * FROM Win32_LogicalDisk WHERE DeviceID = 'C:'");
    assert.equal(logical.length, 1);
  });
});
