/**
 * The products installed on the running Windows, as the Software condition asks for them: the MSI products under
 * the uninstall keys of both registry views (a subkey named by its product code GUID: `DisplayName`,
 * `DisplayVersion`), with the upgrade code Windows Installer files them under (`Classes\Installer\UpgradeCodes`,
 * GUIDs kept in their packed form there).
 */
import type { InstalledProduct } from '../../../../engine/index.ts';
import type { WindowsRegistry } from './windows-registry.ts';

export const UNINSTALL_KEY = 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall';
export const UPGRADE_CODES_KEY = 'HKLM\\SOFTWARE\\Classes\\Installer\\UpgradeCodes';

const GUID = /^\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$/i;
const PACKED = /^[0-9A-F]{32}$/i;

/** The last segment of a key path. */
function leaf(key: string): string {
  return key.slice(key.lastIndexOf('\\') + 1);
}

/**
 * `{GUID}` from Windows Installer's packed form: the first three groups reversed, then each byte of the rest with
 * its two hex digits swapped.
 */
export function unpackGuid(packed: string): string {
  const p = packed.toUpperCase();
  const rev = (s: string) => [...s].reverse().join('');
  const swapped = (s: string) => s.replace(/(.)(.)/g, '$2$1');
  const tail = swapped(p.slice(16));
  return `{${rev(p.slice(0, 8))}-${rev(p.slice(8, 12))}-${rev(p.slice(12, 16))}-${tail.slice(0, 4)}-${tail.slice(4)}}`;
}

/** Product code -> upgrade code, from the Windows Installer's upgrade code keys. */
function upgradeCodes(registry: WindowsRegistry): Map<string, string> {
  const byProduct = new Map<string, string>();
  for (const { key, values } of registry.tree(UPGRADE_CODES_KEY, registry.views[0]!)) {
    if (!PACKED.test(leaf(key))) continue;
    for (const product of values.keys()) {
      if (PACKED.test(product)) byProduct.set(unpackGuid(product), unpackGuid(leaf(key)));
    }
  }
  return byProduct;
}

/** The MSI products of every view, each product code once (the 64-bit view's entry first). */
export function readInstalledProducts(registry: WindowsRegistry): InstalledProduct[] {
  const products = new Map<string, InstalledProduct>();
  for (const view of registry.views) {
    for (const { key, values } of registry.tree(UNINSTALL_KEY, view)) {
      const code = leaf(key).toUpperCase();
      if (!GUID.test(code) || products.has(code)) continue;
      products.set(code, { productCode: code, name: values.get('displayname')?.data ?? '', version: values.get('displayversion')?.data ?? '' });
    }
  }
  if (products.size === 0) return [];
  const upgrades = upgradeCodes(registry);
  return [...products.values()].map((p) => {
    const upgradeCode = upgrades.get(p.productCode);
    return upgradeCode ? { ...p, upgradeCode } : p;
  });
}
