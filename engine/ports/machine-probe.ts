/**
 * What conditions ask the machine: WMI, files, folders, registry, installed software. Synchronous so that condition
 * evaluation stays a pure, fast function of (condition, variables, probe). Backends answer from a machine profile
 * (simulated) or from the running system.
 */

/** One WMI object: property name -> value (names compared case-insensitively by consumers). */
export type WmiRow = Record<string, string | number | boolean | null | string[] | number[]>;

/** Thrown by a probe for a query it cannot answer; the message names the query. */
export class UnsupportedQueryError extends Error {
  readonly query: string;
  constructor(query: string, reason: string) {
    super(`unsupported WMI query "${query}": ${reason}`);
    this.name = 'UnsupportedQueryError';
    this.query = query;
  }
}

export interface FileFacts {
  exists: boolean;
  /** File version resource, dotted (`10.0.19041.1`), when the file has one. */
  version?: string;
  /** Last write time, ISO 8601 UTC. */
  modified?: string;
}

export interface RegistryValue {
  /** REG_SZ, REG_EXPAND_SZ, REG_DWORD, REG_MULTI_SZ, REG_QWORD, REG_BINARY, REG_NONE. */
  type: string;
  /** Data as text (numbers in decimal, multi-strings joined by `\n`). */
  data: string;
}

export interface InstalledProduct {
  productCode: string;
  upgradeCode?: string;
  name: string;
  version: string;
}

export interface MachineProbe {
  /**
   * Objects returned by a WQL query.
   * @throws UnsupportedQueryError for syntax or classes the backend does not support.
   */
  queryWmi(namespace: string, query: string): WmiRow[];
  /** Facts about a file (path already expanded). */
  file(path: string): FileFacts;
  /** Facts about a folder (path already expanded). */
  folder(path: string): FileFacts;
  /** A registry value (`keyPath` with hive, e.g. `HKEY_LOCAL_MACHINE\SOFTWARE\X`; empty `valueName` = default). */
  registry(keyPath: string, valueName: string): RegistryValue | undefined;
  /** MSI products installed on the running OS. */
  installedProducts(): InstalledProduct[];
}
