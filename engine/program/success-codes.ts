/** Judging exit codes against a step's success codes. */

/**
 * Exit codes are compared as 32-bit values: a negative code from a process and its unsigned HRESULT spelling
 * (`-2147467259` and `2147500037`) are the same code.
 */
export function isSuccessCode(exitCode: number, codes: readonly number[]): boolean {
  const u = exitCode >>> 0;
  for (const c of codes) if (c >>> 0 === u) return true;
  return false;
}
