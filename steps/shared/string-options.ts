/**
 * The options schema most steps share: every option is a string (as the `<variable>` elements of the XML are), the
 * named ones are the step's documented options, and unknown names are allowed (exports carry extra properties, which
 * preflight reports separately).
 */

/** JSON Schema for a string-valued option (`maxLength` etc. may be added per option). */
export type StringOption = { type: 'string' } & Record<string, unknown>;

/**
 * Options schema naming `names` (in this order, which the generated validators follow).
 * @param overrides replaces the plain `{ type: 'string' }` of some options (e.g. a `maxLength`)
 */
export function stringOptions(
  names: readonly string[],
  o: { required?: readonly string[]; overrides?: Record<string, StringOption> } = {},
): object {
  return {
    type: 'object',
    ...(o.required ? { required: [...o.required] } : {}),
    additionalProperties: { type: 'string' },
    ...(names.length ? { properties: Object.fromEntries(names.map((n) => [n, o.overrides?.[n] ?? { type: 'string' }])) } : {}),
  };
}
