/** Apply Data Image's facts: its type and options (the image steps' options, plus the wipe switch). */
import { defineManifest } from '../../engine/step-api.ts';
import { imageOptions, WIPE_DESTINATION } from '../shared/image-options.ts';

export const APPLY_DATA_IMAGE_TYPE = 'SMS_TaskSequence_ApplyDataImageAction';

const image = imageOptions('OSDDataImageIndex');

export const applyDataImageManifest = defineManifest({
  types: [{ type: APPLY_DATA_IMAGE_TYPE, displayName: 'Apply Data Image', defaultRunIn: 'WinPE' }],
  options: [
    { kind: 'package', name: 'ImagePackageID', variable: 'ImagePackageID', description: 'package holding the image' },
    image.ImageIndex,
    WIPE_DESTINATION,
    image.DestinationVariable,
    image.DestinationDisk,
    image.DestinationPartition,
    image.DestinationDriveLetter,
    image.RunFromNet,
  ],
});
