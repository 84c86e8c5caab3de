/**
 * `SMS_TaskSequence_FileConditionExpression` (`Path`, optional `Version`/`VersionOperator`,
 * `DateTime`/`DateTimeOperator`) and `SMS_TaskSequence_FolderConditionExpression` (`Path`, optional `DateTime`).
 */
import type { FileFacts } from '../ports/machine-probe.ts';
import { probeClause, type Clause, type Outcome } from './clause.ts';
import type { IssueReporter } from './condition-issue.ts';
import { ORDER_OPERATORS, parseValueOperator, type ValueOperator } from './compare-values.ts';
import { compareVersions } from './compare-versions.ts';
import { describeTemplate, quote } from './describe-values.ts';
import { requireProperties, type ExpressionKind } from './expression-kind.ts';
import type { ExpressionProperties } from './expression-properties.ts';
import { parseConditionDateTime } from './parse-condition-datetime.ts';
import type { ConditionContext } from './types.ts';

/** One optional `X` + `XOperator` test on a fact of the file. */
interface FactTest {
  what: string;
  op: ValueOperator;
  expected: string;
  /** -1/0/1 of the fact against the expected value, or undefined when the fact is unknown. */
  order(facts: FileFacts): number | undefined;
  seen(facts: FileFacts): string;
}

const VERSION = /^\d+(\.\d+)*$/;

function holds(op: ValueOperator, order: number): boolean {
  switch (op) {
    case 'equals': return order === 0;
    case 'notEquals': return order !== 0;
    case 'greater': return order > 0;
    case 'greaterEqual': return order >= 0;
    case 'less': return order < 0;
    default: return order <= 0; // lessEqual: check() admits only ORDER_OPERATORS
  }
}

function checkPair(label: string, props: ExpressionProperties, value: string, report: IssueReporter): void {
  const expected = props.text(value);
  if (expected === undefined) return;
  const opName = `${value}Operator`;
  if (!requireProperties(label, props, [opName], report)) return;
  const op = parseValueOperator(props.text(opName));
  if (op === undefined || !ORDER_OPERATORS.includes(op)) {
    report('error', 'unknown-operator', `${label}: unknown ${opName} "${props.text(opName)}" (expected one of ${ORDER_OPERATORS.join(', ')})`, opName);
  }
  const valid = value === 'Version' ? VERSION.test(expected) : parseConditionDateTime(expected) !== undefined;
  if (!valid) {
    const form = value === 'Version' ? 'a dotted version such as 10.0.19041.1' : 'an ISO 8601 or yyyyMMddHHmmss.ffffff+UUU date-time';
    report('error', 'invalid-value', `${label}: ${value} "${expected}" is not ${form}`, value);
  }
}

function versionTest(props: ExpressionProperties): FactTest | undefined {
  const expected = props.text('Version');
  if (expected === undefined) return undefined;
  return {
    what: 'version', expected, op: parseValueOperator(props.text('VersionOperator')) as ValueOperator,
    order: (f) => (f.version ? compareVersions(f.version, expected) : undefined),
    seen: (f) => (f.version ? quote(f.version) : 'no version'),
  };
}

function dateTimeTest(props: ExpressionProperties): FactTest | undefined {
  const expected = props.text('DateTime');
  if (expected === undefined) return undefined;
  const at = parseConditionDateTime(expected) as number;
  return {
    what: 'modified', expected, op: parseValueOperator(props.text('DateTimeOperator')) as ValueOperator,
    order: (f) => {
      const t = f.modified ? parseConditionDateTime(f.modified) : undefined;
      return t === undefined ? undefined : Math.sign(t - at);
    },
    seen: (f) => (f.modified ? quote(f.modified) : 'no timestamp'),
  };
}

function compilePathClause(noun: 'File' | 'Folder', props: ExpressionProperties, tests: FactTest[]): Clause {
  const template = props.text('Path') as string;
  return probeClause((ctx: ConditionContext): Outcome => {
    const path = ctx.expand(template);
    const facts = noun === 'File' ? ctx.probe.file(path) : ctx.probe.folder(path);
    const subject = `${noun} ${describeTemplate(ctx, template, path)}`;
    if (!facts.exists) return { value: false, text: `${subject} does not exist` };
    const parts = [`${subject} exists`];
    for (const t of tests) {
      const order = t.order(facts);
      const value = order !== undefined && holds(t.op, order);
      const text = `${t.what} ${t.op} ${quote(t.expected)} (value: ${t.seen(facts)})`;
      if (!value) return { value: false, text: `${subject} ${text}` };
      parts.push(text);
    }
    return { value: true, text: parts.join(', ') };
  });
}

export const fileExpression: ExpressionKind = {
  type: 'SMS_TaskSequence_FileConditionExpression',
  label: 'file condition',
  check(props, report) {
    requireProperties('file condition', props, ['Path'], report);
    checkPair('file condition', props, 'Version', report);
    checkPair('file condition', props, 'DateTime', report);
  },
  compile(props) {
    const tests = [versionTest(props), dateTimeTest(props)].filter((t): t is FactTest => t !== undefined);
    return compilePathClause('File', props, tests);
  },
};

export const folderExpression: ExpressionKind = {
  type: 'SMS_TaskSequence_FolderConditionExpression',
  label: 'folder condition',
  check(props, report) {
    requireProperties('folder condition', props, ['Path'], report);
    checkPair('folder condition', props, 'DateTime', report);
  },
  compile(props) {
    const tests = [dateTimeTest(props)].filter((t): t is FactTest => t !== undefined);
    return compilePathClause('Folder', props, tests);
  },
};
