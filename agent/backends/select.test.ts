import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidInputError } from '../../engine/index.ts';
import { builtinMachines, DEFAULT_BACKEND, DEFAULT_MACHINE, selectMachine } from './select.ts';
import { loadProfile } from './simulated/index.ts';

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'taskseq-select-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('no --machine selects the default machine on the default backend', async () => {
  const selected = await selectMachine();
  assert.equal(DEFAULT_MACHINE, 'uefi-desktop');
  assert.equal(selected.profile.name, DEFAULT_MACHINE);
  assert.equal(selected.backend, DEFAULT_BACKEND);
  assert.equal((await selectMachine({})).profile.name, DEFAULT_MACHINE);
  assert.equal(builtinMachines()[0].name, DEFAULT_MACHINE);
});

test('a built-in name selects that profile, case-insensitively', async () => {
  assert.equal((await selectMachine({ machine: 'BIOS-Desktop' })).profile.name, 'bios-desktop');
  assert.equal((await selectMachine({ machine: 'hyperv-vm' })).profile.firmware.mode, 'UEFI');
});

test('a profile file is read and validated', async (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'lab.json');
  writeFileSync(file, JSON.stringify({ ...loadProfile('bios-desktop'), name: 'lab-pc' }));
  assert.equal((await selectMachine({ machine: file })).profile.name, 'lab-pc');
  const broken = join(dir, 'broken.json');
  writeFileSync(broken, JSON.stringify({ ...loadProfile('bios-desktop'), firmware: { mode: 'coreboot' } }));
  await assert.rejects(selectMachine({ machine: broken }), (e: unknown) => e instanceof InvalidInputError && e.message.startsWith(`invalid machine profile ${broken}:`));
});

test('local captures this PC as a valid profile whose clock is this computer\'s', async (t) => {
  const selected = await selectMachine({ machine: 'local' });
  assert.match(selected.profile.name, /^captured-/);
  const reading = selected.open(join(tempDir(t), 'machine')).clockBeforeStart(false);
  assert.equal(reading.source, "this computer's clock");
  assert.ok(Math.abs(reading.now - Date.now()) < 60_000);
});

test('an unknown name is refused with the built-in names and the file it looked for', async () => {
  await assert.rejects(selectMachine({ machine: 'no-such-pc' }), (e: unknown) => e instanceof InvalidInputError
    && e.message === 'machine profile no-such-pc: no such file; give a JSON file or a built-in profile (uefi-desktop, bios-desktop, uefi-laptop, hyperv-vm)');
});

test('the machine keeps its clock in the state folder: the saved clock is read before the start and resumed from', async (t) => {
  const machineDir = join(tempDir(t), 'machine');
  const selected = await selectMachine({ machine: 'uefi-desktop' });
  const first = selected.open(machineDir);
  assert.equal(first.description, 'simulated machine uefi-desktop');
  assert.deepEqual(first.clockBeforeStart(false), { now: Date.parse(selected.profile.firmware.clock), source: 'simulated machine uefi-desktop: the firmware clock of its profile' });
  const backend = await first.start({ strictCommands: true, fresh: false });
  await backend.restart('WinPE');
  const restarted = backend.ports.clock.now();
  const again = selected.open(machineDir);
  assert.deepEqual(again.clockBeforeStart(false), { now: restarted, source: `simulated machine uefi-desktop: the clock saved in ${join(machineDir, 'machine-state.json')}` });
  assert.equal(again.clockBeforeStart(true).now, Date.parse(selected.profile.firmware.clock), '--reset ignores the saved clock');
  assert.equal((await again.start({ strictCommands: true, fresh: false })).ports.clock.now(), restarted);
  assert.equal((await selected.open(machineDir).start({ strictCommands: true, fresh: true })).ports.clock.now(), Date.parse(selected.profile.firmware.clock));
});

test('a saved state of another machine is refused when the clock is read', async (t) => {
  const machineDir = join(tempDir(t), 'machine');
  (await (await selectMachine({ machine: 'uefi-desktop' })).open(machineDir).start({ strictCommands: false, fresh: false })).save();
  const other = (await selectMachine({ machine: 'bios-desktop' })).open(machineDir);
  assert.throws(() => other.clockBeforeStart(false), (e: unknown) => e instanceof InvalidInputError && /belongs to machine profile uefi-desktop, not bios-desktop/.test(e.message));
});

test('a live backend deploys this PC only; --firmware needs a live backend; winpe runs on Windows only', async () => {
  const refused = (re: RegExp) => (e: unknown) => e instanceof InvalidInputError && re.test(e.message);
  await assert.rejects(selectMachine({ backend: 'linux', machine: 'uefi-desktop' }), refused(/deploys the PC it runs on: use --machine local/));
  await assert.rejects(selectMachine({ machine: 'uefi-desktop', firmware: 'UEFI' }), refused(/--firmware is for a live backend/));
  await assert.rejects(selectMachine({ backend: 'winpe', machine: 'uefi-desktop' }), refused(/winpe backend deploys the PC it runs on: use --machine local/));
  if (process.platform !== 'win32') {
    await assert.rejects(selectMachine({ backend: 'winpe', machine: 'local' }), refused(new RegExp(`winpe backend runs only on Windows \\(Windows PE or the full OS\\): diskpart, DISM and bcdboot do not exist on ${process.platform}; \`taskseq plan --backend winpe\``)));
  }
  // A plan of a live backend walks a profile: the machine need not be this PC.
  assert.equal((await selectMachine({ backend: 'linux', machine: 'bios-desktop', plan: { record: () => {} } })).backend, 'linux');
});
