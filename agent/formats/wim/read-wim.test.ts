import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidInputError } from '../../../engine/problems.ts';
import { createFileReader, type OpenByteSource } from './file-reader.ts';
import { readWim, readWimWith } from './read-wim.ts';
import {
  captureWim, createTempDir, guidAsFileHex, readWimlibInfo, wimlib, writeFakeWindowsTree, type TempDir,
} from './test-support/wim-fixtures.ts';

let temp: TempDir;
let tree: string;
let twoImages: string;

before(() => {
  temp = createTempDir();
  tree = writeFakeWindowsTree(join(temp.path, 'tree'), { bigFiles: 2 });
  twoImages = captureWim(tree, join(temp.path, 'two.wim'), 'Windows Pro', ['--check'], 'First image');
  wimlib('append', tree, twoImages, 'Windows Enterprise', '--boot');
});
after(() => temp.dispose());

function rejects(action: () => unknown, message: RegExp): void {
  assert.throws(action, (error: unknown) => {
    assert.ok(error instanceof InvalidInputError, String(error));
    assert.match(error.message, message);
    return true;
  });
}

describe('readWim on files written by wimlib-imagex', () => {
  test('facts agree with wimlib-imagex info', () => {
    const facts = readWim(twoImages);
    const info = readWimlibInfo(twoImages);
    assert.equal(guidAsFileHex(facts.guid), info.fields.GUID);
    assert.equal(facts.compression, info.fields.Compression.toLowerCase());
    assert.equal(`${facts.partNumber}/${facts.totalParts}`, info.fields['Part Number']);
    assert.equal(String(facts.bootIndex), info.fields['Boot Index']);
    assert.deepEqual(facts.parts, [twoImages]);
    assert.equal(facts.hasIntegrityTable, true);
    assert.equal(facts.images.length, info.images.length);
    for (const [i, image] of facts.images.entries()) {
      const expected = info.images[i];
      assert.equal(String(image.index), expected.Index);
      assert.equal(image.name, expected.Name);
      assert.equal(image.description ?? '', expected.Description);
      assert.equal(String(image.directoryCount), expected['Directory Count']);
      assert.equal(String(image.fileCount), expected['File Count']);
      assert.equal(String(image.totalBytes), expected['Total Bytes']);
    }
  });

  test('reports the boot index, two images and no WINDOWS facts for a tree without a real registry hive', () => {
    const facts = readWim(twoImages);
    assert.equal(facts.bootIndex, 2);
    assert.deepEqual(facts.images.map((i) => [i.index, i.name, i.architecture]), [[1, 'Windows Pro', ''], [2, 'Windows Enterprise', '']]);
  });

  for (const [option, expected] of [
    ['--compress=none', 'none'], ['--compress=XPRESS', 'xpress'], ['--compress=LZX', 'lzx'],
    ['--compress=LZMS', 'lzms'], ['--solid', 'lzms'],
  ] as const) {
    test(`${option} reads as ${expected}, without an integrity table`, () => {
      const wim = captureWim(tree, join(temp.path, `c${option.replace(/\W/g, '')}.wim`), 'C', [option]);
      const facts = readWim(wim);
      assert.equal(facts.compression, expected);
      assert.equal(facts.hasIntegrityTable, false);
      assert.equal(facts.images[0].fileCount, Number(readWimlibInfo(wim).images[0]['File Count']));
    });
  }

  test('a pipable WIM is read from the header at its end', () => {
    const wim = captureWim(tree, join(temp.path, 'pipe.wim'), 'Piped', ['--pipable']);
    assert.equal(readWim(wim).images[0].name, 'Piped');
  });
});

describe('readWim on split images', () => {
  let folder: string;
  let first: string;
  before(() => {
    folder = join(temp.path, 'split');
    mkdirSync(folder);
    const bigTree = writeFakeWindowsTree(join(temp.path, 'bigtree'), { bigFiles: 6, bigFileBytes: 400_000 });
    const whole = captureWim(bigTree, join(temp.path, 'whole.wim'), 'Split me', ['--compress=none']);
    first = join(folder, 'install.swm');
    wimlib('split', whole, first, '1');
  });

  test('the first part lists every part and the images', () => {
    const facts = readWim(first);
    assert.ok(facts.totalParts >= 3, `expected at least 3 parts, got ${facts.totalParts}`);
    assert.equal(facts.partNumber, 1);
    assert.deepEqual(facts.parts, [first, ...Array.from({ length: facts.totalParts - 1 }, (_, i) => join(folder, `install${i + 2}.swm`))]);
    assert.deepEqual(facts.images.map((i) => i.name), ['Split me']);
  });

  test('a missing part is named', () => {
    const copy = join(temp.path, 'missing');
    mkdirSync(copy);
    copyFileSync(first, join(copy, 'install.swm'));
    copyFileSync(join(folder, 'install2.swm'), join(copy, 'install2.swm'));
    const total = readWim(first).totalParts;
    rejects(() => readWim(join(copy, 'install.swm')), new RegExp(`split image install\\.swm is part 1 of ${total}; install3\\.swm is missing`));
  });

  test('a part of another split image is refused by its GUID', () => {
    const other = join(temp.path, 'other');
    mkdirSync(other);
    const bigTree = writeFakeWindowsTree(join(temp.path, 'othertree'), { bigFiles: 6, bigFileBytes: 400_000 });
    const whole = captureWim(bigTree, join(temp.path, 'otherwhole.wim'), 'Other', ['--compress=none']);
    wimlib('split', whole, join(other, 'install.swm'), '1');
    copyFileSync(join(other, 'install2.swm'), join(folder, 'mixed2.swm'));
    for (let part = 3; part <= readWim(first).totalParts; part++) {
      copyFileSync(join(folder, `install${part}.swm`), join(folder, `mixed${part}.swm`));
    }
    copyFileSync(first, join(folder, 'mixed.swm'));
    rejects(() => readWim(join(folder, 'mixed.swm')), /split image mixed\.swm is part 1 of \d+; mixed2\.swm belongs to another split image \(GUID/);
  });

  test('a later part is refused: the first part must be given', () => {
    rejects(() => readWim(join(folder, 'install2.swm')), /install2\.swm is part 2 of \d+ of a split image; give its first part/);
  });
});

describe('readWim on damaged and foreign files', () => {
  test('a text file is not a Windows image', () => {
    const text = join(temp.path, 'notes.txt');
    writeFileSync(text, 'hello, this is text');
    rejects(() => readWim(text), /^not a Windows image: .*notes\.txt starts with "hello, t"/);
  });

  test('an empty file is not a Windows image', () => {
    const empty = join(temp.path, 'empty.wim');
    writeFileSync(empty, '');
    rejects(() => readWim(empty), /empty\.wim starts with nothing/);
  });

  test('a missing file is named', () => {
    rejects(() => readWim(join(temp.path, 'absent.wim')), /cannot open Windows image .*absent\.wim: the file does not exist/);
  });

  test('a file cut inside its header is truncated', () => {
    const cut = join(temp.path, 'cut-header.wim');
    copyFileSync(twoImages, cut);
    truncateSync(cut, 120);
    rejects(() => readWim(cut), /cut-header\.wim: truncated Windows image: the header needs 208 bytes/);
  });

  test('a file cut before its XML data is truncated', () => {
    const cut = join(temp.path, 'cut.wim');
    copyFileSync(twoImages, cut);
    truncateSync(cut, 50_000);
    rejects(() => readWim(cut), /cut\.wim: truncated Windows image: its .* ends at byte \d+ but the file has 50000 bytes/);
  });

  test('XML data that does not parse is named', () => {
    const damaged = join(temp.path, 'bad-xml.wim');
    const bytes = readFileSync(twoImages);
    const xmlOffset = Number(bytes.readBigUInt64LE(80));
    const at = bytes.indexOf(Buffer.from('</NAME>', 'utf16le'), xmlOffset);
    Buffer.from('<<', 'utf16le').copy(bytes, at);
    writeFileSync(damaged, bytes);
    rejects(() => readWim(damaged), /bad-xml\.wim: the image's XML data does not parse/);
  });
});

describe('readWim reads only the metadata', () => {
  test('a 1 GiB image costs only its header and XML', () => {
    const source = readFileSync(captureWim(tree, join(temp.path, 'small.wim'), 'Big one', ['--compress=none']));
    const big = buildSparseWim(source, join(temp.path, 'big.wim'), 2 ** 30);
    let bytesRead = 0;
    const counting: OpenByteSource = (path) => {
      const inner = createFileReader(path);
      return { ...inner, read: (offset, length) => { const b = inner.read(offset, length); bytesRead += b.length; return b; } };
    };
    const facts = readWimWith(big, counting);
    assert.equal(facts.images[0].name, 'Big one');
    assert.ok(bytesRead < 64 * 1024, `read ${bytesRead} bytes`);
  });
});

/** A sparse file of `size` bytes: the small WIM's header, then a hole, then its XML data moved to the end. */
function buildSparseWim(small: Buffer, path: string, size: number): string {
  const xmlOffset = Number(small.readBigUInt64LE(80));
  const xmlSize = Number(small.readBigUInt64LE(88));
  const header = Buffer.from(small.subarray(0, 208));
  const newOffset = size - xmlSize;
  header.writeBigUInt64LE(BigInt(newOffset), 80);
  header.fill(0, 48, 72); // no lookup table: the data is a hole anyway
  header.fill(0, 124, 148);
  writeFileSync(path, header);
  truncateSync(path, newOffset);
  writeFileSync(path, small.subarray(xmlOffset, xmlOffset + xmlSize), { flag: 'a' });
  return path;
}

test('an image count that disagrees with the XML data is refused', () => {
  const bytes = readFileSync(twoImages);
  bytes.writeUInt32LE(3, 44);
  const path = join(temp.path, 'count.wim');
  writeFileSync(path, bytes);
  rejects(() => readWim(path), /count\.wim: the header counts 3 images but the XML data lists 2/);
});
