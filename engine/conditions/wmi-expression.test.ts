import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UnsupportedQueryError } from '../ports/machine-probe.ts';
import { TaskseqError } from '../problems.ts';
import { evaluateCondition } from './compile-condition.ts';
import { condition, createFakeContext, createFakeProbe, wmi } from './test-support/fake-context.ts';

const BIOS_QUERY = "SELECT * FROM Win32_BIOS WHERE Version LIKE '%VRTUAL%'";

test('WMI expression: true when the query returns at least one row', () => {
  const probe = createFakeProbe({ wmi: { [`root\\cimv2|${BIOS_QUERY}`]: [{ Version: 'VRTUAL - 1' }] } });
  assert.deepEqual(evaluateCondition(condition(wmi(BIOS_QUERY)), createFakeContext({}, probe)), { value: true });
});

test('WMI expression: no rows is false with the query in falseClause', () => {
  const probe = createFakeProbe({ wmi: { [`root\\cimv2|${BIOS_QUERY}`]: [] } });
  assert.deepEqual(evaluateCondition(condition(wmi(BIOS_QUERY)), createFakeContext({}, probe)), {
    value: false,
    falseClause: `WMI "${BIOS_QUERY}" returned no rows`,
  });
});

test('WMI expression: namespace defaults to root\\cimv2 and is compared case-insensitively', () => {
  const probe = createFakeProbe({ wmi: { 'root\\cimv2|SELECT * FROM Win32_Battery': [{}], 'root\\wmi|SELECT * FROM X': [] } });
  const ctx = createFakeContext({}, probe);
  assert.equal(evaluateCondition(condition(wmi('SELECT * FROM Win32_Battery', 'ROOT\\CIMV2')), ctx).value, true);
  assert.equal(evaluateCondition(condition(wmi('SELECT * FROM Win32_Battery', '')), ctx).value, true);
  assert.equal(evaluateCondition(condition(wmi('SELECT * FROM X', 'root\\WMI')), ctx).falseClause, 'WMI "SELECT * FROM X" in root\\wmi returned no rows');
});

test('WMI expression: the query is evaluated by the WQL subset against machine facts', () => {
  const probe = createFakeProbe({ classes: { Win32_OperatingSystem: [{ Version: '10.0.22631', OSLanguage: 1033, ProductType: 1 }] } });
  const ctx = createFakeContext({}, probe);
  const holds = (q: string) => evaluateCondition(condition(wmi(q)), ctx).value;
  assert.equal(holds("SELECT * FROM Win32_OperatingSystem WHERE Version like '10.0%' AND ProductType = 1"), true);
  assert.equal(holds('SELECT * FROM Win32_OperatingSystem WHERE OSLanguage = 1033'), true); // OS language condition
  assert.equal(holds('SELECT * FROM Win32_OperatingSystem WHERE OSLanguage = 1031'), false);
});

test('WMI expression: a query the probe cannot run is an error, never true or false', () => {
  const q = 'SELECT * FROM Win32_Unknown';
  const probe = createFakeProbe({ wmi: { [`root\\cimv2|${q}`]: new UnsupportedQueryError(q, 'class not modelled') } });
  assert.throws(() => evaluateCondition(condition(wmi(q)), createFakeContext({}, probe)), (e: unknown) => e instanceof UnsupportedQueryError && e.query === q);
});

test('WMI expression: ignoreQueryFailure="true" turns a failed query into false', () => {
  const q = 'SELECT * FROM Win32_Unknown';
  const probe = createFakeProbe({
    wmi: {
      [`root\\cimv2|${q}`]: new UnsupportedQueryError(q, 'class not modelled'),
      'root\\cimv2|SELECT * FROM Other': new TaskseqError('unsupported', 'no WMI in this backend'),
    },
  });
  const ctx = createFakeContext({}, probe);
  const r = evaluateCondition(condition(wmi(q, 'root\\cimv2', { ignoreQueryFailure: 'true' })), ctx);
  assert.equal(r.value, false);
  assert.match(r.falseClause ?? '', /Win32_Unknown.*ignoreQueryFailure/);
  assert.equal(evaluateCondition(condition(wmi('SELECT * FROM Other', 'root\\cimv2', { IgnoreQueryFailure: 'True' })), ctx).value, false);
});

test('WMI expression: ignoreQueryFailure does not hide other errors', () => {
  const probe = createFakeProbe({ wmi: { 'root\\cimv2|SELECT * FROM X': new RangeError('bug') } });
  assert.throws(() => evaluateCondition(condition(wmi('SELECT * FROM X', 'root\\cimv2', { ignoreQueryFailure: 'true' })), createFakeContext({}, probe)), RangeError);
});

test('WMI expression: the probe is asked once per evaluation, also when false', () => {
  const probe = createFakeProbe({ wmi: { 'root\\cimv2|SELECT * FROM Win32_Battery': [] } });
  evaluateCondition(condition(wmi('SELECT * FROM Win32_Battery')), createFakeContext({}, probe));
  assert.equal(probe.calls, 1);
});
