import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PortRefusal, type CommandRequest, type LogLine } from '../../engine/index.ts';
import { VariableStore } from '../../variables/index.ts';
import type { Backend } from '../backends/backend.ts';
import type { RunLog } from '../log/index.ts';
import { runPostAction } from './post-action.ts';

function capture(): { log: RunLog; lines: string[] } {
  const lines: string[] = [];
  return { lines, log: { write: (e: LogLine) => lines.push(`${e.severity}: ${e.message}`) } as unknown as RunLog };
}
const backendWith = (run: (r: CommandRequest) => Promise<{ exitCode: number; output: string }>) => ({ ports: { commands: { run } } }) as unknown as Pick<Backend, 'ports'>;

test('a post action the machine refuses is a warning after the finished sequence, not a failure', async () => {
  const { log, lines } = capture();
  const vars = new VariableStore();
  vars.set('Key', 'Post-Secret-4', { secret: true });
  await runPostAction(backendWith(async () => { throw new PortRefusal('unsupported', 'a Windows command line cannot run here (key Post-Secret-4)', 50); }), 'shutdown.exe /r /k %Key%', vars, log);
  assert.equal(lines.length, 2);
  assert.match(lines[0]!, /^info: Starting the post action: /);
  assert.match(lines[1]!, /^warning: The post action did not run: a Windows command line cannot run here/);
  assert.ok(!lines.join('\n').includes('Post-Secret-4'), 'the secret is masked in both lines');
});

test('a post action that runs logs its exit code; an error that is not a refusal still escapes', async () => {
  const { log, lines } = capture();
  await runPostAction(backendWith(async (r) => ({ exitCode: r.commandLine === '/sbin/reboot' ? 0 : 1, output: '' })), '/sbin/reboot', new VariableStore(), log);
  assert.deepEqual(lines, ['info: Starting the post action: /sbin/reboot', 'info: The post action exited with code 0']);
  lines.length = 0;
  await runPostAction(backendWith(async () => ({ exitCode: 0, output: '', warnings: ['assumed success: x'] })), 'x', new VariableStore(), log);
  assert.deepEqual(lines, ['info: Starting the post action: x', 'warning: The post action: assumed success: x', 'info: The post action exited with code 0']);
  await assert.rejects(runPostAction(backendWith(async () => { throw new TypeError('bug'); }), 'x', new VariableStore(), log), TypeError);
});
