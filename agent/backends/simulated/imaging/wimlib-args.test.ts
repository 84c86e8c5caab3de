import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderApplyArgs, renderCaptureArgs } from './wimlib-args.ts';
import { parseWimlibFailure } from './wimlib-runner.ts';

describe('wimlib-imagex argument lists', () => {
  it('apply: plain WIM, with integrity check, and a split set by its parts', () => {
    assert.deepEqual(renderApplyArgs({ wim: '/c/install.wim', index: 2, targetDir: '/v/C', parts: ['/c/install.wim'],
      checkIntegrity: false }), ['apply', '/c/install.wim', '2', '/v/C', '--no-acls']);
    assert.deepEqual(renderApplyArgs({ wim: '/c/os.swm', index: 1, targetDir: '/v/C',
      parts: ['/c/os.swm', '/c/os2.swm', '/c/os3.swm'], checkIntegrity: true }),
    ['apply', '/c/os.swm', '1', '/v/C', '--no-acls', '--check', '--ref=/c/os2.swm', '--ref=/c/os3.swm']);
  });

  it('capture: new file with compression and metadata; append keeps the file compression', () => {
    assert.deepEqual(renderCaptureArgs({ sourceDir: '/v/C', wim: '/o/ref.wim', mode: 'create', name: 'Ref',
      description: 'Reference build', creator: 'Lab', version: '1.2', compression: 'xpress', checkIntegrity: true }),
    ['capture', '/v/C', '/o/ref.wim', 'Ref', 'Reference build', '--compress=XPRESS', '--check',
      '--image-property', 'CREATOR=Lab', '--image-property', 'IMAGEVERSION=1.2']);
    assert.deepEqual(renderCaptureArgs({ sourceDir: '/v/D', wim: '/o/ref.wim', mode: 'create', name: 'Data',
      checkIntegrity: false }), ['capture', '/v/D', '/o/ref.wim', 'Data', '--compress=LZX']);
    assert.deepEqual(renderCaptureArgs({ sourceDir: '/v/D', wim: '/o/ref.wim', mode: 'append', name: 'Data',
      compression: 'none', checkIntegrity: false }), ['append', '/v/D', '/o/ref.wim', 'Data']);
  });

  it('failure text: the ERROR lines, else the last line', () => {
    assert.equal(parseWimlibFailure({ code: 1, stdout: 'Scanning\r50%\r',
      stderr: 'ERROR: "x.wim" is not a WIM file\nERROR: Exiting with error code 9\n' }),
    '"x.wim" is not a WIM file; Exiting with error code 9');
    assert.equal(parseWimlibFailure({ code: 1, stdout: 'a\nlast words\n', stderr: '' }), 'last words');
  });
});
