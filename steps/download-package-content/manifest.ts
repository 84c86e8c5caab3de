/** Download Package Content's facts: its type and options (its package list is read by `packages()`). */
import { defineManifest } from '../../engine/step-api.ts';
import { DOWNLOAD_PACKAGE_CONTENT_TYPE } from './plan.ts';

export const downloadPackageContentManifest = defineManifest({
  types: [{ type: DOWNLOAD_PACKAGE_CONTENT_TYPE, displayName: 'Download Package Content', defaultRunIn: 'WinPEandFullOS' }],
  options: [
    { kind: 'text', name: 'DownloadPackages', variable: 'OSDDownloadDownloadPackages', required: true, description: 'comma-separated package ids, in order' },
    { kind: 'text', name: 'DestinationLocationType', variable: 'OSDDownloadDestinationLocationType', description: '`TSCache` (default, any letter case): `%_SMSTSMDataPath%\\Packages`; `CCMCache`: the client cache (`_SMSTSClientCache` as the machine reports it, else `<drive of the data path>\\Windows\\ccmcache`; not in Windows PE: 50); `Custom`: `DestinationCustomPath`' },
    { kind: 'text', name: 'DestinationCustomPath', variable: 'OSDDownloadDestinationPath', description: 'the folder for `Custom` (required then: 87)' },
    { kind: 'text', name: 'DestinationVariable', variable: 'OSDDownloadDestinationVariable', description: 'base name of the path variables (`MyContent` or `%MyContent%`)' },
    { kind: 'text', name: 'ContinueDownloadOnError', variable: 'OSDDownloadContinueDownloadOnError', description: 'default true: a package that fails is logged as a warning and skipped, the step succeeds and says which were skipped; false: the first failure fails the step' },
  ],
});
