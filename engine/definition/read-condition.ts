/**
 * `<condition>` elements -> `Condition`. Unknown elements inside a condition are reported as errors: a condition the
 * engine cannot read must never be treated as true.
 */
import { InvalidInputError, type Problem } from '../problems.ts';
import type { Attributes, Condition, ConditionNode } from './model.ts';
import { createReadContext, locationOf, type ReadContext } from './read-context.ts';
import type { XmlElement } from './xml-tree.ts';

/** Reads a `<condition>` element (or any element whose children are condition nodes). Problems go to `ctx`. */
export function readCondition(el: XmlElement, ctx: ReadContext, path?: string): Condition {
  return { children: readConditionChildren(el, ctx, path), loc: locationOf(el) };
}

/**
 * Reads a `<condition>` element on its own, e.g. one rule of Set Dynamic Variables.
 * @throws InvalidInputError when it holds elements that are not condition nodes.
 */
export function readConditionElement(el: XmlElement): Condition {
  const problems: Problem[] = [];
  const condition = readCondition(el, createReadContext(undefined, problems));
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new InvalidInputError(`condition on line ${el.line}: ${errors[0].message}`, problems);
  return condition;
}

function readConditionChildren(el: XmlElement, ctx: ReadContext, path?: string): ConditionNode[] {
  const nodes: ConditionNode[] = [];
  for (const child of el.children) {
    const node = readConditionNode(child, ctx, path);
    if (node) nodes.push(node);
  }
  return nodes;
}

function readConditionNode(el: XmlElement, ctx: ReadContext, path?: string): ConditionNode | undefined {
  switch (el.name) {
    case 'operator': {
      const { main, rest } = splitAttributes(el, ['type']);
      return withAttributes({ kind: 'operator', operator: main.type ?? '', children: readConditionChildren(el, ctx, path) }, rest, el);
    }
    case 'expression': {
      const { main, rest } = splitAttributes(el, ['type']);
      return withAttributes({ kind: 'expression', type: main.type ?? '', properties: readProperties(el, ctx, path) }, rest, el);
    }
    case 'osConditionGroup': {
      const { main, rest } = splitAttributes(el, ['type']);
      return withAttributes({ kind: 'osConditionGroup', operator: main.type ?? '', children: readConditionChildren(el, ctx, path) }, rest, el);
    }
    case 'osExpressionGroup': {
      const { main, rest } = splitAttributes(el, ['type', 'name']);
      const node = { kind: 'osExpressionGroup' as const, operator: main.type ?? '', ...(main.name !== undefined ? { name: main.name } : {}), children: readConditionChildren(el, ctx, path) };
      return withAttributes(node, rest, el);
    }
    case 'platformKey':
      return { kind: 'platformKey', attributes: { ...el.attributes }, loc: locationOf(el) };
    default:
      ctx.report(el, {
        code: 'unknown-condition-element', path, field: 'condition',
        message: `<${el.name}> is not a condition element (expected operator, expression, osConditionGroup, osExpressionGroup or platformKey); the condition cannot be evaluated`,
      });
      return undefined;
  }
}

/** `<variable name="Prop">value</variable>` children of an expression, in order. */
function readProperties(el: XmlElement, ctx: ReadContext, path?: string): Array<{ name: string; value: string }> {
  const properties: Array<{ name: string; value: string }> = [];
  for (const child of el.children) {
    if (child.name === 'variable' && child.attributes.name !== undefined) {
      properties.push({ name: child.attributes.name, value: child.text });
      continue;
    }
    ctx.report(child, {
      code: 'unknown-condition-element', path, field: 'condition',
      message: `<${child.name}> inside <expression> must be <variable name="...">value</variable>; it was ignored`,
    });
  }
  return properties;
}

function splitAttributes(el: XmlElement, names: string[]): { main: Record<string, string>; rest?: Attributes } {
  const main: Record<string, string> = {};
  let rest: Attributes | undefined;
  for (const [k, v] of Object.entries(el.attributes)) {
    if (names.includes(k)) main[k] = v;
    else (rest ??= {})[k] = v;
  }
  return { main, rest };
}

function withAttributes<T extends ConditionNode>(node: T, rest: Attributes | undefined, el: XmlElement): T {
  if (rest) node.attributes = rest;
  node.loc = locationOf(el);
  return node;
}
