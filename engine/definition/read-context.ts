/** What the XML readers share: the file name for problems and the list they append to. */
import type { Problem, Severity } from '../problems.ts';
import type { SourceLocation } from './model.ts';
import { createProblem } from './create-problem.ts';
import type { XmlElement } from './xml-tree.ts';

export interface ReadContext {
  readonly file?: string;
  readonly problems: Problem[];
  /** Records a finding about `el` (its line and column are used). */
  report(el: XmlElement, finding: Finding): void;
}

export interface Finding {
  severity?: Severity;
  code: string;
  message: string;
  path?: string;
  field?: string;
}

/** Creates a context that collects problems for `file`. */
export function createReadContext(file?: string, problems: Problem[] = []): ReadContext {
  return {
    file,
    problems,
    report(el, f) {
      problems.push(createProblem({ severity: f.severity ?? 'error', code: f.code, message: f.message, file, path: f.path, field: f.field, line: el.line, column: el.column }));
    },
  };
}

/** The model's location for an element. */
export function locationOf(el: XmlElement): SourceLocation {
  return { line: el.line, column: el.column };
}

/** True when the text holds something other than XML whitespace. */
export function hasContent(text: string): boolean {
  return /[^ \t\r\n]/.test(text);
}
