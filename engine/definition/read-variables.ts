/** `defaultVarList` / `globalVarList` and `referenceList` entries. */
import type { PackageReference, VariableEntry } from './model.ts';
import { readTypedAttributes } from './read-attributes.ts';
import { locationOf, type ReadContext } from './read-context.ts';
import type { XmlElement } from './xml-tree.ts';

const VARIABLE_ATTRIBUTES = { name: 'string', property: 'string', hidden: 'boolean' } as const;

/** Reads the `<variable>` children of a list element. Other children are reported and skipped. */
export function readVariableList(list: XmlElement, ctx: ReadContext, path?: string): VariableEntry[] {
  const entries: VariableEntry[] = [];
  for (const el of list.children) {
    if (el.name !== 'variable') {
      reportStray(el, list, 'variable', ctx, path);
      continue;
    }
    const { values, rest } = readTypedAttributes(el, VARIABLE_ATTRIBUTES, ctx, path);
    const entry: VariableEntry = {
      name: (values.name as string | undefined) ?? '',
      ...(values.property !== undefined ? { property: values.property as string } : {}),
      ...(values.hidden !== undefined ? { hidden: values.hidden as boolean } : {}),
      value: el.text,
    };
    if (rest) entry.attributes = rest;
    entry.loc = locationOf(el);
    entries.push(entry);
  }
  return entries;
}

/** Reads `<reference package=".."/>` / `<reference application=".."/>` entries. */
export function readReferenceList(list: XmlElement, ctx: ReadContext): PackageReference[] {
  const references: PackageReference[] = [];
  for (const el of list.children) {
    if (el.name !== 'reference') {
      reportStray(el, list, 'reference', ctx);
      continue;
    }
    const reference: PackageReference = {};
    for (const [k, v] of Object.entries(el.attributes)) {
      if (k === 'package') reference.package = v;
      else if (k === 'application') reference.application = v;
      else (reference.attributes ??= {})[k] = v;
    }
    reference.loc = locationOf(el);
    references.push(reference);
  }
  return references;
}

function reportStray(el: XmlElement, list: XmlElement, expected: string, ctx: ReadContext, path?: string): void {
  ctx.report(el, {
    severity: 'warning', code: 'unexpected-element', path, field: list.name,
    message: `<${el.name}> inside <${list.name}> was ignored (only <${expected}> belongs there)`,
  });
}
