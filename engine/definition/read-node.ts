/** `<group>`, `<step>` and `<subtasksequence>` elements -> sequence nodes, with problems at their step path. */
import type { Condition, ExtraElement, GroupNode, SequenceNode, StepNode, SubTaskSequenceNode, VariableEntry } from './model.ts';
import { readTypedAttributes, type AttributeKind } from './read-attributes.ts';
import { readCondition } from './read-condition.ts';
import { hasContent, locationOf, type ReadContext } from './read-context.ts';
import { readVariableList } from './read-variables.ts';
import { stepPath } from './step-path.ts';
import type { XmlElement } from './xml-tree.ts';

const COMMON_ATTRIBUTES: Record<string, AttributeKind> = {
  name: 'string', description: 'string', disable: 'boolean', continueOnError: 'boolean',
};

const ACTION_ATTRIBUTES: Record<string, AttributeKind> = {
  type: 'string', ...COMMON_ATTRIBUTES, runIn: 'string', successCodeList: 'string', successCodes: 'string',
  timeout: 'integer', retryCount: 'integer', runFromNet: 'boolean', startIn: 'string',
};

/** Element names that are sequence nodes. */
export function isNodeElement(name: string): boolean {
  return name === 'group' || name === 'step' || name === 'subtasksequence';
}

/** Reads a node element; `ancestors` are the names of the enclosing groups, outermost first. */
export function readNode(el: XmlElement, ancestors: string[], ctx: ReadContext): SequenceNode {
  return el.name === 'group' ? readGroup(el, ancestors, ctx) : readActionNode(el, ancestors, ctx);
}

function readGroup(el: XmlElement, ancestors: string[], ctx: ReadContext): GroupNode {
  const name = el.attributes.name ?? '';
  const path = stepPath(ancestors, name);
  const { values, rest } = readTypedAttributes(el, COMMON_ATTRIBUTES, ctx, path);
  const parts = createParts();
  const children: SequenceNode[] = [];
  const inner = [...ancestors, name];
  for (const child of el.children) {
    if (isNodeElement(child.name)) children.push(readNode(child, inner, ctx));
    else if (child.name === 'condition' || child.name === 'action') readKnownChild(child, parts, ctx, path);
    else parts.extra.push(toExtraElement(child));
  }
  reportStrayText(el, ctx, path);
  return {
    kind: 'group', name, ...values,
    ...(parts.condition ? { condition: parts.condition } : {}),
    ...(parts.action !== undefined ? { action: parts.action } : {}),
    children,
    ...(rest ? { attributes: rest } : {}),
    ...(parts.extra.length > 0 ? { extra: parts.extra } : {}),
    loc: locationOf(el),
  } as GroupNode;
}

function readActionNode(el: XmlElement, ancestors: string[], ctx: ReadContext): StepNode | SubTaskSequenceNode {
  const name = el.attributes.name ?? '';
  const path = stepPath(ancestors, name);
  const { values, rest } = readTypedAttributes(el, ACTION_ATTRIBUTES, ctx, path);
  const parts = createParts();
  for (const child of el.children) {
    if (child.name === 'condition' || child.name === 'action' || child.name === 'defaultVarList') readKnownChild(child, parts, ctx, path);
    else parts.extra.push(toExtraElement(child));
  }
  reportStrayText(el, ctx, path);
  return {
    kind: el.name === 'subtasksequence' ? 'subtasksequence' : 'step',
    name, ...values,
    ...(parts.condition ? { condition: parts.condition } : {}),
    ...(parts.action !== undefined ? { action: parts.action } : {}),
    ...(parts.defaultVarList ? { defaultVarList: parts.defaultVarList } : {}),
    ...(rest ? { attributes: rest } : {}),
    ...(parts.extra.length > 0 ? { extra: parts.extra } : {}),
    loc: locationOf(el),
  } as StepNode | SubTaskSequenceNode;
}

interface NodeParts {
  condition?: Condition;
  action?: string;
  defaultVarList?: VariableEntry[];
  extra: ExtraElement[];
}

function createParts(): NodeParts {
  return { extra: [] };
}

/** The first `<condition>`, `<action>` and `<defaultVarList>` are read; a repeated one is kept in `extra`. */
function readKnownChild(child: XmlElement, parts: NodeParts, ctx: ReadContext, path: string): void {
  const seen = child.name === 'condition' ? parts.condition !== undefined
    : child.name === 'action' ? parts.action !== undefined
    : parts.defaultVarList !== undefined;
  if (seen) {
    ctx.report(child, { severity: 'warning', code: 'duplicate-element', path, field: child.name, message: `a second <${child.name}> was kept as an unknown element and is not used` });
    parts.extra.push(toExtraElement(child));
    return;
  }
  if (child.name === 'condition') parts.condition = readCondition(child, ctx, path);
  else if (child.name === 'defaultVarList') parts.defaultVarList = readVariableList(child, ctx, path);
  else parts.action = readActionText(child, ctx, path);
}

function readActionText(el: XmlElement, ctx: ReadContext, path: string): string {
  if (el.children.length > 0 || Object.keys(el.attributes).length > 0) {
    ctx.report(el, { severity: 'warning', code: 'unexpected-content', path, field: 'action', message: '<action> holds attributes or elements; only its text is used' });
  }
  return el.text;
}

function reportStrayText(el: XmlElement, ctx: ReadContext, path: string): void {
  if (hasContent(el.text)) {
    ctx.report(el, { severity: 'warning', code: 'unexpected-content', path, message: `text directly inside <${el.name}> was ignored` });
  }
}

/**
 * Keeps an element the model does not know. Text is kept when the element has no child elements, or when it is
 * more than whitespace (mixed content); indentation between child elements is dropped.
 */
export function toExtraElement(el: XmlElement): ExtraElement {
  const extra: ExtraElement = { element: el.name };
  if (Object.keys(el.attributes).length > 0) extra.attributes = { ...el.attributes };
  if (el.children.length === 0 ? el.text !== '' : hasContent(el.text)) extra.text = el.text;
  if (el.children.length > 0) extra.children = el.children.map(toExtraElement);
  return extra;
}
