/**
 * The answer file Apply Operating System Image leaves in `Windows\Panther\unattend.xml` (pure): a fresh minimal one,
 * merged with the package's answer file when the step names one. `%VAR%` tokens in the package file are kept for
 * Setup Windows and ConfigMgr to substitute.
 */
import { InvalidInputError, parseXmlElement, type XmlElement } from '../../engine/step-api.ts';

export const UNATTEND_NAMESPACE = 'urn:schemas-microsoft-com:unattend';
const SHELL_SETUP = 'Microsoft-Windows-Shell-Setup';
const PROCESSOR: Record<string, string> = { x64: 'amd64', x86: 'x86', arm64: 'arm64' };

export interface UnattendInput {
  /** The image's architecture (`x64`...), for the components' `processorArchitecture`. */
  architecture: string;
  /** Written to specialize's ComputerName when set. */
  computerName?: string;
}

/** An element of a generated tree (no source position). */
export function element(name: string, attributes: Record<string, string>, children: XmlElement[] = [], text = ''): XmlElement {
  return { name, attributes, children, text, line: 0, column: 0, contentLine: 0, contentColumn: 0, contentOffset: 0 };
}

/** An empty `<component>` of the given name with the attributes Windows Setup needs. */
export function componentElement(name: string, architecture: string, children: XmlElement[] = []): XmlElement {
  return element('component', {
    name,
    processorArchitecture: PROCESSOR[architecture] ?? 'amd64',
    publicKeyToken: '31bf3856ad364e35',
    language: 'neutral',
    versionScope: 'nonSxS',
  }, children);
}

function shellSetup(architecture: string, children: XmlElement[]): XmlElement {
  return componentElement(SHELL_SETUP, architecture, children);
}

/** The generated answer file as a tree: specialize (ComputerName when given) and oobeSystem passes. */
export function planUnattend(input: UnattendInput): XmlElement {
  const specialize = input.computerName ? [element('ComputerName', {}, [], input.computerName)] : [];
  const oobe = [element('OOBE', {}, [element('HideEULAPage', {}, [], 'true')])];
  return element('unattend', { xmlns: UNATTEND_NAMESPACE }, [
    element('settings', { pass: 'specialize' }, [shellSetup(input.architecture, specialize)]),
    element('settings', { pass: 'oobeSystem' }, [shellSetup(input.architecture, oobe)]),
  ]);
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);
const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function mergeSettings(generated: XmlElement, given: XmlElement): XmlElement {
  const givenNames = given.children.filter((c) => localName(c.name) === 'component').map((c) => c.attributes.name ?? '');
  const kept = generated.children.filter((c) => !givenNames.some((n) => sameName(n, c.attributes.name ?? '')));
  return { ...given, children: [...given.children, ...kept] };
}

/**
 * Merges the package answer file into the generated one: per pass, a component the package file has (same `name`)
 * replaces the generated one; generated components and passes it lacks are added. Everything else in the package
 * file is kept as written.
 * @throws InvalidInputError (naming `file`) when the package file is not well-formed XML or not an unattend file.
 */
export function mergeUnattend(generated: XmlElement, packageText: string, file: string): XmlElement {
  const given = parseXmlElement(packageText, file);
  if (localName(given.name) !== 'unattend') throw new InvalidInputError(`${file}: the root element is <${given.name}>, not <unattend>`);
  const passOf = (e: XmlElement) => (localName(e.name) === 'settings' ? e.attributes.pass ?? '' : undefined);
  const children = given.children.map((c) => {
    const pass = passOf(c);
    const mine = pass === undefined ? undefined : generated.children.find((g) => sameName(passOf(g) ?? '', pass));
    return mine ? mergeSettings(mine, c) : c;
  });
  const missing = generated.children.filter((g) => !given.children.some((c) => passOf(c) !== undefined && sameName(passOf(c)!, passOf(g) ?? '')));
  return { ...given, children: [...children, ...missing] };
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}

function renderElement(e: XmlElement, indent: string): string {
  const attributes = Object.entries(e.attributes).map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`).join('');
  if (e.children.length === 0) {
    const text = e.text.trim() === '' ? '' : escapeText(e.text);
    return text === '' ? `${indent}<${e.name}${attributes} />` : `${indent}<${e.name}${attributes}>${text}</${e.name}>`;
  }
  const inner = e.children.map((c) => renderElement(c, `${indent}  `)).join('\n');
  return `${indent}<${e.name}${attributes}>\n${inner}\n${indent}</${e.name}>`;
}

/** The tree as an XML document (UTF-8 declaration, two-space indent, text and attributes escaped). */
export function renderUnattend(root: XmlElement): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${renderElement(root, '')}\n`;
}
