/**
 * The refresh scenario (test/e2e/fixtures/refresh.xml) on a desktop running its installed Windows, joined to a
 * domain, with a domain user and a local user: the new Windows keeps the computer name, time zone, membership and
 * both users' files and settings. Variants: a hard-link store, an offline capture in Windows PE, a state migration
 * point. Every secret used is then looked for in everything the run leaves outside the target volume.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinProfile, runSequenceFile, workDir, writeFixture, writeProfile, type HarnessRun } from '../support/harness.ts';
import { captureWim, writeFakeWindowsTree } from '../../agent/formats/wim/test-support/wim-fixtures.ts';
import { startTestStateMigrationPoint } from '../support/smp-server.ts';

const FIXTURE = readFileSync(fileURLToPath(new URL('./fixtures/refresh.xml', import.meta.url)), 'utf8');
const VOLUME = ['state', 'machine', 'volumes', 'disk0-part3'];
const STATE_FILE = ['Windows', 'System32', 'config', 'simulated-state.json'];
export const SECRETS = {
  AdminPassword: 'Adm1n-Secret-7731', JoinPassword: 'J0in-Secret-5512', LocalPassword: 'L0cal-Secret-3390',
  ProductKey: 'VK7JG-NPHTM-C97JM-9MPGT-3V66T', OSDMigrateEncryptionKey: 'Usmt-Key-Secret-8841',
};

function content(dir: string): string {
  const root = join(dir, 'content');
  for (const id of ['LAB00100', 'LAB00USM']) mkdirSync(join(root, id), { recursive: true });
  captureWim(writeFakeWindowsTree(join(dir, 'tree')), join(root, 'LAB00100', 'install.wim'), 'Windows 11 Enterprise', ['--flags=Enterprise']);
  for (const f of ['scanstate.exe', 'loadstate.exe', 'MigDocs.xml', 'MigApp.xml']) writeFileSync(join(root, 'LAB00USM', f), `<!-- ${f} -->`);
  return root;
}

/** The UEFI desktop running its Windows: domain member, a domain user (alice) and a local user (bob). */
export function refreshDesktop(dir: string, inWinPE = false): string {
  const base = builtinProfile('uefi-desktop');
  const disks = structuredClone(base.disks) as Array<{ partitions: Array<{ files?: Array<Record<string, unknown>> }> }>;
  disks[0].partitions[2].files!.push({ path: 'Users\\bob\\Documents\\budget.txt', content: 'Q3 budget\r\n' });
  return writeProfile(dir, 'refresh-desktop', base, {
    disks,
    environment: { ...(base.environment as object), inWinPE, mediaType: 'FullMedia', launchMode: inWinPE ? 'CD' : 'SMS', timeZone: 'W. Europe Standard Time', machineName: 'PC-0042' },
    os: {
      ...(base.os as object), computerName: 'PC-0042', domain: 'corp.example', domainOU: 'OU=Desktops,DC=corp,DC=example',
      registeredOwner: 'Alice Example', registeredOrganization: 'Example Corp',
      users: [
        { name: 'alice', domain: 'CORP', settings: { Wallpaper: 'C:\\Users\\alice\\Pictures\\lake.jpg' } },
        { name: 'bob', settings: { MouseSpeed: '12' } },
      ],
    },
  });
}

function secretArgs(): string[] {
  return Object.entries(SECRETS).flatMap(([k, v]) => ['--secret-var', `${k}=${v}`]);
}

async function refresh(sequenceText: string, o: { inWinPE?: boolean; extra?: string[] } = {}): Promise<HarnessRun> {
  const dir = workDir();
  const file = writeFixture(dir, 'refresh.xml', sequenceText);
  return runSequenceFile(file, dir, ['--machine', refreshDesktop(dir, o.inWinPE), '--content', content(dir), ...secretArgs(), ...(o.extra ?? [])]);
}

function checkNewWindows(r: HarnessRun): Record<string, any> {
  assert.equal(r.code, 0, `${r.report.message ?? ''}\n${r.report.steps.map((s) => `${s.name}: ${s.exitCode} ${s.reason ?? ''}`).join('\n')}`);
  const volume = join(r.dir, ...VOLUME);
  const state = JSON.parse(readFileSync(join(volume, ...STATE_FILE), 'utf8'));
  assert.equal(state.phase, 'specialized');
  assert.equal(state.computerName, 'PC-0042');
  assert.equal(state.timeZone, 'W. Europe Standard Time');
  assert.equal(state.registeredOrganization, 'Example Corp');
  assert.deepEqual(state.membership, { kind: 'domain', name: 'corp.example', ou: 'OU=Desktops,DC=corp,DC=example' });
  assert.equal(state.administratorEnabled, true);
  assert.deepEqual(state.users.map((u: { name: string }) => u.name).sort(), ['alice', 'bob']);
  assert.equal(state.users.find((u: { name: string }) => u.name === 'alice').settings.Wallpaper, 'C:\\Users\\alice\\Pictures\\lake.jpg');
  assert.equal(readFileSync(join(volume, 'Users', 'alice', 'Desktop', 'notes.txt'), 'utf8'), 'Call the help desk about the docking station.\r\n');
  assert.equal(statSync(join(volume, 'Users', 'alice', 'Documents', 'report.docx')).size, 2458112);
  assert.equal(readFileSync(join(volume, 'Users', 'bob', 'Documents', 'budget.txt'), 'utf8'), 'Q3 budget\r\n');
  assert.ok(statSync(join(volume, 'Windows', 'System32')).isDirectory(), 'the new OS is there');
  return state;
}

/** Every file below `folder`, except the target volume's own files. */
function filesOutsideTarget(folder: string, target: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((e) => {
    const full = join(folder, e.name);
    if (full === target) return [];
    return e.isDirectory() ? filesOutsideTarget(full, target) : [full];
  });
}

/** Looks for each secret in logs, journals, reports, the machine state and stores outside the target volume. */
function assertNoSecretsOutsideTarget(r: HarnessRun): void {
  const target = join(r.dir, ...VOLUME);
  // The sequence and content are the test's own input; sparse disk images (hundreds of GB) hold only partition tables.
  const files = filesOutsideTarget(r.dir, target)
    .filter((f) => !f.startsWith(join(r.dir, 'content')) && !f.endsWith('refresh.xml') && statSync(f).size < 64 * 1024 ** 2);
  assert.ok(files.some((f) => f.endsWith('smsts.log')), 'the log is among the files searched');
  assert.ok(files.some((f) => f.endsWith('.tsj')), 'the journal is among the files searched');
  const texts = [...files.map((f) => [f, readFileSync(f).toString('latin1')] as const), ['report', r.stdout + r.stderr] as const];
  for (const [name, secret] of Object.entries(SECRETS)) {
    for (const [file, text] of texts) assert.ok(!text.includes(secret), `${name} appears in ${file}`);
  }
}

test('refresh: settings and both users survive the reinstall (encrypted local store in the protected folder)', async () => {
  const r = await refresh(FIXTURE);
  const state = checkNewWindows(r);
  assert.ok(state.history.some((h: string) => /loadstate: CORP\\alice, bob/.test(h)));
  const store = join(r.dir, ...VOLUME, '_SMSTaskSequence', 'UserState', 'USMT', 'USMT.MIG');
  assert.ok(!readFileSync(store).toString('latin1').includes('docking station'), 'the store is encrypted');
  assert.equal(r.report.variables.OSDMigrateEncryptionKey, '********');
  const answer = readFileSync(join(r.dir, ...VOLUME, 'Windows', 'Panther', 'unattend.xml'), 'utf8');
  assert.match(answer, /<JoinDomain>corp\.example<\/JoinDomain>/);
  assert.match(answer, /xmlns="urn:schemas-microsoft-com:unattend"/);
  assert.ok(!answer.includes(SECRETS.AdminPassword) && !answer.includes(SECRETS.JoinPassword), 'Setup masked the passwords it used');
  assert.ok(r.log.some((e) => /Captured 2 user\(s\) \(CORP\\alice, bob\)/.test(e.message)));
  assertNoSecretsOutsideTarget(r);
});

test('refresh with a hard-link store: the store survives the wipe inside the protected folder and links the same files', async () => {
  const r = await refresh(FIXTURE.replace('<variable name="_OSDMigrateUseHardlinks" property="UseHardlinks">false', '<variable name="_OSDMigrateUseHardlinks" property="UseHardlinks">true'));
  checkNewWindows(r);
  const volume = join(r.dir, ...VOLUME);
  const stored = join(volume, '_SMSTaskSequence', 'UserState', 'USMT', 'File', 'Users', 'bob', 'Documents', 'budget.txt');
  assert.equal(statSync(stored).ino, statSync(join(volume, 'Users', 'bob', 'Documents', 'budget.txt')).ino, 'restored as a hard link');
  assertNoSecretsOutsideTarget(r);
});

test('refresh with an offline capture in Windows PE', async () => {
  const offline = FIXTURE
    .replace('<variable name="_OSDMigrateOfflineUserState" property="OfflineUserState">false', '<variable name="_OSDMigrateOfflineUserState" property="OfflineUserState">true')
    .replace(/<step type="SMS_TaskSequence_CaptureNetworkSettingsAction"[\s\S]*?<\/step>/, '')
    .replace(/<step type="SMS_TaskSequence_RebootAction"[\s\S]*?<\/step>/, '');
  const r = await refresh(offline, { inWinPE: true, extra: ['--var', 'OSDNetworkJoinType=0', '--var', 'OSDDomainName=corp.example', '--var', 'OSDDomainOUName=LDAP://OU=Desktops,DC=corp,DC=example'] });
  checkNewWindows(r);
  assert.ok(r.log.some((e) => /offline from C:\\Windows/.test(e.message)));
  assertNoSecretsOutsideTarget(r);
});

test('refresh through a state migration point: request, capture, release; request, restore, release', async () => {
  const smp = await startTestStateMigrationPoint({ share: '\\\\smp01.corp.example\\SMPSTORE$', key: SECRETS.OSDMigrateEncryptionKey, busyFirst: 1 });
  try {
    const request = (kind: string) => `<step type="SMS_TaskSequence_RequestStateStoreAction" name="Request State Store (${kind})" runIn="WinPEandFullOS" successCodeList="0"><action>osdsmpclient.exe /${kind}</action><defaultVarList><variable name="OSDStateFallbackToNAA" property="FallbackToNAA">false</variable><variable name="OSDStateRequestType" property="RequestType" hidden="true">${kind}</variable><variable name="OSDStateSMPRetryCount" property="SMPRetryCount" hidden="true">3</variable><variable name="OSDStateSMPRetryTime" property="SMPRetryTime" hidden="true">0</variable></defaultVarList></step>`;
    const release = (kind: string) => `<step type="SMS_TaskSequence_ReleaseStateStoreAction" name="Release State Store (${kind})" runIn="WinPEandFullOS" successCodeList="0"><action>osdsmpclient.exe /release</action><defaultVarList/></step>`;
    const text = FIXTURE
      .replace(/<step type="SMS_TaskSequence_SetVariableAction"[\s\S]*?<\/step>/, request('capture'))
      .replace(/(<step type="SMS_TaskSequence_CaptureUserStateAction"[\s\S]*?<\/step>)/, `$1${release('capture')}`)
      .replace(/(<group name="Restore" description="">)/, `$1${request('restore')}`)
      .replace(/(<step type="SMS_TaskSequence_RestoreUserStateAction"[\s\S]*?<\/step>)/, `$1${release('restore')}`);
    const r = await refresh(text, { extra: ['--state-migration-point', smp.url] });
    checkNewWindows(r);
    assert.deepEqual(smp.calls(), ['capture:busy', 'capture:PC-0042', 'release:capture', 'restore:PC-0042', 'release:restore']);
    const store = join(r.dir, 'state', 'machine', 'network', 'smp01.corp.example', 'SMPSTORE$', smp.lastId(), 'USMT', 'USMT.MIG');
    assert.ok(statSync(store).size > 0, 'the store is on the share');
    assertNoSecretsOutsideTarget(r);
  } finally {
    await smp.close();
  }
});

test('a compressed local store outside the protected folders is refused before Apply Operating System wipes it', async () => {
  const r = await refresh(FIXTURE.replace(/(<variable name="VariableValue" property="VariableValue" hidden="true">)%_SMSTSUserStatePath%/, '$1C:\\StateStore'));
  assert.equal(r.code, 1);
  const apply = r.report.steps.find((s) => s.name === 'Apply Operating System');
  assert.equal(apply?.exitCode, 87);
  assert.equal(apply?.reason, 'the user state store C:\\StateStore (OSDStateStorePath) is on C:, which this step wipes, and outside the protected folders (_SMSTaskSequence): keep it in %_SMSTSUserStatePath% or on another volume');
  const volume = join(r.dir, ...VOLUME);
  assert.ok(statSync(join(volume, 'StateStore', 'USMT', 'USMT.MIG')).size > 0, 'nothing was wiped');
  assert.ok(statSync(join(volume, 'Users', 'alice', 'Desktop', 'notes.txt')).isFile());
});

test('USMT failure codes fail Capture User State with USMT\'s code and what it means', async () => {
  const dir = workDir();
  const file = writeFixture(dir, 'refresh.xml', FIXTURE);
  const profile = JSON.parse(readFileSync(refreshDesktop(dir), 'utf8'));
  profile.commands = [{ match: 'scanstate\\.exe .* /localonly', exitCode: 27 }];
  writeFileSync(join(dir, 'failing.json'), JSON.stringify(profile));
  const r = await runSequenceFile(file, dir, ['--machine', join(dir, 'failing.json'), '--content', content(dir), ...secretArgs()]);
  assert.equal(r.code, 1);
  const capture = r.report.steps.find((s) => s.name === 'Capture User State');
  assert.equal(capture?.exitCode, 27);
  assert.equal(capture?.reason, 'ScanState returned 27 (USMT_INVALID_STORE_LOCATION): the store path is invalid or not reachable: check OSDStateStorePath and its free space');
  assertNoSecretsOutsideTarget(r);
});
