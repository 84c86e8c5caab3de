/** Checks of one group, step or Run Task Sequence node (attributes, type, success codes, child package). */
import type { Severity } from '../problems.ts';
import type { SequenceNode, StepNode, SubTaskSequenceNode } from './model.ts';
import { SUB_TASK_SEQUENCE_TYPE, type StepCatalog } from './step-catalog.ts';
import { parseSuccessCodeList, sameCodeSet } from './success-codes.ts';

/** The variable in a Run Task Sequence step's `defaultVarList` that names the child sequence's package. */
export const CHILD_PACKAGE_VARIABLE = 'OSDSubTasksequencePackageID';

const RUN_IN_VALUES = ['WinPE', 'FullOS', 'WinPEandFullOS'];

export type NodeReporter = (severity: Severity, code: string, message: string, field?: string) => void;

/**
 * How an unknown step type is reported: an error, or with `allowUnknownSteps` a warning when the step has an
 * `<action>` (it then runs as a command line). A step with no action stays an error either way.
 */
export function unknownStepSeverity(node: StepNode | SubTaskSequenceNode, allowUnknownSteps: boolean): Severity {
  return allowUnknownSteps && hasAction(node) ? 'warning' : 'error';
}

/** How a node is judged: whether unknown steps may run as command lines, and which step types are known. */
export interface NodeRules {
  allowUnknownSteps: boolean;
  catalog: StepCatalog;
}

/** Reports the problems of one node's own fields (not its condition or variables). */
export function validateNodeFields(node: SequenceNode, rules: NodeRules, report: NodeReporter): void {
  if (node.name.trim() === '') report('error', 'missing-name', `a <${node.kind}> has no name`, 'name');
  if (node.kind === 'group') {
    if (node.action !== undefined && node.action.trim() !== '') {
      report('warning', 'group-action-ignored', 'a group does not run its <action>; the text is ignored', 'action');
    }
    return;
  }
  if (node.runIn !== undefined && !RUN_IN_VALUES.includes(node.runIn)) {
    report('error', 'invalid-run-in', `runIn "${node.runIn}" must be WinPE, FullOS or WinPEandFullOS`, 'runIn');
  }
  if (node.timeout === 0) report('error', 'invalid-timeout', 'timeout="0": a time-out must be at least 1 second (leave it out for none)', 'timeout');
  validateSuccessCodes(node, report);
  validateType(node, rules, report);
  if (node.kind === 'subtasksequence') validateChildPackage(node, report);
}

function validateSuccessCodes(node: StepNode | SubTaskSequenceNode, report: NodeReporter): void {
  const list = node.successCodeList !== undefined ? parseSuccessCodeList(node.successCodeList) : undefined;
  const mdt = node.successCodes !== undefined ? parseSuccessCodeList(node.successCodes) : undefined;
  if (list?.error) report('error', 'invalid-success-codes', `successCodeList "${node.successCodeList}": ${list.error}`, 'successCodeList');
  if (mdt?.error) report('error', 'invalid-success-codes', `successCodes "${node.successCodes}": ${mdt.error}`, 'successCodes');
  if (list && mdt && !list.error && !mdt.error && !sameCodeSet(list.codes, mdt.codes)) {
    report('warning', 'success-codes-disagree',
      `successCodeList="${node.successCodeList}" and successCodes="${node.successCodes}" disagree; successCodeList is used`, 'successCodes');
  }
}

function validateType(node: StepNode | SubTaskSequenceNode, rules: NodeRules, report: NodeReporter): void {
  const type = node.type;
  if (type === undefined || type === '') {
    if (node.kind === 'step' && !hasAction(node)) {
      report('error', 'missing-action', 'a step without a type runs its <action> command line, but it has none', 'action');
    }
    return;
  }
  if (node.kind === 'step' && type === SUB_TASK_SEQUENCE_TYPE && !childPackageOf(node)) {
    report('warning', 'subtasksequence-as-step',
      `a <step> of type ${type} names no ${CHILD_PACKAGE_VARIABLE}; Run Task Sequence is written as <subtasksequence>`, 'type');
    return;
  }
  if (rules.catalog.find(type)) return;
  const severity = unknownStepSeverity(node, rules.allowUnknownSteps);
  const hint = rules.catalog.findIgnoringCase(type);
  const what = `unknown step type "${type}"${hint ? ` (did you mean ${hint.type}?)` : ''}`;
  const message = severity === 'warning'
    ? `${what}; it will run its <action> as a command line because unknown steps are allowed`
    : hasAction(node)
      ? `${what}; allow unknown steps (--allow-unknown-steps) to run its <action> as a command line`
      : `${what}, and it has no <action> that could run in its place`;
  report(severity, 'unknown-step-type', message, 'type');
}

function validateChildPackage(node: SubTaskSequenceNode, report: NodeReporter): void {
  if (childPackageOf(node)) return;
  report('error', 'missing-child-package', `Run Task Sequence needs ${CHILD_PACKAGE_VARIABLE} in its defaultVarList to name the child sequence`, CHILD_PACKAGE_VARIABLE);
}

/** The child package id of a Run Task Sequence node (trimmed), or undefined when absent or empty. */
export function childPackageOf(node: StepNode | SubTaskSequenceNode): string | undefined {
  const entry = node.defaultVarList?.find((v) => v.name.toLowerCase() === CHILD_PACKAGE_VARIABLE.toLowerCase());
  const id = entry?.value.trim();
  return id ? id : undefined;
}

function hasAction(node: StepNode | SubTaskSequenceNode): boolean {
  return node.action !== undefined && node.action.trim() !== '';
}
