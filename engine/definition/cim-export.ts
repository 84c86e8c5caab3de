/**
 * Console export `object.xml`: a CIM-XML `<INSTANCE CLASSNAME="SMS_TaskSequencePackage">` whose `Sequence`
 * property holds the `<sequence>` text (usually in CDATA). The embedded text is parsed again with line numbers
 * shifted so that problems name lines of the object.xml file itself.
 */
import type { PackageInfo } from './model.ts';
import type { ReadContext } from './read-context.ts';
import type { XmlElement } from './xml-tree.ts';

export const TASK_SEQUENCE_PACKAGE_CLASS = 'SMS_TaskSequencePackage';

/** The embedded sequence text and where it starts in the export. */
export interface EmbeddedSequence {
  text: string;
  /** Lines to add to a line of the embedded text to get the line in the export file. */
  lineOffset: number;
  /** Columns to add on the embedded text's first line. */
  firstLineColumnOffset: number;
  package: PackageInfo;
}

/** True for the root of a task sequence package export. */
export function isTaskSequenceInstance(root: XmlElement): boolean {
  return root.name === 'INSTANCE' && root.attributes.CLASSNAME === TASK_SEQUENCE_PACKAGE_CLASS;
}

/**
 * Reads the package facts and the embedded sequence of an export. `source` is the export's text (to place the
 * embedded text exactly). Returns undefined (after reporting) when there is no `Sequence` value.
 */
export function readCimExport(root: XmlElement, source: string, ctx: ReadContext): EmbeddedSequence | undefined {
  const values = propertyValues(root);
  const value = values.get('Sequence');
  if (!value || value.text.trim() === '') {
    ctx.report(root, { code: 'missing-sequence', field: 'Sequence', message: `the ${TASK_SEQUENCE_PACKAGE_CLASS} export has no Sequence property value` });
    return undefined;
  }
  const cdataOpener = source.startsWith('<![CDATA[', value.contentOffset) ? '<![CDATA['.length : 0;
  return {
    text: value.text,
    lineOffset: value.contentLine - 1,
    firstLineColumnOffset: value.contentColumn - 1 + cdataOpener,
    package: packageInfo(values),
  };
}

function packageInfo(values: Map<string, XmlElement>): PackageInfo {
  const info: PackageInfo = {};
  const pick = (name: string): string | undefined => {
    const text = values.get(name)?.text.trim();
    return text ? text : undefined;
  };
  const fields: Array<[keyof PackageInfo, string]> = [['packageId', 'PackageID'], ['packageName', 'Name'], ['packageType', 'Type'], ['bootImageId', 'BootImageID']];
  for (const [key, property] of fields) {
    const v = pick(property);
    if (v !== undefined) info[key] = v;
  }
  return info;
}

/** `PROPERTY NAME=... -> its own VALUE element` (qualifiers carry VALUEs too, so only direct children count). */
function propertyValues(root: XmlElement): Map<string, XmlElement> {
  const map = new Map<string, XmlElement>();
  for (const el of root.children) {
    if (el.name !== 'PROPERTY' || el.attributes.NAME === undefined) continue;
    const value = el.children.find((c) => c.name === 'VALUE');
    if (value) map.set(el.attributes.NAME, value);
  }
  return map;
}
