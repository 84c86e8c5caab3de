/**
 * Secrets written into a sequence as literal text rather than kept in secret variables. A literal value is not known
 * to be secret, so a run logs the command line that holds it; and a sequence on media is readable by anyone who has
 * the media unless the media is protected. Findings never quote the value.
 */
import type { Problem } from '../problems.ts';
import type { Instruction, Program } from '../program/index.ts';
import type { VariableEntry } from '../definition/model.ts';
import { isSecretByName } from '../../variables/index.ts';
import { stepView } from './step-options.ts';

/**
 * A password argument: `/p:X`, `/pwd:X`, `/password:X`, `-Password X`, `-AccountPassword X`, `--password=X`, `-pwd X`.
 * The value is the first token after it (quoted or not).
 */
const PASSWORD_ARGUMENT = /(?:^|\s)(?:\/(?:p|pw|pwd|pass|password)(?=[:=])|--?(?:pwd|passwd|password)|-[a-z]*password)(?:[:=]\s*|\s+)("[^"]*"|'[^']*'|[^\s]+)/gi;

/** True when the value is not literal: a `%VAR%` reference, a script variable, an expression or an empty string. */
function refersElsewhere(raw: string): boolean {
  const value = raw.replace(/^["']|["']$/g, '').trim();
  return value === '' || /%[^%\s]+%/.test(value) || /^[$(@]/.test(value);
}

/** Whether a command line passes a literal password. */
export function hasLiteralPassword(commandLine: string): boolean {
  for (const m of commandLine.matchAll(PASSWORD_ARGUMENT)) if (!refersElsewhere(m[1])) return true;
  return false;
}

function isLiteral(value: string): boolean {
  return value.trim() !== '' && !/%[^%\s]+%/.test(value);
}

const ADVICE = 'put the value in a secret variable instead (a media variable given with --secret-var NAME=VALUE) and refer to it as %NAME%';

function stepFindings(instr: Instruction): Array<{ field: string; what: string }> {
  const view = stepView(instr);
  const out: Array<{ field: string; what: string }> = [];
  for (const property of ['CommandLine', 'Parameters']) {
    const text = view.options[property];
    if (text && hasLiteralPassword(text)) out.push({ field: view.optionVariables[property] ?? property, what: 'a password written into the command line' });
  }
  if (!view.node.type && view.node.action && hasLiteralPassword(view.node.action)) out.push({ field: 'action', what: 'a password written into the command line' });
  for (const entry of view.node.defaultVarList ?? []) {
    if (isSecretByName(entry.name) && isLiteral(entry.value)) out.push({ field: entry.name, what: `a literal value for the secret option ${entry.name}` });
  }
  const setName = view.options.VariableName?.trim();
  const setValue = view.options.VariableValue ?? '';
  const hidden = (view.options.DoNotShowVariableValue ?? '').trim().toLowerCase() === 'true';
  if (setName && isLiteral(setValue) && (hidden || isSecretByName(setName))) {
    out.push({ field: view.optionVariables.VariableValue ?? 'VariableValue', what: `a literal secret value for ${setName}` });
  }
  return out;
}

function globalFinding(entry: VariableEntry): Problem | undefined {
  if (!isSecretByName(entry.name) || !isLiteral(entry.value)) return undefined;
  return {
    severity: 'warning', code: 'secret-in-sequence', field: entry.name, line: entry.loc?.line,
    message: `the sequence variable ${entry.name} holds a literal secret; ${ADVICE}`,
  };
}

/** Warnings (code `secret-in-sequence`) for every literal secret in the steps and sequence variables of `program`. */
export function findSequenceSecrets(program: Program): Problem[] {
  const problems: Problem[] = [];
  for (const instr of program.instructions) {
    if (instr.kind !== 'step') continue;
    for (const f of stepFindings(instr)) {
      problems.push({
        severity: 'warning', code: 'secret-in-sequence', file: instr.file, path: instr.path, field: f.field,
        line: instr.node.loc?.line, message: `the step holds ${f.what}; ${ADVICE}`,
      });
    }
  }
  for (const g of program.globals) {
    const p = globalFinding(g);
    if (p) problems.push(p);
  }
  return problems;
}
