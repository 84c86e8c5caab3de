/**
 * Validation of a whole sequence: every problem is collected with its step path, field and line; nothing stops at
 * the first finding. Whether a known step type can actually run is not decided here (the engine's registry does).
 */
import type { Problem, Severity } from '../problems.ts';
import { createProblem } from './create-problem.ts';
import type { Condition, SequenceNode, SourceLocation, TaskSequence } from './model.ts';
import { stepPath } from './step-path.ts';
import { validateCondition } from './validate-condition.ts';
import { validateNodeFields, type NodeRules } from './validate-node.ts';
import { createStepCatalog, type StepCatalog } from './step-catalog.ts';
import { validateVariableList } from './validate-variables.ts';

/** A finding from a pluggable check; validation adds file, path and (when missing) line. */
export interface CheckFinding {
  severity: Severity;
  code: string;
  message: string;
  field?: string;
  line?: number;
}

export interface ValidateOptions {
  /** Unknown step types with an `<action>` become warnings (they run as command lines). */
  allowUnknownSteps?: boolean;
  /**
   * The known step types (a registry's `catalog`: the step modules' types plus the documented ones no module runs).
   * Without it only the types no module runs are known.
   */
  catalog?: StepCatalog;
  /** Deeper checks of each condition (e.g. the conditions module's `checkCondition`). */
  checkCondition?: (condition: Condition) => CheckFinding[];
  /** Extra checks of each group/step node; `path` is its step path. */
  checkNode?: (node: SequenceNode, path: string) => CheckFinding[];
}

/** Schema versions this engine runs. */
export const SUPPORTED_VERSIONS: readonly string[] = Object.freeze(['3.00', '3.10']);

interface Walk {
  file?: string;
  options: ValidateOptions;
  rules: NodeRules;
  problems: Problem[];
}

/** Validates a sequence and returns every problem found (empty when it is clean). */
export function validateSequence(seq: TaskSequence, file?: string, options: ValidateOptions = {}): Problem[] {
  const rules = { allowUnknownSteps: options.allowUnknownSteps ?? false, catalog: options.catalog ?? createStepCatalog([]) };
  const walk: Walk = { file, options, rules, problems: [] };
  if (!SUPPORTED_VERSIONS.includes(seq.version)) {
    const got = seq.version === '' ? 'is missing' : `"${seq.version}" is not supported`;
    push(walk, seq.loc, undefined, 'error', 'unsupported-version', `sequence version ${got} (expected 3.00 or 3.10)`, 'version');
  }
  for (const ref of seq.referenceList ?? []) {
    if (!ref.package && !ref.application) push(walk, ref.loc, undefined, 'warning', 'empty-reference', 'a <reference> names neither a package nor an application', 'referenceList');
  }
  validateVariableList(seq.globalVarList ?? [], 'globalVarList', (entry, severity, code, message) =>
    push(walk, entry.loc, undefined, severity, code, message, entry.name || 'globalVarList'));
  for (const node of seq.children) validateNode(walk, node, []);
  return walk.problems;
}

function validateNode(walk: Walk, node: SequenceNode, ancestors: string[]): void {
  const path = stepPath(ancestors, node.name);
  validateNodeFields(node, walk.rules, (severity, code, message, field) =>
    push(walk, node.loc, path, severity, code, message, field));
  if (node.condition) validateNodeCondition(walk, node, node.condition, path);
  if (node.kind !== 'group' && node.defaultVarList) {
    validateVariableList(node.defaultVarList, 'defaultVarList', (entry, severity, code, message) =>
      push(walk, entry.loc ?? node.loc, path, severity, code, message, entry.name || 'defaultVarList'));
  }
  for (const f of walk.options.checkNode?.(node, path) ?? []) addFinding(walk, f, node.loc, path);
  if (node.kind === 'group') {
    const inner = [...ancestors, node.name];
    for (const child of node.children) validateNode(walk, child, inner);
  }
}

function validateNodeCondition(walk: Walk, node: SequenceNode, condition: Condition, path: string): void {
  validateCondition(condition, (cnode, severity, code, message, field) =>
    push(walk, cnode.loc ?? condition.loc ?? node.loc, path, severity, code, message, field ?? 'condition'));
  for (const f of walk.options.checkCondition?.(condition) ?? []) addFinding(walk, f, condition.loc ?? node.loc, path);
}

function addFinding(walk: Walk, f: CheckFinding, loc: SourceLocation | undefined, path: string): void {
  walk.problems.push(createProblem({ ...f, file: walk.file, path, line: f.line ?? loc?.line }));
}

function push(walk: Walk, loc: SourceLocation | undefined, path: string | undefined, severity: Severity, code: string, message: string, field?: string): void {
  walk.problems.push(createProblem({ severity, code, message, file: walk.file, path, field, line: loc?.line, column: loc?.column }));
}
