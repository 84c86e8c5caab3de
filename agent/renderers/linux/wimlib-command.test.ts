import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderApplyArgs, renderCaptureArgs } from './wimlib-command.ts';
import { parseWimlibFailure } from './wimlib-output.ts';

describe('wimlib-imagex argument lists', () => {
  it('apply: plain WIM, with integrity check, and a split set by its parts', () => {
    assert.deepEqual(renderApplyArgs({ wim: '/c/install.wim', index: 2, targetDir: '/v/C', parts: ['/c/install.wim'],
      checkIntegrity: false }), ['apply', '--no-acls', '--', '/c/install.wim', '2', '/v/C']);
    assert.deepEqual(renderApplyArgs({ wim: '/c/os.swm', index: 1, targetDir: '/v/C',
      parts: ['/c/os.swm', '/c/os2.swm', '/c/os3.swm'], checkIntegrity: true }),
    ['apply', '--no-acls', '--check', '--ref=/c/os2.swm', '--ref=/c/os3.swm', '--', '/c/os.swm', '1', '/v/C']);
  });

  it('capture: new file with compression and metadata; append keeps the file compression', () => {
    assert.deepEqual(renderCaptureArgs({ sourceDir: '/v/C', wim: '/o/ref.wim', mode: 'create', name: 'Ref',
      description: 'Reference build', creator: 'Lab', version: '1.2', compression: 'xpress', checkIntegrity: true }),
    ['capture', '--compress=XPRESS', '--check', '--image-property=CREATOR=Lab', '--image-property=IMAGEVERSION=1.2',
      '--', '/v/C', '/o/ref.wim', 'Ref', 'Reference build']);
    assert.deepEqual(renderCaptureArgs({ sourceDir: '/v/D', wim: '/o/ref.wim', mode: 'create', name: 'Data',
      checkIntegrity: false }), ['capture', '--compress=LZX', '--', '/v/D', '/o/ref.wim', 'Data']);
    assert.deepEqual(renderCaptureArgs({ sourceDir: '/v/D', wim: '/o/ref.wim', mode: 'append', name: 'Data',
      compression: 'none', checkIntegrity: false }), ['append', '--', '/v/D', '/o/ref.wim', 'Data']);
  });

  it('values that look like options come after the end-of-options marker or attached to their option', () => {
    const args = renderCaptureArgs({ sourceDir: '/v/C', wim: '/o/ref.wim', mode: 'create', name: '--dereference',
      description: '--dereference', creator: '--boot', version: '-1', checkIntegrity: false });
    assert.deepEqual(args, ['capture', '--compress=LZX', '--image-property=CREATOR=--boot', '--image-property=IMAGEVERSION=-1',
      '--', '/v/C', '/o/ref.wim', '--dereference', '--dereference']);
    const end = args.indexOf('--');
    assert.ok(args.slice(1, end).every((a) => /^--[a-z-]+(=.*)?$/.test(a) && !a.startsWith('--dereference')), 'only our own options before --');
    const apply = renderApplyArgs({ wim: '-x.wim', index: 1, targetDir: '-C', parts: ['-x.wim', '-x2.swm'], checkIntegrity: false });
    assert.deepEqual(apply, ['apply', '--no-acls', '--ref=-x2.swm', '--', '-x.wim', '1', '-C']);
  });

  it('refuses a NUL character, naming the field', () => {
    assert.throws(() => renderCaptureArgs({ sourceDir: '/v/C', wim: '/o/ref.wim', mode: 'create', name: 'a\0b', checkIntegrity: false }),
      { code: 'invalid-input', message: 'wimlib-imagex: image name contains a NUL character' });
  });

  it('failure text: the ERROR lines, else the last line', () => {
    assert.equal(parseWimlibFailure({ stdout: 'Scanning\r50%\r',
      stderr: 'ERROR: "x.wim" is not a WIM file\nERROR: Exiting with error code 9\n' }),
    '"x.wim" is not a WIM file; Exiting with error code 9');
    assert.equal(parseWimlibFailure({ stdout: 'a\nlast words\n', stderr: '' }), 'last words');
  });
});

describe('wimlib-imagex apply onto an NTFS volume', () => {
  it('keeps security descriptors: no --no-acls when the target is the volume device', () => {
    assert.deepEqual(renderApplyArgs({ wim: '/c/install.wim', index: 1, targetDir: '/dev/loop7', ntfsVolume: true,
      parts: ['/c/install.wim'], checkIntegrity: false }), ['apply', '--', '/c/install.wim', '1', '/dev/loop7']);
  });
});
