import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidInputError } from '../../../engine/problems.ts';
import { decodeWimXml, parseWimXml } from './wim-xml.ts';

/** The documented shape of a Windows install image's XML (two images, written by hand). */
const WINDOWS_XML = `<WIM><TOTALBYTES>5000000000</TOTALBYTES>
<IMAGE INDEX="2"><DIRCOUNT>20000</DIRCOUNT><FILECOUNT>90000</FILECOUNT><TOTALBYTES>16000000000</TOTALBYTES>
  <WINDOWS><ARCH>9</ARCH><PRODUCTNAME>Microsoft Windows Operating System</PRODUCTNAME><EDITIONID>Enterprise</EDITIONID>
    <LANGUAGES><LANGUAGE>de-DE</LANGUAGE><LANGUAGE>en-US</LANGUAGE><DEFAULT>en-US</DEFAULT></LANGUAGES>
    <VERSION><MAJOR>10</MAJOR><MINOR>0</MINOR><BUILD>22631</BUILD><SPBUILD>2861</SPBUILD><SPLEVEL>0</SPLEVEL></VERSION>
    <SYSTEMROOT>WINDOWS</SYSTEMROOT></WINDOWS>
  <NAME>Windows 11 Enterprise</NAME><DESCRIPTION>Windows 11 Enterprise</DESCRIPTION></IMAGE>
<IMAGE INDEX="1"><DIRCOUNT>19000</DIRCOUNT><FILECOUNT>88000</FILECOUNT><TOTALBYTES>15000000000</TOTALBYTES>
  <WINDOWS><ARCH>12</ARCH><EDITIONID>Professional</EDITIONID>
    <LANGUAGES><LANGUAGE>en-US</LANGUAGE></LANGUAGES><VERSION><MAJOR>10</MAJOR><MINOR>0</MINOR><BUILD>19045</BUILD></VERSION>
  </WINDOWS><NAME>Windows 10 Pro</NAME></IMAGE>
</WIM>`;

test('reads the facts of Windows images, sorted by index', () => {
  const [first, second] = parseWimXml(WINDOWS_XML, 'install.wim');
  assert.deepEqual(second, {
    index: 2, name: 'Windows 11 Enterprise', description: 'Windows 11 Enterprise', editionId: 'Enterprise',
    architecture: 'x64', version: '10.0.22631.2861', languages: ['en-US', 'de-DE'],
    directoryCount: 20000, fileCount: 90000, totalBytes: 16000000000,
  });
  assert.equal(first.index, 1);
  assert.equal(first.architecture, 'arm64');
  assert.equal(first.version, '10.0.19045');
  assert.equal(first.description, undefined);
});

test('maps ARCH 0 to x86, keeps unknown values raw and leaves a missing ARCH empty', () => {
  const xml = (arch: string) => `<WIM><IMAGE INDEX="1"><NAME>n</NAME>${arch}</IMAGE></WIM>`;
  assert.equal(parseWimXml(xml('<WINDOWS><ARCH>0</ARCH></WINDOWS>'), 'f')[0].architecture, 'x86');
  assert.equal(parseWimXml(xml('<WINDOWS><ARCH>5</ARCH></WINDOWS>'), 'f')[0].architecture, '5');
  assert.equal(parseWimXml(xml(''), 'f')[0].architecture, '');
});

test('a data image without WINDOWS has no edition, version or languages and zero counts when absent', () => {
  const [image] = parseWimXml('<WIM><IMAGE INDEX="1"><NAME>Data</NAME></IMAGE></WIM>', 'data.wim');
  assert.deepEqual(image, { index: 1, name: 'Data', architecture: '', languages: [], directoryCount: 0, fileCount: 0, totalBytes: 0 });
});

test('a VERSION without BUILD gives no version', () => {
  const xml = '<WIM><IMAGE INDEX="1"><WINDOWS><VERSION><MAJOR>10</MAJOR><MINOR>0</MINOR></VERSION></WINDOWS></IMAGE></WIM>';
  assert.equal(parseWimXml(xml, 'f')[0].version, undefined);
});

test('XML that does not parse names the file', () => {
  assert.throws(() => parseWimXml('<WIM><IMAGE INDEX="1"></WIM>', 'broken.wim'), (error: unknown) => {
    assert.ok(error instanceof InvalidInputError);
    assert.match(error.message, /^broken\.wim: the image's XML data does not parse/);
    return true;
  });
});

test('a root other than WIM is refused', () => {
  assert.throws(() => parseWimXml('<IMAGES/>', 'x.wim'), /x\.wim: .*starts with <IMAGES>, expected <WIM>/);
});

test('a malformed count names the image and the element', () => {
  const xml = '<WIM><IMAGE INDEX="1"><FILECOUNT>many</FILECOUNT></IMAGE></WIM>';
  assert.throws(() => parseWimXml(xml, 'x.wim'), /x\.wim: XML image 1: FILECOUNT: expected a whole number, found "many"/);
});

test('decodes UTF-16LE with its byte order mark, and UTF-8', () => {
  const text = '<WIM><IMAGE INDEX="1"><NAME>Ünïcode</NAME></IMAGE></WIM>';
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  assert.equal(parseWimXml(decodeWimXml(utf16), 'f')[0].name, 'Ünïcode');
  assert.equal(parseWimXml(decodeWimXml(Buffer.from(text, 'utf8')), 'f')[0].name, 'Ünïcode');
});
