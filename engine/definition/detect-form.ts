/**
 * Which form an input is in, decided from its content (never from the file name): a console export zip, a CIM-XML
 * object.xml, a bare `<sequence>` (MDT or ConfigMgr flavoured) or the JSON form.
 */
import type { SequenceNode, TaskSequence } from './model.ts';
import { isTaskSequenceInstance } from './cim-export.ts';
import { isZip } from './export-zip.ts';
import type { XmlElement } from './xml-tree.ts';

export type ContentKind = 'zip' | 'json' | 'xml';

/** The kind of raw input; text kinds are told apart by {@link detectTextKind}. */
export function detectByteKind(bytes: Uint8Array): 'zip' | 'text' {
  return isZip(bytes) ? 'zip' : 'text';
}

/** `json` when the first non-space character is `{`, `xml` when it is `<`; otherwise a description of what was found. */
export function detectTextKind(text: string): 'json' | 'xml' | { found: string } {
  const m = /[^ \t\r\n\uFEFF]/.exec(text);
  if (!m) return { found: 'an empty file' };
  if (m[0] === '{') return 'json';
  if (m[0] === '<') return 'xml';
  // A short sample names the content; it stops at `=`/`:` so that a `key=value` file never shows its value.
  const sample = /^[^\r\n=:]*[=:]?/.exec(text.slice(m.index, m.index + 24))![0];
  return { found: `text starting with "${sample}"` };
}

/** What an XML root element is. */
export function classifyRoot(root: XmlElement): 'cim-export' | 'sequence' | { found: string } {
  if (isTaskSequenceInstance(root)) return 'cim-export';
  if (root.name === 'sequence') return 'sequence';
  if (root.name === 'INSTANCE') return { found: `a CIM-XML INSTANCE of class "${root.attributes.CLASSNAME ?? ''}" (expected SMS_TaskSequencePackage)` };
  return { found: `an XML document whose root element is <${root.name}> (expected <sequence> or a SMS_TaskSequencePackage INSTANCE)` };
}

/**
 * `mdt` when a bare sequence carries MDT traits: `name`/`description` on `<sequence>`, `BDD_*` steps, steps without
 * a type, `startIn`, or the editor-only `expand` on groups; otherwise `sequence`.
 */
export function sequenceFlavour(seq: TaskSequence): 'mdt' | 'sequence' {
  if (seq.name !== undefined || seq.description !== undefined) return 'mdt';
  return seq.children.some(hasMdtTrait) ? 'mdt' : 'sequence';
}

function hasMdtTrait(node: SequenceNode): boolean {
  if (node.kind === 'group') return node.attributes?.expand !== undefined || node.children.some(hasMdtTrait);
  return (node.kind === 'step' && node.type === undefined) || node.type?.startsWith('BDD_') === true || node.startIn !== undefined;
}
