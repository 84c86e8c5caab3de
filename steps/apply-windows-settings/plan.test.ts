import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderUnattend, planUnattend } from '../shared/unattend.ts';
import { editSettings } from '../shared/unattend-edit.ts';
import { parseXmlElement } from '../../engine/step-api.ts';
import { checkWindowsSettings, planWindowsSettings } from './plan.ts';

test('refusals: product key format, licensing mode and limit, missing Administrator password', () => {
  const base = { randomAdminPassword: true };
  assert.equal(checkWindowsSettings({ ...base, productKey: 'ABCDE-12345' }), 'the product key (OSDProductKey) is not in the form XXXXX-XXXXX-XXXXX-XXXXX-XXXXX');
  assert.equal(checkWindowsSettings({ ...base, serverLicenseMode: 'PerUser' }), 'OSDServerLicenseMode is "PerUser", not PerSeat or PerServer');
  assert.equal(checkWindowsSettings({ ...base, serverLicenseConnectionLimit: '4' }), 'OSDServerLicenseConnectionLimit is "4", not a number from 5 to 9999');
  assert.match(checkWindowsSettings({ randomAdminPassword: false }) ?? '', /OSDRandomAdminPassword is false but OSDLocalAdminPassword is empty/);
  assert.equal(checkWindowsSettings({ ...base, productKey: 'VK7JG-NPHTM-C97JM-9MPGT-3V66T', serverLicenseMode: 'PerSeat', serverLicenseConnectionLimit: '5' }), undefined);
});

test('edits keep an admin file\'s other settings, move oobeSystem identity to specialize, and the last instance wins', () => {
  const admin = `<unattend xmlns="urn:schemas-microsoft-com:unattend"><settings pass="oobeSystem"><component name="Microsoft-Windows-Shell-Setup" processorArchitecture="amd64"><TimeZone>UTC</TimeZone><OOBE><ProtectYourPC>3</ProtectYourPC></OOBE></component></settings></unattend>`;
  const tree = parseXmlElement(admin, 'unattend.xml');
  editSettings(tree, 'x64', planWindowsSettings({ randomAdminPassword: false, adminPassword: 'first', timeZone: 'W. Europe Standard Time', computerName: 'PC-1' }));
  editSettings(tree, 'x64', planWindowsSettings({ randomAdminPassword: false, adminPassword: 'second', computerName: 'PC-2', uiLanguage: 'de-DE' }));
  const xml = renderUnattend(tree);
  assert.match(xml, /<ProtectYourPC>3<\/ProtectYourPC>/);
  assert.match(xml, /<settings pass="specialize">[\s\S]*<ComputerName>PC-2<\/ComputerName>[\s\S]*<TimeZone>W\. Europe Standard Time<\/TimeZone>/);
  assert.doesNotMatch(xml, /<TimeZone>UTC/);
  assert.match(xml, /<Value>second<\/Value>/);
  assert.doesNotMatch(xml, /first/);
  assert.match(xml, /Microsoft-Windows-International-Core[\s\S]*<UILanguage>de-DE<\/UILanguage>/);
  const random = planUnattend({ architecture: 'x64' });
  editSettings(random, 'x64', planWindowsSettings({ randomAdminPassword: true }));
  assert.doesNotMatch(renderUnattend(random), /AdministratorPassword/, 'a random password leaves the account disabled');
});
