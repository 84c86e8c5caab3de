import { test } from 'node:test';
import assert from 'node:assert/strict';
import { substituteVariables } from './substitute-variables.ts';

const vars: Record<string, { text: string; secret: boolean }> = {
  osdcomputername: { text: 'PC-0001', secret: false },
  org: { text: 'R&D <Lab>', secret: false },
  adminpassword: { text: 'Pw-1', secret: true },
  index: { text: '2', secret: false },
};
const lookup = (n: string) => vars[n.toLowerCase()];

test('element text is substituted and escaped; tags, attributes and comments are not', () => {
  const xml = '<?xml version="1.0"?>\n<u a="%OSDComputerName%"><!-- %OSDComputerName% --><ComputerName>%OSDComputerName%</ComputerName><Org>%Org% %Org%</Org><x:Value xmlns:x="u">%AdminPassword%</x:Value></u>';
  const r = substituteVariables(xml, lookup);
  assert.equal(r.text, '<?xml version="1.0"?>\n<u a="%OSDComputerName%"><!-- %OSDComputerName% --><ComputerName>PC-0001</ComputerName><Org>R&amp;D &lt;Lab&gt; R&amp;D &lt;Lab&gt;</Org><x:Value xmlns:x="u">Pw-1</x:Value></u>');
  assert.deepEqual(r.replaced, ['OSDComputerName', 'Org', 'AdminPassword']);
  assert.equal(r.secret, true);
});

test('numeric-only fields keep their tokens; unknown variables stay as typed; CDATA is substituted raw', () => {
  const xml = '<u><Order>%Index%</Order><DiskID>%Index%</DiskID><Path>%Unknown%\\x</Path><Cmd><![CDATA[echo %Org%]]></Cmd><Empty/><Name>%Index%</Name></u>';
  const r = substituteVariables(xml, lookup);
  assert.equal(r.text, '<u><Order>%Index%</Order><DiskID>%Index%</DiskID><Path>%Unknown%\\x</Path><Cmd><![CDATA[echo R&D <Lab>]]></Cmd><Empty/><Name>2</Name></u>');
  assert.deepEqual(r.keptInNumeric, [{ field: 'order', token: '%Index%' }, { field: 'diskid', token: '%Index%' }]);
  assert.equal(r.secret, false);
});
