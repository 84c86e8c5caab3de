import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidInputError, type LogLine, type LogPort } from '../../engine/index.ts';
import { workDir, writeFixture } from '../../test/support/harness.ts';
import { writeContent } from '../../test/support/media-fixtures.ts';
import { command, sequence } from '../../test/support/sequence-builder.ts';
import { buildMedia } from '../media-builder/build-media.ts';
import { mediaContentDir } from '../runner/state-folder.ts';
import { createMediaRun } from './media-run.ts';
import { openMedia } from './open-media.ts';
import type { PartPrompt } from './media-parts.ts';

function buildSet(dir: string): string {
  const file = writeFixture(dir, 'ts.xml', sequence([command('Install', 'setup.cmd', { packageId: 'LAB00012' })]));
  buildMedia({ sequence: file, content: writeContent(dir), out: join(dir, 'set'), type: 'standalone', variables: [], sources: [], partSize: 2000, allowUnknownSteps: false, now: new Date('2026-05-01T00:00:00Z') });
  return join(dir, 'set');
}

function memoryLog(): LogPort & { lines: string[] } {
  const lines: string[] = [];
  return { lines, write: (l: LogLine) => lines.push(l.message), event: () => {}, flush: () => {} };
}

test('on a terminal, a missing part is asked for; a wrong folder is refused with why, then the right one is copied', async () => {
  const dir = workDir();
  const set = buildSet(dir);
  const media = await openMedia(join(set, 'part1'), undefined);
  const asked: Array<{ number: number; problem?: string; files: string[] }> = [];
  const answers = [join(set, 'part1'), join(set, 'part2')];
  const ask: PartPrompt = async (request) => {
    asked.push({ number: request.number, problem: request.problem, files: request.files });
    return answers.shift();
  };
  const state = join(dir, 'state');
  const run = createMediaRun(media, { contentDir: mediaContentDir(state), mediaPaths: [], askForPart: ask });
  await run.checkBeforeStart({ now: Date.parse('2026-05-02T00:00:00Z'), source: 'test' });
  const log = memoryLog();
  const content = await run.prepareContent(log);
  assert.deepEqual(asked.map((a) => [a.number, a.problem?.replace(set, 'SET')]), [[2, undefined], [2, 'SET/part1 is part 1, not part 2']]);
  assert.deepEqual(asked[0].files, ['LAB00012/sub/data-b.bin']);
  assert.equal(content.resolve('lab00012'), join(state, 'media-content', 'LAB00012'));
  assert.deepEqual(content.files('LAB00012'), ['setup.cmd']);
  assert.deepEqual(readFileSync(join(state, 'media-content', 'LAB00012', 'sub', 'data-b.bin')), Buffer.alloc(1500, 2));
  assert.ok(log.lines.includes('Copied 2 files from media part 1 of 2') && log.lines.includes('Copied 1 file from media part 2 of 2'));
});

test('giving up at the prompt names the part and its files; without a terminal the check fails before anything', async () => {
  const dir = workDir();
  const media = await openMedia(join(buildSet(dir), 'part1'), undefined);
  const state = join(dir, 'state');
  const noTerminal = createMediaRun(media, { contentDir: mediaContentDir(state), mediaPaths: [] });
  await assert.rejects(noTerminal.checkBeforeStart({ now: Date.parse('2026-05-02T00:00:00Z'), source: 'test' }), (e: unknown) => e instanceof InvalidInputError && /part 2 of 2 .* is missing; it holds LAB00012\/sub\/data-b\.bin/.test(e.message));
  assert.equal(existsSync(state), false);
  const givesUp = createMediaRun(media, { contentDir: mediaContentDir(state), mediaPaths: [], askForPart: async () => undefined });
  await assert.rejects(givesUp.prepareContent(memoryLog()), (e: unknown) => e instanceof InvalidInputError && /part 2 of 2 .* is missing/.test(e.message));
});

test('a file an earlier start copied is hashed again on the next start and copied anew when it was changed', async () => {
  const dir = workDir();
  const set = buildSet(dir);
  const media = await openMedia(join(set, 'part1'), undefined);
  const state = join(dir, 'state');
  const options = { contentDir: mediaContentDir(state), mediaPaths: [join(set, 'part2')] };
  await createMediaRun(media, options).prepareContent(memoryLog());
  const staged = join(state, 'media-content', 'LAB00012', 'sub', 'data-b.bin');
  writeFileSync(staged, Buffer.alloc(1500, 7));
  const again = createMediaRun(media, options);
  await again.checkBeforeStart({ now: Date.parse('2026-05-02T00:00:00Z'), source: 'test' });
  const log = memoryLog();
  await again.prepareContent(log);
  assert.deepEqual(readFileSync(staged), Buffer.alloc(1500, 2));
  assert.ok(log.lines.includes('Copied 1 file from media part 2 of 2'), log.lines.join('\n'));
});
