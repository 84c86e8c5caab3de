/**
 * Where a run's packages come from, decided once. Stand-alone media hold every package: the media checks and hands
 * over its own content and nothing is staged. Every other run stages what the sequence needs through the content
 * resolver before the first step: from the media's or the run's content folder, the cache, then the deployment
 * sources (a boot or prestaged media that names sources brings its own client and manifests).
 */
import { readFileSync } from 'node:fs';
import type { ContentPort } from '../../engine/index.ts';
import { createContentCatalog, createContentResolver } from '../content/content-resolver.ts';
import { createHttpClient } from '../content/http-client.ts';
import type { PackageDestination } from '../content/package-destination.ts';
import type { RunLog } from '../log/index.ts';
import type { MediaRun } from '../media/media-run.ts';
import type { ContentFolder } from './content-folder.ts';
import { fetchSourceManifests, type DeploymentInput } from './deployment-input.ts';
import type { RunVariable } from './deployment-options.ts';
import { progressLogger, stageBeforeRun, type StageRequest } from './stage-before-run.ts';

/** The content of a run, before the machine exists. */
export interface ContentPlan {
  /** What the preflight checks the sequence's packages against. */
  readonly catalog: ContentPort;
  /** How the preflight's messages name the content; undefined when there is none. */
  readonly source: string | undefined;
  /** The content folder of a run from a sequence file (`--content DIR`, or the one next to the sequence). */
  readonly folder: ContentFolder | undefined;
  /** Once the machine and the log exist: the content the steps use; `destination` receives downloaded packages. */
  open(destination: PackageDestination, log: RunLog, console?: (line: string) => void): Promise<RunContent>;
}

/** The content of a running deployment. */
export interface RunContent {
  /** The Content port of the steps: only ever verified local folders. */
  readonly port: ContentPort;
  /**
   * Stages every package the run needs, before the first step (stand-alone media: nothing to do).
   * @throws TaskseqError('content-unavailable') naming the package, file and reason
   */
  stage(request: StageRequest): Promise<void>;
  /** The end of the run: the packages cached for it go unless `SMSTSPreserveContent` keeps them. */
  finish(preserve: boolean): void;
}

export interface ContentPlanRequest {
  input: DeploymentInput;
  media?: MediaRun;
  folder?: ContentFolder;
  /** `--var` and `--secret-var` (the download retry settings of a boot media's source document). */
  variables: readonly RunVariable[];
  cacheDir: string;
}

/** Where the resolver looks for packages, in order, and what it knows of them. */
interface ContentSources {
  mediaDirs: string[];
  sources: string[];
  client: DeploymentInput['client'];
  manifests: DeploymentInput['manifests'];
}

/**
 * Decides where the run's packages come from.
 * @throws InvalidInputError for an invalid source document; TaskseqError('content-unavailable') when a boot media's
 *   deployment sources do not answer
 */
export async function planContent(request: ContentPlanRequest): Promise<ContentPlan> {
  const { input, media, folder, cacheDir } = request;
  const from = await contentSources(request);
  const standAlone = media !== undefined && media.network === undefined;
  return {
    catalog: standAlone ? media.preflightContent : createContentCatalog({ ...from, cacheDir }),
    source: media?.contentSource ?? describeContent(folder, input),
    folder,
    async open(destination, log, console) {
      const resolver = createContentResolver({ ...from, cacheDir, destination });
      resolver.onProgress = progressLogger(log);
      if (folder?.implied) announceContentFolder(log, console, folder);
      const finish = (preserve: boolean): void => void resolver.finish({ preserve });
      if (standAlone) return { port: await media.prepareContent(log), stage: async () => {}, finish };
      return { port: resolver.port, stage: (req) => stageBeforeRun(resolver, req, log, console), finish };
    },
  };
}

async function contentSources({ input, media, folder, variables }: ContentPlanRequest): Promise<ContentSources> {
  const net = media?.network;
  if (!net) return { mediaDirs: folder ? [folder.dir] : [], sources: input.sources, client: input.client, manifests: input.manifests };
  const client = net.caFile ? createHttpClient({ ca: readFileSync(net.caFile, 'utf8') }) : input.client;
  // Boot media list no packages: their manifests come from the deployment source's own document.
  const manifests = net.manifests.length > 0 ? net.manifests
    : await fetchSourceManifests(net.sources, client, [...media.variables, ...variables]);
  return { mediaDirs: [net.folder], sources: net.sources, client, manifests };
}

function describeContent(folder: ContentFolder | undefined, input: DeploymentInput): string | undefined {
  const parts = [folder?.label, input.sources.length ? `sources ${input.sources.join(', ')}` : undefined].filter(Boolean);
  return parts.length ? parts.join('; ') : undefined;
}

/** A folder nobody named on the command line decides what the run installs: say which one it is. */
function announceContentFolder(log: RunLog, console: ((line: string) => void) | undefined, folder: ContentFolder): void {
  const line = `Content: ${folder.label}; --content DIR names another`;
  log.write({ severity: 'info', component: 'ContentTransfer', message: line });
  console?.(line);
}
