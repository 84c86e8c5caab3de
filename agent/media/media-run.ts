/**
 * Everything a run from media adds to a deployment (`taskseq run --media`): the sequence and variables from the
 * policy, the media built-ins, the checks before the state folder exists (validity window, parts), the content
 * and the prestart command.
 */
import { join } from 'node:path';
import { InvalidInputError, type CommandsPort, type ContentPort, type LogPort } from '../../engine/index.ts';
import { checkName, isReadOnlyName } from '../../variables/index.ts';
import type { LaunchMode } from '../backends/simulated/index.ts';
import { createMediaContent, type MediaContent } from './media-content.ts';
import type { MediaFolderType, MediaVariable, PackageManifest } from './media-format.ts';
import { locateParts, missingPartsError, type PartPrompt } from './media-parts.ts';
import { checkValidity, type ClockReading } from './media-validity.ts';
import type { OpenedMedia } from './open-media.ts';
import { runPrestart, type PrestartOutcome } from './prestart.ts';
import { checkContentInPlace, stageParts, stagedAlready, type StagedChecks } from './stage-parts.ts';

export interface MediaRun {
  readonly sequence: { file: string; bytes: Uint8Array };
  readonly mediaType: MediaFolderType;
  /** Media variables (secret ones flagged); set before the first step, below `--var` and the prestart command. */
  readonly variables: readonly MediaVariable[];
  /** The content the preflight checks the sequence against, and its description. */
  readonly preflightContent: ContentPort;
  readonly contentSource: string;
  /**
   * Boot and prestaged media that name deployment sources: the media's content folder, its manifests, the sources and
   * the CA bundle file on the media. The runner stages the packages from the folder first, then from the sources.
   */
  readonly network?: { folder: string; manifests: PackageManifest[]; sources: string[]; caFile?: string };
  /** `_SMSTSLaunchMode` for a machine whose own launch mode is `current`. */
  launchMode(current: LaunchMode): LaunchMode;
  /**
   * Before the run changes anything: the validity window against the machine's clock, the content on the media (every
   * file hashed against the policy's manifest), and the parts of a set (a missing part is an error here unless it can
   * be asked for on a terminal).
   * @throws InvalidInputError naming the files or parts
   */
  checkBeforeStart(clock: ClockReading): Promise<void>;
  /** Once the state folder exists: the content for the steps (a multi-part set is copied and verified first). */
  prepareContent(log: LogPort): Promise<ContentPort>;
  /** Runs the media's prestart command (new deployments only). */
  prestart(commands: CommandsPort, log: LogPort): Promise<PrestartOutcome>;
}

export interface MediaRunOptions {
  /** Where a multi-part set's content is copied together (the state folder says where: `mediaContentDir`). */
  contentDir: string;
  /** Folders holding the other parts of a multi-part set. */
  mediaPaths: readonly string[];
  /** Asks for a part on a terminal; absent when there is none. */
  askForPart?: PartPrompt;
  /** The run starts over (`--reset`): content copied by an earlier start does not count. */
  reset?: boolean;
}

/** Launch modes a removable media start reports; anything else becomes `UFD`. Prestaged media start from the disk. */
const REMOVABLE = new Set<LaunchMode>(['UFD', 'UFD+FORMAT', 'CD', 'DVD']);

/** Media variable names follow the sequence's rules; a changed unprotected policy must not write built-ins. */
function checkedVariables(media: OpenedMedia): MediaVariable[] {
  for (const v of media.policy.variables) {
    const bad = checkName(v.name) ?? (isReadOnlyName(v.name) ? 'names starting with "_" are read-only' : undefined);
    if (bad) throw new InvalidInputError(`${media.dir}: media variable ${v.name}: ${bad}`, [{ severity: 'error', code: 'invalid-media', file: media.dir, field: v.name, message: bad }]);
  }
  return media.policy.variables.map((v) => ({ ...v }));
}

/** A media run over an opened media. @throws InvalidInputError for a bad media variable or --media-path */
export function createMediaRun(media: OpenedMedia, options: MediaRunOptions): MediaRun {
  const variables = checkedVariables(media);
  const found = locateParts(media, options.mediaPaths);
  const content: MediaContent = createMediaContent(media, options.contentDir);
  const multiPart = media.header.part.count > 1;
  // Staged files hashed by the check before the start are not hashed again when the parts are copied.
  const checked: StagedChecks = new Map();
  return {
    sequence: media.sequence, mediaType: media.header.mediaType, variables,
    preflightContent: content.preflight, contentSource: content.source,
    ...(media.policy.sources?.length ? { network: {
      folder: content.folder, manifests: media.policy.packages, sources: [...media.policy.sources],
      ...(media.policy.caBundle ? { caFile: join(media.dir, media.policy.caBundle) } : {}),
    } } : {}),
    launchMode: (current) => (media.header.mediaType === 'OEMMedia' ? 'HD' : REMOVABLE.has(current) ? current : 'UFD'),
    async checkBeforeStart(clock) {
      checkValidity(media.policy, clock, media.dir);
      // Media with deployment sources stage through the resolver, which hashes every file it takes from the media.
      if (!multiPart) return checkContentInPlace(media, !media.policy.sources?.length);
      const missing = missingPartsError(media, found, options.reset ? undefined : await stagedAlready(content.folder, media.policy, checked));
      if (missing && !options.askForPart) throw missing;
    },
    async prepareContent(log) {
      if (multiPart) {
        const say = (message: string): void => log.write({ severity: 'info', component: 'TSMBootstrap', message });
        await stageParts(media, found, content.folder, options.askForPart, say, checked);
      }
      return content.run();
    },
    prestart: (commands, log) => runPrestart(media, commands, log),
  };
}
