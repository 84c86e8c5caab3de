import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSecretByName } from '../../variables/index.ts';
import type { StepModule } from '../step-module.ts';
import { createRegistry } from './registry.ts';

const module = (id: string, type: string, extra: Partial<StepModule['manifest']> = {}): StepModule => ({
  id, component: id, runIn: 'both', rerunnable: true, ports: [], run: async () => ({ exitCode: 0 }),
  manifest: { types: [{ type, displayName: id, defaultRunIn: 'WinPEandFullOS' }], options: [], ...extra },
});

test('a type two modules declare is an error naming both', () => {
  assert.throws(() => createRegistry([module('first', 'Lab_Step'), module('second', 'Lab_Step')]), /step type "Lab_Step" is declared by two step modules: first and second/);
});

test("modules are found by their manifests' types, and those types are known to the catalog", () => {
  const registry = createRegistry([module('lab', 'Lab_Step')]);
  assert.equal(registry.find('Lab_Step')?.id, 'lab');
  assert.equal(registry.find('lab_step')?.id, 'lab');
  assert.equal(registry.catalog.find('Lab_Step')?.displayName, 'lab');
  assert.ok(registry.catalog.find('SMS_TaskSequence_EnableBitLockerAction'), 'documented types no module runs stay known');
});

test("a manifest's secret options and secret variables become secret by name", () => {
  createRegistry([module('lab', 'Lab_Secret', {
    options: [{ kind: 'secret', name: 'Token', variable: 'LabTokenVariable', description: 'a token' }], secretVariables: ['LabKeyVariable'],
  })]);
  assert.ok(isSecretByName('labtokenvariable') && isSecretByName('LabKeyVariable'));
  assert.ok(isSecretByName('OSDBitLockerPIN'), "the catalog's documented secrets too");
});
