/** Static checks of Run PowerShell Script (pure). */
import type { StepDefinitionView, StepProblem } from '../../engine/step-api.ts';
import { isDeferred } from '../shared/option-value.ts';
import { checkWritableName } from '../shared/writable-name.ts';
import { EXECUTION_POLICIES, parseExecutionPolicy } from './plan.ts';
import { decodeSourceScript } from './source-script.ts';

const field = (view: StepDefinitionView, property: string) => view.optionVariables[property] ?? property;

/** Checks that there is a script, the inline script decodes, the policy is offered and the output name is writable. */
export function validatePowerShellStep(view: StepDefinitionView): StepProblem[] {
  const problems: StepProblem[] = [];
  const { SourceScript: source, ScriptName: scriptName, PackageID: packageId } = view.options;
  if (source) {
    const decoded = decodeSourceScript(source);
    if ('error' in decoded) {
      problems.push({ severity: 'error', code: 'invalid-source-script', field: field(view, 'SourceScript'), message: decoded.error });
    }
  } else if (!scriptName) {
    problems.push({ severity: 'error', code: 'missing-script', field: field(view, 'ScriptName'), message: 'no script: set SourceScript, or PackageID and ScriptName' });
  } else if (!packageId) {
    problems.push({ severity: 'error', code: 'missing-package', field: field(view, 'PackageID'), message: `script ${scriptName} has no PackageID to run it from` });
  }
  const policy = view.options.ExecutionPolicy;
  if (policy !== undefined && !isDeferred(policy) && parseExecutionPolicy(policy) === undefined) {
    problems.push({
      severity: 'error',
      code: 'invalid-execution-policy',
      field: field(view, 'ExecutionPolicy'),
      message: `execution policy "${policy}" is not one of ${EXECUTION_POLICIES.join(', ')}`,
    });
  }
  const output = view.options.OutputVariableName;
  const bad = output ? checkWritableName(output, 'Run PowerShell Script', field(view, 'OutputVariableName')) : undefined;
  if (bad) problems.push(bad);
  return problems;
}
