/** The `<action>` of a Run Command Line step: `smsswd.exe /run:<PackageID> <command line>`. */

export interface ParsedAction {
  /** Package after `/run:`; undefined when `/run:` is followed directly by a space (no package). */
  packageId?: string;
  /** The command line without the wrapper (unexpanded). */
  commandLine: string;
}

const WRAPPER = /^\s*"?smsswd(?:\.exe)?"?\s+\/run:(\S*)\s*/i;

/**
 * Splits an action into package and command line. Actions without the `smsswd.exe /run:` wrapper (MDT script calls,
 * other agents' executables) are returned whole as the command line.
 */
export function parseAction(action: string): ParsedAction {
  const m = WRAPPER.exec(action);
  if (!m) return { commandLine: action.trim() };
  const commandLine = action.slice(m[0].length).trim();
  return m[1] ? { packageId: m[1], commandLine } : { commandLine };
}
