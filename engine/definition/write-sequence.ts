/**
 * Model -> `<sequence>` XML. Typed fields are written in a fixed order, then `attributes` verbatim, then child
 * elements: condition, action, defaultVarList, then `extra`. Reading the output gives back the same model.
 */
import type {
  Attributes, Condition, ConditionNode, ExtraElement, GroupNode, PackageReference, SequenceNode, TaskSequence, VariableEntry,
} from './model.ts';
import { stepPath } from './step-path.ts';
import { renderXmlAttribute, renderXmlText } from './xml-escape.ts';

export interface WriteSequenceOptions {
  /** Start with `<?xml version="1.0" encoding="utf-8"?>` (default true). */
  declaration?: boolean;
}

type AttrList = Array<[string, string | number | boolean | undefined]>;

interface Writer {
  lines: string[];
  where: string;
}

/**
 * Renders a task sequence as XML text (LF line ends, two-space indentation).
 * @throws InvalidInputError when a value holds a character XML 1.0 cannot represent (the message names the step and field).
 */
export function writeSequenceXml(seq: TaskSequence, options: WriteSequenceOptions = {}): string {
  const w: Writer = { lines: [], where: 'sequence' };
  if (options.declaration !== false) w.lines.push('<?xml version="1.0" encoding="utf-8"?>');
  const attrs: AttrList = [['version', seq.version], ['name', seq.name], ['description', seq.description]];
  w.lines.push(`<sequence${renderAttributes(w, attrs, seq.attributes)}>`);
  if (seq.referenceList) writeReferences(w, seq.referenceList);
  if (seq.globalVarList) writeVariableList(w, 'globalVarList', seq.globalVarList, '  ');
  for (const node of seq.children) writeNode(w, node, [], '  ');
  for (const extra of seq.extra ?? []) writeExtra(w, extra, '  ');
  w.lines.push('</sequence>');
  return w.lines.join('\n') + '\n';
}

function writeReferences(w: Writer, references: PackageReference[]): void {
  if (references.length === 0) {
    w.lines.push('  <referenceList />');
    return;
  }
  w.lines.push('  <referenceList>');
  for (const r of references) {
    w.lines.push(`    <reference${renderAttributes(w, [['package', r.package], ['application', r.application]], r.attributes)} />`);
  }
  w.lines.push('  </referenceList>');
}

function writeNode(w: Writer, node: SequenceNode, ancestors: string[], indent: string): void {
  w.where = stepPath(ancestors, node.name);
  const attrs: AttrList = node.kind === 'group'
    ? [['name', node.name], ['description', node.description], ['disable', node.disable], ['continueOnError', node.continueOnError]]
    : [
        ['type', node.type], ['name', node.name], ['description', node.description], ['disable', node.disable],
        ['continueOnError', node.continueOnError], ['runIn', node.runIn], ['successCodeList', node.successCodeList],
        ['successCodes', node.successCodes], ['timeout', node.timeout], ['retryCount', node.retryCount],
        ['runFromNet', node.runFromNet], ['startIn', node.startIn],
      ];
  const open = `${indent}<${node.kind}${renderAttributes(w, attrs, node.attributes)}`;
  const inner = indent + '  ';
  const body: string[] = [];
  const sub: Writer = { lines: body, where: w.where };
  if (node.condition) writeCondition(sub, node.condition, inner);
  if (node.action !== undefined) body.push(renderTextElement(sub, 'action', [], node.action, inner, 'action'));
  if (node.kind !== 'group' && node.defaultVarList) writeVariableList(sub, 'defaultVarList', node.defaultVarList, inner);
  if (node.kind === 'group') writeGroupChildren(sub, node, ancestors, inner);
  for (const extra of node.extra ?? []) writeExtra(sub, extra, inner);
  if (body.length === 0) {
    w.lines.push(`${open} />`);
    return;
  }
  w.lines.push(`${open}>`, ...body, `${indent}</${node.kind}>`);
}

function writeGroupChildren(w: Writer, group: GroupNode, ancestors: string[], indent: string): void {
  const inner = [...ancestors, group.name];
  for (const child of group.children) writeNode(w, child, inner, indent);
}

function writeVariableList(w: Writer, element: string, entries: VariableEntry[], indent: string): void {
  if (entries.length === 0) {
    w.lines.push(`${indent}<${element} />`);
    return;
  }
  w.lines.push(`${indent}<${element}>`);
  for (const v of entries) {
    const attrs: AttrList = [['name', v.name], ['property', v.property], ['hidden', v.hidden]];
    w.lines.push(renderTextElement(w, 'variable', attrs, v.value, indent + '  ', `variable ${v.name}`, v.attributes));
  }
  w.lines.push(`${indent}</${element}>`);
}

function writeCondition(w: Writer, condition: Condition, indent: string): void {
  if (condition.children.length === 0) {
    w.lines.push(`${indent}<condition />`);
    return;
  }
  w.lines.push(`${indent}<condition>`);
  for (const node of condition.children) writeConditionNode(w, node, indent + '  ');
  w.lines.push(`${indent}</condition>`);
}

function writeConditionNode(w: Writer, node: ConditionNode, indent: string): void {
  if (node.kind === 'platformKey') {
    w.lines.push(`${indent}<platformKey${renderAttributes(w, [], node.attributes)} />`);
    return;
  }
  if (node.kind === 'expression') {
    const open = `${indent}<expression${renderAttributes(w, [['type', node.type || undefined]], node.attributes)}`;
    if (node.properties.length === 0) {
      w.lines.push(`${open} />`);
      return;
    }
    w.lines.push(`${open}>`);
    for (const p of node.properties) w.lines.push(renderTextElement(w, 'variable', [['name', p.name]], p.value, indent + '  ', `condition property ${p.name}`));
    w.lines.push(`${indent}</expression>`);
    return;
  }
  const attrs: AttrList = [['type', node.operator || undefined]];
  if (node.kind === 'osExpressionGroup') attrs.push(['name', node.name]);
  const open = `${indent}<${node.kind === 'operator' ? 'operator' : node.kind}${renderAttributes(w, attrs, node.attributes)}`;
  if (node.children.length === 0) {
    w.lines.push(`${open} />`);
    return;
  }
  w.lines.push(`${open}>`);
  for (const child of node.children) writeConditionNode(w, child, indent + '  ');
  w.lines.push(`${indent}</${node.kind}>`);
}

/** Unknown elements: indented when they hold only elements, written on one line when they hold text. */
function writeExtra(w: Writer, extra: ExtraElement, indent: string): void {
  if (extra.text !== undefined) {
    w.lines.push(indent + renderExtraInline(w, extra));
    return;
  }
  const open = `${indent}<${extra.element}${renderAttributes(w, [], extra.attributes)}`;
  if (!extra.children || extra.children.length === 0) {
    w.lines.push(`${open} />`);
    return;
  }
  w.lines.push(`${open}>`);
  for (const child of extra.children) writeExtra(w, child, indent + '  ');
  w.lines.push(`${indent}</${extra.element}>`);
}

function renderExtraInline(w: Writer, extra: ExtraElement): string {
  const children = (extra.children ?? []).map((c) => renderExtraInline(w, c)).join('');
  const text = extra.text !== undefined ? renderXmlText(extra.text, `${w.where}: <${extra.element}>`) : '';
  const attrs = renderAttributes(w, [], extra.attributes);
  return text === '' && children === '' ? `<${extra.element}${attrs} />` : `<${extra.element}${attrs}>${text}${children}</${extra.element}>`;
}

function renderTextElement(w: Writer, element: string, attrs: AttrList, text: string, indent: string, field: string, extra?: Attributes): string {
  const rendered = renderAttributes(w, attrs, extra);
  if (text === '') return `${indent}<${element}${rendered} />`;
  return `${indent}<${element}${rendered}>${renderXmlText(text, `${w.where}: ${field}`)}</${element}>`;
}

/** Typed attributes first (undefined ones skipped), then verbatim ones not already written. */
function renderAttributes(w: Writer, typed: AttrList, verbatim: Attributes | undefined): string {
  let out = '';
  const written = new Set<string>();
  for (const [name, value] of typed) {
    if (value === undefined) continue;
    written.add(name);
    out += ` ${name}="${renderXmlAttribute(String(value), `${w.where}: ${name}`)}"`;
  }
  for (const [name, value] of Object.entries(verbatim ?? {})) {
    if (written.has(name)) continue;
    out += ` ${name}="${renderXmlAttribute(value, `${w.where}: ${name}`)}"`;
  }
  return out;
}
