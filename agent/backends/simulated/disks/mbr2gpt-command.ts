/**
 * Recognises MBR2GPT command lines: `MBR2GPT.exe /validate|/convert [/disk:N] [/allowFullOS] [/logs:path]`, any case,
 * with or without a path, quotes or `.exe`.
 */

export interface Mbr2GptCommand {
  action: 'validate' | 'convert';
  /** Absent: the system disk. */
  disk?: number;
  allowFullOS: boolean;
}

const PROGRAM = /^\s*(?:"[^"]*?\\)?(?:[A-Za-z]:)?(?:[^"\s]*\\)?mbr2gpt(?:\.exe)?"?(?=\s|$)(.*)$/i;

/** Whitespace-separated arguments; double quotes group (`/logs:"C:\my logs"`). */
function splitArguments(text: string): string[] {
  return [...text.matchAll(/(?:[^\s"]+|"[^"]*")+/g)].map((m) => m[0].replace(/"/g, ''));
}

/**
 * The command, `'invalid'` when it is MBR2GPT with a bad command line (the tool exits 4), or undefined when the
 * command line is not MBR2GPT at all.
 */
export function parseMbr2GptCommand(commandLine: string): Mbr2GptCommand | 'invalid' | undefined {
  const m = PROGRAM.exec(commandLine);
  if (!m) return undefined;
  const actions: Array<'validate' | 'convert'> = [];
  let disk: number | undefined;
  let allowFullOS = false;
  for (const arg of splitArguments(m[1])) {
    const a = arg.toLowerCase();
    if (a === '/validate' || a === '/convert') actions.push(a.slice(1) as 'validate' | 'convert');
    else if (a === '/allowfullos') allowFullOS = true;
    else if (/^\/disk:\d{1,5}$/.test(a)) disk = Number(a.slice(6));
    else if (!/^\/logs:.+/.test(a)) return 'invalid';
  }
  if (actions.length !== 1) return 'invalid';
  const command: Mbr2GptCommand = { action: actions[0], allowFullOS };
  if (disk !== undefined) command.disk = disk;
  return command;
}
