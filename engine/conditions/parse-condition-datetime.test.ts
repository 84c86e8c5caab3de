import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConditionDateTime } from './parse-condition-datetime.ts';
import { compareVersions } from './compare-versions.ts';

const micros = (iso: string) => Date.parse(iso) * 1000;

test('parseConditionDateTime reads ISO and CIM forms as UTC instants', () => {
  assert.equal(parseConditionDateTime('2024-03-01T10:00:00Z'), micros('2024-03-01T10:00:00Z'));
  assert.equal(parseConditionDateTime('2024-03-01T10:00:00'), micros('2024-03-01T10:00:00Z')); // no zone = UTC
  assert.equal(parseConditionDateTime('2024-03-01T12:00:00+02:00'), micros('2024-03-01T10:00:00Z'));
  assert.equal(parseConditionDateTime('2024-03-01'), micros('2024-03-01T00:00:00Z'));
  assert.equal(parseConditionDateTime('20240301100000.000000+000'), micros('2024-03-01T10:00:00Z'));
  assert.equal(parseConditionDateTime('20240301050000.000000-300'), micros('2024-03-01T10:00:00Z'));
  assert.equal(parseConditionDateTime('20240301100000.000001+000'), micros('2024-03-01T10:00:00Z') + 1);
  assert.equal(parseConditionDateTime('20240301100000'), micros('2024-03-01T10:00:00Z'));
});

test('parseConditionDateTime rejects other text and impossible dates', () => {
  for (const bad of ['', 'yesterday', '2024-02-30', '20241301000000.000000+000', '01/03/2024', '2024-03-01T25:00:00Z']) {
    assert.equal(parseConditionDateTime(bad), undefined, bad);
  }
});

test('compareVersions compares component by component, numerically', () => {
  assert.equal(compareVersions('10.0.19041.1', '10.0.19041.1'), 0);
  assert.equal(compareVersions('10.0.9', '10.0.10'), -1);
  assert.equal(compareVersions('2', '1.9.9'), 1);
  assert.equal(compareVersions('1.0', '1'), 0);
  assert.equal(compareVersions('1.0.0.1', '1'), 1);
});
