/**
 * Lists of offences left to the work that owns them (`KNOWN_FOLDER_EXCEPTIONS`, `KNOWN_CYCLES`): what is found
 * and not listed is new, and what is listed but no longer found is fixed and must leave the list, so that a list
 * only shrinks. Pure; one comparison for every such list, so its self-test covers them all.
 */

/** The offences `found` that `known` does not list, and the `known` ones that are no longer found. */
export function compareWithKnown(found: readonly string[], known: readonly string[]): { fresh: string[]; gone: string[] } {
  return { fresh: found.filter((f) => !known.includes(f)), gone: known.filter((k) => !found.includes(k)) };
}
