/**
 * What any backend's driver staging accepts, as DISM `/Add-Driver` does: which INFs a driver path names and which of
 * them are refused for an offline Windows (malformed, no models for its architecture, unsigned unless forced).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { InvalidInputError, type Architecture } from '../../engine/index.ts';
import { decodeInf } from '../formats/inf/inf-text.ts';
import { parseInf } from '../formats/inf/parse-inf.ts';
import { findInfFiles } from './driver-catalog.ts';

/**
 * The INFs a driver path names: an `.inf` file itself, or the INFs of a folder (its subfolders too with `recurse`).
 * @throws InvalidInputError when the path does not exist
 */
export function infFilesOf(path: string, recurse: boolean): string[] {
  if (!existsSync(path)) throw new InvalidInputError(`addDrivers: driver path ${path} does not exist`);
  return statSync(path).isDirectory() ? findInfFiles(path, recurse) : [path];
}

/** Why this INF (`bytes` read from `file`) is not staged into a Windows of `architecture`; undefined when it is. */
export function infRefusal(file: string, bytes: Buffer, architecture: Architecture, forceUnsigned: boolean): string | undefined {
  const { inf, problem } = parseInf(decodeInf(bytes), file);
  if (!inf) return `malformed INF (line ${problem!.line}: ${problem!.message})`;
  if (!inf.models.some((m) => m.platform.architecture === 'any' || m.platform.architecture === architecture)) {
    return `no models section for ${architecture}`;
  }
  const signed = inf.catalogFile !== undefined && readdirSync(dirname(file)).some((n) => n.toLowerCase() === inf.catalogFile!.toLowerCase());
  if (!signed && !forceUnsigned) return 'unsigned driver (no catalog file); staging it needs forceUnsigned';
  return undefined;
}
