/**
 * Naming driver folders in an answer file for Windows Setup (pure): `PathAndCredentials` entries under
 * `Microsoft-Windows-PnpCustomizationsNonWinPE/DriverPaths` in the `offlineServicing` pass. The entries are spliced
 * into the text as it is, so everything else in the file (other passes, comments, formatting) stays byte for byte.
 */
import { InvalidInputError, parseXmlElement, type Architecture, type XmlElement } from '../../../engine/index.ts';
import { renderXmlAttribute, renderXmlText } from '../../../engine/definition/xml-escape.ts';

const UNATTEND_NAMESPACE = 'urn:schemas-microsoft-com:unattend';
const WCM_NAMESPACE = 'http://schemas.microsoft.com/WMIConfig/2002/State';
/** The component that adds drivers from folders to an offline Windows before it first starts. */
export const PNP_COMPONENT = 'Microsoft-Windows-PnpCustomizationsNonWinPE';
export const OFFLINE_SERVICING = 'offlineServicing';
const PROCESSOR: Record<Architecture, string> = { x64: 'amd64', x86: 'x86', arm64: 'arm64' };

const local = (name: string) => name.slice(name.indexOf(':') + 1).toLowerCase();
const same = (a: string | undefined, b: string) => (a ?? '').toLowerCase() === b.toLowerCase();
const attributeOf = (e: XmlElement, name: string) => Object.entries(e.attributes).find(([k]) => local(k) === name.toLowerCase())?.[1];

export interface DriverPathsOptions {
  /** The offline Windows' architecture, for a component the edit adds (`processorArchitecture`). */
  architecture: Architecture;
  /** Names the file in errors (`C:\Windows\Panther\unattend.xml`). */
  file: string;
}

/**
 * The answer file with each of `paths` (`C:\Drivers\1`) named as a driver path of the offlineServicing pass, keyed
 * on from the highest numeric key already there; a path already named (case-insensitive) is not added again. A
 * missing file (`undefined`) becomes a new answer file holding only these entries; the pass, component and
 * `DriverPaths` are added where the file lacks them.
 * @throws InvalidInputError (naming the file) when the text is not well-formed XML or its root is not `<unattend>`
 */
export function addDriverPaths(text: string | undefined, paths: readonly string[], options: DriverPathsOptions): string {
  const source = text ?? `<?xml version="1.0" encoding="utf-8"?>\n<unattend xmlns="${UNATTEND_NAMESPACE}" xmlns:wcm="${WCM_NAMESPACE}">\n</unattend>\n`;
  const root = parseXmlElement(source, options.file);
  if (local(root.name) !== 'unattend') throw new InvalidInputError(`${options.file}: the root element is <${root.name}>, not <unattend>`);
  const settings = root.children.find((c) => local(c.name) === 'settings' && same(c.attributes.pass, OFFLINE_SERVICING));
  const component = settings?.children.find((c) => local(c.name) === 'component' && same(c.attributes.name, PNP_COMPONENT));
  const driverPaths = component?.children.find((c) => local(c.name) === 'driverpaths');
  const entries = driverPaths?.children.filter((c) => local(c.name) === 'pathandcredentials') ?? [];
  const named = new Set(entries.map((e) => pathOf(e).toLowerCase()));
  const fresh = [...new Set(paths)].filter((p) => !named.has(p.toLowerCase()));
  if (fresh.length === 0) return source;

  const chain = [root, settings, component, driverPaths].filter((e): e is XmlElement => e !== undefined);
  const declared = chain.some((e) => Object.keys(e.attributes).includes('xmlns:wcm'));
  const firstKey = Math.max(0, ...entries.map((e) => Number(attributeOf(e, 'keyValue'))).filter(Number.isInteger)) + 1;
  const newEntries = fresh.map((path, i) => entry(path, firstKey + i, declared || !driverPaths ? '' : ` xmlns:wcm="${WCM_NAMESPACE}"`));
  const wcm = declared ? '' : ` xmlns:wcm="${WCM_NAMESPACE}"`;
  const inner = !component ? [tag('component', componentAttributes(options.architecture) + (settings ? wcm : ''), [tag('DriverPaths', '', newEntries)])]
    : !driverPaths ? [tag('DriverPaths', wcm, newEntries)]
      : newEntries;
  const fragment = settings ? inner : [tag('settings', ` pass="${OFFLINE_SERVICING}"${wcm}`, inner)];
  return insertChildren(source, chain.at(-1)!, fragment);
}

function pathOf(e: XmlElement): string {
  return e.children.find((c) => local(c.name) === 'path')?.text.trim() ?? '';
}

/** An element as lines of text, children indented by two spaces. */
interface Fragment { lines: string[] }

function tag(name: string, attributes: string, children: Fragment[]): Fragment {
  return { lines: [`<${name}${attributes}>`, ...children.flatMap((c) => c.lines.map((l) => `  ${l}`)), `</${name}>`] };
}

function entry(path: string, key: number, namespace: string): Fragment {
  const text = renderXmlText(path, 'driver path');
  return { lines: [`<PathAndCredentials wcm:action="add" wcm:keyValue="${key}"${namespace}>`, `  <Path>${text}</Path>`, '</PathAndCredentials>'] };
}

function componentAttributes(architecture: Architecture): string {
  return ` name="${renderXmlAttribute(PNP_COMPONENT, 'component')}" processorArchitecture="${PROCESSOR[architecture]}"`
    + ' publicKeyToken="31bf3856ad364e35" language="neutral" versionScope="nonSxS"';
}

/** Where `e`'s start tag begins in `text`: its line and column as the tree reports them. */
function startOffset(text: string, e: XmlElement): number {
  let offset = 0;
  for (let line = 1; line < e.line; line++) {
    const lf = text.indexOf('\n', offset);
    const cr = text.indexOf('\r', offset);
    const end = cr >= 0 && (lf < 0 || cr < lf) ? cr : lf;
    offset = end + (text[end] === '\r' && text[end + 1] === '\n' ? 2 : 1);
  }
  return offset + e.column - 1;
}

/** Inserts `children` as the first children of `parent`, indented one level below it; a self-closing tag is opened. */
function insertChildren(text: string, parent: XmlElement, children: Fragment[]): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const start = startOffset(text, parent);
  const lineStart = Math.max(text.lastIndexOf('\n', start - 1), text.lastIndexOf('\r', start - 1)) + 1;
  const before = text.slice(lineStart, start);
  const indent = /^[ \t]*$/.test(before) ? before : '';
  const childIndent = `${indent}${indent.includes('\t') ? '\t' : '  '}`;
  const body = children.flatMap((c) => c.lines).map((l) => `${eol}${childIndent}${l}`).join('');
  const end = parent.contentOffset;
  if (text.slice(end - 2, end) === '/>') {
    return `${text.slice(0, end - 2).trimEnd()}>${body}${eol}${indent}</${parent.name}>${text.slice(end)}`;
  }
  return `${text.slice(0, end)}${body}${text.slice(end)}`;
}
