/**
 * Where a media run takes its content from: the one seam to change when the network content resolver arrives
 * (boot and prestaged media then add the policy's deployment sources behind the same ports).
 */
import { join } from 'node:path';
import type { ContentPort } from '../../engine/index.ts';
import { createFolderContent } from '../content/folder-content.ts';
import { CONTENT_FOLDER } from './media-format.ts';
import type { OpenedMedia } from './open-media.ts';
import { findManifest } from './read-media-documents.ts';

export interface MediaContent {
  /** For the preflight: knows every package the media set holds, before multi-part content is copied. */
  preflight: ContentPort;
  /** For the steps, once {@link MediaContent.folder} holds the content. */
  run: () => ContentPort;
  /** The folder with one subfolder per package id. */
  folder: string;
  /** For messages, e.g. `media /mnt/usb`. */
  source: string;
}

/**
 * Single-part media are used in place (`<media>/content`); a multi-part set is copied to `stagingDir` first.
 * Boot and prestaged media hold only what was copied at build time; the rest comes from their deployment sources.
 */
export function createMediaContent(media: OpenedMedia, stagingDir: string): MediaContent {
  const multiPart = media.header.part.count > 1;
  const folder = multiPart ? stagingDir : join(media.dir, CONTENT_FOLDER);
  const sources = media.policy.sources?.length ? `; other content from ${media.policy.sources.join(', ')}, for the packages the media's policy lists` : '';
  const source = `media ${media.dir}${sources}`;
  if (!multiPart) return { preflight: createFolderContent(folder), run: () => createFolderContent(folder), folder, source };
  let copied: ContentPort | undefined;
  const later = (): ContentPort => (copied ??= createFolderContent(folder));
  const preflight: ContentPort = {
    resolve: (id) => {
      const m = findManifest(media.policy.packages, id);
      return m ? join(folder, m.id) : undefined;
    },
    available: () => media.policy.packages.map((m) => m.id).sort(),
    files: (id) => later().files(id),
    readText: (id, path) => later().readText(id, path),
    stage: (request) => later().stage(request),
  };
  return { preflight, run: later, folder, source };
}
