/**
 * Making one package local and verified: the media copy when every file matches the manifest; otherwise the cache
 * folder, filled file by file from what is already there and valid, then from the media, then from the deployment
 * sources. Without a manifest only a media folder can be used, as it is.
 */
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { AxiosInstance } from 'axios';
import { TaskseqError } from '../../engine/index.ts';
import { checkLocalFile, copyVerified, entryPath } from './local-files.ts';
import { fetchFromSources } from './fetch-from-sources.ts';
import { manifestBytes, type ManifestFile, type PackageManifest } from './package-manifest.ts';
import type { PackageCache } from './package-cache.ts';
import type { ContentProgress } from './content-progress.ts';

export interface StageContext {
  client: AxiosInstance;
  cache: PackageCache;
  sources: readonly string[];
  retry: { count: number; delayMs: number };
  stallMs: number;
  signal?: AbortSignal;
  progress: (e: ContentProgress) => void;
  failedSources: Set<string>;
}

export interface StagedFolder {
  folder: string;
  bytes: number;
  /** `media`, `cache`, or the source URL the last downloaded file came from. */
  from: string;
  /** Bytes that came over the network. */
  downloaded: number;
}

/**
 * Stages one package.
 * @throws TaskseqError('content-unavailable') when it is nowhere, or a file could not be fetched and verified
 */
export async function stagePackage(ctx: StageContext, id: string, manifest: PackageManifest | undefined, media: string | undefined): Promise<StagedFolder> {
  if (!manifest) {
    if (media) return { folder: media, bytes: 0, from: 'media', downloaded: 0 };
    throw new TaskseqError('content-unavailable', `package ${id} is not in the media or the cache and no deployment source lists it`);
  }
  const bytes = manifestBytes(manifest);
  ctx.progress({ kind: 'package-start', packageId: id, files: manifest.files.length, bytes });
  if (media && (await mediaMatches(media, manifest))) {
    ctx.progress({ kind: 'package-done', packageId: id, from: 'media', bytes, downloaded: 0 });
    return { folder: media, bytes, from: 'media', downloaded: 0 };
  }
  const folder = ctx.cache.folderOf(id);
  let downloaded = 0;
  let from = 'cache';
  for (const file of manifest.files) {
    const got = await stageFile(ctx, id, file, folder, media);
    downloaded += got.downloaded;
    if (got.from !== 'cache') from = got.from;
  }
  removeStrays(folder, manifest);
  ctx.cache.touch(id, bytes);
  ctx.progress({ kind: 'package-done', packageId: id, from, bytes, downloaded });
  return { folder, bytes, from, downloaded };
}

async function mediaMatches(media: string, manifest: PackageManifest): Promise<boolean> {
  for (const file of manifest.files) if ((await checkLocalFile(entryPath(media, file), file)) !== 'ok') return false;
  return true;
}

async function stageFile(ctx: StageContext, id: string, file: ManifestFile, folder: string, media: string | undefined): Promise<{ from: string; downloaded: number }> {
  const target = entryPath(folder, file);
  const cached = await checkLocalFile(target, file);
  if (cached === 'ok') return { from: 'cache', downloaded: 0 };
  if (cached !== 'missing') {
    ctx.progress({ kind: 'file-invalid', packageId: id, path: file.path, where: 'cache', problem: cached });
    rmSync(target, { force: true });
  }
  if (media && existsSync(entryPath(media, file))) {
    if (await copyVerified(entryPath(media, file), target, file)) return { from: 'media', downloaded: 0 };
    ctx.progress({ kind: 'file-invalid', packageId: id, path: file.path, where: 'media', problem: 'hash' });
  }
  const r = await fetchFromSources({
    client: ctx.client, sources: ctx.sources, packageId: id, file, target, retry: ctx.retry, stallMs: ctx.stallMs,
    signal: ctx.signal, failed: ctx.failedSources,
    onBytes: (source, received) => ctx.progress({ kind: 'download', packageId: id, path: file.path, source, received, total: file.size }),
    onRetry: (source, attempt, error) => ctx.progress({ kind: 'retry', packageId: id, path: file.path, source, attempt, error: error.message }),
  });
  return { from: r.source, downloaded: r.transferred };
}

/** Files in the cache folder that the manifest does not list (left by an older version of the package). */
function removeStrays(folder: string, manifest: PackageManifest): void {
  const wanted = new Set(manifest.files.map((f) => entryPath(folder, f)));
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (!wanted.has(full) && !relative(folder, full).startsWith('..')) rmSync(full, { force: true });
    }
  };
  walk(folder);
}
