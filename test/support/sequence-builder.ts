/** Small builders for task sequence XML in tests (ConfigMgr form). */

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface NodeOptions {
  continueOnError?: boolean;
  disable?: boolean;
  condition?: string;
  runIn?: 'WinPE' | 'FullOS' | 'WinPEandFullOS';
  successCodes?: string;
  timeout?: number;
  retryCount?: number;
}

function attrs(name: string, o: NodeOptions, extra = ''): string {
  let a = `name="${esc(name)}"`;
  if (o.continueOnError) a += ' continueOnError="true"';
  if (o.disable) a += ' disable="true"';
  if (o.runIn) a += ` runIn="${o.runIn}"`;
  if (o.timeout !== undefined) a += ` timeout="${o.timeout}"`;
  if (o.retryCount !== undefined) a += ` retryCount="${o.retryCount}"`;
  return a + extra;
}

const cond = (o: NodeOptions): string => (o.condition ? `<condition>${o.condition}</condition>` : '');

export function sequence(children: string[], opts: { globals?: Record<string, string>; references?: string[] } = {}): string {
  const globals = opts.globals ? `<globalVarList>${Object.entries(opts.globals).map(([n, v]) => `<variable name="${esc(n)}" property="${esc(n)}">${esc(v)}</variable>`).join('')}</globalVarList>` : '';
  const refs = opts.references ? `<referenceList>${opts.references.map((r) => `<reference package="${r}"/>`).join('')}</referenceList>` : '';
  return `<?xml version="1.0" encoding="utf-8"?>\n<sequence version="3.10">${refs}${globals}\n${children.join('\n')}\n</sequence>\n`;
}

export function group(name: string, children: string[], o: NodeOptions = {}): string {
  return `<group ${attrs(name, o)} description="">${cond(o)}\n${children.join('\n')}\n</group>`;
}

export function command(name: string, commandLine: string, o: NodeOptions & { packageId?: string; outputVariable?: string } = {}): string {
  const codes = o.successCodes ?? '0 3010';
  const pkg = o.packageId ? `<variable name="PackageID" property="PackageID" hidden="true">${o.packageId}</variable>` : '';
  const out = o.outputVariable ? `<variable name="SMSTSRunCommandLineOutputVariableName" property="OutputVariableName">${esc(o.outputVariable)}</variable>` : '';
  return `<step type="SMS_TaskSequence_RunCommandLineAction" ${attrs(name, o, ` successCodeList="${codes}"`)}>${cond(o)}<action>smsswd.exe /run:${o.packageId ?? ''} ${esc(commandLine)}</action><defaultVarList><variable name="CommandLine" property="CommandLine" hidden="true">${esc(commandLine)}</variable>${pkg}${out}</defaultVarList></step>`;
}

export function setVariable(name: string, variable: string, value: string, o: NodeOptions & { hidden?: boolean } = {}): string {
  return `<step type="SMS_TaskSequence_SetVariableAction" ${attrs(name, o, ' successCodeList="0"')}>${cond(o)}<action>tsenv.exe "${esc(variable)}=${esc(value)}"</action><defaultVarList><variable name="VariableName" property="VariableName" hidden="true">${esc(variable)}</variable><variable name="VariableValue" property="VariableValue" hidden="true">${esc(value)}</variable><variable name="DoNotShowVariableValue" property="DoNotShowVariableValue" hidden="true">${o.hidden ? 'true' : 'false'}</variable></defaultVarList></step>`;
}

export function restart(name: string, target: 'HD' | 'WinPE', o: NodeOptions = {}): string {
  return `<step type="SMS_TaskSequence_RebootAction" ${attrs(name, o, ' successCodeList="0"')}>${cond(o)}<action>smsboot.exe /target:${target}</action><defaultVarList><variable name="SMSRebootTarget" property="Target" hidden="true">${target}</variable><variable name="SMSRebootMessage" property="Message">Restarting</variable><variable name="SMSRebootTimeout" property="MessageTimeout">0</variable></defaultVarList></step>`;
}

export function runTaskSequence(name: string, packageId: string, o: NodeOptions = {}): string {
  return `<subtasksequence type="SMS_TaskSequence_SubTasksequence" ${attrs(name, o, ' successCodeList="0"')}>${cond(o)}<action>SubTasksequence.exe</action><defaultVarList><variable name="OSDSubTasksequencePackageID" property="TsPackageID">${packageId}</variable></defaultVarList></subtasksequence>`;
}

export function varCondition(variable: string, operator: string, value = ''): string {
  return `<expression type="SMS_TaskSequence_VariableConditionExpression"><variable name="Operator">${operator}</variable><variable name="Value">${esc(value)}</variable><variable name="Variable">${esc(variable)}</variable></expression>`;
}

export function wmiCondition(query: string): string {
  return `<expression type="SMS_TaskSequence_WMIConditionExpression"><variable name="Namespace">root\\cimv2</variable><variable name="Query">${esc(query)}</variable></expression>`;
}

export interface PartitionSpec {
  type: string;
  fileSystem?: string;
  size?: string;
  units?: string;
  bootable?: boolean;
  volumeName?: string;
  letterVariable?: string;
  assignLetter?: boolean;
}

/** A Format and Partition Disk step in the ConfigMgr export form (`OSDPartitions<n>*`). */
export function partitionDisk(name: string, style: 'MBR' | 'GPT', partitions: PartitionSpec[], o: NodeOptions & { disk?: number } = {}): string {
  const v = (n: string, p: string, value: string) => `<variable name="${n}" property="${p}">${esc(value)}</variable>`;
  const parts = partitions.flatMap((p, i) => [
    v(`OSDPartitions${i}Type`, `Partitions${i}Type`, p.type),
    ...(p.fileSystem ? [v(`OSDPartitions${i}FileSystem`, `Partitions${i}FileSystem`, p.fileSystem)] : []),
    ...(p.size ? [v(`OSDPartitions${i}Size`, `Partitions${i}Size`, p.size)] : []),
    v(`OSDPartitions${i}SizeUnits`, `Partitions${i}SizeUnits`, p.units ?? 'MB'),
    v(`OSDPartitions${i}Bootable`, `Partitions${i}Bootable`, p.bootable ? 'true' : 'false'),
    v(`OSDPartitions${i}QuickFormat`, `Partitions${i}QuickFormat`, 'true'),
    v(`OSDPartitions${i}VolumeName`, `Partitions${i}VolumeName`, p.volumeName ?? ''),
    v(`OSDPartitions${i}VolumeLetterVariable`, `Partitions${i}VolumeLetterVariable`, p.letterVariable ?? ''),
    v(`OSDPartitions${i}AssignVolumeLetter`, `Partitions${i}AssignVolumeLetter`, p.assignLetter === false ? 'false' : 'true'),
  ]);
  const runIn: NodeOptions = { runIn: 'WinPE', ...o };
  return `<step type="SMS_TaskSequence_PartitionDiskAction" ${attrs(name, runIn, ' successCodeList="0"')}>${cond(o)}<action>osddiskpart.exe</action><defaultVarList>${v('OSDDiskIndex', 'DiskIndex', String(o.disk ?? 0))}${v('OSDDiskType', 'DiskType', 'BASIC')}${v('OSDPartitionStyle', 'PartitionStyle', style)}${v('OSDPartitions', 'Partitions', String(partitions.length))}${parts.join('')}</defaultVarList></step>`;
}

/** The usual UEFI layout (ConfigMgr wizard / MDT template shape). */
export const UEFI_LAYOUT: PartitionSpec[] = [
  { type: 'EFI', fileSystem: 'FAT32', size: '499', units: 'MB', volumeName: 'Boot' },
  { type: 'MSR', size: '128', units: 'MB' },
  { type: 'Primary', fileSystem: 'NTFS', size: '99', units: '%', volumeName: 'Windows', letterVariable: 'OSDisk' },
  { type: 'Recovery', fileSystem: 'NTFS', size: '100', units: '%', volumeName: 'Recovery' },
];

/** The usual BIOS layout. */
export const BIOS_LAYOUT: PartitionSpec[] = [
  { type: 'Primary', fileSystem: 'NTFS', size: '499', units: 'MB', bootable: true, volumeName: 'System Reserved' },
  { type: 'Primary', fileSystem: 'NTFS', size: '99', units: '%', volumeName: 'Windows', letterVariable: 'OSDisk' },
  { type: 'Recovery', fileSystem: 'NTFS', size: '100', units: '%', volumeName: 'Recovery' },
];

/** A `<variable>` of a step's defaults. */
const v = (name: string, property: string, value: string): string => `<variable name="${name}" property="${property}">${esc(value)}</variable>`;

/** Apply Operating System Image of `packageId` index `index` to the letter in `OSDisk`. */
export function applyOs(name: string, packageId: string, o: NodeOptions & { index?: number; extra?: string } = {}): string {
  return `<step type="SMS_TaskSequence_ApplyOperatingSystemAction" ${attrs(name, { runIn: 'WinPE', ...o }, ' successCodeList="0"')}>${cond(o)}<action>OSDApplyOS.exe /image:${packageId},%OSDImageIndex% /target:%OSDisk%</action><defaultVarList>${v('ImagePackageID', 'ImagePackageID', packageId)}${v('OSDImageIndex', 'ImageIndex', String(o.index ?? 1))}${v('DestinationVariable', 'DestinationVariable', 'OSDisk')}${o.extra ?? ''}</defaultVarList></step>`;
}

/** Setup Windows and ConfigMgr with an optional client package and install properties. */
export function setupWindows(name: string, o: NodeOptions & { clientPackage?: string; properties?: string } = {}): string {
  const pkg = o.clientPackage ? v('_SMSClientPackageID', 'ClientPackageID', o.clientPackage) : '';
  return `<step type="SMS_TaskSequence_SetupWindowsAndSMSAction" ${attrs(name, { runIn: 'WinPE', ...o }, ' successCodeList="0"')}>${cond(o)}<action>OSDSetupWindows.exe</action><defaultVarList>${pkg}${v('SMSClientInstallProperties', 'ClientInstallProperties', o.properties ?? '')}</defaultVarList></step>`;
}

export function prepareClient(name: string, o: NodeOptions = {}): string {
  return `<step type="SMS_TaskSequence_PrepareSMSClientAction" ${attrs(name, { runIn: 'FullOS', ...o }, ' successCodeList="0"')}>${cond(o)}<action>osdpreparesmsclient.exe</action></step>`;
}

export function prepareWindows(name: string, o: NodeOptions & { shutdown?: boolean } = {}): string {
  return `<step type="SMS_TaskSequence_PrepareOSAction" ${attrs(name, { runIn: 'FullOS', ...o }, ' successCodeList="0"')}>${cond(o)}<action>osdprepareos.exe /activate:%OSDKeepActivation% /bmsd:%OSDBuildStorageDriverList% /shutdown:%OSDShutdownPreparedOs%</action><defaultVarList>${v('OSDKeepActivation', 'KeepActivation', 'false')}${v('OSDBuildStorageDriverList', 'BuildStorageDriverList', 'false')}${v('OSDShutdownPreparedOs', 'ShutdownPreparedOs', o.shutdown ? 'true' : 'false')}</defaultVarList></step>`;
}

/** Capture Operating System Image to `destination`, with a capture account whose password is secret. */
export function captureImage(name: string, destination: string, o: NodeOptions & { password?: string } = {}): string {
  return `<step type="SMS_TaskSequence_CaptureSystemImageAction" ${attrs(name, { runIn: 'WinPE', ...o }, ' successCodeList="0"')}>${cond(o)}<action>osdcapturesystemimage.exe</action><defaultVarList>${v('OSDCaptureDestination', 'CaptureDestination', destination)}${v('OSDImageCreator', 'ImageCreator', 'Lab')}${v('OSDImageDescription', 'ImageDescription', 'Reference')}${v('OSDImageVersion', 'ImageVersion', '1.0')}${v('OSDCaptureAccount', 'CaptureAccount', 'LAB\\capture')}${v('OSDCaptureAccountPassword', 'CaptureAccountPassword', o.password ?? 'Capture-Secret-1')}</defaultVarList></step>`;
}
