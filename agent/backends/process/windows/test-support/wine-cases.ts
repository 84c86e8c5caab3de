/** The requests the wine test sends through the real Windows runner (see wine-entry.ts), by name. */
import type { ProcessRequest } from '../../process-types.ts';
import type { SyncProcessRequest } from '../windows-sync-runner.ts';
import { OEM_CODE_PAGE_QUERY } from '../oem-code-page.ts';

/** Arguments that must reach a program exactly as given. */
export const ROUND_TRIP_ARGS: readonly string[] = ['', 'a b', 'C:\\with space\\', 'tab\there', 'C:\\two\\\\', '\\\\server\\share\\x y', '100%'];

/** The cases, for the Windows Node at `node`. */
export function wineCases(node: string): Record<string, ProcessRequest> {
  return {
    exit3010: { argv: [], line: 'cmd.exe /c exit 3010' },
    variables: { argv: [], line: 'echo %TASKSEQ_WINE_VAR%^|%TASKSEQ_WINE_UNSET%', env: { TASKSEQ_WINE_VAR: 'expanded value' } },
    quotedProgram: { argv: [], line: `"${node}" -e "console.log(process.argv.slice(1).join('|'))" "a b" c` },
    argv: { argv: [node, '-e', 'console.log(JSON.stringify(process.argv.slice(1)))', ...ROUND_TRIP_ARGS] },
    unsigned: { argv: [], line: 'exit -1073741819' },
    oem: { argv: [], line: 'echo \u00fc\u00e4' },
    codePage: { argv: OEM_CODE_PAGE_QUERY },
    secret: { argv: [], line: 'echo hunter2 > NUL', secrets: ['hunter2'] },
    cwd: { argv: [], line: 'cd', cwd: 'C:\\windows' },
    input: { argv: [node, '-e', 'process.stdin.pipe(process.stdout)'], input: 'from stdin\r\n' },
    timeout: { argv: [node, '-e', 'setInterval(() => {}, 1000)'], timeoutMs: 1500 },
    // cmd.exe starts Node, which prints its pid and waits: the tree is cmd.exe and that Node.
    tree: { argv: [], line: `"${node}" -e "console.log(process.pid); setInterval(() => {}, 1000)"`, timeoutMs: 1500 },
  };
}

/** The requests sent through the runner's synchronous door, by name. */
export function wineSyncCases(): Record<string, SyncProcessRequest> {
  return {
    syncRegistry: { argv: ['reg', 'query', 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion', '/v', 'ProductName', '/reg:64'] },
    syncExit: { argv: [], line: 'cmd.exe /c exit 3010' },
  };
}
