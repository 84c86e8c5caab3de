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

test('destinations: drive paths are normalised; UNC, relative, non-.wim and too long are refused', () => {
  assert.deepEqual(parseCaptureDestination(' e:/caps//x.WIM ', 'F'), { letter: 'E:', path: 'E:\\caps\\x.WIM' });
  const code = (v: string) => { const r = parseCaptureDestination(v, 'CaptureDestination'); return 'code' in r ? r.code : 'ok'; };
  assert.equal(code('\\\\server\\share\\x.wim'), 'network-destination');
  assert.equal(code('E:x.wim'), 'invalid-destination');
  assert.equal(code('Captures\\x.wim'), 'invalid-destination');
  assert.equal(code('E:\\x.swm'), 'not-a-wim');
  assert.equal(code(`E:\\${'a'.repeat(252)}.wim`), 'too-long');
  const unc = parseCaptureDestination('\\\\server\\share\\x.wim', 'CaptureDestination');
  assert.match('message' in unc ? unc.message : '', /CaptureDestination is the network path \\\\server\\share\\x\.wim; this engine cannot reach network shares/);
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
