import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFakeContext, defaults, FAKE_FACTS } from '../test-support/fake-context.ts';
import { setDynamicVariablesStep } from './index.ts';

const SDV = 'SMS_TaskSequence_SetDynamicVariablesAction';

/** `<expression>` with its properties. */
function expr(type: string, props: Record<string, string>): string {
  const vars = Object.entries(props).map(([k, v]) => `<variable name="${k}">${v}</variable>`).join('');
  return `<expression type="SMS_TaskSequence_${type}ConditionExpression">${vars}</expression>`;
}
/** One `<Rule>`: optional condition body, then `name -> value` (a `[value, true]` pair is secret). */
function rule(condition: string | undefined, vars: Record<string, string | [string, boolean]>): string {
  const body = Object.entries(vars)
    .map(([n, v]) => {
      const [value, secret] = Array.isArray(v) ? v : [v, false];
      return `<Variable Name="${n}" IsSecret="${secret}">${value}</Variable>`;
    })
    .join('');
  return `<Rule>${condition !== undefined ? `<condition>${condition}</condition>` : ''}<Variables>${body}</Variables></Rule>`;
}
const rules = (...r: string[]) => `<Rules>${r.join('')}</Rules>`;

function context(rulesXml: string | undefined, extra: Parameters<typeof createFakeContext>[0] = {}) {
  const defaultVarList = rulesXml === undefined ? [] : defaults({ Rules: ['OSDSetDynamicVariablesRules', rulesXml] });
  return createFakeContext({ node: { type: SDV, action: 'OSDSetDynamicVariables.exe', defaultVarList }, ...extra });
}

test('gathers the built-in variables first', async () => {
  const f = context(undefined);
  assert.equal((await setDynamicVariablesStep.run(f.ctx)).exitCode, 0);
  assert.equal(f.store.get('_SMSTSMake'), FAKE_FACTS.make);
  assert.equal(f.store.get('_SMSTSModel'), FAKE_FACTS.model);
  assert.equal(f.store.get('_SMSTSSerialNumber'), 'SN-0042');
  assert.equal(f.store.get('_SMSTSAssetTag'), 'AT-7');
  assert.equal(f.store.get('_SMSTSUUID'), FAKE_FACTS.uuid);
  assert.equal(f.store.get('_SMSTSMacAddresses'), '00:15:5D:01:02:03,00:15:5D:0A:0B:0C');
  assert.equal(f.store.get('_SMSTSIPAddresses'), '10.1.2.3,fe80::1');
  assert.equal(f.store.get('_SMSTSDefaultGateways'), '10.1.2.1');
});

test('a rule without a condition always applies, with %VAR% expansion', async () => {
  const f = context(rules(rule(undefined, { OSDisk: '%Drive%:', Flag: 'True' })), { globals: { Drive: 'D' } });
  await setDynamicVariablesStep.run(f.ctx);
  assert.equal(f.store.get('OSDisk'), 'D:');
  assert.equal(f.store.get('Flag'), 'True');
});

test('make and model rules: * and ? wildcards, case-insensitive, both must match', async () => {
  const f = context(
    rules(
      rule(expr('MakeModel', { Make: 'contoso*', Model: 'Surface Lab 900?' }), { Both: 'yes' }),
      rule(expr('MakeModel', { Make: 'Contoso*', Model: 'Other*' }), { ModelWrong: 'yes' }),
      rule(expr('MakeModel', { Make: '*', Model: '*Lab*' }), { AnyMake: 'yes' }),
      rule(expr('MakeModel', { Make: 'Contoso Ltd.', Model: 'Surface Lab 90?' }), { TooShort: 'yes' }),
    ),
  );
  await setDynamicVariablesStep.run(f.ctx);
  assert.equal(f.store.get('Both'), 'yes');
  assert.equal(f.store.get('ModelWrong'), undefined);
  assert.equal(f.store.get('AnyMake'), 'yes');
  assert.equal(f.store.get('TooShort'), undefined);
  assert.match(f.logText(), /Rule 2 not matched: .*Other\*/);
});

test('computer rules: any given property that matches; MAC ignores separators and case', async () => {
  const f = context(
    rules(
      rule(expr('Computer', { AssetTag: '', MACAddress: '00-15-5d-0a-0b-0c', SerialNumber: '', UUID: '' }), { ByMac: 'yes' }),
      rule(expr('Computer', { AssetTag: 'nope', SerialNumber: 'sn-0042' }), { BySerial: 'yes' }),
      rule(expr('Computer', { AssetTag: 'nope', MACAddress: 'AA:BB:CC:DD:EE:FF' }), { NoMatch: 'yes' }),
      rule(expr('Computer', { UUID: `{${FAKE_FACTS.uuid.toLowerCase()}}` }), { ByUuid: 'yes' }),
    ),
  );
  await setDynamicVariablesStep.run(f.ctx);
  assert.equal(f.store.get('ByMac'), 'yes');
  assert.equal(f.store.get('BySerial'), 'yes');
  assert.equal(f.store.get('NoMatch'), undefined);
  assert.equal(f.store.get('ByUuid'), 'yes');
});

test('location rules match any of the default gateways', async () => {
  const f = context(
    rules(rule(expr('Location', { DefaultGateway: '10.1.2.1' }), { Site: 'Lab' }), rule(expr('Location', { DefaultGateway: '10.9.9.1' }), { Site2: 'Far' })),
    { facts: { defaultGateways: ['192.168.0.1', '10.1.2.1'] } },
  );
  await setDynamicVariablesStep.run(f.ctx);
  assert.equal(f.store.get('Site'), 'Lab');
  assert.equal(f.store.get('Site2'), undefined);
});

test('variable rules go to the condition evaluator, also nested with rule-only tests', async () => {
  const isTrue = expr('Variable', { Operator: 'equals', Value: 'True', Variable: 'IsLaptop' });
  const f = context(
    rules(
      rule(isTrue, { Kind: 'Laptop' }),
      rule(`<operator type="or">${expr('MakeModel', { Make: 'Nobody', Model: '*' })}${isTrue}</operator>`, { Either: 'yes' }),
      rule(`<operator type="not">${isTrue}</operator>`, { NotLaptop: 'yes' }),
      rule(`<operator type="and">${expr('Location', { DefaultGateway: '10.1.2.1' })}<operator type="not">${isTrue}</operator></operator>`, { Mixed: 'yes' }),
    ),
    { globals: { IsLaptop: 'true' } },
  );
  await setDynamicVariablesStep.run(f.ctx);
  assert.equal(f.store.get('Kind'), 'Laptop');
  assert.equal(f.store.get('Either'), 'yes');
  assert.equal(f.store.get('NotLaptop'), undefined);
  assert.equal(f.store.get('Mixed'), undefined);
});

test('rules apply in order: later rules win and see earlier results', async () => {
  const f = context(
    rules(
      rule(undefined, { Tier: 'basic' }),
      rule(expr('Variable', { Operator: 'equals', Value: 'basic', Variable: 'Tier' }), { Tier: 'upgraded', Seen: 'yes' }),
    ),
  );
  await setDynamicVariablesStep.run(f.ctx);
  assert.equal(f.store.get('Tier'), 'upgraded');
  assert.equal(f.store.get('Seen'), 'yes');
});

test('IsSecret values are set secret and never logged', async () => {
  const f = context(rules(rule(undefined, { MDMPassword: ['p@ss-55', true], MDMUser: 'LAB\\mdm' })));
  await setDynamicVariablesStep.run(f.ctx);
  assert.equal(f.store.get('MDMPassword'), 'p@ss-55');
  assert.equal(f.store.isSecret('MDMPassword'), true);
  assert.doesNotMatch(f.logText(), /p@ss-55/);
  assert.match(f.logText(), /MDMUser=LAB\\mdm/);
});

test('an empty secret value warns and keeps the current value; an empty plain value deletes', async () => {
  const f = context(rules(rule(undefined, { MDMPassword: ['', true], Scratch: '' })), {
    secretGlobals: { MDMPassword: 'given-on-command-line' },
    globals: { Scratch: 'old' },
  });
  assert.equal((await setDynamicVariablesStep.run(f.ctx)).exitCode, 0);
  assert.ok(f.logs.some((l) => l.severity === 'warning' && l.message.startsWith('secret value of MDMPassword is empty (exports strip secrets)')));
  assert.equal(f.store.get('MDMPassword'), 'given-on-command-line');
  assert.equal(f.store.has('Scratch'), false);
});

test('bad XML fails the step with the XML problem', async () => {
  const f = context('<Rules><Rule><Variables></Rule></Rules>');
  const r = await setDynamicVariablesStep.run(f.ctx);
  assert.equal(r.exitCode, 87);
  assert.match(r.message ?? '', /Rules is not well-formed XML/);
});

test('a rule writing a _ variable fails the step', async () => {
  const f = context(rules(rule(undefined, { _SMSTSModel: 'fake' })));
  const r = await setDynamicVariablesStep.run(f.ctx);
  assert.equal(r.exitCode, 5);
  assert.match(r.message ?? '', /rule 1: .*_SMSTSModel/);
  assert.equal(f.store.get('_SMSTSModel'), FAKE_FACTS.model);
});
