/** The `<sequence>` element tree -> `TaskSequence`. Collects problems instead of stopping at the first. */
import type { ExtraElement, PackageReference, SequenceNode, TaskSequence, VariableEntry } from './model.ts';
import { isNodeElement, readNode, toExtraElement } from './read-node.ts';
import { hasContent, locationOf, type ReadContext } from './read-context.ts';
import { readReferenceList, readVariableList } from './read-variables.ts';
import type { XmlElement } from './xml-tree.ts';

const SEQUENCE_ATTRIBUTES = new Set(['version', 'name', 'description']);

/**
 * Reads a `<sequence>` root. A missing `version` becomes `''` (validation reports it). Repeated `referenceList` or
 * `globalVarList` elements are merged in document order.
 */
export function readSequence(root: XmlElement, ctx: ReadContext): TaskSequence {
  let referenceList: PackageReference[] | undefined;
  let globalVarList: VariableEntry[] | undefined;
  const children: SequenceNode[] = [];
  const extra: ExtraElement[] = [];
  for (const el of root.children) {
    if (isNodeElement(el.name)) children.push(readNode(el, [], ctx));
    else if (el.name === 'referenceList') referenceList = [...(referenceList ?? []), ...readReferenceList(el, ctx)];
    else if (el.name === 'globalVarList') globalVarList = [...(globalVarList ?? []), ...readVariableList(el, ctx)];
    else extra.push(toExtraElement(el));
  }
  if (hasContent(root.text)) {
    ctx.report(root, { severity: 'warning', code: 'unexpected-content', message: 'text directly inside <sequence> was ignored' });
  }
  const a = root.attributes;
  const attributes = Object.fromEntries(Object.entries(a).filter(([k]) => !SEQUENCE_ATTRIBUTES.has(k)));
  return {
    version: a.version ?? '',
    ...(a.name !== undefined ? { name: a.name } : {}),
    ...(a.description !== undefined ? { description: a.description } : {}),
    ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
    ...(referenceList ? { referenceList } : {}),
    ...(globalVarList ? { globalVarList } : {}),
    children,
    ...(extra.length > 0 ? { extra } : {}),
    loc: locationOf(root),
  };
}
