/**
 * Which content folder a run from a sequence file reads its packages from: `--content DIR`, else the `content`
 * folder next to the sequence file. A media folder keeps its packages in `content/` beside its sequence, so a sequence
 * kept with its packages the same way (the demo in `examples/`) runs without naming the folder.
 */
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Name of the folder next to a sequence file that is its default content folder. */
export const SEQUENCE_CONTENT_FOLDER = 'content';

export interface ContentFolder {
  dir: string;
  /** How messages name it: `--content DIR`, or the folder and where it was found. */
  label: string;
  /** True when it was found next to the sequence rather than given. */
  implied: boolean;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The run's content folder, or undefined when there is none. Runs from media or deployment sources get none here:
 * their content comes from the media and the sources.
 */
export function contentFolderFor(options: { content?: string; file?: string; media?: unknown; sources?: readonly string[] }): ContentFolder | undefined {
  if (options.content !== undefined) return { dir: options.content, label: `--content ${options.content}`, implied: false };
  if (options.media || options.sources?.length || !options.file) return undefined;
  const dir = join(dirname(options.file), SEQUENCE_CONTENT_FOLDER);
  return isDirectory(dir) ? { dir, label: `${dir} (the content folder next to the sequence)`, implied: true } : undefined;
}
