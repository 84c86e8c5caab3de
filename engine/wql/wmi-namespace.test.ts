import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeWmiNamespace } from './wmi-namespace.ts';

test('normalizeWmiNamespace: default, case, slashes, machine prefix', () => {
  assert.equal(normalizeWmiNamespace(undefined), 'root\\cimv2');
  assert.equal(normalizeWmiNamespace('  '), 'root\\cimv2');
  assert.equal(normalizeWmiNamespace('ROOT\\CIMV2'), 'root\\cimv2');
  assert.equal(normalizeWmiNamespace('root/WMI'), 'root\\wmi');
  assert.equal(normalizeWmiNamespace('\\\\.\\root\\HP\\InstrumentedBIOS'), 'root\\hp\\instrumentedbios');
});
