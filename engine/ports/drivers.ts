/**
 * Drivers: the machine's Plug and Play devices and the driver catalog the driver steps choose from. A catalog entry
 * is one parsed INF file of a driver package; staging goes through the Imaging port (`addDrivers`).
 */

/** A Plug and Play device of the machine, with its IDs in the order the bus reports them (most specific first). */
export interface PnpDevice {
  deviceId: string;
  name: string;
  /** Setup class name, e.g. `Net`, `Display`. */
  class: string;
  hardwareIds: string[];
  compatibleIds: string[];
}

/** The platform a model section is decorated for (`NTamd64.10.0...19041`). */
export interface InfPlatform {
  /** `any` for a plain `NT` decoration; an undecorated section is `x86`. */
  architecture: 'x86' | 'x64' | 'arm64' | 'any';
  /** Minimum OS version the decoration names, dotted (`10.0`), when it names one. */
  minVersion?: string;
  /** Minimum build number the decoration names, when it names one. */
  minBuild?: number;
  /** The decoration as written (`NTamd64.10.0...19041`), empty when undecorated. */
  decoration: string;
}

/** One model line of an INF: a device description with the IDs the driver installs on. */
export interface InfModel {
  manufacturer: string;
  description: string;
  installSection: string;
  /** The line's IDs: the first is the INF's hardware ID, the rest its compatible IDs (upper case). */
  ids: string[];
  platform: InfPlatform;
  /** 1-based line of the model entry in its INF. */
  line: number;
}

/** A parsed INF of a driver package. */
export interface DriverInf {
  /** Stable key: `<package>/<path inside the package>` with `/` separators. */
  id: string;
  /** Driver package (folder name or content package id). */
  package: string;
  /** Location the Imaging port accepts for this INF (a file path of the backend). */
  path: string;
  /** Path of the INF inside its package, `/` separators. */
  relativePath: string;
  class: string;
  classGuid?: string;
  provider: string;
  /** DriverVer date as `YYYY-MM-DD`. */
  date: string;
  /** DriverVer version, `w.x.y.z`. */
  version: string;
  catalogFile?: string;
  /** The INF names a catalog file and the package holds it. */
  signed: boolean;
  /** Categories of the driver package (names or unique ids). */
  categories: string[];
  models: InfModel[];
}

/** An INF that could not be used, with where the problem is. */
export interface InfProblem {
  file: string;
  line: number;
  message: string;
}

export interface DriverCatalog {
  infs: DriverInf[];
  /** Malformed INFs (skipped). */
  problems: InfProblem[];
}

export interface DriversPort {
  /** The machine's Plug and Play devices. */
  devices(): PnpDevice[];
  /** Every driver in the driver catalog (all driver packages the run can reach). */
  catalog(): DriverCatalog;
  /**
   * The drivers of one driver package (content package id); `recurse` includes INFs in subfolders. Undefined when the
   * package is not available.
   */
  packageDrivers(packageId: string, options: { recurse: boolean }): DriverCatalog | undefined;
}
