import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFakeContext } from '../test-support/fake-context.ts';
import { createWindowsFake, installation } from '../test-support/windows-fake.ts';
import { joinDomainWorkgroupStep } from './index.ts';

function setup(defaults: Array<[string, string, string]>) {
  const windows = createWindowsFake([installation('C:', { generalized: false })], 'C:');
  const f = createFakeContext({
    environment: { inWinPE: false }, windows: windows.port,
    node: { type: 'SMS_TaskSequence_JoinDomainWorkgroupAction', defaultVarList: defaults.map(([name, property, value]) => ({ name, property, value })) },
  });
  return { f, windows };
}

test('a domain join without OSDJoinAccount is refused before anything changes', async () => {
  const { f, windows } = setup([['OSDJoinType', 'Type', '0'], ['OSDJoinDomainName', 'DomainName', 'corp.example']]);
  const r = await joinDomainWorkgroupStep.run(f.ctx);
  assert.deepEqual([r.exitCode, r.message], [87, 'joining domain corp.example needs an account: OSDJoinAccount is empty']);
  assert.deepEqual(windows.joins, []);
});

test('a domain join without a password tries a blank one and restarts; OSDJoinSkipReboot skips the restart', async () => {
  const { f, windows } = setup([['OSDJoinType', 'Type', '0'], ['OSDJoinDomainName', 'DomainName', 'corp.example'], ['OSDJoinAccount', 'DomainUserName', 'CORP\\svc'], ['OSDJoinDomainOUName', 'DomainOUName', 'LDAP://OU=PCs,DC=corp,DC=example']]);
  assert.equal((await joinDomainWorkgroupStep.run(f.ctx)).exitCode, 0);
  assert.deepEqual(windows.joins, [{ kind: 'domain', name: 'corp.example', account: 'CORP\\svc', ou: 'OU=PCs,DC=corp,DC=example' }]);
  assert.deepEqual(f.reboots, [{ target: 'HD' }]);
  assert.ok(f.logs.some((l) => /trying a blank password for CORP\\svc/.test(l.message)));
  const wg = setup([['OSDJoinType', 'Type', '1'], ['OSDJoinWorkgroupName', 'WorkgroupName', 'LAB'], ['OSDJoinSkipReboot', 'SkipReboot', 'true']]);
  assert.equal((await joinDomainWorkgroupStep.run(wg.f.ctx)).exitCode, 0);
  assert.deepEqual([wg.windows.joins, wg.f.reboots], [[{ kind: 'workgroup', name: 'LAB' }], []]);
});
