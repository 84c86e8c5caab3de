/** smsts.log as ConfigMgr writes it: BOM, variable and end lines, smsswd's component, and the JSON log beside it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runSequenceFile, workDir, writeFixture } from '../support/harness.ts';
import { command, sequence, setVariable } from '../support/sequence-builder.ts';
import { parseCmtrace } from '../../agent/log/index.ts';

const steps = sequence([setVariable('Name it', 'Greeting', 'Grüße'), command('Say it', 'cmd.exe /c echo %Greeting%')]);

test('smsts.log starts with a UTF-8 BOM and logs variables, commands and the end in ConfigMgr wording', async () => {
  const dir = workDir();
  const r = await runSequenceFile(writeFixture(dir, 'ts.xml', steps), dir);
  assert.equal(r.code, 0, r.stderr);
  const bytes = readFileSync(join(dir, 'logs', 'smsts.log'));
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const log = parseCmtrace(bytes);
  const line = (re: RegExp) => log.find((e) => re.test(e.message));
  assert.deepEqual(pick(line(/^Set a global environment variable Greeting=/)), ['TSManager', 1, 'Set a global environment variable Greeting=Grüße']);
  assert.equal(line(/^Executing command line: cmd.exe \/c echo Grüße$/)?.component, 'InstallSoftware');
  assert.deepEqual(pick(log.at(-1)), ['TSManager', 1, 'Task sequence completed 0x00000000']);
  assert.deepEqual(readdirSync(join(dir, 'logs')), ['smsts.log']);
});

test('a failed run ends with the failing exit code in hex', async () => {
  const dir = workDir();
  const r = await runSequenceFile(writeFixture(dir, 'ts.xml', sequence([command('Fail', 'cmd.exe /c exit 1603')])), dir);
  assert.equal(r.code, 1);
  assert.ok(r.log.some((e) => e.message === 'Failed to run the last action: Fail. Execution of task sequence failed.' && e.type === 3));
  assert.deepEqual(pick(r.log.at(-1)), ['TSManager', 3, 'Task sequence completed 0x00000643']);
});

test('--log-format json keeps smsts.log CMTrace and writes the JSON lines to smsts.jsonl', async () => {
  const dir = workDir();
  const r = await runSequenceFile(writeFixture(dir, 'ts.xml', steps), dir, ['--log-format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(readdirSync(join(dir, 'logs')).sort(), ['smsts.jsonl', 'smsts.log']);
  assert.ok(r.log.length > 5, 'smsts.log is parsed as CMTrace');
  const json = readFileSync(join(dir, 'logs', 'smsts.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.ok(json.some((j) => j.event?.kind === 'run-end'));
  assert.ok(json.some((j) => j.log?.component === 'InstallSoftware'));
});

function pick(e: { component: string; type: number; message: string } | undefined): unknown[] {
  return e ? [e.component, e.type, e.message] : [];
}
