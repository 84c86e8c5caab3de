import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { CaptureUserStateRequest, RestoreUserStateRequest } from '../../../engine/index.ts';
import { quoteWindowsArgv } from './dism-command.ts';
import { renderLoadState, renderScanState } from './usmt-command.ts';
import { explainUsmtExitCode } from './usmt-exit-codes.ts';

const golden = (name: string) => readFileSync(new URL(`./fixtures/usmt/${name}`, import.meta.url), 'utf8');
const KEY = 'Usmt-Key-Secret';
const PASSWORD = 'L0cal-Secret';

const capture: CaptureUserStateRequest = {
  toolFolder: 'C:\\_SMSTaskSequence\\Packages\\LAB00USM\\amd64', storePath: '\\\\smp01\\SMPSTORE$\\STORE-1', mode: 'Advanced',
  configFiles: ['MigApp.xml', 'MigUser.xml', 'Custom.xml'], verbose: true, hardLink: false, logFile: 'C:\\_SMSTaskSequence\\Logs\\ScanState.log',
  continueOnLockedFiles: true, skipEncryptedFiles: true, encryptionKey: KEY, additionalOptions: '/ue:*\\temp /uel:90',
};

test('scanstate golden: advanced mode, encrypted store on a share, key masked in what is shown', () => {
  const plan = renderScanState(capture);
  assert.equal(quoteWindowsArgv(plan.shown) + '\n', golden('scanstate-encrypted.cmdline.txt'));
  assert.ok(plan.argv.includes(`/key:${KEY}`), 'the process gets the key');
  assert.ok(!plan.shown.join(' ').includes(KEY));
});

test('scanstate golden: offline hard-link capture in Windows PE (no encryption, EFS files linked)', () => {
  const plan = renderScanState({ ...capture, mode: 'Simple', configFiles: [], verbose: false, hardLink: true, skipEncryptedFiles: false, continueOnLockedFiles: false,
    storePath: 'C:\\_SMSTaskSequence\\UserState', offlineWindowsDirectory: 'C:\\Windows', additionalOptions: undefined });
  assert.equal(quoteWindowsArgv(plan.argv) + '\n', golden('scanstate-offline-hardlink.cmdline.txt'));
});

test('loadstate golden: local accounts created and enabled, password and key masked', () => {
  const restore: RestoreUserStateRequest = {
    toolFolder: 'C:\\_SMSTaskSequence\\Packages\\LAB00USM\\amd64', storePath: '\\\\smp01\\SMPSTORE$\\STORE-1', mode: 'Simple', configFiles: [],
    verbose: false, hardLink: false, logFile: 'C:\\Windows\\CCM\\Logs\\LoadState.log', continueOnError: true, localAccountPassword: PASSWORD, encryptionKey: KEY,
  };
  const plan = renderLoadState(restore);
  assert.equal(quoteWindowsArgv(plan.shown) + '\n', golden('loadstate-lac.cmdline.txt'));
  assert.ok(plan.argv.includes(`/lac:${PASSWORD}`) && plan.argv.includes('/lae'));
  assert.ok(!plan.shown.join(' ').includes(PASSWORD) && !plan.shown.join(' ').includes(KEY));
  const hardLink = renderLoadState({ ...restore, hardLink: true, localAccountPassword: undefined, continueOnError: false });
  assert.equal(quoteWindowsArgv(hardLink.argv) + '\n', golden('loadstate-hardlink.cmdline.txt'));
});

test('USMT exit codes are explained; unknown ones say so', () => {
  assert.equal(explainUsmtExitCode('ScanState', 27), 'ScanState returned 27 (USMT_INVALID_STORE_LOCATION): the store path is invalid or not reachable: check OSDStateStorePath and its free space');
  assert.match(explainUsmtExitCode('LoadState', 14), /USMT_ERROR_USE_LAC.*OSDMigrateLocalAccounts/);
  assert.match(explainUsmtExitCode('LoadState', 61), /USMT_MIGRATION_STOPPED_NONFATAL/);
  assert.equal(explainUsmtExitCode('ScanState', 999), 'ScanState returned 999, which USMT does not document: see the USMT log');
});

test('a store path that scanstate or loadstate would read as an option is refused, naming OSDStateStorePath', () => {
  for (const storePath of ['/hardlink', '-i:evil.xml', ' /o']) {
    assert.throws(() => renderScanState({ ...capture, storePath }), (e: Error & { code?: string }) =>
      e.code === 'invalid-input' && e.message.startsWith(`scanstate: store path (OSDStateStorePath) ${storePath} begins with`));
    assert.throws(() => renderLoadState({ ...capture, storePath, continueOnError: false } as RestoreUserStateRequest), { code: 'invalid-input' });
  }
  // Inside an option the value cannot become one: the log file rides behind /l:.
  assert.ok(renderScanState({ ...capture, logFile: '/x.log' }).argv.includes('/l:/x.log'));
});
