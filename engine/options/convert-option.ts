/** Turning one option's text into its value by kind (pure); the messages are the ones the steps have always given. */
import type { StepProblem } from '../step-module.ts';
import type { OptionSpec } from './option-spec.ts';

/** A converted value, or the problem that refuses the text. */
export type Converted = { value: unknown } | { problem: StepProblem };

/** `A, B or C`. */
export function listOfChoices(values: readonly string[]): string {
  return values.length < 2 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

function refuse(spec: OptionSpec, code: string, message: string): Converted {
  return { problem: { severity: 'error', code: spec.code ?? code, field: spec.name, message } };
}

/**
 * The value of `spec` for `text` (already trimmed and not empty). Secrets and packages pass through unchanged;
 * `text` limits are checked statically (see check-options.ts), so reading never refuses text.
 */
export function convertOption(spec: OptionSpec, text: string): Converted {
  switch (spec.kind) {
    case 'count': {
      const n = /^\d+$/.test(text) ? Number(text) : NaN;
      if (n >= (spec.min ?? 0) && n <= (spec.max ?? Infinity)) return { value: n };
      return refuse(spec, 'invalid-number', `${spec.name} is "${text}"; expected a whole number${spec.min !== undefined ? ` from ${spec.min}` : ''}`);
    }
    case 'flag':
      if (/^true$/i.test(text)) return { value: true };
      if (/^false$/i.test(text)) return { value: false };
      if (spec.lenient) return { value: spec.default ?? false };
      return refuse(spec, 'invalid-flag', `${spec.name} is "${text}"; expected true or false`);
    case 'one-of': {
      const value = spec.values.find((v) => v.toLowerCase() === text.toLowerCase());
      if (value !== undefined) return { value };
      return refuse(spec, 'invalid-option', `${spec.name} is "${text}"; expected ${listOfChoices(spec.values)}`);
    }
    default:
      return { value: text };
  }
}
