/** Which program reads the WMI snapshot: PowerShell's CIM, or wmic where PowerShell is absent. */
import { TaskseqError } from '../../../../engine/index.ts';
import type { RunProcess } from '../../process/process-types.ts';
import { readPowerShellSnapshot } from './powershell-snapshot.ts';
import { readWmicSnapshot } from './wmic-snapshot.ts';
import type { WmiSnapshot } from './wmi-snapshot.ts';

function isToolMissing(e: unknown): e is TaskseqError {
  return e instanceof TaskseqError && e.code === 'tool-missing';
}

/**
 * The snapshot from PowerShell; when PowerShell is not there, from wmic.
 * @throws TaskseqError `tool-missing` when neither is (Windows PE needs WinPE-WMI for either, and WinPE-PowerShell
 *   with WinPE-NetFx for PowerShell); `unsupported` naming the command when the one that ran failed
 */
export async function readWmiSnapshot(run: RunProcess): Promise<WmiSnapshot> {
  try {
    return await readPowerShellSnapshot(run);
  } catch (e) {
    if (!isToolMissing(e)) throw e;
    try {
      return await readWmicSnapshot(run);
    } catch (wmic) {
      if (!isToolMissing(wmic)) throw wmic;
      throw new TaskseqError('tool-missing', `cannot read this machine's WMI facts: neither powershell.exe nor wmic.exe is there (Windows PE needs the WinPE-WMI optional component for either, and WinPE-PowerShell with WinPE-NetFx for PowerShell): ${e.message}; ${wmic.message}`, { cause: wmic });
    }
  }
}
