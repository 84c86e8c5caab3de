/**
 * The OEM code page, in which Windows console programs write to a pipe. It is read once per runner from the
 * registry value Windows sets it in (`chcp` would need a console, and prints its answer in the local language).
 */
import { TaskseqError } from '../../../../engine/index.ts';

/** The `reg query` that prints the OEM code page. */
export const OEM_CODE_PAGE_QUERY: readonly string[] = [
  'reg', 'query', 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Nls\\CodePage', '/v', 'OEMCP',
];

/**
 * The code page in the output of {@link OEM_CODE_PAGE_QUERY}: the line `    OEMCP    REG_SZ    850`.
 * @throws TaskseqError('unsupported') when the output holds no such line (the query failed or printed otherwise)
 */
export function parseOemCodePage(output: string, exitCode: number): number {
  const m = /^\s*OEMCP\s+REG_SZ\s+(\d+)\s*$/im.exec(output);
  if (exitCode === 0 && m) return Number(m[1]);
  const said = output.split(/\r?\n/).map((l) => l.trim()).find(Boolean) ?? 'no output';
  throw new TaskseqError('unsupported', `cannot read the console code page: reg query ... /v OEMCP exited with ${exitCode}: ${said}`);
}
