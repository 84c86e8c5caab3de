import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli, workDir, writeFixture } from '../../test/support/harness.ts';
import { command, sequence } from '../../test/support/sequence-builder.ts';

const EXAMPLE = join(import.meta.dirname, '../../examples/deploy-windows.xml');
const FIXTURES = join(import.meta.dirname, 'fixtures');

/** Golden text; `TASKSEQ_UPDATE_GOLDENS=1` rewrites it. */
function golden(name: string, actual: string): void {
  const file = join(FIXTURES, name);
  if (process.env.TASKSEQ_UPDATE_GOLDENS === '1') writeFileSync(file, actual);
  assert.equal(actual, readFileSync(file, 'utf8'), `${name} differs (TASKSEQ_UPDATE_GOLDENS=1 rewrites it)`);
}

describe('taskseq plan', () => {
  for (const [backend, machine, firmware] of [['linux', 'uefi-desktop', 'uefi'], ['linux', 'bios-desktop', 'bios'], ['winpe', 'uefi-desktop', 'uefi'], ['winpe', 'bios-desktop', 'bios']] as const) {
    it(`prints every command the ${backend} backend would run for the ${firmware} branch (${machine})`, async () => {
      const { code, stdout, stderr } = await runCli(['plan', EXAMPLE, '--backend', backend, '--machine', machine]);
      // The Linux backend refuses the restart into Windows (and BIOS boot files): a plan with a refusal exits 1.
      assert.equal(code, backend === 'linux' ? 1 : 0, stderr);
      golden(`${backend}-${firmware}.txt`, stdout.replaceAll(join(import.meta.dirname, '../../'), '<project>/'));
    });
  }

  it('JSON: one object with each step, its outcome and its actions', async () => {
    const { code, stdout } = await runCli(['plan', EXAMPLE, '--backend', 'linux', '--json']);
    assert.equal(code, 1, 'the Linux backend would refuse the restart');
    const plan = JSON.parse(stdout) as { backend: string; refusals: Array<{ step: string; reason: string }>; entries: Array<{ kind: string; name?: string; outcome?: string; actions?: Array<{ kind: string; argv?: string[]; backend: string }> }> };
    assert.equal(plan.backend, 'linux');
    const partition = plan.entries.find((e) => e.name === 'Partition Disk 0 - UEFI');
    assert.deepEqual(partition?.actions?.map((a) => a.argv?.[0]), ['sfdisk', 'mkfs.fat', 'mkfs.ntfs', 'mkfs.ntfs']);
    assert.equal(plan.entries.find((e) => e.name === 'Partition Disk 0 - BIOS')?.outcome, 'skipped');
    assert.ok(plan.entries.some((e) => e.kind === 'restart'));
    assert.deepEqual(plan.refusals.map((r) => r.step), ['restart into HD']);
    assert.match(plan.refusals[0]!.reason, /does not restart the machine in this version/);
  });

  it('changes nothing outside its scratch folder and shows no secret', async () => {
    const dir = workDir();
    const file = writeFixture(dir, 'ts.xml', sequence([command('Join share', 'cmd.exe /c net use \\\\srv\\s %SharePass% /user:deploy')]));
    const before = process.cwd();
    process.chdir(dir);
    try {
      const { code, stdout } = await runCli(['plan', file, '--backend', 'winpe', '--secret-var', 'SharePass=Hunter2!x']);
      assert.equal(code, 0);
      assert.ok(!stdout.includes('Hunter2!x'), stdout);
      assert.match(stdout, /\[1\] Join share .*: runs\n +\$ \*{8}/, 'the line that holds a secret is masked');
      assert.equal(existsSync(join(dir, '.taskseq')), false, 'a plan wrote a state folder');
    } finally {
      process.chdir(before);
    }
  });

  it('refuses the simulated backend and names the option', async () => {
    const { code, stderr } = await runCli(['plan', EXAMPLE, '--backend', 'simulated']);
    assert.equal(code, 2);
    assert.match(stderr, /--backend must be linux or winpe/);
  });
});
