/**
 * One finding of a profile's cross-field rules. Its own file because every rules file produces it and the
 * top-level rules file imports the others: declared there, it would make an import cycle.
 */
export interface RuleFinding {
  /** JSON pointer, e.g. `/firmware/secureBoot`. */
  path: string;
  message: string;
}
