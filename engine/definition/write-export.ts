/**
 * Model -> console export `object.xml` (CIM-XML `INSTANCE` of `SMS_TaskSequencePackage`). Only the properties this
 * loader reads are written: PackageID, Name, Type, BootImageID and Sequence (the `<sequence>` text in CDATA).
 */
import type { SequenceDocument } from './model.ts';
import { TASK_SEQUENCE_PACKAGE_CLASS } from './cim-export.ts';
import { renderCdata, renderXmlText } from './xml-escape.ts';
import { writeSequenceXml } from './write-sequence.ts';

/**
 * Renders a document as an export `object.xml`. Package facts that are absent are written as empty values.
 * @throws InvalidInputError when a value holds a character XML 1.0 cannot represent.
 */
export function writeExport(doc: SequenceDocument): string {
  const p = doc.package ?? {};
  const property = (name: string, origin: string, type: string, value: string | undefined): string =>
    `  <PROPERTY NAME="${name}" CLASSORIGIN="${origin}" TYPE="${type}">\n    <VALUE>${renderXmlText(value ?? '', `package ${name}`)}</VALUE>\n  </PROPERTY>`;
  const sequence = writeSequenceXml(doc.sequence, { declaration: false });
  return [
    `<INSTANCE CLASSNAME="${TASK_SEQUENCE_PACKAGE_CLASS}">`,
    property('BootImageID', TASK_SEQUENCE_PACKAGE_CLASS, 'string', p.bootImageId),
    property('Name', 'SMS_PackageBaseclass', 'string', p.packageName),
    property('PackageID', 'SMS_PackageBaseclass', 'string', p.packageId),
    `  <PROPERTY NAME="Sequence" CLASSORIGIN="${TASK_SEQUENCE_PACKAGE_CLASS}" TYPE="string">\n    <VALUE>${renderCdata(sequence)}</VALUE>\n  </PROPERTY>`,
    property('Type', TASK_SEQUENCE_PACKAGE_CLASS, 'uint32', p.packageType),
    '</INSTANCE>',
    '',
  ].join('\n');
}
