/**
 * The facts of the Windows PC the agent runs on, for the Windows backend: a `MachineProbe` that answers every
 * condition type as the simulated machine does for the same facts, the hardware facts, and the environment.
 * Conditions are evaluated synchronously, so WMI is read up front into a snapshot (one PowerShell process, or wmic)
 * and queried with the engine's WQL evaluator; registry values are read when asked, through the runner's
 * synchronous door; files and folders through Node.
 */
import {
  DEFAULT_WMI_NAMESPACE, normalizeWmiNamespace, runWql, UnsupportedQueryError,
  type InstalledProduct, type MachineProbe, type SystemFacts, type WmiRow,
} from '../../../../engine/index.ts';
import type { RunProcess } from '../../process/process-types.ts';
import type { RunProcessSync } from '../../process/windows/windows-sync-runner.ts';
import { readInstalledProducts } from './installed-products.ts';
import { readWmiSnapshot } from './read-wmi-snapshot.ts';
import { windowsFileFacts, windowsFolderFacts } from './windows-files.ts';
import { readWindowsEnvironment, type WindowsEnvironment } from './windows-environment.ts';
import { createWindowsRegistry, REGISTRY_VIEWS_32, REGISTRY_VIEWS_64 } from './windows-registry.ts';
import { windowsSystemFacts } from './windows-system-facts.ts';
import type { WmiSnapshot } from './wmi-snapshot.ts';

/** What the backend gets: facts as of the last read, and the way to read them again. */
export interface WindowsMachine {
  probe: MachineProbe;
  /** Hardware facts from the snapshot. */
  readonly system: SystemFacts;
  /** Windows PE or not, firmware, Secure Boot and the machine name. */
  readonly environment: WindowsEnvironment;
  /**
   * Reads the WMI snapshot again (the backend calls it after it changed disks) and forgets the registry values and
   * products read so far.
   */
  refresh(): Promise<void>;
}

/** How the machine is read; every field has a default fit for a live run. */
export interface ReadWindowsMachineOptions {
  /** The agent's environment (`firmware_type`, `COMPUTERNAME`); `process.env` by default. */
  env?: Record<string, string | undefined>;
}

function queryWmi(snapshot: WmiSnapshot, namespace: string, query: string): WmiRow[] {
  if (normalizeWmiNamespace(namespace) !== DEFAULT_WMI_NAMESPACE) {
    throw new UnsupportedQueryError(query, `the Windows probe reads only root\\cimv2, not ${namespace}`);
  }
  return runWql(query, (className) => {
    const failed = snapshot.failures.get(className.toLowerCase());
    if (failed !== undefined) throw new UnsupportedQueryError(query, `class "${className}" could not be read (${snapshot.command}): ${failed}`);
    return snapshot.classes.get(className.toLowerCase());
  });
}

/**
 * Reads the machine: the WMI snapshot through `run`, then the environment through `runSync` (in both registry views
 * on 64-bit Windows, in its one view on 32-bit Windows).
 * @throws TaskseqError `tool-missing` when neither PowerShell nor wmic is there; `unsupported` when the snapshot
 *   cannot be read or the firmware cannot be told
 */
export async function readWindowsMachine(run: RunProcess, runSync: RunProcessSync, options: ReadWindowsMachineOptions = {}): Promise<WindowsMachine> {
  const env = options.env ?? process.env;
  let snapshot = await readWmiSnapshot(run);
  const bits32 = windowsSystemFacts(snapshot).architecture === 'x86';
  const registry = createWindowsRegistry(runSync, bits32 ? REGISTRY_VIEWS_32 : REGISTRY_VIEWS_64);
  let environment = readWindowsEnvironment(registry, snapshot, env);
  let products: InstalledProduct[] | undefined;
  const probe: MachineProbe = {
    queryWmi: (namespace, query) => queryWmi(snapshot, namespace, query),
    file: windowsFileFacts,
    folder: windowsFolderFacts,
    registry: (keyPath, valueName) => registry.value(keyPath, valueName),
    installedProducts: () => (products ??= readInstalledProducts(registry)).map((p) => ({ ...p })),
  };
  return {
    probe,
    get system() { return windowsSystemFacts(snapshot); },
    get environment() { return { ...environment }; },
    async refresh() {
      const next = await readWmiSnapshot(run);
      registry.forget();
      products = undefined;
      snapshot = next;
      environment = readWindowsEnvironment(registry, snapshot, env);
    },
  };
}
