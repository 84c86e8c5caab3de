/** Finding the WIM an image step applies: package -> folder -> file (through the Content port). */
import type { StepContext } from '../../../engine/step-api.ts';
import { pickWimFile } from './image-checks.ts';
import { joinHostPath } from './host-path.ts';
import type { ImageSource } from './apply-image-options.ts';

/** The name tried when the content source cannot list a package's files. */
export const DEFAULT_WIM_NAME = 'install.wim';
/** Variable that overrides MDT's OS id -> package mapping. */
export const MDT_PACKAGE_OVERRIDE = 'OSDImagePackageId';

export interface LocatedWim {
  path: string;
  /** The file's name, for messages. */
  fileName: string;
  packageId: string;
}

/** What went wrong and whether it is missing content (exit code) or a bad option/package. */
export interface SourceError {
  error: string;
  contentMissing: boolean;
}

/** MDT's OS id (`{5d3b…}`) names the package folder (braces dropped) unless `OSDImagePackageId` is set. */
export function mdtPackageId(osGuid: string, override: string | undefined): string {
  return override?.trim() || osGuid.replace(/^\{|\}$/g, '');
}

function packageOf(ctx: StepContext, source: ImageSource): { id: string; field: string } {
  if (source.kind === 'mdt') return { id: mdtPackageId(source.osGuid, ctx.vars.get(MDT_PACKAGE_OVERRIDE)), field: 'OSGUID' };
  return { id: source.packageId, field: source.kind === 'upgrade' ? 'InstallPackageID' : 'ImagePackageID' };
}

/**
 * The WIM (or first `.swm`) of the image source. An upgrade package's image is `sources\install.wim`; an image
 * package's is its one `.wim` (or `.swm` set), or `install.wim` when the content source cannot list files.
 */
export function locateWim(ctx: StepContext, source: ImageSource): LocatedWim | SourceError {
  const { id, field } = packageOf(ctx, source);
  const folder = ctx.ports.content.resolve(id);
  if (folder === undefined) {
    const available = ctx.ports.content.available();
    return { error: `package ${id} (option ${field}) is not available; packages: ${available.join(', ') || 'none'}`, contentMissing: true };
  }
  if (source.kind === 'upgrade') return { path: joinHostPath(folder, 'sources', DEFAULT_WIM_NAME), fileName: DEFAULT_WIM_NAME, packageId: id };
  const files = ctx.ports.content.files(id);
  const picked = pickWimFile(files, id);
  if ('error' in picked) return { error: `${picked.error} (option ${field})`, contentMissing: false };
  return { path: joinHostPath(folder, picked.name), fileName: picked.name, packageId: id };
}
