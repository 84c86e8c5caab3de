import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EXIT_DISK_FULL, PortRefusal, TaskseqError } from '../../engine/step-api.ts';
import type { StepDefinitionView } from '../../engine/step-api.ts';
import { engineResult } from '../test-support/engine-result.ts';
import { createFakeContext, defaults, type FakeContextOptions } from '../test-support/fake-context.ts';
import { captureDisks, createCaptureFake } from './test-fixtures.ts';
import { captureSystemImageStep, CAPTURE_SYSTEM_IMAGE_TYPE } from './index.ts';

const PASSWORD = 'Capture-Secret-9';
const BASE: Record<string, [string, string]> = {
  CaptureDestination: ['OSDCaptureDestination', 'U:\\Captures\\ref.wim'],
  ImageVersion: ['OSDImageVersion', '2.1'],
  ImageCreator: ['OSDImageCreator', 'Lab'],
  ImageDescription: ['OSDImageDescription', 'Reference build'],
  CaptureAccount: ['OSDCaptureAccount', 'LAB\\capture'],
  CaptureAccountPassword: ['OSDCaptureAccountPassword', PASSWORD],
};

interface Setup {
  options?: Record<string, [string, string]>;
  os?: string[];
  shares?: string[];
  refuse?: { letter: string; error: Error };
  more?: FakeContextOptions;
}

function setup({ options = BASE, os = ['C:'], refuse, shares, more = {} }: Setup = {}) {
  const fake = createCaptureFake(os, refuse, shares);
  const f = createFakeContext({
    node: { type: CAPTURE_SYSTEM_IMAGE_TYPE, defaultVarList: defaults(options) },
    environment: { inWinPE: true },
    disks: captureDisks(),
    imaging: fake.imaging,
    volumes: fake.volumes,
    ...more,
  });
  return { f, fake, run: () => engineResult(captureSystemImageStep.run(f.ctx)) };
}

test('one image per chosen volume: the first creates the file, the rest append, with names and metadata', async () => {
  const s = setup();
  assert.deepEqual(await s.run(), { exitCode: 0 });
  const meta = { path: 'U:\\Captures\\ref.wim', version: '2.1', description: 'Reference build', creator: 'Lab' };
  assert.deepEqual(s.fake.captured, [
    { source: 'C:', mode: 'create', name: 'C: Windows', ...meta },
    { source: 'D:', mode: 'append', name: 'D: Volume', ...meta },
    { source: 'G:', mode: 'append', name: 'G: Tools', ...meta },
  ]);
  const log = s.f.logText();
  assert.match(log, /Skipping disk 2 partition 1 \(U:, FAT32 "USB"\): on a USB disk/);
  assert.match(log, /Skipping disk 1 partition 1 \(F:, RAW\): not formatted/);
  assert.match(log, /Skipping disk 0 partition 1 \(S:, FAT32 "EFI"\): EFI partition/);
  assert.match(log, /Captured C: \(disk 0 partition 3, 8\.0 GiB used\) into U:\\Captures\\ref\.wim as image 1 "C: Windows"/);
  assert.match(log, /as image 3 "G: Tools"/);
});

test('the secret password never reaches the log or a request', async () => {
  const s = setup();
  assert.equal((await s.run()).exitCode, 0);
  assert.doesNotMatch(s.f.logText(), new RegExp(PASSWORD));
  assert.doesNotMatch(JSON.stringify(s.fake.captured), new RegExp(PASSWORD));
  const v = setup({ options: { ...BASE, CaptureAccountPassword: ['OSDCaptureAccountPassword', ''] } });
  const r = await v.run();
  assert.equal(r.exitCode, 0);
  assert.doesNotMatch(v.f.logText() + (r.message ?? ''), new RegExp(PASSWORD));
});

test('OSDTargetSystemRoot names the OS volume without looking for Windows\\System32', async () => {
  const s = setup({ os: [], more: { globals: { OSDTargetSystemRoot: 'D:\\Windows' } } });
  assert.equal((await s.run()).exitCode, 0);
  assert.match(s.f.logText(), /OS volume: D:/);
});

test('options fall back to the documented variables when the step does not carry them', async () => {
  const s = setup({ options: {}, more: { globals: { OSDCaptureDestination: 'S:\\ref.wim', OSDImageVersion: '3' } } });
  assert.equal((await s.run()).exitCode, 0);
  assert.deepEqual(s.fake.captured.map((c) => [c.path, c.version, c.mode]), [['S:\\ref.wim', '3', 'create'], ['S:\\ref.wim', '3', 'append'], ['S:\\ref.wim', '3', 'append']]);
});

const dest = (path: string) => ({ ...BASE, CaptureDestination: ['OSDCaptureDestination', path] as [string, string] });
const refusals: Array<[string, Setup, number, RegExp]> = [
  ['not in Windows PE', { more: { environment: { inWinPE: false } } }, 50, /^Capture Operating System Image runs only in Windows PE$/],
  ['a destination on a share the run has not connected', { options: dest('\\\\server\\share\\ref.wim'), shares: ['\\\\lab\\captures'] }, 87,
    /^CaptureDestination is the network path \\\\server\\share\\ref\.wim, but this run has not connected the share \\\\server\\share \(connected: \\\\lab\\captures\); connect it with --share '\\\\server\\share=DIR'/],
  ['a destination on a share when none is connected', { options: dest('\\\\server\\share\\ref.wim') }, 87, /\(no share is connected\); connect it with --share/],
  ['a destination on a captured volume', { options: dest('D:\\x.wim') }, 87, /^the capture destination D:\\x\.wim \(option CaptureDestination\) is on a volume being captured/],
  ['a destination on no volume', { options: dest('Q:\\x.wim') }, 87, /is on Q:, which is not a volume on this machine; volumes: /],
  ['no OS volume among the captured', { os: [] }, 87, /^no volume to capture holds Windows\\System32 \(looked at C:, D:, G:\)/],
  ['the OS volume is skipped', { more: { globals: { OSDTargetSystemRoot: 'U:\\Windows' } } }, 87, /^the OS volume U: \(from OSDTargetSystemRoot U:\\Windows\) cannot be captured: it is skipped: on a USB disk$/],
  ['the OS volume does not exist', { more: { globals: { OSDTargetSystemRoot: 'W:\\Windows' } } }, 87, /^the OS volume W: .* there is no such volume$/],
];

for (const [name, s, code, message] of refusals) {
  test(`refusal before any capture: ${name}`, async () => {
    const fx = setup(s);
    const r = await fx.run();
    assert.equal(r.exitCode, code, r.message);
    assert.match(r.message ?? '', message);
    assert.deepEqual(fx.fake.captured, []);
  });
}

test('a full destination volume fails with 112 and the port message, naming what was written', async () => {
  const error = new PortRefusal('unsupported', 'cannot write U:\\Captures\\ref.wim: the WIM needs 2.0 GiB, volume U: has 1.0 GiB free', EXIT_DISK_FULL);
  const s = setup({ refuse: { letter: 'D:', error } });
  assert.deepEqual(await s.run(), { exitCode: 112, message: `${error.message} (1 image already written to U:\\Captures\\ref.wim)` });
  assert.deepEqual(s.fake.captured.map((c) => c.source), ['C:']);
});

test('another port refusal fails with E_FAIL; a non-port error is not swallowed', async () => {
  const s = setup({ refuse: { letter: 'C:', error: new TaskseqError('unsupported', 'capture of volume C: failed: read error') } });
  assert.deepEqual(await s.run(), { exitCode: 2147500037, message: 'capture of volume C: failed: read error' });
  const b = setup({ refuse: { letter: 'C:', error: new Error('bug') } });
  await assert.rejects(b.run(), /bug/);
});

test('a destination on a connected share: every chosen volume is captured there, matched in any case', async () => {
  const s = setup({ options: dest('//LAB/Captures//ref.wim'), shares: ['\\\\lab\\captures'] });
  assert.deepEqual(await s.run(), { exitCode: 0 });
  assert.deepEqual(s.fake.captured.map((c) => [c.source, c.path, c.mode]), [
    ['C:', '\\\\LAB\\Captures\\ref.wim', 'create'], ['D:', '\\\\LAB\\Captures\\ref.wim', 'append'], ['G:', '\\\\LAB\\Captures\\ref.wim', 'append'],
  ]);
  const log = s.f.logText();
  assert.match(log, /Capture destination: \\\\LAB\\Captures\\ref\.wim \(on the network share \\\\LAB\\Captures\)/);
  assert.match(log, /CaptureAccount LAB\\capture is not used: the run reaches \\\\LAB\\Captures as it was connected before the run/);
});

function view(options: Record<string, string>, connectedShares?: string[]): StepDefinitionView {
  return { node: { kind: 'step', name: 'Capture', type: CAPTURE_SYSTEM_IMAGE_TYPE }, options, optionVariables: {}, ...(connectedShares ? { connectedShares } : {}) };
}

test('validate: destination, version and account checks', () => {
  const problems = (o: Record<string, string>) => captureSystemImageStep.validate!(view(o)).map((p) => (p.severity === 'warning' ? `warning:${p.code}:${p.field}` : `${p.code}:${p.field}`));
  assert.deepEqual(problems({ CaptureDestination: '\\\\srv\\caps\\ref.wim', ImageVersion: '1' }), ['warning:network-destination:CaptureDestination']);
  assert.deepEqual(problems({ CaptureDestination: 'D:\\ref.wim', ImageVersion: '1', CaptureAccount: 'LAB\\cap' }), ['warning:account-without-password:CaptureAccountPassword']);
  assert.deepEqual(problems({ CaptureDestination: 'D:\\ref.txt' }), ['not-a-wim:CaptureDestination', 'warning:missing-version:ImageVersion']);
});

test('validate: a share destination is judged against the run\'s shares when they are known', () => {
  const judge = (shares?: string[]) => captureSystemImageStep.validate!(view({ CaptureDestination: '\\\\srv\\caps\\ref.wim', ImageVersion: '1' }, shares));
  const [warning] = judge();
  assert.equal(warning?.severity, 'warning');
  assert.match(warning?.message ?? '', /^CaptureDestination is the network path \\\\srv\\caps\\ref\.wim; a run reaches it only when its share is connected: connect it with --share '\\\\srv\\caps=DIR'/);
  assert.deepEqual(judge(['\\\\SRV\\Caps']), []);
  assert.deepEqual(judge([]).map((p) => `${p.severity}:${p.code}:${p.field}`), ['error:network-destination:CaptureDestination']);
});
