/**
 * The Imaging port of the simulated machine: real WIM files, extracted into and captured from the volumes' host
 * folders with `wimlib-imagex` (WIM paths on volumes, connected shares or in content), boot files written as the
 * machine's boot rules expect them, and drivers staged into the offline driver store.
 */
import type { ImagingPort } from '../../../../engine/index.ts';
import { readWim } from '../../../formats/wim/index.ts';
import { addDrivers } from './add-drivers.ts';
import { applyImage } from './apply-image.ts';
import { writeBootFiles } from './boot-files.ts';
import { captureImage } from './capture-image.ts';
import { shareNames } from '../../host-files/shares.ts';
import { resolveImagePath } from './image-path.ts';
import type { SimulatedImagingDeps } from './imaging-deps.ts';
import { runWimlibImagex } from './wimlib-runner.ts';

/** The simulated Imaging port over the machine's volumes (see {@link SimulatedImagingDeps}). */
export function createSimulatedImaging(deps: SimulatedImagingDeps): ImagingPort {
  const run = deps.runWimlib ?? runWimlibImagex;
  return {
    inspect: (path) => readWim(resolveImagePath(path, deps).host),
    apply: async (request) => applyImage(deps, run, request),
    capture: async (request) => captureImage(deps, run, request),
    connectedShares: () => shareNames(deps.shares ?? []),
    writeBootFiles: async (request) => writeBootFiles(deps, request),
    addDrivers: async (request) => addDrivers(deps, request),
  };
}
