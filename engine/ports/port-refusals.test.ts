import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TaskseqError } from '../problems.ts';
import { stepFailure } from '../step-failure.ts';
import { EXIT_CONTENT_NOT_FOUND, EXIT_DISK_FULL, EXIT_FAILED, EXIT_NOT_SUPPORTED } from '../step-exit-codes.ts';
import { PortRefusal, withDetail } from './port-refusal.ts';
import { refusingPorts } from './port-refusals.ts';
import type { Ports } from './index.ts';

const unsupported = new TaskseqError('unsupported', 'no volume Q: on this machine');

/** Ports whose every listed operation throws `error` (sync or async as the real one is); the rest is unscripted. */
function throwingPorts(error: unknown): Ports {
  const fail = () => { throw error; };
  const failLater = async () => { throw error; };
  return {
    disks: { list: fail, apply: fail },
    imaging: { inspect: fail, apply: failLater, capture: failLater, writeBootFiles: fail, addDrivers: failLater },
    volumes: { wipe: fail, writeFile: fail, readFile: fail },
    windows: { generalize: failLater, join: failLater, stageClient: fail },
    userState: { requestStore: failLater, releaseStore: failLater },
    content: { stage: failLater },
  } as unknown as Ports;
}

const outcome = async (call: () => unknown) => {
  try {
    await call();
  } catch (e) {
    return { refusal: e instanceof PortRefusal, ...stepFailure(e) };
  }
  throw new Error('the call did not throw');
};

test('a step whose port throws a PortRefusal reports its exit code; a plain TaskseqError is E_FAIL', () => {
  assert.deepEqual(stepFailure(new PortRefusal('unsupported', 'LZMS', EXIT_NOT_SUPPORTED)), { exitCode: 50, message: 'LZMS' });
  assert.deepEqual(stepFailure(unsupported), { exitCode: EXIT_FAILED, message: unsupported.message });
  assert.deepEqual(stepFailure(new Error('bug')), { exitCode: EXIT_FAILED, message: 'the step failed unexpectedly: bug' });
});

test('refusals of the listed operations carry their exit codes, sync and async alike', async () => {
  const p = refusingPorts(throwingPorts(unsupported));
  for (const call of [() => p.disks.apply({} as never), () => p.imaging.inspect('x'), () => p.imaging.apply({} as never),
    () => p.imaging.writeBootFiles({} as never), () => p.imaging.addDrivers({} as never), () => p.volumes.wipe('C:', []),
    () => p.volumes.writeFile('C:', 'a', ''), () => p.windows.generalize({} as never), () => p.windows.join({} as never)]) {
    assert.deepEqual(await outcome(call), { refusal: true, exitCode: EXIT_NOT_SUPPORTED, message: unsupported.message });
  }
  const smp = refusingPorts(throwingPorts(new TaskseqError('internal', 'HTTP 500')));
  assert.equal((await outcome(() => smp.userState.requestStore({} as never))).exitCode, EXIT_NOT_SUPPORTED);
  assert.equal((await outcome(() => smp.userState.releaseStore('1', 'capture'))).exitCode, EXIT_NOT_SUPPORTED);
});

test('content: a missing package is file-not-found, an unservable destination E_FAIL; both are refusals', async () => {
  const missing = refusingPorts(throwingPorts(new TaskseqError('content-unavailable', 'nowhere')));
  assert.deepEqual(await outcome(() => missing.content.stage({} as never)), { refusal: true, exitCode: EXIT_CONTENT_NOT_FOUND, message: 'nowhere' });
  const p = refusingPorts(throwingPorts(unsupported));
  assert.deepEqual(await outcome(() => p.content.stage({} as never)), { refusal: true, exitCode: EXIT_FAILED, message: unsupported.message });
});

test('a capture is ERROR_DISK_FULL only when the destination is full', async () => {
  const full = refusingPorts(throwingPorts(new TaskseqError('unsupported', 'the WIM needs 2.0 GiB, volume U: has 1.0 GiB free')));
  assert.equal((await outcome(() => full.imaging.capture({} as never))).exitCode, EXIT_DISK_FULL);
  const other = refusingPorts(throwingPorts(new TaskseqError('unsupported', 'read error')));
  assert.deepEqual(await outcome(() => other.imaging.capture({} as never)), { refusal: false, exitCode: EXIT_FAILED, message: 'read error' });
});

test('other operations, other codes and errors that are not ours pass through unchanged', async () => {
  const p = refusingPorts(throwingPorts(unsupported));
  assert.equal(await outcome(() => p.windows.stageClient({} as never)).then((o) => o.refusal), false);
  assert.throws(() => p.volumes.readFile('C:', 'a'), (e) => e === unsupported);
  const bug = new Error('bug');
  assert.throws(() => refusingPorts(throwingPorts(bug)).disks.apply({} as never), (e) => e === bug);
  const invalid = new TaskseqError('invalid-input', 'bad layout');
  assert.throws(() => refusingPorts(throwingPorts(invalid)).disks.apply({} as never), (e) => e === invalid);
});

test('withDetail keeps a refusal a refusal with its exit code, and a plain error plain', () => {
  const refusal = withDetail(new PortRefusal('unsupported', 'full', EXIT_DISK_FULL), ' (1 image written)');
  assert.deepEqual(stepFailure(refusal), { exitCode: EXIT_DISK_FULL, message: 'full (1 image written)' });
  const plain = withDetail(unsupported, '!');
  assert.equal(plain instanceof PortRefusal, false);
  assert.deepEqual(stepFailure(plain), { exitCode: EXIT_FAILED, message: `${unsupported.message}!` });
});
