import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDeferred } from '../shared/option-value.ts';
import { parseCaptureDestination, parseCaptureOptions } from './parse-options.ts';

const parse = (o: Record<string, string>) => parseCaptureOptions((p) => o[p]);
const codes = (o: Record<string, string>) => parseCaptureOptions((p) => o[p], isDeferred).problems.map((p) => `${p.severity}:${p.code}:${p.field}`);
const BASE = { CaptureDestination: 'E:\\Captures\\ref.wim', ImageVersion: '1.0' };

test('a full set of options', () => {
  const r = parse({ ...BASE, ImageCreator: 'Lab', ImageDescription: 'Reference', CaptureAccount: 'LAB\\cap', CaptureAccountPassword: 'pw' });
  assert.deepEqual(r, { problems: [], options: {
    destination: { letter: 'E:', path: 'E:\\Captures\\ref.wim' }, version: '1.0', creator: 'Lab', description: 'Reference', account: 'LAB\\cap', hasPassword: true,
  } });
});

test('destinations: drive and share paths are normalised; relative, non-.wim, too long and malformed shares are refused', () => {
  assert.deepEqual(parseCaptureDestination(' e:/caps//x.WIM ', 'F'), { letter: 'E:', path: 'E:\\caps\\x.WIM' });
  assert.deepEqual(parseCaptureDestination('//Lab/caps//2026\\x.wim', 'F'), { share: '\\\\Lab\\caps', path: '\\\\Lab\\caps\\2026\\x.wim' });
  const code = (v: string) => { const r = parseCaptureDestination(v, 'CaptureDestination'); return 'code' in r ? r.code : 'ok'; };
  assert.equal(code('\\\\server\\share\\x.wim'), 'ok');
  assert.equal(code('\\\\server\\x.wim'), 'invalid-destination');
  assert.equal(code('\\\\server\\share\\x.txt'), 'not-a-wim');
  assert.equal(code('E:x.wim'), 'invalid-destination');
  assert.equal(code('Captures\\x.wim'), 'invalid-destination');
  assert.equal(code('E:\\x.swm'), 'not-a-wim');
  assert.equal(code(`E:\\${'a'.repeat(252)}.wim`), 'too-long');
  const unc = parseCaptureDestination('\\\\server\\x.wim', 'CaptureDestination');
  assert.match('message' in unc ? unc.message : '', /expected a file on a network share such as \\\\server\\share\\reference\.wim/);
});

test('a share destination: a warning while the shares are unknown, an error when the run has not connected it', () => {
  const unc = { CaptureDestination: '\\\\server\\share\\x.wim', ImageVersion: '1' };
  const judge = (connected?: string[]) => parseCaptureOptions((p) => (unc as Record<string, string>)[p], undefined, connected);
  assert.deepEqual(judge().problems.map((p) => `${p.severity}:${p.code}`), ['warning:network-destination']);
  assert.deepEqual(judge(['\\\\SERVER\\Share']), { problems: [], options: { destination: { share: '\\\\server\\share', path: unc.CaptureDestination }, version: '1', hasPassword: false } });
  const refused = judge(['\\\\lab\\captures']);
  assert.equal(refused.options, undefined);
  assert.match(refused.problems[0]?.message ?? '', /but this run has not connected the share \\\\server\\share \(connected: \\\\lab\\captures\); connect it with --share '\\\\server\\share=DIR'/);
});

test('validate findings', () => {
  assert.deepEqual(codes(BASE), []);
  assert.deepEqual(codes({ ImageVersion: '1' }), ['error:missing-destination:CaptureDestination']);
  assert.deepEqual(codes({ CaptureDestination: 'E:\\x.wim' }), ['warning:missing-version:ImageVersion']);
  assert.deepEqual(codes({ ...BASE, ImageVersion: 'v'.repeat(33) }), ['error:too-long:ImageVersion']);
  assert.deepEqual(codes({ ...BASE, ImageCreator: 'c'.repeat(256), ImageDescription: 'd'.repeat(256) }), ['error:too-long:ImageCreator', 'error:too-long:ImageDescription']);
  assert.deepEqual(codes({ ...BASE, CaptureAccount: 'LAB\\cap' }), ['warning:account-without-password:CaptureAccountPassword']);
  assert.deepEqual(codes({ CaptureDestination: '%OSDCaptureDestination%', ImageVersion: '%Ver%' }), []);
  assert.equal(parseCaptureOptions((p) => ({ CaptureDestination: '%D%', ImageVersion: '1' } as Record<string, string>)[p], isDeferred).options, undefined);
});
