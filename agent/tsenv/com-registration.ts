/**
 * What the Windows backend runs (through the process runner) to register the two script components for the length
 * of a run and to remove them afterwards: `reg add` and `reg delete` argument lists, pure so that a golden shows
 * exactly what the machine's registry gets.
 *
 * Each class is registered the way the script component runtime registers one: the ProgID names the class id, and
 * the class id's `InprocServer32` is the runtime (`scrobj.dll`, apartment threaded) with `ScriptletURL` pointing at
 * the `.wsc` file. The keys go under `HKLM\SOFTWARE\Classes` by default, so every process sees them whatever account
 * runs it (a command run as another user included); `HKCU` is there for a run that may not write HKLM. They are
 * written in the 64-bit view and in the 32-bit one (`/reg:64`, `/reg:32`), because a 32-bit script host reads the
 * 32-bit view of the class ids; the ProgID keys are shared by both views, so removing them in the second view finds
 * them gone already (`reg delete` exits 1), which the backend must accept.
 */
import { COM_CLASSES, type ComClass } from './com-classes.ts';

/** A registry view: the 64-bit one, or the 32-bit one 32-bit programs see. */
export type RegistryView = 64 | 32;

export interface RegistrationOptions {
  /** Windows folder holding the `.wsc` files, e.g. `X:\Windows\Temp\taskseq-tsenv`. */
  folder: string;
  /** `HKLM` (every account, the default) or `HKCU` (the agent's account only). */
  hive?: 'HKLM' | 'HKCU';
  /** Views written, in order; both by default. Windows PE runs no 32-bit programs, so `[64]` is enough there. */
  views?: readonly RegistryView[];
  /** The classes; both by default. */
  classes?: readonly ComClass[];
}

/** The in-process server of every script component. */
export const SCRIPT_COMPONENT_RUNTIME = 'scrobj.dll';

/** `reg add` argument lists that register every class, in order. */
export function registrationCommands(options: RegistrationOptions): string[][] {
  const { root, views, classes } = resolve(options);
  return views.flatMap((view) => classes.flatMap((cls) => {
    const clsidKey = `${root}\\CLSID\\${cls.clsid}`;
    const add = (key: string, value: string, name?: string) => [
      'reg', 'add', key, ...(name === undefined ? ['/ve'] : ['/v', name]), '/t', 'REG_SZ', '/d', value, '/f', `/reg:${view}`,
    ];
    return [
      add(`${root}\\${cls.progId}`, cls.description),
      add(`${root}\\${cls.progId}\\CLSID`, cls.clsid),
      add(clsidKey, cls.description),
      add(`${clsidKey}\\ProgID`, cls.progId),
      add(`${clsidKey}\\InprocServer32`, SCRIPT_COMPONENT_RUNTIME),
      add(`${clsidKey}\\InprocServer32`, 'Apartment', 'ThreadingModel'),
      add(`${clsidKey}\\ScriptletURL`, fileUrl(`${options.folder.replace(/\\+$/, '')}\\${cls.fileName}`)),
    ];
  }));
}

/** `reg delete` argument lists that remove every key {@link registrationCommands} wrote. */
export function removalCommands(options: RegistrationOptions): string[][] {
  const { root, views, classes } = resolve(options);
  return views.flatMap((view) => classes.flatMap((cls) => [
    ['reg', 'delete', `${root}\\${cls.progId}`, '/f', `/reg:${view}`],
    ['reg', 'delete', `${root}\\CLSID\\${cls.clsid}`, '/f', `/reg:${view}`],
  ]));
}

/**
 * `reg query` argument lists, one per class, that find a ProgID some other software registered already (a
 * management client's own environment object): exit code 0 means it exists, and registering would replace it.
 */
export function existingRegistrationQueries(options: Pick<RegistrationOptions, 'hive' | 'classes'> = {}): string[][] {
  const { root, classes } = resolve({ folder: '', ...options });
  return classes.map((cls) => ['reg', 'query', `${root}\\${cls.progId}\\CLSID`, '/ve']);
}

function resolve(options: RegistrationOptions): { root: string; views: readonly RegistryView[]; classes: readonly ComClass[] } {
  return { root: `${options.hive ?? 'HKLM'}\\SOFTWARE\\Classes`, views: options.views ?? [64, 32], classes: options.classes ?? COM_CLASSES };
}

/** `C:\a b\x.wsc` -> `file:///C:/a%20b/x.wsc`. */
export function fileUrl(windowsPath: string): string {
  return `file:///${windowsPath.split('\\').map((part, i) => (i === 0 && /^[A-Za-z]:$/.test(part) ? part : encodeURIComponent(part))).join('/')}`;
}
