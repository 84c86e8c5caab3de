/** Capture Operating System Image's facts: its type and options (their rules: `parse-options.ts`). */
import { defineManifest } from '../../engine/step-api.ts';

export const CAPTURE_SYSTEM_IMAGE_TYPE = 'SMS_TaskSequence_CaptureSystemImageAction';

export const captureSystemImageManifest = defineManifest({
  types: [{ type: CAPTURE_SYSTEM_IMAGE_TYPE, displayName: 'Capture Operating System Image', defaultRunIn: 'WinPE' }],
  options: [
    { kind: 'text', name: 'CaptureDestination', variable: 'OSDCaptureDestination', fallback: true, description: 'the `.wim` to write: a full path on a lettered volume (`D:\\Captures\\ref.wim`) or on a network share the run connected (`\\\\server\\share\\ref.wim`, `--share`), ≤ 255 characters; an existing file is replaced' },
    { kind: 'text', name: 'CaptureAccount', variable: 'OSDCaptureAccount', fallback: true, description: 'network account; logged as not used (a share is connected before the run)' },
    { kind: 'secret', name: 'CaptureAccountPassword', variable: 'OSDCaptureAccountPassword', fallback: true, description: 'only its presence is ever looked at, never logged' },
    { kind: 'text', name: 'ImageCreator', variable: 'OSDImageCreator', fallback: true, description: "stored in each image's metadata, ≤ 255" },
    { kind: 'text', name: 'ImageDescription', variable: 'OSDImageDescription', fallback: true, description: "each image's description, ≤ 255" },
    { kind: 'text', name: 'ImageVersion', variable: 'OSDImageVersion', fallback: true, description: '≤ 32; the SDK calls it required, but real exports leave it empty and the console accepts them, so an empty version is a warning and the image is captured without one' },
  ],
});
