/**
 * Reads what a WIM file (or a split set, from its first part) holds, touching only the headers and the XML data.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { WimFacts } from '../../../engine/ports/imaging.ts';
import { InvalidInputError } from '../../../engine/problems.ts';
import { createFileReader, type ByteSource, type OpenByteSource } from './file-reader.ts';
import { isAbsent, parseWimHeader, WIM_HEADER_SIZE, type ResourceHeader, type WimHeader } from './wim-header.ts';
import { decodeWimXml, parseWimXml } from './wim-xml.ts';
import { planPartPaths } from './split-parts.ts';

/**
 * What a WIM holds: compression, GUID, split parts, integrity table, boot index and every image's facts. For a split
 * set, pass the first `.swm`; the other parts are found by name (`install2.swm`, ...) and checked to belong to it.
 * Reads only headers and XML, so it is fast on any size of file.
 * @throws InvalidInputError naming the file for a missing file, a non-WIM, a truncated file, XML that does not
 *   parse, a part other than the first, or a missing or foreign split part.
 */
export function readWim(path: string): WimFacts {
  return readWimWith(path, createFileReader);
}

/** {@link readWim} with the file opener supplied (tests count the bytes it reads). */
export function readWimWith(path: string, open: OpenByteSource): WimFacts {
  const source = open(path);
  let header: WimHeader;
  let xmlText: string;
  try {
    header = readWimHeader(source);
    xmlText = readXmlText(source, header);
  } finally {
    source.close();
  }
  const parts = checkParts(path, header, open);
  const images = parseWimXml(xmlText, path);
  if (images.length !== header.imageCount) {
    throw new InvalidInputError(`${path}: the header counts ${header.imageCount} images but the XML data lists ${images.length}`);
  }
  return {
    path,
    guid: header.guid,
    compression: header.compression,
    partNumber: header.partNumber,
    totalParts: Math.max(1, header.totalParts),
    parts: parts.map((p) => p.path),
    hasIntegrityTable: parts.every((p) => !isAbsent(p.header.integrityTable)),
    bootIndex: header.bootIndex,
    images,
  };
}

/**
 * Reads and checks the header: a pipable WIM's header at the start is a placeholder, the real one is the last 208
 * bytes. Every resource the header names must lie inside the file.
 * @throws InvalidInputError for a non-WIM or a truncated file.
 */
export function readWimHeader(source: ByteSource): WimHeader {
  let header = parseWimHeader(source.read(0, WIM_HEADER_SIZE), source.path);
  if (header.pipable && isAbsent(header.xmlData) && source.size >= 2 * WIM_HEADER_SIZE) {
    header = parseWimHeader(source.read(source.size - WIM_HEADER_SIZE, WIM_HEADER_SIZE), source.path);
  }
  const resources: Array<[string, ResourceHeader]> = [
    ['lookup table', header.lookupTable],
    ['XML data', header.xmlData],
    ['boot metadata', header.bootMetadata],
    ['integrity table', header.integrityTable],
  ];
  for (const [what, resource] of resources) {
    const end = resource.offset + resource.storedSize;
    if (!isAbsent(resource) && end > source.size) {
      throw new InvalidInputError(
        `${source.path}: truncated Windows image: its ${what} ends at byte ${end} but the file has ${source.size} bytes`,
      );
    }
  }
  return header;
}

function readXmlText(source: ByteSource, header: WimHeader): string {
  if (isAbsent(header.xmlData) || header.xmlData.storedSize === 0) {
    throw new InvalidInputError(`${source.path}: the Windows image has no XML data`);
  }
  return decodeWimXml(source.read(header.xmlData.offset, header.xmlData.storedSize));
}

interface PartHeader {
  path: string;
  header: WimHeader;
}

/** The parts of the set, each checked to be the right part of the same set. */
function checkParts(path: string, first: WimHeader, open: OpenByteSource): PartHeader[] {
  if (first.totalParts > 1 && first.partNumber !== 1) {
    throw new InvalidInputError(
      `${path} is part ${first.partNumber} of ${first.totalParts} of a split image; give its first part (the .swm without a number)`,
    );
  }
  const paths = planPartPaths(path, Math.max(1, first.totalParts));
  const headers: PartHeader[] = [{ path, header: first }];
  for (const [i, partPath] of paths.entries()) {
    if (i === 0) continue;
    const lead = `split image ${basename(path)} is part 1 of ${first.totalParts}`;
    if (!existsSync(partPath)) throw new InvalidInputError(`${lead}; ${basename(partPath)} is missing (${partPath})`);
    const source = open(partPath);
    let header: WimHeader;
    try {
      header = readWimHeader(source);
    } finally {
      source.close();
    }
    checkPart(lead, partPath, first, header, i + 1);
    headers.push({ path: partPath, header });
  }
  return headers;
}

function checkPart(lead: string, partPath: string, first: WimHeader, header: WimHeader, expected: number): void {
  const name = basename(partPath);
  if (header.guid !== first.guid) {
    throw new InvalidInputError(
      `${lead}; ${name} belongs to another split image (GUID ${header.guid}, expected ${first.guid})`,
    );
  }
  if (header.partNumber !== expected || header.totalParts !== first.totalParts) {
    throw new InvalidInputError(
      `${lead}; ${name} says it is part ${header.partNumber} of ${header.totalParts}, expected part ${expected} of ${first.totalParts}`,
    );
  }
}
