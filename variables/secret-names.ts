/**
 * Variables that are secret by design: the SDK marks them `Secret` (passwords) or "quasi-secret" (product keys).
 * Their values are redacted everywhere even when nobody flagged them. Which names these are is a fact of the steps
 * (their manifests) and of the engine's catalog, and this layer imports neither: the engine registers them when it
 * builds its step registry, before any run or check fills a variable store.
 */
const SECRET_SET = new Set<string>();

/** Adds `names` to the secret-by-name variables for the rest of the process (letter case does not matter). */
export function registerSecretNames(names: Iterable<string>): void {
  for (const n of names) SECRET_SET.add(n.toLowerCase());
}

/** True when `name` is one of the registered password / product-key variables. */
export function isSecretByName(name: string): boolean {
  return SECRET_SET.has(name.toLowerCase());
}

/** The registered secret variable names (lower case). */
export function secretNames(): readonly string[] {
  return [...SECRET_SET];
}
