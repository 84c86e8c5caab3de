/** Building the answer file text before anything is wiped, so a bad package answer file refuses the step early. */
import { InvalidInputError } from '../../engine/step-api.ts';
import type { ImageFacts, StepContext, StepResult } from '../../engine/step-api.ts';
import { EXIT_CONTENT_NOT_FOUND, EXIT_INVALID_PARAMETER } from '../../engine/step-api.ts';
import { readVariableExpansion } from '../shared/option-value.ts';
import type { ApplyImageOptions } from '../shared/image/apply-image-options.ts';
import { mergeUnattend, planUnattend, renderUnattend } from '../shared/unattend.ts';

const fail = (exitCode: number, message: string): StepResult => ({ exitCode, message });

function readPackageFile(ctx: StepContext, packageId: string, name: string): string | StepResult {
  if (ctx.ports.content.resolve(packageId) === undefined) {
    return fail(EXIT_CONTENT_NOT_FOUND, `package ${packageId} (option ConfigFilePackage) is not available; packages: ${ctx.ports.content.available().join(', ') || 'none'}`);
  }
  const text = ctx.ports.content.readText(packageId, name);
  return text ?? fail(EXIT_CONTENT_NOT_FOUND, `answer file ${name} (option ConfigFileName) is not in package ${packageId}`);
}

/**
 * The answer file's text: the generated one (ComputerName from `OSDComputerName` when set and not secret) merged with
 * the package answer file when the options name one. Passwords are never written here.
 */
export function buildAnswerFile(ctx: StepContext, options: ApplyImageOptions, image: ImageFacts): string | StepResult {
  const name = readVariableExpansion(ctx, 'OSDComputerName');
  if (name?.secret) ctx.log.warn('OSDComputerName is secret; it is left out of the answer file');
  const generated = planUnattend({ architecture: image.architecture, ...(name && !name.secret ? { computerName: name.text } : {}) });
  if (!options.configPackage) return renderUnattend(generated);
  const fileName = options.configFileName ?? 'unattend.xml';
  const text = readPackageFile(ctx, options.configPackage, fileName);
  if (typeof text !== 'string') return text;
  try {
    const merged = mergeUnattend(generated, text, `${options.configPackage}\\${fileName}`);
    ctx.log.info(`Merged answer file ${fileName} from package ${options.configPackage}`);
    return renderUnattend(merged);
  } catch (e) {
    if (e instanceof InvalidInputError) return fail(EXIT_INVALID_PARAMETER, `${e.message} (option ConfigFileName)`);
    throw e;
  }
}
