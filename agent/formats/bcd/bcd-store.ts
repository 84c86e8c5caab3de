/**
 * A BCD store that boots one Windows installation, as a registry hive: `Description` (the store's identity) and
 * `Objects` with the Windows Boot Manager and one Windows Boot Loader, each object a key with its type under
 * `Description` and its elements under `Elements\<id>` (value `Element`). See docs/boot-files.md.
 */
import { renderPartitionDevice, type BcdPartition } from './bcd-device.ts';
import { ELEMENT, REG_DWORD, REG_SZ, elementKeyName, elementValue, type ElementValue } from './bcd-elements.ts';
import { renderHive, type HiveKey } from './hive-file.ts';

/** The Windows Boot Manager's well-known object id. */
export const BOOT_MANAGER_ID = '{9dea862c-5cdd-4e70-acc1-f32b344d4795}';
/** Object type of the Windows Boot Manager (application, boot application image, boot manager). */
export const BOOT_MANAGER_TYPE = 0x10100002;
/** Object type of a Windows Boot Loader (application, boot application image, OS loader). */
export const BOOT_LOADER_TYPE = 0x10200003;
/** The hive's root key name in stores Windows writes. */
export const STORE_ROOT_NAME = 'NewStoreRoot';
/** `Description\KeyName`: what marks a hive as a BCD store. */
export const STORE_KEY_NAME = 'BCD00000000';
/** bootmenupolicy Standard: the graphical menu of Windows 8 and later. */
const BOOT_MENU_STANDARD = 1;
/** nx OptIn: data execution prevention for Windows' own components. */
const NX_OPT_IN = 0;
/** The one setting Windows lets running programs change in memory (as a new store from Windows has it). */
const IN_MEMORY_SETTINGS = [0x15000075];

/** What the store says. */
export interface BcdStoreSpec {
  /** UEFI: the boot manager is `\EFI\Microsoft\Boot\bootmgfw.efi` and Windows loads `winload.efi`; BIOS: `winload.exe`. */
  firmware: 'UEFI' | 'BIOS';
  /** Where the boot manager is: the EFI system partition (UEFI) or the active partition (BIOS). */
  bootPartition: BcdPartition;
  /** The partition Windows is on. */
  windowsPartition: BcdPartition;
  /** The Windows folder on it, e.g. `\Windows`. */
  systemRoot: string;
  /** The Windows Boot Loader's object id, `{8-4-4-4-12}` lower case. */
  loaderId: string;
  /** The loader's menu entry, e.g. `Windows 11`. */
  loaderDescription: string;
  /** e.g. `en-US`. */
  locale: string;
  /** Seconds the boot manager shows its menu. */
  timeoutSeconds: number;
  /** The hive's last-written time. */
  writtenAt: Date;
}

const GUID = /^\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}$/;

function object(id: string, type: number, elements: ReadonlyArray<[number, ElementValue]>): HiveKey {
  return {
    name: id,
    subkeys: [
      { name: 'Description', values: [{ name: 'Type', type: REG_DWORD, data: dword(type) }] },
      { name: 'Elements', subkeys: elements.map(([elementId, v]) => ({ name: elementKeyName(elementId), values: [elementValue(elementId, v)] })) },
    ],
  };
}

function dword(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(value >>> 0);
  return b;
}

/** The boot manager's elements: where it is, its menu and that it starts the one loader. */
export function bootManagerElements(spec: BcdStoreSpec): Array<[number, ElementValue]> {
  return [
    [ELEMENT.applicationDevice, renderPartitionDevice(spec.bootPartition)],
    ...(spec.firmware === 'UEFI' ? [[ELEMENT.applicationPath, '\\EFI\\Microsoft\\Boot\\bootmgfw.efi'] as [number, ElementValue]] : []),
    [ELEMENT.description, 'Windows Boot Manager'],
    [ELEMENT.locale, spec.locale],
    [ELEMENT.defaultObject, spec.loaderId],
    [ELEMENT.displayOrder, [spec.loaderId]],
    [ELEMENT.timeout, spec.timeoutSeconds],
  ];
}

/** The loader's elements: the partition and folder of Windows and the settings a new Windows store has. */
export function bootLoaderElements(spec: BcdStoreSpec): Array<[number, ElementValue]> {
  const windows = renderPartitionDevice(spec.windowsPartition);
  const root = spec.systemRoot.replace(/\\+$/, '');
  return [
    [ELEMENT.applicationDevice, windows],
    [ELEMENT.applicationPath, `${root}\\system32\\${spec.firmware === 'UEFI' ? 'winload.efi' : 'winload.exe'}`],
    [ELEMENT.description, spec.loaderDescription],
    [ELEMENT.locale, spec.locale],
    [ELEMENT.isolatedContext, true],
    [ELEMENT.allowedInMemorySettings, IN_MEMORY_SETTINGS],
    [ELEMENT.osDevice, windows],
    [ELEMENT.systemRoot, root],
    [ELEMENT.nxPolicy, NX_OPT_IN],
    [ELEMENT.bootMenuPolicy, BOOT_MENU_STANDARD],
  ];
}

/** The key tree of the store (what {@link renderBcdStore} writes as a hive). */
export function bcdStoreTree(spec: BcdStoreSpec): HiveKey {
  if (!GUID.test(spec.loaderId)) throw new Error(`loader id ${spec.loaderId} is not a {GUID} in lower case`);
  if (!/^\\[^\\]/.test(spec.systemRoot)) throw new Error(`system root ${spec.systemRoot} is not a folder like \\Windows`);
  return {
    name: STORE_ROOT_NAME,
    subkeys: [
      {
        name: 'Description',
        values: [
          { name: 'KeyName', type: REG_SZ, data: Buffer.from(`${STORE_KEY_NAME}\0`, 'utf16le') },
          { name: 'System', type: REG_DWORD, data: dword(1) },
          { name: 'TreatAsSystem', type: REG_DWORD, data: dword(1) },
        ],
      },
      {
        name: 'Objects',
        subkeys: [
          object(BOOT_MANAGER_ID, BOOT_MANAGER_TYPE, bootManagerElements(spec)),
          object(spec.loaderId, BOOT_LOADER_TYPE, bootLoaderElements(spec)),
        ],
      },
    ],
  };
}

/**
 * The store's hive bytes.
 * @throws Error for a loader id that is not a lower-case `{GUID}` or a system root that is not `\Folder`
 */
export function renderBcdStore(spec: BcdStoreSpec): Uint8Array {
  return renderHive(bcdStoreTree(spec), spec.writtenAt);
}
