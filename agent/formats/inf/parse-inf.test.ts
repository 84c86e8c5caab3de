import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeInf } from './inf-text.ts';
import { parseDecoration, parseInf } from './parse-inf.ts';

// The INFs are the driver catalog's fixtures: one set of files serves the reader and the catalog.
const FIXTURES = join(import.meta.dirname, '../../drivers/fixtures');
const parseFile = (rel: string) => parseInf(decodeInf(readFileSync(join(FIXTURES, rel))), rel);

test('a decorated INF: version facts, strings, quoted values, continuation lines and comments', () => {
  const { inf, problem } = parseFile('lan/netlan.inf');
  assert.equal(problem, undefined);
  assert.equal(inf!.class, 'Net');
  assert.equal(inf!.provider, 'Example Networks; Inc.');
  assert.equal(inf!.date, '2023-06-15');
  assert.equal(inf!.version, '12.19.1.37');
  assert.equal(inf!.catalogFile, 'netlan.cat');
  assert.equal(inf!.classGuid, '{4d36e972-e325-11ce-bfc1-08002be10318}');
  const decorations = [...new Set(inf!.models.map((m) => m.platform.decoration))];
  assert.deepEqual(decorations, ['NTamd64.10.0...16299', 'NTx86', 'NTarm64'], 'the continued [Manufacturer] line names all three');
  const first = inf!.models[0];
  assert.equal(first.description, 'Example Ethernet Connection, 1 GbE');
  assert.deepEqual(first.ids, ['PCI\\VEN_8086&DEV_1A1F&SUBSYS_22DF17AA', 'PCI\\VEN_8086&DEV_1A1F']);
  assert.equal(first.line, 16);
  assert.equal(inf!.models[1].description, 'Example Ethernet (generic)');
});

test('a UTF-16 LE INF with a byte order mark parses like any other', () => {
  const { inf } = parseFile('audio-utf16/hdaudio.inf');
  assert.equal(inf!.provider, 'Example Audio Ü');
  assert.equal(inf!.date, '2024-02-01');
  assert.deepEqual(inf!.models[0].ids[0], 'HDAUDIO\\FUNC_01&VEN_10EC&DEV_0257&SUBSYS_17AA22DF');
  assert.equal(inf!.models[0].platform.architecture, 'x64');
});

test('UTF-16 without a byte order mark and big-endian UTF-16 decode too', () => {
  const text = '[Version]\r\nSignature="$Windows NT$"\r\n';
  assert.equal(decodeInf(Buffer.from(text, 'utf16le')), text);
  const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
  assert.equal(decodeInf(be), text);
});

test('malformed INFs are reported with file and line, never thrown', () => {
  const cases: Array<[string, number, RegExp]> = [
    ['malformed/no-version.inf', 1, /no \[Version\] section/],
    ['malformed/bad-driverver.inf', 5, /DriverVer date '13\/45\/2020'/],
    ['malformed/unterminated-quote.inf', 7, /unterminated quoted string/],
    ['malformed/missing-models.inf', 5, /\[Models\.NTamd64\] named by \[Manufacturer\] does not exist/],
    ['malformed/open-header.inf', 4, /not closed/],
    ['malformed/model-without-id.inf', 7, /needs 'description = install-section, hardware-id/],
    ['malformed/wrong-signature.inf', 1, /Signature is '\$Linux\$'/],
  ];
  for (const [file, line, message] of cases) {
    const { inf, problem } = parseFile(file);
    assert.equal(inf, undefined, file);
    assert.equal(problem!.file, file);
    assert.equal(problem!.line, line, `${file}: ${problem!.message}`);
    assert.match(problem!.message, message);
  }
});

test('platform decorations: architecture, minimum version and build; retired architectures are dropped', () => {
  assert.deepEqual(parseDecoration('NTamd64.10.0...19041'), { architecture: 'x64', decoration: 'NTamd64.10.0...19041', minVersion: '10.0', minBuild: 19041 });
  assert.deepEqual(parseDecoration('NTx86.6.1'), { architecture: 'x86', decoration: 'NTx86.6.1', minVersion: '6.1' });
  assert.deepEqual(parseDecoration('NT'), { architecture: 'any', decoration: 'NT' });
  assert.deepEqual(parseDecoration(''), { architecture: 'x86', decoration: '' });
  assert.equal(parseDecoration('NTia64'), undefined);
});
