/**
 * Choosing the WIM in a package folder and judging an image against the machine and the volume (pure).
 */
import type { ImageFacts, WimFacts } from '../../../engine/step-api.ts';
import { formatSize } from './format-size.ts';

/**
 * The one `.wim` among a package's file names, else the first part of its one `.swm` set (the shortest name: parts
 * 2..n add a number). @returns an error naming the package when there is none or several.
 */
export function pickWimFile(files: readonly string[], packageId: string): { name: string } | { error: string } {
  const wims = files.filter((f) => /\.wim$/i.test(f)).sort();
  if (wims.length === 1) return { name: wims[0] };
  if (wims.length > 1) return { error: `package ${packageId} holds several images (${wims.join(', ')}); keep one .wim per image package` };
  const swms = files.filter((f) => /\.swm$/i.test(f)).sort((a, b) => a.length - b.length || a.localeCompare(b));
  if (swms.length === 0) return { error: `package ${packageId} holds no .wim or .swm file` };
  const first = swms[0];
  const stem = first.slice(0, -4).toLowerCase();
  const foreign = swms.filter((s) => !s.toLowerCase().startsWith(stem));
  if (foreign.length > 0) return { error: `package ${packageId} holds several split images (${swms.join(', ')}); keep one .swm set per image package` };
  return { name: first };
}

/** The image with `index`, or "image index 3 does not exist in install.wim; it holds 1: Pro, 2: Enterprise". */
export function findImageFacts(wim: WimFacts, index: number, fileName: string): ImageFacts | { error: string } {
  const image = wim.images.find((i) => i.index === index);
  if (image) return image;
  const held = wim.images.map((i) => `${i.index}: ${i.name}`).join(', ') || 'no images';
  return { error: `image index ${index} does not exist in ${fileName}; it holds ${held}` };
}

/** Undefined when the image fits the machine's architecture (or its own is unknown: the caller warns). */
export function checkArchitecture(image: ImageFacts, machine: string): string | undefined {
  if (image.architecture === '' || image.architecture.toLowerCase() === machine.toLowerCase()) return undefined;
  return `image ${image.index} (${image.name}) is ${image.architecture}; this machine is ${machine}`;
}

/** Undefined when `totalBytes` fits in `availableBytes` (free space, plus what the wipe frees when `wiped`). */
export function checkSize(image: ImageFacts, letter: string, availableBytes: number, wiped: boolean): string | undefined {
  if (image.totalBytes <= availableBytes) return undefined;
  return `image ${image.index} (${image.name}) needs ${formatSize(image.totalBytes)} (${image.totalBytes} bytes) but ${letter} has ${formatSize(availableBytes)} (${availableBytes} bytes) ${wiped ? 'once wiped' : 'free'}`;
}
