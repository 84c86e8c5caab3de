import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidInputError } from '../../engine/index.ts';
import { checkValidity } from './media-validity.ts';

const clock = (iso: string) => ({ now: Date.parse(iso), source: 'simulated machine x: the firmware clock of its profile' });
const window = { validFrom: '2026-01-01', validUntil: '2026-06-30T23:59:59Z' };

test('inside the window (inclusive) passes', () => {
  checkValidity(window, clock('2026-01-01T00:00:00Z'), 'media');
  checkValidity(window, clock('2026-06-30T23:59:59Z'), 'media');
  checkValidity({}, clock('1999-01-01T00:00:00Z'), 'media');
});

test('too early or too late names both times and the clock that was read', () => {
  assert.throws(() => checkValidity(window, clock('2025-12-31T23:00:00Z'), 'media'), (e: unknown) => e instanceof InvalidInputError
    && e.problems[0].code === 'media-not-yet-valid'
    && e.message.includes('not valid yet: it is valid from 2026-01-01T00:00:00.000Z until 2026-06-30T23:59:59.000Z; the machine\'s clock reads 2025-12-31T23:00:00.000Z (simulated machine x: the firmware clock of its profile)'));
  assert.throws(() => checkValidity({ validUntil: window.validUntil }, clock('2026-07-01T00:00:00Z'), 'media'), (e: unknown) => e instanceof InvalidInputError
    && e.problems[0].code === 'media-expired' && /has expired: it is valid from \(no start\) until 2026-06-30T23:59:59.000Z; the machine's clock reads 2026-07-01T00:00:00.000Z/.test(e.message));
});
