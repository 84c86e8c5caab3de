/** WMI namespace names: case-insensitive, `root\cimv2` when none is given. */

export const DEFAULT_WMI_NAMESPACE = 'root\\cimv2';

/**
 * Canonical form of a namespace for comparisons: trimmed, forward slashes as backslashes, a leading `\\.\` or
 * `\\host\` dropped, lower case; empty means {@link DEFAULT_WMI_NAMESPACE}.
 */
export function normalizeWmiNamespace(namespace: string | undefined): string {
  let ns = (namespace ?? '').trim().replace(/\//g, '\\');
  ns = ns.replace(/^\\\\[^\\]+\\/, '');
  return (ns === '' ? DEFAULT_WMI_NAMESPACE : ns).toLowerCase();
}
