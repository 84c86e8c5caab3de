import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maskAnswerFilePasswords, readAnswerFileSettings, SENSITIVE_DATA_DELETED } from './answer-file-settings.ts';
import { RESUME_HOOK_MARKER, SETUP_COMPLETE_PATH } from './resume-hook.ts';
import { generalize, prepareClient } from './sysprep.ts';
import { ANSWER_FILE_PATH } from '../../../../engine/index.ts';
import { generatedComputerName, runWindowsSetup, type SetupVolume } from './windows-setup.ts';
import { newWindowsState, type WindowsState } from './windows-state.ts';

const ENTERPRISE = { caption: 'Microsoft Windows 11 Enterprise', version: '10.0.22631', editionId: 'Enterprise', architecture: 'x64', osLanguage: 1033, productType: 1 };
const HOOK = `@echo off\r\n${RESUME_HOOK_MARKER}\r\n`;

function volume(files: Record<string, string>): SetupVolume & { files: Record<string, string> } {
  return { name: 'C:', files, readFile: (p) => files[p], writeFile: (p, c) => { files[p] = c; } };
}

const answer = (specialize: string, oobe = '') => `<?xml version="1.0"?><unattend xmlns="urn:schemas-microsoft-com:unattend"><settings pass="specialize">${specialize}</settings><settings pass="oobeSystem">${oobe}</settings></unattend>`;

test('Setup applies the answer file: name, owner, time zone, locales, administrator, domain join; then masks passwords', () => {
  const state = newWindowsState(ENTERPRISE);
  state.configMgrClient = { state: 'staged', installProperties: 'SMSMP=cm01' };
  const xml = answer(
    '<component name="Microsoft-Windows-Shell-Setup"><ComputerName>pc-0001</ComputerName><RegisteredOwner>Lab</RegisteredOwner><TimeZone>GMT Standard Time</TimeZone></component>'
    + '<component name="Microsoft-Windows-UnattendedJoin"><Identification><Credentials><Domain>CORP</Domain><Username>joiner</Username><Password>Join-Pw-7</Password></Credentials><JoinDomain>corp.example</JoinDomain><MachineObjectOU>OU=PCs,DC=corp,DC=example</MachineObjectOU></Identification></component>',
    '<component name="Microsoft-Windows-Shell-Setup"><UserAccounts><AdministratorPassword><Value>Admin-Pw-1</Value><PlainText>true</PlainText></AdministratorPassword></UserAccounts></component>'
    + '<component name="Microsoft-Windows-International-Core"><UILanguage>en-GB</UILanguage><UserLocale>en-GB</UserLocale></component>');
  const v = volume({ [SETUP_COMPLETE_PATH]: HOOK, [ANSWER_FILE_PATH]: xml });
  const log = runWindowsSetup(state, v, 'SERIAL1');
  assert.equal(state.phase, 'specialized');
  assert.equal(state.computerName, 'PC-0001');
  assert.equal(state.registeredOwner, 'Lab');
  assert.equal(state.timeZone, 'GMT Standard Time');
  assert.deepEqual(state.locale, { uiLanguage: 'en-GB', userLocale: 'en-GB' });
  assert.equal(state.administratorEnabled, true);
  assert.deepEqual(state.membership, { kind: 'domain', name: 'corp.example', ou: 'OU=PCs,DC=corp,DC=example' });
  assert.equal(state.configMgrClient.state, 'installed');
  assert.match(v.files['Windows\\SMSCFG.ini'], /SMS Unique Identifier=GUID:[0-9A-F-]{36}\r\nInstall Properties=SMSMP=cm01/);
  assert.ok(log.includes('joined domain corp.example in OU=PCs,DC=corp,DC=example'));
  const kept = v.files[ANSWER_FILE_PATH];
  assert.ok(!kept.includes('Join-Pw-7') && !kept.includes('Admin-Pw-1'));
  assert.equal(kept.split(SENSITIVE_DATA_DELETED).length - 1, 2);
  assert.match(kept, /<Username>joiner<\/Username>/, 'only passwords are masked');
});

test('a generated name, a join without an account, an unknown time zone: Setup goes on with defaults', () => {
  const state = newWindowsState(ENTERPRISE);
  const xml = answer('<component name="Microsoft-Windows-Shell-Setup"><ComputerName>*</ComputerName><TimeZone>Mars Standard Time</TimeZone></component><component name="Microsoft-Windows-UnattendedJoin"><Identification><JoinDomain>corp.example</JoinDomain></Identification></component>');
  const log = runWindowsSetup(state, volume({ [SETUP_COMPLETE_PATH]: HOOK, [ANSWER_FILE_PATH]: xml }), 'SERIAL1');
  assert.equal(state.computerName, generatedComputerName('SERIAL1'));
  assert.match(state.computerName!, /^DESKTOP-[0-9A-F]{7}$/);
  assert.deepEqual(state.membership, { kind: 'workgroup', name: 'WORKGROUP' });
  assert.equal(state.timeZone, 'Pacific Standard Time');
  assert.equal(state.administratorEnabled, false);
  assert.ok(log.some((l) => /could not join domain corp\.example: the answer file has no join account/.test(l)));
  assert.ok(log.some((l) => /time zone "Mars Standard Time" is unknown/.test(l)));
});

test('Setup refuses, changing nothing, when the sequence would not resume', () => {
  const cases: Array<[string, Record<string, string>, Partial<WindowsState>, RegExp]> = [
    ['no hook', {}, {}, /has no C:\\Windows\\Setup\\Scripts\\SetupComplete\.cmd to start the task sequence again/],
    ['custom SetupComplete.cmd', { [SETUP_COMPLETE_PATH]: '@echo off\r\nstart myapp.exe\r\n' }, {}, /the image has its own .*SetupComplete\.cmd/],
    ['OEM key on Professional', { [SETUP_COMPLETE_PATH]: HOOK }, { productKeyChannel: 'OEM', identity: { ...ENTERPRISE, editionId: 'Professional', caption: 'Microsoft Windows 11 Pro' } }, /holds an OEM product key/],
  ];
  for (const [name, files, over, message] of cases) {
    const state = { ...newWindowsState(ENTERPRISE), ...over };
    const before = JSON.stringify(state);
    assert.throws(() => runWindowsSetup(state, volume(files), 'S'), (e: Error) => message.test(e.message), name);
    assert.equal(JSON.stringify(state), before, name);
  }
  const oemEnterprise = { ...newWindowsState(ENTERPRISE), productKeyChannel: 'OEM' as const };
  assert.doesNotThrow(() => runWindowsSetup(oemEnterprise, volume({ [SETUP_COMPLETE_PATH]: HOOK }), 'S'));
});

test('a set-up installation boots without Setup', () => {
  const state = { ...newWindowsState(ENTERPRISE), phase: 'specialized' as const, computerName: 'PC1' };
  assert.deepEqual(runWindowsSetup(state, volume({}), 'S'), []);
});

test('Sysprep refuses a domain member and generalizes a workgroup member; client preparation removes the identity', () => {
  const joined = { ...newWindowsState(ENTERPRISE), phase: 'specialized' as const, computerName: 'PC1', membership: { kind: 'domain' as const, name: 'corp.example' } };
  assert.throws(() => generalize(joined, { keepActivation: false }), /cannot generalize a computer joined to a domain \(corp\.example\)/);
  assert.equal(joined.phase, 'specialized');
  const ws = { ...newWindowsState(ENTERPRISE), phase: 'specialized' as const, computerName: 'PC1', configMgrClient: { state: 'installed' as const } };
  const removed: string[] = [];
  assert.equal(prepareClient(ws, (p) => removed.push(p)), true);
  generalize(ws, { keepActivation: true });
  assert.deepEqual([ws.phase, ws.computerName, ws.configMgrClient.state, removed], ['generalized', undefined, 'prepared', ['Windows\\SMSCFG.ini']]);
  assert.equal(prepareClient(newWindowsState(ENTERPRISE), () => assert.fail('nothing to remove')), false);
});

test('password masking keeps everything else byte for byte', () => {
  const xml = '<a><AutoLogon><Password><Value>p1</Value><PlainText>true</PlainText></Password><Username>u</Username></AutoLogon><LocalAccount><Password>p2</Password><Name>x</Name></LocalAccount><Other>p3</Other></a>';
  assert.equal(maskAnswerFilePasswords(xml), `<a><AutoLogon><Password><Value>${SENSITIVE_DATA_DELETED}</Value><PlainText>true</PlainText></Password><Username>u</Username></AutoLogon><LocalAccount><Password>${SENSITIVE_DATA_DELETED}</Password><Name>x</Name></LocalAccount><Other>p3</Other></a>`);
  assert.equal(readAnswerFileSettings(answer(''), 'f').administratorPassword, false);
});
