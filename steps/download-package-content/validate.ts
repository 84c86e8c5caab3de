/** Static checks of Download Package Content (pure). */
import type { StepDefinitionView, StepProblem } from '../../engine/step-api.ts';
import { isDeferred } from '../shared/option-value.ts';
import { checkWritableName } from '../shared/writable-name.ts';
import { parseLocation, parsePackageList, pathVariableName, variableBase } from './plan.ts';

const WRITER = 'Download Package Content';

export function validateDownloadPackageContent(view: StepDefinitionView): StepProblem[] {
  const problems: StepProblem[] = [];
  const field = (p: string) => view.optionVariables[p] ?? p;
  const packages = view.options.DownloadPackages;
  if (packages !== undefined && !isDeferred(packages) && parsePackageList(packages).length === 0) {
    problems.push({ severity: 'error', code: 'invalid-option', field: field('DownloadPackages'), message: 'names no package to download' });
  }
  const location = view.options.DestinationLocationType;
  if (location !== undefined && !isDeferred(location) && !parseLocation(location)) {
    problems.push({ severity: 'error', code: 'invalid-option', field: field('DestinationLocationType'), message: `"${location}" is not TSCache, CCMCache or Custom` });
  }
  const custom = view.options.DestinationCustomPath ?? '';
  if (location !== undefined && parseLocation(location) === 'Custom' && custom.trim() === '') {
    problems.push({ severity: 'error', code: 'invalid-option', field: field('DestinationCustomPath'), message: 'is required when DestinationLocationType is Custom' });
  }
  const base = variableBase(view.options.DestinationVariable);
  const bad = base ? checkWritableName(pathVariableName(base, 0), WRITER, field('DestinationVariable')) : undefined;
  if (bad) problems.push(bad);
  return problems;
}
