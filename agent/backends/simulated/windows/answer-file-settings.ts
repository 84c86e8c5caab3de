/**
 * What the simulated Windows Setup takes from an answer file (pure): the settings of the specialize and oobeSystem
 * passes that the deployment steps write, and the same file with its passwords masked the way Setup leaves it.
 */
import { parseXmlElement, type XmlElement } from '../../../../engine/index.ts';

export interface AnswerFileSettings {
  /** `*` asks Setup for a generated name. */
  computerName?: string;
  registeredOwner?: string;
  registeredOrganization?: string;
  timeZone?: string;
  inputLocale?: string;
  systemLocale?: string;
  uiLanguage?: string;
  userLocale?: string;
  /** An Administrator password is present (its value is never returned). */
  administratorPassword: boolean;
  join?: { domain: string; ou?: string; hasCredentials: boolean } | { workgroup: string };
}

/** Setup's placeholder for removed secrets. */
export const SENSITIVE_DATA_DELETED = '*SENSITIVE*DATA*DELETED*';

const local = (name: string) => name.slice(name.indexOf(':') + 1).toLowerCase();

function child(e: XmlElement | undefined, name: string): XmlElement | undefined {
  return e?.children.find((c) => local(c.name) === name.toLowerCase());
}

function text(e: XmlElement | undefined, ...path: string[]): string | undefined {
  let at = e;
  for (const p of path) at = child(at, p);
  const t = at?.text.trim();
  return t ? t : undefined;
}

/** Components of one pass by name (lower case); a later pass of the same name adds to an earlier one. */
function components(root: XmlElement, pass: string): Map<string, XmlElement> {
  const out = new Map<string, XmlElement>();
  for (const s of root.children.filter((c) => local(c.name) === 'settings' && c.attributes.pass?.toLowerCase() === pass)) {
    for (const c of s.children.filter((x) => local(x.name) === 'component')) out.set((c.attributes.name ?? '').toLowerCase(), c);
  }
  return out;
}

function readJoin(join: XmlElement | undefined): AnswerFileSettings['join'] {
  const id = child(join, 'Identification');
  if (!id) return undefined;
  const domain = text(id, 'JoinDomain');
  if (domain) {
    const creds = child(id, 'Credentials');
    const ou = text(id, 'MachineObjectOU');
    return { domain, ...(ou ? { ou } : {}), hasCredentials: !!text(creds, 'Username') && !!text(creds, 'Password') };
  }
  const workgroup = text(id, 'JoinWorkgroup');
  return workgroup ? { workgroup } : undefined;
}

function firstOf(...values: Array<string | undefined>): string | undefined {
  return values.find((v) => v !== undefined);
}

/**
 * The settings Setup applies, oobeSystem values winning over specialize ones where both passes may carry them.
 * @throws InvalidInputError (naming `file`) when the answer file is not well-formed XML
 */
export function readAnswerFileSettings(xml: string, file: string): AnswerFileSettings {
  const root = parseXmlElement(xml, file);
  const spec = components(root, 'specialize');
  const oobe = components(root, 'oobesystem');
  const shellS = spec.get('microsoft-windows-shell-setup');
  const shellO = oobe.get('microsoft-windows-shell-setup');
  const intl = oobe.get('microsoft-windows-international-core') ?? spec.get('microsoft-windows-international-core');
  const admin = child(child(shellO, 'UserAccounts'), 'AdministratorPassword');
  const adminValue = text(admin, 'Value');
  const settings: AnswerFileSettings = {
    computerName: text(shellS, 'ComputerName'),
    registeredOwner: firstOf(text(shellO, 'RegisteredOwner'), text(shellS, 'RegisteredOwner')),
    registeredOrganization: firstOf(text(shellO, 'RegisteredOrganization'), text(shellS, 'RegisteredOrganization')),
    timeZone: firstOf(text(shellO, 'TimeZone'), text(shellS, 'TimeZone')),
    inputLocale: text(intl, 'InputLocale'),
    systemLocale: text(intl, 'SystemLocale'),
    uiLanguage: text(intl, 'UILanguage'),
    userLocale: text(intl, 'UserLocale'),
    administratorPassword: adminValue !== undefined && adminValue !== SENSITIVE_DATA_DELETED,
    join: readJoin(spec.get('microsoft-windows-unattendedjoin')),
  };
  for (const k of Object.keys(settings) as Array<keyof AnswerFileSettings>) if (settings[k] === undefined) delete settings[k];
  return settings;
}

/** Element names whose `Value`/`Password` child text is a secret in an answer file. */
const SECRET_PARENTS = new Set(['administratorpassword', 'password', 'credentials', 'autologon']);

/**
 * The answer file with every password value replaced by {@link SENSITIVE_DATA_DELETED}, as Setup leaves the copy it
 * keeps. Works on the text so that everything else stays byte for byte.
 */
export function maskAnswerFilePasswords(xml: string): string {
  return xml.replace(/<((?:[\w-]+:)?)(AdministratorPassword|Password|Credentials|AutoLogon)(\s[^>]*)?>([\s\S]*?)<\/\1\2>/gi,
    (whole, prefix: string, name: string, attrs: string | undefined, inner: string) => {
      if (!SECRET_PARENTS.has(name.toLowerCase())) return whole;
      const masked = name.toLowerCase() === 'password' && !/<\s*(?:[\w-]+:)?Value\b/i.test(inner)
        ? SENSITIVE_DATA_DELETED
        : inner.replace(/(<(?:[\w-]+:)?(?:Value|Password)\b[^>]*>)[^<]*(<\/)/gi, `$1${SENSITIVE_DATA_DELETED}$2`);
      return `<${prefix}${name}${attrs ?? ''}>${masked}</${prefix}${name}>`;
    });
}
