/**
 * Editing an answer file tree (pure): set or remove one setting of a component in a pass, or replace a whole
 * component. Elements the edit does not name are kept as they are, so an administrator's other settings survive; a
 * later edit of the same setting replaces the earlier one (the last Apply ... Settings step wins).
 */
import type { XmlElement } from '../../engine/step-api.ts';
import { componentElement, element } from './unattend.ts';

export const WCM_NAMESPACE = 'http://schemas.microsoft.com/WMIConfig/2002/State';

export type UnattendPass = 'windowsPE' | 'specialize' | 'oobeSystem';

const local = (name: string) => name.slice(name.indexOf(':') + 1).toLowerCase();

function findChild(parent: XmlElement, name: string): XmlElement | undefined {
  return parent.children.find((c) => local(c.name) === name.toLowerCase());
}

function pass(root: XmlElement, name: UnattendPass): XmlElement {
  const found = root.children.find((c) => local(c.name) === 'settings' && c.attributes.pass?.toLowerCase() === name.toLowerCase());
  if (found) return found;
  const made = element('settings', { pass: name });
  root.children.push(made);
  return made;
}

function component(root: XmlElement, passName: UnattendPass, name: string, architecture: string): XmlElement {
  const settings = pass(root, passName);
  const found = settings.children.find((c) => local(c.name) === 'component' && (c.attributes.name ?? '').toLowerCase() === name.toLowerCase());
  if (found) return found;
  const made = componentElement(name, architecture);
  settings.children.push(made);
  return made;
}

/** A deep copy, so edits never change the caller's tree. */
export function cloneTree(e: XmlElement): XmlElement {
  return { ...e, attributes: { ...e.attributes }, children: e.children.map(cloneTree) };
}

export interface SettingEdit {
  pass: UnattendPass;
  component: string;
  /** Element path inside the component, e.g. `['UserAccounts', 'AdministratorPassword', 'Value']`. */
  path: string[];
  /** Undefined removes the element (and parents left empty by it). */
  value: string | undefined;
}

function removePath(parent: XmlElement, path: string[]): void {
  const [head, ...rest] = path;
  const i = parent.children.findIndex((c) => local(c.name) === head.toLowerCase());
  if (i < 0) return;
  if (rest.length > 0) {
    removePath(parent.children[i], rest);
    if (parent.children[i].children.length > 0 || parent.children[i].text.trim() !== '') return;
  }
  parent.children.splice(i, 1);
}

/** Applies `edits` in order to the tree (in place). */
export function editSettings(root: XmlElement, architecture: string, edits: readonly SettingEdit[]): void {
  for (const edit of edits) {
    if (edit.value === undefined) {
      const settings = root.children.find((c) => local(c.name) === 'settings' && c.attributes.pass?.toLowerCase() === edit.pass.toLowerCase());
      const comp = settings?.children.find((c) => (c.attributes.name ?? '').toLowerCase() === edit.component.toLowerCase());
      if (comp) removePath(comp, edit.path);
      continue;
    }
    let at = component(root, edit.pass, edit.component, architecture);
    for (const name of edit.path) {
      let next = findChild(at, name);
      if (!next) {
        next = element(name, {});
        at.children.push(next);
      }
      at = next;
    }
    at.children = [];
    at.text = edit.value;
  }
}

/** Replaces (or adds) a whole component in a pass; `children` empty removes it. */
export function replaceComponent(root: XmlElement, passName: UnattendPass, name: string, architecture: string, children: XmlElement[]): void {
  const settings = pass(root, passName);
  const i = settings.children.findIndex((c) => local(c.name) === 'component' && (c.attributes.name ?? '').toLowerCase() === name.toLowerCase());
  if (children.length === 0) {
    if (i >= 0) settings.children.splice(i, 1);
    return;
  }
  const made = componentElement(name, architecture);
  made.children = children;
  if (i >= 0) settings.children[i] = made;
  else settings.children.push(made);
  if (!Object.keys(root.attributes).some((k) => k === 'xmlns:wcm')) root.attributes['xmlns:wcm'] = WCM_NAMESPACE;
}

/** The same element replaced by one of the same name under `parent` (keyed list entries are built by the caller). */
export function replaceChild(parent: XmlElement, child: XmlElement): void {
  const i = parent.children.findIndex((c) => local(c.name) === local(child.name));
  if (i >= 0) parent.children[i] = child;
  else parent.children.push(child);
}

/** The component of a pass, when the tree has it. */
export function findComponent(root: XmlElement, passName: UnattendPass, name: string): XmlElement | undefined {
  const settings = root.children.find((c) => local(c.name) === 'settings' && c.attributes.pass?.toLowerCase() === passName.toLowerCase());
  return settings?.children.find((c) => local(c.name) === 'component' && (c.attributes.name ?? '').toLowerCase() === name.toLowerCase());
}

export { findChild };
