import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StepDefinitionView } from '../step-module.ts';
import { checkManifestOptions, stepPackages } from './check-options.ts';
import { defineManifest } from './step-manifest.ts';
import { parseOptions } from './parse-options.ts';

const manifest = defineManifest({
  types: [{ type: 'Lab_Step', displayName: 'Lab', defaultRunIn: 'WinPEandFullOS' }],
  options: [
    { kind: 'text', name: 'Name', required: true, maxLength: 3, description: 'name' },
    { kind: 'count', name: 'Index', min: 1, description: 'index' },
    { kind: 'flag', name: 'Force', default: false, description: 'force' },
    { kind: 'one-of', name: 'Style', values: ['MBR', 'GPT'], description: 'style' },
    { kind: 'package', name: 'PackageID', description: 'package' },
  ],
});
const view = (options: Record<string, string>): StepDefinitionView => ({ node: { kind: 'step', name: 'S', type: 'Lab_Step' }, options, optionVariables: {} });
const codes = (options: Record<string, string>) => checkManifestOptions({ manifest }, view(options)).map((p) => `${p.code}:${p.field}: ${p.message}`);

test('required and length keep the wording of the schema checks; kinds refuse what they cannot read', () => {
  assert.deepEqual(codes({}), ["invalid-option:Name: option Name must have required property 'Name'"]);
  assert.deepEqual(codes({ Name: 'abcd', Index: '0', Force: 'yes', Style: 'apm' }), [
    'invalid-option:Name: option Name must NOT have more than 3 characters',
    'invalid-number:Index: Index is "0"; expected a whole number from 1',
    'invalid-flag:Force: Force is "yes"; expected true or false',
    'invalid-option:Style: Style is "apm"; expected MBR or GPT',
  ]);
  assert.deepEqual(codes({ Name: 'ab', Index: '%I%', Force: '%F%' }), [], 'values known only at run time are skipped');
});

test('a module with its own validate judges the kinds itself', () => {
  const problems = checkManifestOptions({ manifest, validate: () => [] }, view({ Name: 'ab', Index: 'x' }));
  assert.deepEqual(problems, []);
});

test('values are typed by kind, defaults fill the gaps, packages come from package options', () => {
  const parsed = parseOptions(manifest.options, (p) => ({ Name: ' ab ', Index: '7', Style: 'gpt' } as Record<string, string>)[p]);
  assert.deepEqual(parsed.values, { Name: 'ab', Index: 7, Force: false, Style: 'GPT' });
  assert.deepEqual(stepPackages({ manifest, packages: () => ['EXTRA'] }, view({ PackageID: ' LAB00001 ' })), ['LAB00001', 'EXTRA']);
});
