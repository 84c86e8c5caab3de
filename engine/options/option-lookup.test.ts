import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VariableStore } from '../../variables/index.ts';
import type { VariableEntry } from '../definition/model.ts';
import { currentOption, optionVariable, writtenOptions } from './option-lookup.ts';

const defaults: VariableEntry[] = [
  { name: 'OSDDiskIndex', property: 'DiskIndex', value: '0' },
  { name: 'OSDPartitions', property: 'Partitions', value: '' },
  { name: 'SecondIndex', property: 'DISKINDEX', value: '9' },
  { name: 'Style', value: 'GPT' },
];

/** A store as the engine holds it while the step runs: the globals, then the step's defaults as its locals. */
function store(globals: Record<string, string> = {}): VariableStore {
  const vars = new VariableStore();
  for (const [n, v] of Object.entries(globals)) vars.set(n, v, { writer: 'engine' });
  vars.setLocals(defaults.map((d) => ({ name: d.name, value: d.value })));
  return vars;
}

test('the carrying variable: the first entry whose property matches in any letter case, else one named like it', () => {
  assert.equal(optionVariable(defaults, 'diskindex'), 'OSDDiskIndex');
  assert.equal(optionVariable(defaults, 'Partitions'), 'OSDPartitions');
  assert.equal(optionVariable(defaults, 'Style'), 'Style', 'an entry without a property is reached by its name');
  assert.equal(optionVariable(defaults, 'Unknown'), 'Unknown');
});

test('the current value: the step default, a global of the same name winning over it, empty as absent', () => {
  assert.deepEqual(currentOption(store(), defaults, 'DiskIndex'), { variable: 'OSDDiskIndex', value: '0' });
  assert.deepEqual(currentOption(store({ OSDDiskIndex: '2' }), defaults, 'DISKINDEX'), { variable: 'OSDDiskIndex', value: '2' });
  assert.equal(currentOption(store(), defaults, 'Partitions'), undefined);
  assert.deepEqual(currentOption(store({ OSDPartitions: 'p' }), defaults, 'Partitions'), { variable: 'OSDPartitions', value: 'p' });
  assert.deepEqual(currentOption(store({ Unknown: '%X%' }), defaults, 'Unknown'), { variable: 'Unknown', value: '%X%' }, 'not expanded');
  assert.equal(currentOption(store(), defaults, 'Unknown'), undefined);
});

test('the options as written: keyed by the property as written (else the name), empty values kept, the last repeat wins', () => {
  assert.deepEqual(writtenOptions(defaults), {
    options: { DiskIndex: '0', Partitions: '', DISKINDEX: '9', Style: 'GPT' },
    optionVariables: { DiskIndex: 'OSDDiskIndex', Partitions: 'OSDPartitions', DISKINDEX: 'SecondIndex', Style: 'Style' },
  });
  assert.deepEqual(writtenOptions([{ name: 'A', property: 'P', value: '1' }, { name: 'B', property: 'P', value: '2' }]), {
    options: { P: '2' },
    optionVariables: { P: 'B' },
  });
});
