import assert from 'node:assert/strict';
import { test } from 'node:test';
import { main } from '../cli/main.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => { out.push(t); }, err: (t: string) => { err.push(t); } }, out, err };
}

test('taskseq doctor --json reports each selected backend and the Node version', async () => {
  const c = capture();
  const code = await main(['doctor', '--for', 'winpe', '--json'], c.io);
  assert.equal(code, process.platform === 'win32' ? code : 0, 'Windows tools are not looked for off Windows');
  const report = JSON.parse(c.out.join(''));
  assert.equal(report.node.version, process.version);
  assert.deepEqual(report.backends.map((b: { use: string }) => b.use), ['winpe']);
  assert.ok(report.backends[0].tools.some((t: { command: string }) => t.command === 'dism'));
});

test('taskseq doctor --for with an unknown use is invalid input', async () => {
  const c = capture();
  assert.equal(await main(['doctor', '--for', 'macos'], c.io), 2);
  assert.match(c.err.join('\n'), /--for must be one of simulated, linux, winpe, tests \(got "macos"\)/);
});
