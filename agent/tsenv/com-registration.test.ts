import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { existingRegistrationQueries, fileUrl, registrationCommands, removalCommands } from './com-registration.ts';
import { TS_ENVIRONMENT } from './com-classes.ts';
import { assertGolden } from './test-support/golden.ts';

const lines = (commands: string[][]) => commands.map((argv) => JSON.stringify(argv)).join('\n') + '\n';

describe('registering the script components', () => {
  it('registers both classes in both views under HKLM (golden)', () => {
    assertGolden('registration.txt', lines(registrationCommands({ folder: 'X:\\Windows\\Temp\\taskseq tsenv\\' })));
  });

  it('removes every key it registered (golden)', () => {
    assertGolden('removal.txt', lines(removalCommands({ folder: 'X:\\Windows\\Temp\\taskseq tsenv' })));
  });

  it('removes exactly the keys it adds, in the views it wrote', () => {
    const options = { folder: 'C:\\t', hive: 'HKCU' as const, views: [64] as const };
    const added = new Set(registrationCommands(options).map((argv) => `${argv[2]} ${argv.at(-1)}`));
    const removed = removalCommands(options).map((argv) => `${argv[2]} ${argv.at(-1)}`);
    assert.deepEqual(removed, [
      'HKCU\\SOFTWARE\\Classes\\Microsoft.SMS.TSEnvironment /reg:64',
      'HKCU\\SOFTWARE\\Classes\\CLSID\\{8AC163BA-EA56-45CB-86BB-3C77EFE5424C} /reg:64',
      'HKCU\\SOFTWARE\\Classes\\Microsoft.SMS.TsProgressUI /reg:64',
      'HKCU\\SOFTWARE\\Classes\\CLSID\\{C4ACBFEC-28F1-4CAD-9276-3881D76E0215} /reg:64',
    ]);
    for (const key of added) assert.ok(removed.some((r) => key.startsWith(r.split(' ')[0]!) && key.endsWith(r.split(' ')[1]!)), `${key} is removed`);
  });

  it('asks whether another ProgID is registered already', () => {
    assert.deepEqual(existingRegistrationQueries({ classes: [TS_ENVIRONMENT] }), [['reg', 'query', 'HKLM\\SOFTWARE\\Classes\\Microsoft.SMS.TSEnvironment\\CLSID', '/ve']]);
  });

  it('points the scriptlet URL at the file as a file URL', () => {
    assert.equal(fileUrl('C:\\a b\\x#1.wsc'), 'file:///C:/a%20b/x%231.wsc');
  });
});
