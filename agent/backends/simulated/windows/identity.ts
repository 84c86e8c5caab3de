/** Where a simulated installation's identity comes from: the image it was applied from, or the machine profile. */
import type { ImageFacts } from '../../../../engine/index.ts';
import type { MachineProfile } from '../profile/profile-types.ts';
import { newWindowsState, type WindowsIdentity, type WindowsState } from './windows-state.ts';

/** LCIDs of the language tags install images carry most often; others fall back to en-US. */
const LCID: Record<string, number> = {
  'en-us': 1033, 'en-gb': 2057, 'de-de': 1031, 'fr-fr': 1036, 'es-es': 3082, 'it-it': 1040, 'ja-jp': 1041,
  'ko-kr': 1042, 'nl-nl': 1043, 'pt-br': 1046, 'pt-pt': 2070, 'sv-se': 1053, 'zh-cn': 2052, 'zh-tw': 1028,
  'pl-pl': 1045, 'ru-ru': 1049, 'da-dk': 1030, 'fi-fi': 1035, 'nb-no': 1044, 'cs-cz': 1029,
};

export function lcidOf(tag: string | undefined): number {
  return LCID[(tag ?? '').toLowerCase()] ?? 1033;
}

/** The identity a stock image's registry would give: caption from the image name, the rest from its metadata. */
export function identityFromImage(image: ImageFacts, machineArchitecture: string): WindowsIdentity {
  const name = image.name.trim() || 'Windows';
  const version = (image.version ?? '10.0.0').split('.').slice(0, 3).join('.');
  return {
    caption: /^microsoft\b/i.test(name) ? name : `Microsoft ${name}`,
    version,
    buildNumber: version.split('.')[2] ?? '0',
    ...(image.editionId ? { editionId: image.editionId } : {}),
    architecture: image.architecture || machineArchitecture,
    osLanguage: lcidOf(image.languages[0]),
    productType: /server/i.test(`${image.editionId ?? ''} ${name}`) ? 3 : 1,
  };
}

/** The installed Windows a profile describes, running and set up, with its name, membership and client. */
export function stateFromProfile(profile: MachineProfile, hasClient: boolean, computerName: string): WindowsState | undefined {
  const os = profile.os;
  if (!os) return undefined;
  const version = os.version;
  const state = newWindowsState({
    caption: os.caption, version, buildNumber: os.buildNumber ?? version.split('.')[2] ?? '0',
    architecture: profile.system.architecture, osLanguage: os.osLanguage, productType: os.productType,
  }, profile.environment.timeZone ?? 'UTC');
  state.phase = 'specialized';
  state.computerName = (os.computerName ?? computerName).toUpperCase();
  if (os.domain) state.membership = { kind: 'domain', name: os.domain, ...(os.domainOU ? { ou: os.domainOU } : {}) };
  else if (os.workgroup) state.membership = { kind: 'workgroup', name: os.workgroup };
  state.administratorEnabled = false;
  if (os.registeredOwner) state.registeredOwner = os.registeredOwner;
  if (os.registeredOrganization) state.registeredOrganization = os.registeredOrganization;
  if (os.users) {
    state.users = os.users.map((u) => ({
      name: u.name, ...(u.domain ? { domain: u.domain } : {}), profileFolder: u.profileFolder ?? `Users\\${u.name}`, settings: { ...(u.settings ?? {}) },
    }));
  }
  if (hasClient) state.configMgrClient = { state: 'installed' };
  return state;
}
