/**
 * The Drivers port of a run: devices from the machine, the catalog from the driver catalog folder (`--drivers`)
 * plus every content package that holds INFs, and single packages from the content source.
 */
import type { ContentPort, DriverCatalog, DriversPort, PnpDevice } from '../../engine/index.ts';
import { findInfFiles, mergeCatalogs, readCatalogFolder, readDriverPackage } from './driver-catalog.ts';

export interface DriversPortOptions {
  devices: () => PnpDevice[];
  /** Folder with one subfolder per driver package (the site's driver catalog). */
  catalogDir?: string;
  content: ContentPort;
}

/** Builds the port; the catalog is read once, on first use. */
export function createDriversPort(options: DriversPortOptions): DriversPort {
  let catalog: DriverCatalog | undefined;
  const packageDrivers = (id: string, recurse: boolean) => {
    const folder = options.content.resolve(id);
    return folder ? readDriverPackage(id.toUpperCase(), folder, recurse) : undefined;
  };
  return {
    devices: options.devices,
    catalog: () => {
      catalog ??= mergeCatalogs(
        readCatalogFolder(options.catalogDir),
        ...options.content.available()
          .filter((id) => { const f = options.content.resolve(id); return f !== undefined && findInfFiles(f, true).length > 0; })
          .map((id) => packageDrivers(id, true)!),
      );
      return catalog;
    },
    packageDrivers: (id, { recurse }) => packageDrivers(id, recurse),
  };
}

/** Profile PnP devices in the port's shape (IDs default to none). */
export function devicesFromProfile(list: Array<{ deviceId: string; name: string; class: string; hardwareIds?: string[]; compatibleIds?: string[] }> | undefined): PnpDevice[] {
  return (list ?? []).map((d) => ({
    deviceId: d.deviceId, name: d.name, class: d.class, hardwareIds: d.hardwareIds ?? [], compatibleIds: d.compatibleIds ?? [],
  }));
}
