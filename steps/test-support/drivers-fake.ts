/** Scripted Drivers and Imaging ports for the driver steps: a catalog, devices, packages; staging is recorded. */
import type { AddDriversRequest, DriverCatalog, DriverInf, InfProblem, PnpDevice, Ports } from '../../engine/step-api.ts';

export interface DriversFake {
  drivers: Ports['drivers'];
  imaging: Ports['imaging'];
  staged: AddDriversRequest[];
}

const never = (what: string) => () => { throw new Error(`unscripted imaging.${what}`); };

/** `packages` answers packageDrivers (recurse keeps INFs whose relative path has a folder). */
export function createDriversFake(options: { devices: PnpDevice[]; catalog?: DriverInf[]; problems?: InfProblem[]; packages?: Record<string, DriverInf[]> }): DriversFake {
  const staged: AddDriversRequest[] = [];
  const catalog: DriverCatalog = { infs: options.catalog ?? [], problems: options.problems ?? [] };
  return {
    staged,
    drivers: {
      devices: () => options.devices,
      catalog: () => catalog,
      packageDrivers: (id, { recurse }) => {
        const infs = options.packages?.[id];
        return infs ? { infs: infs.filter((i) => recurse || !i.relativePath.includes('/')), problems: [] } : undefined;
      },
    },
    imaging: {
      inspect: never('inspect'), apply: never('apply'), capture: never('capture'), writeBootFiles: never('writeBootFiles'),
      connectedShares: never('connectedShares'),
      addDrivers: async (request) => {
        staged.push(request);
        return { added: request.paths.map((p) => ({ inf: p, storeFolder: `C:\\store\\${p.split('/').pop()}` })), rejected: [] };
      },
    },
  };
}

/** A catalog INF with one model line per ID list (x64 section unless `decoration` says otherwise). */
export function driverInf(id: string, idLists: string[][], over: Partial<DriverInf> & { decoration?: string } = {}): DriverInf {
  const { decoration = 'NTamd64', ...rest } = over;
  const architecture = decoration === 'NTx86' ? 'x86' : decoration === 'NTarm64' ? 'arm64' : 'x64';
  return {
    id, package: id.split('/')[0], path: `/catalog/${id}`, relativePath: id.split('/').slice(1).join('/'), class: 'Net',
    provider: 'Example', date: '2023-01-01', version: '1.0.0.0', signed: true, categories: [],
    models: idLists.map((ids, i) => ({
      manufacturer: 'Example', description: `model ${i}`, installSection: 'Install', ids: ids.map((x) => x.toUpperCase()),
      platform: { architecture, decoration }, line: 10 + i,
    })),
    ...rest,
  };
}

/** A device with the given hardware and compatible IDs. */
export function pnpDevice(name: string, hardwareIds: string[], compatibleIds: string[] = []): PnpDevice {
  return { deviceId: `${hardwareIds[0] ?? name}\\0`, name, class: 'Net', hardwareIds, compatibleIds };
}
