import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UnsupportedQueryError } from '../ports/machine-probe.ts';
import { parseWql } from './parse-wql.ts';

const REAL_QUERIES = [
  'SELECT * FROM Win32_ComputerSystem WHERE Model LIKE "%Latitude%"',
  "select * from Win32_BIOS where Version like '%VRTUAL%' or SerialNumber like 'VMware%'",
  'SELECT * FROM Win32_SystemEnclosure WHERE ChassisTypes = 9 OR ChassisTypes = 10',
  "SELECT * FROM Win32_OperatingSystem WHERE Version like '10.0%' AND ProductType = 1",
  "SELECT * FROM Win32_DiskDrive WHERE Index = 0 AND InterfaceType <> 'USB'",
  'SELECT * FROM Win32_Battery',
  'Select * From Win32_NetworkAdapterConfiguration Where IPEnabled = TRUE',
  "SELECT * FROM Win32_ComputerSystemProduct WHERE Version LIKE '%ThinkPad T14%'",
  "SELECT * FROM Win32_PnPEntity WHERE DeviceID LIKE 'PCI\\\\VEN_8086%'",
  "SELECT * FROM Win32_OperatingSystem WHERE Version like '[1-9][0-9].%'",
  'SELECT * FROM Win32_Processor WHERE Architecture = 9',
  'SELECT * FROM Win32_BaseBoard WHERE Product = "0X6H5V"',
  "SELECT * FROM Win32_OperatingSystem WHERE ((Version like '10.0.[1-9][0-9][0-9][0-9][0-9]' AND BuildNumber>='17763') OR (Version like '10.[1-9]%')) AND OSType=18 AND ProductType>1",
  'select * from win32_logicaldisk where freespace < 20000000000 and deviceid="c:"',
  "select * from Win32_LogicalDisk where DriveType=3 and DeviceID != 'X:'",
  'Select Manufacturer FROM Win32_ComputerSystem WHERE Manufacturer LIKE "%HP%" OR Manufacturer LIKE "%Hewlett%"',
];

test('parses real-world queries', () => {
  for (const q of REAL_QUERIES) assert.doesNotThrow(() => parseWql(q), q);
});

test('parse trees: select list, class, precedence', () => {
  assert.deepEqual(parseWql('SELECT * FROM Win32_Battery'), { className: 'Win32_Battery', properties: '*' });
  assert.deepEqual(parseWql('select Name, Version from Win32_BIOS').properties, ['Name', 'Version']);
  assert.deepEqual(parseWql('SELECT * FROM C WHERE A = 1 OR B = 2 AND NOT C = 3').where, {
    kind: 'or',
    left: { kind: 'compare', property: 'A', operator: '=', value: 1 },
    right: {
      kind: 'and',
      left: { kind: 'compare', property: 'B', operator: '=', value: 2 },
      right: { kind: 'not', operand: { kind: 'compare', property: 'C', operator: '=', value: 3 } },
    },
  });
});

test('predicates: operators, LIKE, NOT LIKE, IS [NOT] NULL, = NULL, reversed operands', () => {
  const where = (w: string) => parseWql(`SELECT * FROM C WHERE ${w}`).where;
  assert.deepEqual(where("P != 'x'"), { kind: 'compare', property: 'P', operator: '<>', value: 'x' });
  assert.deepEqual(where('P >= -5'), { kind: 'compare', property: 'P', operator: '>=', value: -5 });
  assert.deepEqual(where('5 < P'), { kind: 'compare', property: 'P', operator: '>', value: 5 });
  assert.deepEqual(where('P = FALSE'), { kind: 'compare', property: 'P', operator: '=', value: false });
  assert.deepEqual(where("P NOT LIKE 'a%'"), { kind: 'like', property: 'P', pattern: 'a%', negated: true });
  assert.deepEqual(where('P IS NOT NULL'), { kind: 'isNull', property: 'P', negated: true });
  assert.deepEqual(where('P is null'), { kind: 'isNull', property: 'P', negated: false });
  assert.deepEqual(where('P = NULL'), { kind: 'isNull', property: 'P', negated: false });
  assert.deepEqual(where('P = 0x1F'), { kind: 'compare', property: 'P', operator: '=', value: 31 });
});

test('string literals: both quotes, doubled quotes, backslash escapes', () => {
  const value = (lit: string) => (parseWql(`SELECT * FROM C WHERE P = ${lit}`).where as { value: unknown }).value;
  assert.equal(value("'it''s'"), "it's");
  assert.equal(value('"say ""hi"""'), 'say "hi"');
  assert.equal(value("'PCI\\\\VEN'"), 'PCI\\VEN');
  assert.equal(value("'a\\'b'"), "a'b");
  assert.equal(value("'PCI\\VEN'"), 'PCI\\VEN'); // an unknown escape keeps its backslash
});

const UNSUPPORTED: Array<[query: string, part: RegExp]> = [
  ["ASSOCIATORS OF {Win32_DiskDrive.DeviceID='x'}", /ASSOCIATORS/],
  ["REFERENCES OF {Win32_DiskDrive.DeviceID='x'}", /REFERENCES/],
  ["SELECT * FROM Win32_Foo WHERE __this ISA 'CIM_X'", /ISA/],
  ['SELECT * FROM __InstanceCreationEvent WITHIN 5', /WITHIN/],
  ['SELECT * FROM', /class name/],
  ["SELECT * FROM C WHERE P = 'open", /unterminated/],
  ['SELECT * FROM C WHERE A = B', /two properties/],
  ['SELECT * FROM C WHERE (A = 1', /"\)"/],
  ['SELECT * FROM C WHERE P NOT = 1', /LIKE/],
  ['SELECT * FROM C WHERE P LIKE 5', /LIKE pattern/],
  ['SELECT * FROM C WHERE P < NULL', /NULL/],
  ['SELECT * FROM C WHERE P = 1 extra', /extra/],
  ['DELETE FROM C', /SELECT/],
  ['SELECT * FROM C WHERE P = #', /#/],
];

test('unsupported or invalid queries throw UnsupportedQueryError naming the query and the part', () => {
  for (const [query, part] of UNSUPPORTED) {
    assert.throws(() => parseWql(query), (e: unknown) => {
      assert.ok(e instanceof UnsupportedQueryError, query);
      assert.equal(e.query, query);
      assert.ok(e.message.includes(query), e.message);
      assert.match(e.message, part);
      return true;
    });
  }
});
