import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { TaskseqError } from '../../../engine/index.ts';
import type { CaptureImageRequest } from '../../../engine/index.ts';
import { quoteWindowsArgv, renderAddDriver, renderApplyImage, renderCaptureImage } from './dism-command.ts';

/** A golden: the argv one per line, a blank line, then the quoted command line. */
function golden(name: string): { argv: string[]; commandLine: string } {
  const text = readFileSync(new URL(`./fixtures/dism/${name}.argv.txt`, import.meta.url), 'utf8');
  const [argv, commandLine] = text.replace(/\n$/, '').split('\n\n');
  return { argv: argv.split('\n'), commandLine };
}

/** The MSVCRT rules for splitting a command line (arguments after the program), written from their description. */
function splitWindowsCommandLine(line: string): string[] {
  const args: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    if (i >= line.length) break;
    let arg = '';
    let quoted = false;
    for (; i < line.length && (quoted || (line[i] !== ' ' && line[i] !== '\t')); i++) {
      let slashes = 0;
      while (line[i] === '\\') { slashes++; i++; }
      if (line[i] === '"') {
        arg += '\\'.repeat(Math.floor(slashes / 2));
        if (slashes % 2 === 1) arg += '"';
        else quoted = !quoted;
      } else {
        arg += '\\'.repeat(slashes);
        if (i >= line.length || (!quoted && (line[i] === ' ' || line[i] === '\t'))) { i--; continue; }
        arg += line[i];
      }
    }
    args.push(arg);
  }
  return args;
}

const CAPTURE: CaptureImageRequest = { source: 'C:', path: 'E:\\Captures\\ref image.wim', mode: 'create', name: 'Windows 11 Enterprise', description: 'Reference build', compression: 'lzx', checkIntegrity: true, creator: 'Build account', version: '1.0' };

const CASES: Array<[string, () => string[]]> = [
  ['apply-wim', () => renderApplyImage({ path: 'D:\\Images\\install.wim', index: 3, target: 'C:', applyDir: 'C:\\', checkIntegrity: true })],
  ['apply-swm-spaces', () => renderApplyImage({ path: 'D:\\My Images\\install.swm', index: 1, target: 'C:', applyDir: 'C:\\', swmPattern: 'D:\\My Images\\install*.swm', verify: true })],
  ['capture-create-lzx', () => renderCaptureImage({ ...CAPTURE, captureDir: 'C:\\' })],
  ['capture-append', () => renderCaptureImage({ source: 'D:', path: 'E:\\Captures\\ref.wim', mode: 'append', name: 'Data', compression: 'xpress', captureDir: 'D:\\' })],
  ['add-driver', () => renderAddDriver({ imageDir: 'C:\\', driverPath: 'C:\\_SMSTaskSequence\\Packages\\P0100012', recurse: true, forceUnsigned: true })],
];

for (const [name, render] of CASES) {
  test(`dism golden: ${name}`, () => {
    const expected = golden(name);
    const argv = render();
    assert.deepEqual(argv, expected.argv);
    assert.equal(quoteWindowsArgv(argv), expected.commandLine);
    assert.deepEqual(splitWindowsCommandLine(expected.commandLine), argv, 'the command line splits back into the argv');
  });
}

test('capture compression maps lzx->max, xpress->fast, none->none; absent leaves DISM default', () => {
  const compress = (compression?: CaptureImageRequest['compression']) =>
    renderCaptureImage({ ...CAPTURE, compression, captureDir: 'C:\\' }).filter((a) => a.startsWith('/Compress'));
  assert.deepEqual(compress('lzx'), ['/Compress:max']);
  assert.deepEqual(compress('xpress'), ['/Compress:fast']);
  assert.deepEqual(compress('none'), ['/Compress:none']);
  assert.deepEqual(compress(undefined), []);
});

test('LZMS capture is unsupported', () => {
  const request = { ...CAPTURE, compression: 'lzms', captureDir: 'C:\\' } as unknown as CaptureImageRequest & { captureDir: string };
  assert.throws(() => renderCaptureImage(request), (e: unknown) => e instanceof TaskseqError && e.code === 'unsupported' && /compression lzms/.test(e.message));
});

test('values with a double quote are refused, naming the operation and field', () => {
  assert.throws(() => renderCaptureImage({ ...CAPTURE, name: 'My "gold" image', captureDir: 'C:\\' }),
    (e: unknown) => e instanceof TaskseqError && e.code === 'invalid-input' && /^DISM \/Capture-Image: image name My "gold" image contains a double quote/.test(e.message));
  assert.throws(() => renderApplyImage({ path: 'D:\\a"b.wim', index: 1, target: 'C:', applyDir: 'C:\\' }), /DISM \/Apply-Image: image file .* double quote/);
  assert.throws(() => renderAddDriver({ imageDir: 'C:\\', driverPath: '', recurse: false, forceUnsigned: false }), /DISM \/Add-Driver: driver path is empty/);
});

test('image index must be 1..2147483647', () => {
  for (const index of [0, -1, 1.5, 2147483648]) {
    assert.throws(() => renderApplyImage({ path: 'D:\\i.wim', index, target: 'C:', applyDir: 'C:\\' }), new RegExp(`DISM /Apply-Image: index ${index} is not a whole number`));
  }
  assert.ok(renderApplyImage({ path: 'D:\\i.wim', index: 2147483647, target: 'C:', applyDir: 'C:\\' }).includes('/Index:2147483647'));
});

test('quoteWindowsArgv: empty, spaces, tabs and trailing backslashes survive a round trip', () => {
  const argv = ['prog.exe', '', 'plain', 'a b', 'tab\there', 'C:\\Path With Space\\', 'C:\\two\\\\', 'back\\slash\\in middle', '\\\\server\\share\\x y'];
  const line = quoteWindowsArgv(argv);
  assert.equal(line, 'prog.exe "" plain "a b" "tab\there" "C:\\Path With Space\\\\" C:\\two\\\\ "back\\slash\\in middle" "\\\\server\\share\\x y"');
  assert.deepEqual(splitWindowsCommandLine(line), argv);
});

test('quoteWindowsArgv refuses a double quote without echoing the argument', () => {
  assert.throws(() => quoteWindowsArgv(['net.exe', 'use', '/user:x', 'pa"ss']), (e: unknown) =>
    e instanceof TaskseqError && e.code === 'invalid-input' && /argument 3 contains a double quote/.test(e.message) && !e.message.includes('pa"ss'));
});
