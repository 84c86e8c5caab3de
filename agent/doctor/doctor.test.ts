import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkTools, type ToolEnvironment } from './check-tools.ts';
import { buildDoctorReport, isReady, renderDoctorReport, reportMissingPackages } from './doctor-report.ts';
import { planInstall, type InstallHost } from './install-packages.ts';
import { REQUIRED_TOOLS, toolsFor } from './required-tools.ts';

/** A machine where exactly `installed` (program names) are in /usr/bin; version output is scripted per program. */
function machine(installed: Record<string, string | undefined>, platform = 'linux'): ToolEnvironment {
  return {
    platform,
    searchPath: ['/usr/bin'],
    isExecutable: (path) => Object.keys(installed).some((name) => path === `/usr/bin/${name}`),
    output: (path, args) => {
      const name = path.slice('/usr/bin/'.length);
      const text = installed[name];
      if (text === undefined) throw new Error(`unscripted version call: ${path} ${args.join(' ')}`);
      return text;
    },
  };
}

const host = (over: Partial<InstallHost>): InstallHost => ({
  isRoot: false, hasAptGet: true, canSudo: () => { throw new Error('unscripted sudo check'); }, ...over,
});

test('the tests need the disk, imaging and transfer tools, from their Debian packages', () => {
  const packages = [...new Set(toolsFor('tests', 'linux').map((t) => t.packageName))].sort();
  assert.deepEqual(packages, ['dosfstools', 'fdisk', 'gdisk', 'grub-pc-bin', 'libhivex-bin', 'libwin-hivex-perl', 'mount', 'mtools', 'nginx', 'ntfs-3g', 'openssl', 'qemu-system-x86', 'util-linux', 'wimtools']);
  assert.ok(REQUIRED_TOOLS.every((t) => t.uses.length > 0 && t.purpose.length > 0));
});

test('a tool found on the PATH reports its first version line; a missing one names its package', () => {
  const env = machine({ 'wimlib-imagex': '\nwimlib-imagex 1.13.5 (using wimlib 1.13.5)\nCopyright' });
  const report = buildDoctorReport(['simulated', 'tests'], env, 'v20.20.2');
  const simulated = report.sections.find((s) => s.use === 'simulated')!;
  assert.equal(simulated.ready, true);
  assert.equal(simulated.tools[0].path, '/usr/bin/wimlib-imagex');
  assert.equal(simulated.tools[0].version, 'wimlib-imagex 1.13.5 (using wimlib 1.13.5)');
  assert.equal(isReady(report), false, 'the tests miss their tools');
  assert.deepEqual(reportMissingPackages(report), ['fdisk', 'gdisk', 'dosfstools', 'ntfs-3g', 'mount', 'util-linux', 'libwin-hivex-perl', 'libhivex-bin', 'mtools', 'grub-pc-bin', 'qemu-system-x86', 'nginx', 'openssl']);
  const text = renderDoctorReport(report).join('\n');
  assert.match(text, /test suite \(npm test\): 22 of 23 tools missing/);
  assert.match(text, /nginx +MISSING +serves deployment sources to the transfer tests \[nginx\]/);
});

test('a tool its package keeps off the PATH is looked for in its own folder only', () => {
  const setup = REQUIRED_TOOLS.filter((t) => t.command === 'grub-bios-setup');
  const where = (found: string[]) => checkTools(setup, {
    platform: 'linux', searchPath: ['/usr/bin'], isExecutable: (p) => found.includes(p), output: () => 'grub-bios-setup (GRUB) 2.06\n',
  })[0]!;
  assert.equal(where(['/usr/lib/grub/i386-pc/grub-bios-setup']).path, '/usr/lib/grub/i386-pc/grub-bios-setup');
  assert.equal(where(['/usr/bin/grub-bios-setup']).path, undefined);
});

test('Windows tools are listed but not looked for on Linux, and do not make the report unready', () => {
  const report = buildDoctorReport(['winpe'], machine({}), 'v20.20.2');
  assert.equal(report.sections[0].checked, false);
  assert.equal(isReady(report), true);
  assert.deepEqual(reportMissingPackages(report), []);
  assert.match(renderDoctorReport(report).join('\n'), /Windows PE and full OS \(renderers only[^)]*\): runs on Windows only, not checked on linux/);
});

test('an old Node is reported and makes the report unready', () => {
  const report = buildDoctorReport([], machine({}), 'v18.19.0');
  assert.equal(report.node.ok, false);
  assert.equal(isReady(report), false);
  assert.match(renderDoctorReport(report)[0], /Node.js v18.19.0 \(taskseq needs 20 or later\): TOO OLD/);
});

test('root installs with apt-get, unattended', () => {
  const plan = planInstall(['fdisk', 'wimtools'], host({ isRoot: true }));
  assert.equal(plan.kind, 'run');
  if (plan.kind !== 'run') return;
  assert.deepEqual(plan.commands.at(-1), ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'fdisk', 'wimtools']);
  assert.deepEqual(plan.commands[0], ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'update', '-qq']);
});

test('a user with password-less sudo installs through sudo -n', () => {
  const plan = planInstall(['gdisk'], host({ canSudo: () => true }));
  assert.equal(plan.kind, 'run');
  if (plan.kind === 'run') assert.deepEqual(plan.commands[1].slice(0, 2), ['sudo', '-n']);
});

test('without root or sudo the refusal names the packages and the command to run', () => {
  const plan = planInstall(['fdisk', 'nginx'], host({ canSudo: () => false }));
  assert.deepEqual(plan, { kind: 'refused', message: 'not root and sudo needs a password: install them with `sudo apt-get install -y fdisk nginx` and run again' });
  const noApt = planInstall(['fdisk'], host({ hasAptGet: false }));
  assert.equal(noApt.kind, 'refused');
  if (noApt.kind === 'refused') assert.match(noApt.message, /no apt-get: install the Debian packages fdisk/);
});
