/**
 * The answer file of the applied Windows (`Windows\Panther\unattend.xml` on `OSDTargetSystemDrive`), read as a tree
 * for Apply Windows Settings and Apply Network Settings to edit and write back. They edit it in place, after Apply
 * Operating System Image wrote it and before Setup Windows and ConfigMgr completes it, so each instance's values
 * replace the earlier ones (the last instance wins) and everything else in the file stays.
 */
import { InvalidInputError, parseXmlElement } from '../../engine/step-api.ts';
import type { StepContext, StepResult, XmlElement } from '../../engine/step-api.ts';
import { ANSWER_FILE_PATH, EXIT_FAILED, EXIT_INVALID_PARAMETER } from '../../engine/step-api.ts';
import { planUnattend, renderUnattend } from './unattend.ts';

export interface TargetAnswerFile {
  drive: string;
  architecture: string;
  tree: XmlElement;
}

const fail = (exitCode: number, message: string): StepResult => ({ exitCode, message });

/** Opens the target's answer file, or the failed result saying why there is none to edit. */
export function openTargetAnswerFile(ctx: StepContext): TargetAnswerFile | StepResult {
  const drive = ctx.vars.get('OSDTargetSystemDrive')?.trim();
  if (!drive) return fail(EXIT_INVALID_PARAMETER, 'no applied Windows: OSDTargetSystemDrive is not set; run this step after Apply Operating System Image');
  const windows = ctx.ports.windows.describe(drive);
  if (!windows) return fail(EXIT_INVALID_PARAMETER, `${drive} (OSDTargetSystemDrive) holds no Windows installation`);
  const file = `${drive}\\${ANSWER_FILE_PATH}`;
  const text = ctx.ports.volumes.readFile(drive, ANSWER_FILE_PATH);
  if (text === undefined) {
    ctx.log.info(`${file} does not exist yet; starting a new answer file`);
    return { drive, architecture: windows.architecture, tree: planUnattend({ architecture: windows.architecture }) };
  }
  try {
    return { drive, architecture: windows.architecture, tree: parseXmlElement(text, file) };
  } catch (e) {
    if (e instanceof InvalidInputError) return fail(EXIT_INVALID_PARAMETER, e.message);
    throw e;
  }
}

/** Writes the edited tree back; the file may hold secrets, so its text is never logged. */
export function saveTargetAnswerFile(ctx: StepContext, file: TargetAnswerFile): StepResult | undefined {
  try {
    ctx.ports.volumes.writeFile(file.drive, ANSWER_FILE_PATH, renderUnattend(file.tree));
    return undefined;
  } catch (e) {
    return fail(EXIT_FAILED, `cannot write ${file.drive}\\${ANSWER_FILE_PATH}: ${(e as Error).message}`);
  }
}
