import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseXmlElement, type XmlElement } from '../../../engine/index.ts';
import { addDriverPaths } from './driver-paths.ts';

const options = { architecture: 'x64' as const, file: 'C:\\Windows\\Panther\\unattend.xml' };
const local = (name: string) => name.slice(name.indexOf(':') + 1);
const child = (e: XmlElement, name: string) => e.children.find((c) => local(c.name) === name);

/** The driver path entries of the offlineServicing pass: key -> path. */
function driverPaths(text: string): Record<string, string> {
  const root = parseXmlElement(text);
  const pass = root.children.find((c) => c.attributes.pass === 'offlineServicing')!;
  const component = pass.children.find((c) => c.attributes.name === 'Microsoft-Windows-PnpCustomizationsNonWinPE')!;
  const out: Record<string, string> = {};
  for (const e of child(component, 'DriverPaths')!.children) {
    assert.equal(e.attributes['wcm:action'], 'add');
    out[e.attributes['wcm:keyValue']] = child(e, 'Path')!.text;
  }
  return out;
}

const GENERATED = `<?xml version="1.0" encoding="utf-8"?>
<unattend xmlns="urn:schemas-microsoft-com:unattend">
  <settings pass="specialize">
    <component name="Microsoft-Windows-Shell-Setup" processorArchitecture="amd64" publicKeyToken="31bf3856ad364e35" language="neutral" versionScope="nonSxS">
      <ComputerName>PC-01</ComputerName>
    </component>
  </settings>
  <!-- kept as written -->
  <settings pass="oobeSystem">
    <component name="Microsoft-Windows-Shell-Setup" processorArchitecture="amd64" publicKeyToken="31bf3856ad364e35" language="neutral" versionScope="nonSxS">
      <OOBE>
        <HideEULAPage>true</HideEULAPage>
      </OOBE>
    </component>
  </settings>
</unattend>
`;

test('no answer file: a new one holds the pass, the component and one keyed entry per path', () => {
  const text = addDriverPaths(undefined, ['C:\\Drivers\\1', 'C:\\Drivers\\2'], options);
  assert.equal(text, `<?xml version="1.0" encoding="utf-8"?>
<unattend xmlns="urn:schemas-microsoft-com:unattend" xmlns:wcm="http://schemas.microsoft.com/WMIConfig/2002/State">
  <settings pass="offlineServicing">
    <component name="Microsoft-Windows-PnpCustomizationsNonWinPE" processorArchitecture="amd64" publicKeyToken="31bf3856ad364e35" language="neutral" versionScope="nonSxS">
      <DriverPaths>
        <PathAndCredentials wcm:action="add" wcm:keyValue="1">
          <Path>C:\\Drivers\\1</Path>
        </PathAndCredentials>
        <PathAndCredentials wcm:action="add" wcm:keyValue="2">
          <Path>C:\\Drivers\\2</Path>
        </PathAndCredentials>
      </DriverPaths>
    </component>
  </settings>
</unattend>
`);
});

test('an existing answer file keeps every other byte; the pass goes first, with the wcm namespace it lacked', () => {
  const text = addDriverPaths(GENERATED, ['C:\\Drivers\\1'], { ...options, architecture: 'arm64' });
  assert.deepEqual(driverPaths(text), { 1: 'C:\\Drivers\\1' });
  const lines = text.split('\n');
  const added = lines.slice(2, 11);
  assert.equal(added[0], '  <settings pass="offlineServicing" xmlns:wcm="http://schemas.microsoft.com/WMIConfig/2002/State">');
  assert.match(added[1], /processorArchitecture="arm64"/);
  assert.equal(added.at(-1), '  </settings>');
  assert.equal([...lines.slice(0, 2), ...lines.slice(11)].join('\n'), GENERATED);
});

test('entries already there: keys go on from the highest, a path already named is not added twice', () => {
  const first = addDriverPaths(GENERATED, ['C:\\Drivers\\1', 'C:\\Drivers\\2'], options);
  const second = addDriverPaths(first, ['c:\\drivers\\2', 'C:\\Drivers\\3'], options);
  assert.deepEqual(driverPaths(second), { 1: 'C:\\Drivers\\1', 2: 'C:\\Drivers\\2', 3: 'C:\\Drivers\\3' });
  assert.equal(addDriverPaths(second, ['C:\\Drivers\\3'], options), second, 'nothing new: the text as it was');
});

test('a self-closing DriverPaths is opened; CRLF line ends and a wcm prefix declared elsewhere are kept', () => {
  const given = [
    '<unattend xmlns="urn:schemas-microsoft-com:unattend">',
    '\t<settings pass="offlineServicing">',
    '\t\t<component name="Microsoft-Windows-PnpCustomizationsNonWinPE" xmlns:wcm="http://schemas.microsoft.com/WMIConfig/2002/State">',
    '\t\t\t<DriverPaths />',
    '\t\t</component>',
    '\t</settings>',
    '</unattend>',
  ].join('\r\n');
  const text = addDriverPaths(given, ['C:\\Drivers\\1'], options);
  assert.equal(text, [
    ...given.split('\r\n').slice(0, 3),
    '\t\t\t<DriverPaths>',
    '\t\t\t\t<PathAndCredentials wcm:action="add" wcm:keyValue="1">',
    '\t\t\t\t  <Path>C:\\Drivers\\1</Path>',
    '\t\t\t\t</PathAndCredentials>',
    '\t\t\t</DriverPaths>',
    ...given.split('\r\n').slice(4),
  ].join('\r\n'));
  assert.deepEqual(driverPaths(text), { 1: 'C:\\Drivers\\1' });
});

test('a component without DriverPaths gets one; special characters in a path are escaped', () => {
  const given = '<unattend xmlns="urn:schemas-microsoft-com:unattend"><settings pass="offlineServicing"><component name="Microsoft-Windows-PnpCustomizationsNonWinPE"></component></settings></unattend>';
  const text = addDriverPaths(given, ['C:\\Drivers\\R&D <1>'], options);
  assert.deepEqual(driverPaths(text), { 1: 'C:\\Drivers\\R&D <1>' });
  assert.match(text, /<DriverPaths xmlns:wcm="http:\/\/schemas\.microsoft\.com\/WMIConfig\/2002\/State">/);
});

test('a file that is not an answer file is refused, naming it', () => {
  assert.throws(() => addDriverPaths('<unattend', ['C:\\D'], options), { code: 'invalid-input', message: /^C:\\Windows\\Panther\\unattend\.xml: not well-formed XML/ });
  assert.throws(() => addDriverPaths('<sequence/>', ['C:\\D'], options),
    { code: 'invalid-input', message: 'C:\\Windows\\Panther\\unattend.xml: the root element is <sequence>, not <unattend>' });
});
