/** The options the image steps share (Apply Operating System Image, MDT Install Operating System, Apply Data Image). */
import type { OptionSpec } from '../../engine/step-api.ts';

/** Largest index and disk number the format stores (a signed 32-bit value). */
const MAX_NUMBER = 2147483647;

/** `ImageIndex` (carried by `indexVariable`) and the ConfigMgr destination options, by kind. */
export function imageOptions(indexVariable: string) {
  return {
    ImageIndex: { kind: 'count', name: 'ImageIndex', variable: indexVariable, min: 1, max: MAX_NUMBER, description: 'image index, 1 or more (required with `ImagePackageID`)' },
    DestinationVariable: { kind: 'text', name: 'DestinationVariable', variable: 'DestinationVariable', description: 'name of a variable holding `C:` or `disk,partition` (`0,3`)' },
    DestinationDisk: { kind: 'count', name: 'DestinationDisk', min: 0, max: MAX_NUMBER, description: 'disk index (with `DestinationPartition`)' },
    DestinationPartition: { kind: 'count', name: 'DestinationPartition', min: 1, max: MAX_NUMBER, description: '1-based partition number (with `DestinationDisk`)' },
    DestinationDriveLetter: { kind: 'text', name: 'DestinationDriveLetter', description: '`C`, `C:` or `C:\\`' },
    RunFromNet: { kind: 'flag', name: 'RunFromNet', variable: 'RunFromNet', default: false, description: 'accepted; logged (content is always local in this engine)' },
  } as const satisfies Record<string, OptionSpec>;
}

/** `InstallEditionIndex`, the index with an OS upgrade package. */
export const INSTALL_EDITION_INDEX = { kind: 'count', name: 'InstallEditionIndex', variable: 'OSDInstallEditionIndex', min: 1, max: MAX_NUMBER, description: 'index with `InstallPackageID`' } as const satisfies OptionSpec;

/** Apply Data Image's `WipeDestinationPartition`. */
export const WIPE_DESTINATION = {
  kind: 'flag', name: 'WipeDestinationPartition', variable: 'OSDWipeDestinationPartition', default: true,
  description: "false: add the image's files to what the volume holds (the size check uses the free space only)",
} as const satisfies OptionSpec;
