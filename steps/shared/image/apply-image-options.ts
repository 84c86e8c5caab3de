/**
 * Options of the image steps (Apply Operating System Image, MDT Install Operating System, Apply Data Image) as typed
 * values (pure). Used by `validate()` on the raw definition and by `run()` on the expanded values.
 */
import type { OptionSpec, StepProblem } from '../../../engine/step-api.ts';
import { OptionCollector, type OptionReader } from '../option-collector.ts';
import { imageOptions, INSTALL_EDITION_INDEX, WIPE_DESTINATION } from '../image-options.ts';
import { normalizeLetter } from './drive-letter.ts';

/** Where the image goes; `variable` names a variable holding `C:` or `disk,partition`. */
export type Destination =
  | { kind: 'next' }
  | { kind: 'disk'; disk: number; partition: number }
  | { kind: 'letter'; letter: string; field: string }
  | { kind: 'variable'; variable: string; field: string };

/** Where the WIM comes from: an image package, an OS upgrade package (`sources\install.wim`) or an MDT OS id. */
export type ImageSource =
  | { kind: 'image'; packageId: string }
  | { kind: 'upgrade'; packageId: string }
  | { kind: 'mdt'; osGuid: string };

export type ImageStepKind = 'os' | 'mdt' | 'data';

export interface ApplyImageOptions {
  source: ImageSource;
  index: number;
  /** The property the index came from, for messages. */
  indexField: string;
  destination: Destination;
  configPackage?: string;
  configFileName?: string;
  runFromNet: boolean;
  /** Apply Data Image's `WipeDestinationPartition` (always true for the OS steps). */
  wipe: boolean;
}

export interface ParsedApplyImageOptions {
  /** Undefined when an error was found or a value is only known at run time. */
  options?: ApplyImageOptions;
  problems: StepProblem[];
}

export type { OptionReader } from '../option-collector.ts';

const MDT_TYPES = ['NextPartition', 'ByDiskPartition', 'ByVariable', 'ByDriveLetter'];

const IMAGE = imageOptions('OSDImageIndex');

function whole(r: OptionCollector, spec: OptionSpec): number | undefined {
  return r.byKind<number | undefined>(spec, undefined);
}

function diskPartition(r: OptionCollector): Destination | undefined {
  const disk = whole(r, IMAGE.DestinationDisk);
  const partition = whole(r, IMAGE.DestinationPartition);
  if (r.present('DestinationDisk') && !r.present('DestinationPartition')) r.error('incomplete-destination', 'DestinationPartition', 'DestinationDisk is set but DestinationPartition is empty; give both');
  if (!r.present('DestinationDisk') && r.present('DestinationPartition')) r.error('incomplete-destination', 'DestinationDisk', 'DestinationPartition is set but DestinationDisk is empty; give both');
  return disk !== undefined && partition !== undefined ? { kind: 'disk', disk, partition } : undefined;
}

function letterOption(r: OptionCollector, field: string): Destination | undefined {
  const v = r.value(field);
  if (v === undefined) return undefined;
  const letter = normalizeLetter(v);
  if (!letter) r.error('invalid-drive-letter', field, `${field} is "${v}"; expected a drive letter such as C:`);
  return letter ? { kind: 'letter', letter, field } : undefined;
}

function variableOption(r: OptionCollector, field: string): Destination | undefined {
  const v = r.value(field);
  return v === undefined ? undefined : { kind: 'variable', variable: v, field };
}

function configMgrDestination(r: OptionCollector): Destination {
  const given = ['DestinationVariable', 'DestinationDisk', 'DestinationDriveLetter'].filter((p) => r.present(p));
  if (given.length > 1) r.error('conflicting-destination', given[1], `${given.join(' and ')} are both set; give one destination`);
  if (r.present('DestinationVariable')) return variableOption(r, 'DestinationVariable') ?? { kind: 'next' };
  if (r.present('DestinationDisk') || r.present('DestinationPartition')) return diskPartition(r) ?? { kind: 'next' };
  return letterOption(r, 'DestinationDriveLetter') ?? { kind: 'next' };
}

/** MDT: the install type chooses; the disk and partition defaults (`0`, `1`) are always written and otherwise unused. */
function mdtDestination(r: OptionCollector): Destination {
  const type = r.value('DestinationOSInstallType');
  const known = type === undefined ? undefined : MDT_TYPES.find((t) => t.toLowerCase() === type.toLowerCase());
  if (type !== undefined && !known) r.error('invalid-install-type', 'DestinationOSInstallType', `DestinationOSInstallType is "${type}"; expected ${MDT_TYPES.join(', ')}`);
  const chosen = known ?? (type === undefined && r.present('DestinationOSVariable') ? 'ByVariable' : 'NextPartition');
  if (chosen === 'ByDiskPartition') return diskPartition(r) ?? { kind: 'next' };
  if (chosen === 'ByDriveLetter') return letterOption(r, 'DestinationOSDriveLetter') ?? { kind: 'next' };
  if (chosen === 'ByVariable') {
    if (!r.present('DestinationOSVariable')) r.error('incomplete-destination', 'DestinationOSVariable', 'DestinationOSInstallType is ByVariable but DestinationOSVariable is empty');
    return variableOption(r, 'DestinationOSVariable') ?? { kind: 'next' };
  }
  return { kind: 'next' };
}

function imageSource(r: OptionCollector, kind: ImageStepKind): { source?: ImageSource; indexField: string } {
  if (kind === 'mdt') {
    const osGuid = r.value('OSGUID');
    if (!osGuid && !r.present('OSGUID')) r.error('missing-image', 'OSGUID', 'OSGUID is empty; expected the id of the operating system to install');
    return { ...(osGuid ? { source: { kind: 'mdt', osGuid } } : {}), indexField: 'ImageIndex' };
  }
  const image = r.value('ImagePackageID');
  const upgrade = kind === 'os' ? r.value('InstallPackageID') : undefined;
  if (r.present('ImagePackageID') && kind === 'os' && r.present('InstallPackageID')) r.error('conflicting-image', 'InstallPackageID', 'ImagePackageID and InstallPackageID are both set; give one image source');
  else if (!r.present('ImagePackageID') && !(kind === 'os' && r.present('InstallPackageID'))) {
    r.error('missing-image', 'ImagePackageID', `ImagePackageID is empty; expected the package holding the image${kind === 'os' ? ' (or InstallPackageID)' : ''}`);
  }
  if (upgrade) return { source: { kind: 'upgrade', packageId: upgrade }, indexField: 'InstallEditionIndex' };
  return { ...(image ? { source: { kind: 'image', packageId: image } } : {}), indexField: 'ImageIndex' };
}

/**
 * Parses the options of one image step. `skip` says which values cannot be judged yet (static checks pass
 * `isDeferred`); such a value leaves `options` undefined without an error. The MDT index defaults to 1 (MDT keeps the
 * index with its OS entry, which this engine does not read); the others require one.
 */
export function parseApplyImageOptions(read: OptionReader, kind: ImageStepKind, skip: (value: string) => boolean = () => false): ParsedApplyImageOptions {
  const r = new OptionCollector(read, skip);
  const { source, indexField } = imageSource(r, kind);
  const index = whole(r, indexField === 'ImageIndex' ? IMAGE.ImageIndex : INSTALL_EDITION_INDEX) ?? (kind === 'mdt' && !r.present(indexField) ? 1 : undefined);
  if (!r.present(indexField) && kind !== 'mdt') r.error('missing-index', indexField, `${indexField} is empty; expected the index of the image in the WIM (1 or more)`);
  const destination = kind === 'mdt' ? mdtDestination(r) : configMgrDestination(r);
  const configPackage = kind === 'os' ? r.value('ConfigFilePackage') : undefined;
  const configFileName = kind === 'os' ? r.value('ConfigFileName') : undefined;
  if (kind === 'os' && r.present('ConfigFileName') && !r.present('ConfigFilePackage')) r.error('config-without-package', 'ConfigFileName', 'ConfigFileName is set but ConfigFilePackage is empty; name the package holding the answer file');
  const runFromNet = r.byKind(IMAGE.RunFromNet, false);
  const wipe = kind === 'data' ? r.byKind(WIPE_DESTINATION, true) : true;
  if (r.deferred || r.problems.length > 0 || !source || index === undefined) return { problems: r.problems };
  const options: ApplyImageOptions = {
    source, index, indexField, destination, runFromNet, wipe,
    ...(configPackage ? { configPackage } : {}),
    ...(configFileName ? { configFileName } : {}),
  };
  return { options, problems: r.problems };
}
