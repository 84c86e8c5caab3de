/** `SMS_TaskSequence_RegistryConditionExpression`: `KeyPath`, `Value` (name; empty = default), `Type`, `Operator`, `Data`. */
import type { RegistryValue } from '../ports/machine-probe.ts';
import { probeClause, type Clause } from './clause.ts';
import {
  missingValueResult, parseValueOperator, prepareValue, valueTest, VALUE_OPERATORS, type ValueOperator,
} from './compare-values.ts';
import { describeTemplate, quote } from './describe-values.ts';
import { requireProperties, type ExpressionKind } from './expression-kind.ts';
import type { ConditionContext } from './types.ts';

const label = 'registry condition';

const HIVES: Record<string, string> = {
  HKLM: 'HKEY_LOCAL_MACHINE',
  HKCU: 'HKEY_CURRENT_USER',
  HKU: 'HKEY_USERS',
  HKCC: 'HKEY_CURRENT_CONFIG',
  HKCR: 'HKEY_CLASSES_ROOT',
};

/** `HKLM\X` -> `HKEY_LOCAL_MACHINE\X`; separators as backslashes, no trailing backslash. */
export function normalizeKeyPath(keyPath: string): string {
  const path = keyPath.trim().replace(/\//g, '\\').replace(/\\+$/, '');
  const cut = path.indexOf('\\');
  const hive = (cut < 0 ? path : path.slice(0, cut)).toUpperCase();
  const full = HIVES[hive] ?? hive;
  return cut < 0 ? full : full + path.slice(cut);
}

function shownValue(v: RegistryValue | undefined): string {
  return v === undefined ? 'not set' : `${v.type} ${quote(v.data)}`;
}

function evaluate(op: ValueOperator, type: string | undefined, found: RegistryValue | undefined, data: string): boolean {
  const present = found !== undefined && (type === undefined || found.type.toUpperCase() === type.toUpperCase());
  if (op === 'exists') return present;
  if (op === 'notExists') return !present;
  if (found === undefined) return missingValueResult(op);
  return valueTest(op)(found.data, prepareValue(data, op));
}

export const registryExpression: ExpressionKind = {
  type: 'SMS_TaskSequence_RegistryConditionExpression',
  label,
  check(props, report) {
    if (!requireProperties(label, props, ['KeyPath', 'Operator'], report)) return;
    const op = props.text('Operator') as string;
    if (parseValueOperator(op) === undefined) {
      report('error', 'unknown-operator', `${label}: unknown operator "${op}" (expected one of ${VALUE_OPERATORS.join(', ')})`, 'Operator');
    }
  },
  compile(props): Clause {
    const keyTemplate = props.text('KeyPath') as string;
    const nameTemplate = props.get('Value')?.trim() ?? '';
    const dataTemplate = props.get('Data') ?? '';
    const type = props.text('Type');
    const op = parseValueOperator(props.text('Operator')) as ValueOperator;
    return probeClause((ctx: ConditionContext) => {
      const keyPath = normalizeKeyPath(ctx.expand(keyTemplate));
      const valueName = ctx.expand(nameTemplate);
      const data = ctx.expand(dataTemplate);
      const found = ctx.probe.registry(keyPath, valueName);
      const name = valueName === '' ? '(default)' : quote(valueName);
      const typed = type && (op === 'exists' || op === 'notExists') ? ` ${type}` : '';
      const right = op === 'exists' || op === 'notExists' ? '' : ` ${describeTemplate(ctx, dataTemplate, data)}`;
      const text = `Registry ${quote(keyPath)} value ${name}${typed} ${op}${right} (value: ${shownValue(found)})`;
      return { value: evaluate(op, type, found, data), text };
    });
  },
};
