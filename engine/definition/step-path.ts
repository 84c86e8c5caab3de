/** Step paths: the names from the outermost group down, joined by `/` (e.g. `Build/Capture/Prepare OS`). */

/** Stands in for an empty or missing name in a path. */
export const UNNAMED = '(unnamed)';

/**
 * The path of a node named `name` inside groups named `ancestors` (outermost first). An empty name shows as
 * `(unnamed)`. A `/` inside a name is not escaped: paths are for people, not for parsing.
 */
export function stepPath(ancestors: readonly string[], name: string): string {
  const parts = ancestors.length === 0 ? [name] : [...ancestors, name];
  return parts.map((p) => (p === '' ? UNNAMED : p)).join('/');
}
