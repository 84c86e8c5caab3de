/**
 * The content resolver: package ids -> verified local folders, looked up in this order: the media folders, the local
 * cache, the deployment sources. The engine's Content port is synchronous, so the runner stages every package the
 * sequence needs before the first step and hands steps a port over the verified folders; `port.stage` serves
 * Download Package Content at step time.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { AxiosInstance } from 'axios';
import { TaskseqError, type ContentPort, type ContentStageRequest, type StagedPackage } from '../../engine/index.ts';
import { createMappedContent, scanPackageFolders } from './folder-content.ts';
import { createHttpClient } from './http-client.ts';
import { createPackageCache } from './package-cache.ts';
import { manifestBytes, packageKey, type PackageManifest } from './package-manifest.ts';
import type { PackageDestination } from './package-destination.ts';
import type { ContentProgress } from './content-progress.ts';
import { stagePackage, type StagedFolder } from './stage-package.ts';

/** `SMSTSDownloadRetryCount` / `SMSTSDownloadRetryDelay` defaults (reference §4.3): 2 retries, 15 s apart. */
export const DEFAULT_RETRY = { count: 2, delayMs: 15_000 };
/** A transfer with no data for this long is abandoned and resumed. */
export const DEFAULT_STALL_MS = 60_000;
/** The cache is trimmed to this size (least recently used packages the run does not need go first). */
export const DEFAULT_CACHE_LIMIT_BYTES = 32 * 1024 ** 3;

export interface ContentResolverOptions {
  /** Folders with one subfolder per package id, first match wins (`--content`, a media folder's `content/`). */
  mediaDirs?: readonly string[];
  /** The task sequence cache (`--cache`). */
  cacheDir: string;
  /** Deployment source base URLs, in order of preference. */
  sources?: readonly string[];
  /** Manifests of the packages (from the media policy and the deployment source). The first per id wins. */
  manifests?: readonly PackageManifest[];
  /** PEM text of the CA bundle HTTPS sources are verified against. */
  ca?: string;
  client?: AxiosInstance;
  retry?: { count: number; delayMs: number };
  stallMs?: number;
  maxCacheBytes?: number;
  /** Writes packages onto the machine for `port.stage`; without it, staging to a destination is refused. */
  destination?: PackageDestination;
  now?: () => Date;
}

export interface StageSummary {
  packages: Array<{ id: string; from: string; bytes: number; downloaded: number }>;
  /** Packages removed from the cache to stay under its limit. */
  evicted: string[];
}

export interface ContentResolver {
  /**
   * Makes every package local and verified (in order). Stops at the first package that cannot be.
   * @throws TaskseqError('content-unavailable') naming the package, the file and why
   */
  stage(packageIds: readonly string[], progress?: (e: ContentProgress) => void, options?: { retry?: { count: number; delayMs: number }; signal?: AbortSignal }): Promise<StageSummary>;
  /** The Content port over the staged folders. */
  readonly port: ContentPort;
  /** Every package some source can provide (media folders and manifests), for the preflight's check. */
  readonly catalog: ContentPort;
  /** Progress of staging at step time goes here (the runner logs it). */
  onProgress: (e: ContentProgress) => void;
  /**
   * End of a run: without `preserve` (`SMSTSPreserveContent`), removes from the cache what this run put there; then
   * trims the cache to its limit. Returns the removed ids.
   */
  finish(options: { preserve: boolean }): string[];
}

/** Manifests by upper-case id (the first per id wins) and media package folders by upper-case id. */
function indexInputs(o: Pick<ContentResolverOptions, 'mediaDirs' | 'manifests'>) {
  const manifests = new Map<string, PackageManifest>();
  for (const m of o.manifests ?? []) if (!manifests.has(packageKey(m.id))) manifests.set(packageKey(m.id), m);
  const media = new Map<string, string>();
  for (const dir of o.mediaDirs ?? []) for (const [id, folder] of scanPackageFolders(dir)) if (!media.has(id)) media.set(id, folder);
  return { manifests, media };
}

/**
 * What could be staged, without touching anything (the cache folder is not created): for the preflight's check that
 * every package the sequence needs is in a media folder or a manifest.
 */
export function createContentCatalog(o: Pick<ContentResolverOptions, 'mediaDirs' | 'manifests' | 'cacheDir'>): ContentPort {
  const { manifests, media } = indexInputs(o);
  return createMappedContent(new Map([...[...manifests.keys()].map((id) => [id, join(o.cacheDir, id)] as const), ...media]));
}

export function createContentResolver(o: ContentResolverOptions): ContentResolver {
  const { manifests, media } = indexInputs(o);
  const cache = createPackageCache(o.cacheDir, o.now);
  const client = o.client ?? createHttpClient({ ca: o.ca });
  const staged = new Map<string, string>();
  const inCache = new Set<string>();
  const failedSources = new Set<string>();

  const stageOne = async (id: string, progress: (e: ContentProgress) => void, retry = o.retry ?? DEFAULT_RETRY, signal?: AbortSignal): Promise<StagedFolder> => {
    const key = packageKey(id);
    const r = await stagePackage({
      client, cache, sources: o.sources ?? [], retry, stallMs: o.stallMs ?? DEFAULT_STALL_MS, signal, progress, failedSources,
    }, manifests.get(key)?.id ?? id.trim(), manifests.get(key), media.get(key));
    staged.set(key, r.folder);
    if (r.folder === cache.folderOf(key)) inCache.add(key);
    return r;
  };

  const resolver: ContentResolver = {
    onProgress: () => {},
    async stage(ids, progress = () => {}, options = {}) {
      const packages: StageSummary['packages'] = [];
      for (const id of ids) {
        const r = await stageOne(id, progress, options.retry, options.signal);
        packages.push({ id: manifests.get(packageKey(id))?.id ?? id.trim(), from: r.from, bytes: r.bytes, downloaded: r.downloaded });
      }
      const evicted = cache.evict(new Set(staged.keys()), o.maxCacheBytes ?? DEFAULT_CACHE_LIMIT_BYTES);
      return { packages, evicted };
    },
    port: createMappedContent(staged, (request) => stageToDestination(request)),
    catalog: createContentCatalog(o),
    finish({ preserve }) {
      const removed: string[] = [];
      if (!preserve) for (const id of inCache) { cache.remove(id); removed.push(id); }
      inCache.clear();
      return [...removed, ...cache.evict(new Set(), o.maxCacheBytes ?? DEFAULT_CACHE_LIMIT_BYTES)];
    },
  };

  async function stageToDestination(req: ContentStageRequest): Promise<StagedPackage> {
    const key = packageKey(req.packageId);
    let folder = staged.get(key);
    let fetchedNow = false;
    let from = folder && !inCache.has(key) ? 'media' : 'cache';
    if (!folder) {
      const r = await stageOne(req.packageId, resolver.onProgress, req.retry, req.signal);
      folder = r.folder;
      from = r.from;
      fetchedNow = inCache.has(key);
    }
    if (!o.destination) throw new TaskseqError('unsupported', `package ${req.packageId} cannot be copied to ${req.destination}: this machine has no destination writer`);
    const manifest = manifests.get(key);
    const files = manifest ? manifest.files.map((f) => f.path) : listFiles(folder);
    const path = o.destination.place(folder, files, req.destination, manifest?.id ?? req.packageId.trim());
    if (fetchedNow && !req.persistInCache) {
      cache.remove(key);
      staged.delete(key);
      inCache.delete(key);
    }
    return { path, bytes: manifest ? manifestBytes(manifest) : 0, from };
  }
  return resolver;
}

/** Files below a folder, `/`-separated and relative to it. */
function listFiles(folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(folder, full).split(/[\\/]/).join('/'));
    }
  };
  walk(folder);
  return out;
}
