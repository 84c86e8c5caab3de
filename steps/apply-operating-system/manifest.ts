/** Apply Operating System Image's facts: its types (ConfigMgr's and MDT's) and their options. */
import { defineManifest } from '../../engine/step-api.ts';
import { imageOptions, INSTALL_EDITION_INDEX } from '../shared/image-options.ts';

export const APPLY_OS_TYPE = 'SMS_TaskSequence_ApplyOperatingSystemAction';
export const MDT_INSTALL_OS_TYPE = 'BDD_InstallOS';

const image = imageOptions('OSDImageIndex');

export const applyOperatingSystemManifest = defineManifest({
  types: [
    { type: APPLY_OS_TYPE, displayName: 'Apply Operating System Image', defaultRunIn: 'WinPE' },
    { type: MDT_INSTALL_OS_TYPE, displayName: 'Install Operating System', defaultRunIn: 'WinPEandFullOS' },
  ],
  options: [
    { kind: 'package', name: 'ImagePackageID', variable: 'ImagePackageID', description: 'package holding the image: its one `.wim`, or the first part of its one `.swm` set' },
    image.ImageIndex,
    { kind: 'package', name: 'InstallPackageID', variable: 'InstallPackageID', description: 'OS upgrade package instead: the image is `sources\\install.wim` in it' },
    INSTALL_EDITION_INDEX,
    { kind: 'package', name: 'ConfigFilePackage', variable: 'ConfigFilePackage', description: 'package of an answer file to merge' },
    { kind: 'text', name: 'ConfigFileName', variable: 'OSDConfigFileName', description: 'the answer file in `ConfigFilePackage` (default `unattend.xml`)' },
    image.DestinationVariable,
    image.DestinationDisk,
    image.DestinationPartition,
    image.DestinationDriveLetter,
    image.RunFromNet,
    { kind: 'text', name: 'OSGUID', description: 'MDT: the id of the operating system to install' },
    { kind: 'text', name: 'DestinationOSInstallType', description: 'MDT: `NextPartition`, `ByDiskPartition`, `ByVariable` or `ByDriveLetter`' },
    { kind: 'text', name: 'DestinationOSVariable', description: 'MDT: variable holding the destination (`ByVariable`)' },
    { kind: 'text', name: 'DestinationOSDriveLetter', description: 'MDT: drive letter (`ByDriveLetter`)' },
  ],
});
