/** Test support: simulated machines in throw-away state folders. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProfile } from '../profile/profile-load.ts';
import type { MachineProfile } from '../profile/profile-types.ts';
import { createSimulatedMachine, type SimulatedMachine } from '../machine/simulated-machine.ts';

/** A temporary folder removed after the test. */
export function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'taskseq-sim-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * A fresh machine of a built-in profile (optionally changed first); `inWinPE: false` starts it in the installed OS.
 */
export function testMachine(
  t: { after(fn: () => void): void }, name: string,
  options: { inWinPE?: boolean; change?: (p: MachineProfile) => void } = {},
): SimulatedMachine & { stateDir: string } {
  const profile = loadProfile(name);
  if (options.inWinPE !== undefined) profile.environment.inWinPE = options.inWinPE;
  options.change?.(profile);
  const stateDir = tempDir(t);
  return Object.assign(createSimulatedMachine(profile, { stateDir }), { stateDir });
}
