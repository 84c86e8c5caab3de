/**
 * The WIM's XML data: one IMAGE element per image with its name, counts, sizes and, for Windows images, a WINDOWS
 * element (ARCH, EDITIONID, LANGUAGES, VERSION).
 */
import type { ImageFacts } from '../../../engine/ports/imaging.ts';
import { InvalidInputError } from '../../../engine/problems.ts';
import { parseXmlElement, type XmlElement } from '../../../engine/definition/xml-tree.ts';

const ARCHITECTURES: Record<string, string> = { '0': 'x86', '9': 'x64', '12': 'arm64' };

/**
 * Decodes the XML resource's bytes: UTF-16LE (with or without its byte order mark), or UTF-8 when it has the UTF-8
 * byte order mark or starts with a plain `<`.
 */
export function decodeWimXml(bytes: Uint8Array): string {
  const utf8 = (bytes[0] === 0xef && bytes[1] === 0xbb) || (bytes[0] === 0x3c && bytes[1] !== 0x00);
  return new TextDecoder(utf8 ? 'utf-8' : 'utf-16le').decode(bytes);
}

/**
 * The images described by a WIM's XML data, sorted by index. Elements that are missing count as 0 (counts, sizes)
 * or are left out (optional facts); `architecture` is `''` when the image has no ARCH.
 * @throws InvalidInputError naming `file` when the XML does not parse, the root is not WIM or a number is malformed.
 */
export function parseWimXml(text: string, file: string): ImageFacts[] {
  let root: XmlElement;
  try {
    root = parseXmlElement(text.replace(/^\uFEFF/, ''), file);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidInputError(`${file}: the image's XML data does not parse: ${reason}`, [], error);
  }
  if (root.name !== 'WIM') {
    throw new InvalidInputError(`${file}: the image's XML data starts with <${root.name}>, expected <WIM>`);
  }
  const images = root.children
    .filter((c) => c.name === 'IMAGE')
    .map((image, position) => parseImage(image, position + 1, file));
  return images.sort((a, b) => a.index - b.index);
}

function parseImage(image: XmlElement, position: number, file: string): ImageFacts {
  const where = `${file}: XML image ${position}`;
  const index = image.attributes.INDEX !== undefined ? parseCount(image.attributes.INDEX, `${where}: INDEX`) : position;
  const windows = child(image, 'WINDOWS');
  const facts: ImageFacts = {
    index,
    name: textOf(child(image, 'NAME')) ?? '',
    architecture: parseArchitecture(textOf(child(windows, 'ARCH'))),
    languages: parseLanguages(child(windows, 'LANGUAGES')),
    directoryCount: parseCount(textOf(child(image, 'DIRCOUNT')), `${where}: DIRCOUNT`),
    fileCount: parseCount(textOf(child(image, 'FILECOUNT')), `${where}: FILECOUNT`),
    totalBytes: parseCount(textOf(child(image, 'TOTALBYTES')), `${where}: TOTALBYTES`),
  };
  const description = textOf(child(image, 'DESCRIPTION'));
  if (description) facts.description = description;
  const editionId = textOf(child(windows, 'EDITIONID'));
  if (editionId) facts.editionId = editionId;
  const version = parseVersion(child(windows, 'VERSION'));
  if (version) facts.version = version;
  return facts;
}

function parseArchitecture(raw: string | undefined): string {
  if (raw === undefined) return '';
  return ARCHITECTURES[raw] ?? raw;
}

/** Document order, but the DEFAULT language first when it is listed. */
function parseLanguages(languages: XmlElement | undefined): string[] {
  const listed = (languages?.children ?? [])
    .filter((c) => c.name === 'LANGUAGE')
    .map(textOf)
    .filter((l): l is string => Boolean(l));
  const preferred = textOf(child(languages, 'DEFAULT'));
  if (!preferred || !listed.includes(preferred)) return listed;
  return [preferred, ...listed.filter((l) => l !== preferred)];
}

/** MAJOR.MINOR.BUILD, plus .SPBUILD when present; undefined unless MAJOR, MINOR and BUILD are all there. */
function parseVersion(version: XmlElement | undefined): string | undefined {
  const parts = ['MAJOR', 'MINOR', 'BUILD', 'SPBUILD'].map((name) => textOf(child(version, name)));
  if (parts.slice(0, 3).some((p) => p === undefined)) return undefined;
  return parts.filter((p) => p !== undefined).join('.');
}

function parseCount(raw: string | undefined, where: string): number {
  if (raw === undefined) return 0;
  if (!/^\d+$/.test(raw)) throw new InvalidInputError(`${where}: expected a whole number, found ${JSON.stringify(raw)}`);
  return Number(raw);
}

function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((c) => c.name === name);
}

function textOf(element: XmlElement | undefined): string | undefined {
  const text = element?.text.trim();
  return text === undefined || text === '' ? undefined : text;
}
