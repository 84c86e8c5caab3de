/** Checks of `defaultVarList` / `globalVarList` entries: valid names, no entry twice in one list. */
import { checkName, keyOf } from '../../variables/index.ts';
import type { Severity } from '../problems.ts';
import type { VariableEntry } from './model.ts';

export type VariableReporter = (entry: VariableEntry, severity: Severity, code: string, message: string) => void;

/** Reports invalid names (errors) and repeated names (warnings). */
export function validateVariableList(entries: readonly VariableEntry[], listName: string, report: VariableReporter): void {
  const seen = new Set<string>();
  for (const entry of entries) {
    const why = checkName(entry.name);
    if (why) {
      report(entry, 'error', 'invalid-variable-name', `${listName}: ${why}`);
      continue;
    }
    const key = keyOf(entry.name);
    if (seen.has(key)) report(entry, 'warning', 'duplicate-variable', `${listName}: variable ${entry.name} is listed more than once`);
    seen.add(key);
  }
}
