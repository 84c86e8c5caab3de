/**
 * Reading a step's options one property at a time while collecting problems: the same reader serves `validate()`
 * (raw values; one that references `%VAR%` is only known at run time and is skipped) and `run()` (expanded values).
 */
import { convertOption, type OptionSpec, type StepProblem } from '../../engine/step-api.ts';

/** Reads one option by property; undefined when absent or empty. */
export type OptionReader = (property: string) => string | undefined;

export class OptionCollector {
  readonly problems: StepProblem[] = [];
  /** A value was skipped (it references `%VAR%`), so checks across options cannot be made yet. */
  deferred = false;
  constructor(readonly read: OptionReader, readonly skip: (value: string) => boolean = () => false) {}

  /** The trimmed value, or undefined when absent, empty or skipped. */
  value(property: string): string | undefined {
    const v = this.read(property)?.trim();
    if (v === undefined || v === '') return undefined;
    if (this.skip(v)) {
      this.deferred = true;
      return undefined;
    }
    return v;
  }

  /** True when the property has a non-empty value (a skipped `%VAR%` value counts as present). */
  present(property: string): boolean {
    return (this.read(property)?.trim() ?? '') !== '';
  }

  /** True when the property is absent or empty. */
  isEmpty(property: string): boolean {
    return !this.present(property);
  }

  /**
   * The value of `spec.name` converted by its manifest kind; a refused value is reported (its message after
   * `prefix`) and reads as `fallback`, as does an absent or skipped one.
   */
  byKind<T>(spec: OptionSpec, fallback: T, prefix = ''): T {
    const v = this.value(spec.name);
    if (v === undefined) return fallback;
    const converted = convertOption(spec, v);
    if ('value' in converted) return converted.value as T;
    this.problems.push({ ...converted.problem, message: prefix + converted.problem.message });
    return fallback;
  }

  error(code: string, field: string, message: string): void {
    this.problems.push({ severity: 'error', code, field, message });
  }

  warn(code: string, field: string, message: string): void {
    this.problems.push({ severity: 'warning', code, field, message });
  }
}
