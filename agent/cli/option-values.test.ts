import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, test } from 'node:test';
import { parseShareOptions } from './option-values.ts';

const dir = mkdtempSync(join(tmpdir(), 'taskseq-share-option-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const a = join(dir, 'a');
const b = join(dir, 'b');
mkdirSync(a);
mkdirSync(b);

const refused = (values: string[], message: RegExp) => assert.throws(() => parseShareOptions(values),
  (e: Error & { code?: string; problems?: Array<{ field?: string }> }) => e.code === 'invalid-input' && message.test(e.message), values.join(' '));

test('--share: each share with its folder, made absolute; none when not given', () => {
  assert.deepEqual(parseShareOptions(undefined), []);
  assert.deepEqual(parseShareOptions([`\\\\lab\\captures=${a}`, `\\\\files.lab.example\\Images$=${relative(process.cwd(), b)}`]), [
    { name: '\\\\lab\\captures', folder: a }, { name: '\\\\files.lab.example\\Images$', folder: b },
  ]);
});

test('--share: bad server or share names, a missing folder and a share given twice are refused, naming the option', () => {
  refused([a], /^--share expects \\\\server\\share=DIR \(got ".*"\)$/);
  refused([`=${a}`], /^--share expects/);
  refused([`lab\\captures=${a}`], /^--share lab\\captures=.*: expected \\\\server\\share=DIR$/);
  refused([`\\\\lab=${a}`], /^--share \\\\lab: a share path needs a server and a share name/);
  refused([`\\\\la:b\\captures=${a}`], /^--share \\\\la:b\\captures: the server name 'la:b' .* is not allowed$/);
  refused([`\\\\lab\\cap*tures=${a}`], /the share name 'cap\*tures' .* is not allowed/);
  refused([`\\\\lab\\captures\\2026=${a}`], /no folder below it/);
  refused(['\\\\lab\\captures='], /expected the host folder the share is mounted at/);
  refused([`\\\\lab\\captures=${join(dir, 'gone')}`], /^--share \\\\lab\\captures=.*gone: the folder .*gone does not exist \(mount the share there first\)$/);
  refused([`\\\\lab\\captures=${a}`, `\\\\LAB\\Captures=${b}`], /^--share \\\\LAB\\Captures is given twice \(.*a and .*b\); share names match in any case$/);
});
