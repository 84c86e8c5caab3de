import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createVirtualClock } from './virtual-clock.ts';

const START = Date.parse('2025-03-04T16:30:00Z');

test('time moves only when advanced', () => {
  const clock = createVirtualClock(START);
  assert.equal(clock.now(), START);
  clock.advance(1500);
  assert.equal(clock.now(), START + 1500);
  clock.advance(-10);
  assert.equal(clock.now(), START + 1500);
});

test('a timeout signal aborts only when virtual time reaches its deadline', () => {
  const clock = createVirtualClock(START);
  const signal = clock.timeout(10_000);
  clock.advance(9_999);
  assert.equal(signal.aborted, false);
  clock.advance(1);
  assert.equal(signal.aborted, true);
  assert.equal((signal.reason as DOMException).name, 'TimeoutError');
});

test('a zero timeout is aborted at once; later timeouts count from the current time', () => {
  const clock = createVirtualClock(START);
  assert.equal(clock.timeout(0).aborted, true);
  clock.advance(60_000);
  const signal = clock.timeout(1_000);
  assert.equal(signal.aborted, false);
  clock.advance(1_000);
  assert.equal(signal.aborted, true);
});
