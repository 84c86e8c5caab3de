import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readInstalledProducts, UNINSTALL_KEY, unpackGuid, UPGRADE_CODES_KEY } from './installed-products.ts';
import { fixture, REG_NOT_FOUND, scriptedWindows } from './test-support/scripted-windows.ts';
import { createWindowsRegistry } from './windows-registry.ts';

const reg = JSON.parse(fixture('reg-query.json')) as Record<string, string>;

test('MSI products of both uninstall views, once each, with the upgrade code Windows Installer files them under', () => {
  const w = scriptedWindows([
    { argv: ['reg', 'query', UNINSTALL_KEY, '/s', '/reg:64'], stdout: reg['uninstall-64'] },
    { argv: ['reg', 'query', UNINSTALL_KEY, '/s', '/reg:32'], stdout: reg['uninstall-32'] },
    { argv: ['reg', 'query', UPGRADE_CODES_KEY, '/s', '/reg:64'], stdout: reg['upgrade-codes'] },
  ]);
  assert.deepEqual(readInstalledProducts(createWindowsRegistry(w.runSync)), [
    { productCode: '{5F2B7C4E-8A1D-4C3B-9E6F-2A7D1B0C9E31}', name: 'Contoso Endpoint Agent', version: '5.1.2', upgradeCode: '{E4D3C2B1-06F5-2817-394A-5B6C7D8E9F10}' },
    { productCode: '{90160000-008C-0000-1000-0000000FF1CE}', name: '', version: '16.0.17928.20156' },
    { productCode: '{A3C9E1F0-1B2D-4E5F-8A9B-0C1D2E3F4A5B}', name: 'Fabrikam Reader', version: '2.0.1' },
  ]);
});

test('Windows PE has no uninstall keys: no products, and the upgrade codes are not read', () => {
  const w = scriptedWindows([
    { argv: ['reg', 'query', UNINSTALL_KEY, '/s', '/reg:64'], ...REG_NOT_FOUND },
    { argv: ['reg', 'query', UNINSTALL_KEY, '/s', '/reg:32'], ...REG_NOT_FOUND },
  ]);
  assert.deepEqual(readInstalledProducts(createWindowsRegistry(w.runSync)), []);
});

test('packed GUIDs unpack: groups reversed, then byte by byte', () => {
  assert.equal(unpackGuid('E4C7B2F5D1A8B3C4E9F6A2D7B1C0E913'), '{5F2B7C4E-8A1D-4C3B-9E6F-2A7D1B0C9E31}');
});
