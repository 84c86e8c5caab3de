/** Reads an expression's `<variable name="...">` properties and attributes, names compared case-insensitively. */
import type { ExpressionNode } from '../definition/model.ts';

export class ExpressionProperties {
  private readonly values = new Map<string, string>();

  constructor(node: ExpressionNode) {
    // The first occurrence wins, as a reader going top to bottom would take it.
    for (const p of node.properties) {
      const key = p.name.toLowerCase();
      if (!this.values.has(key)) this.values.set(key, p.value);
    }
  }

  /** The property's value, or undefined when absent. */
  get(name: string): string | undefined {
    return this.values.get(name.toLowerCase());
  }

  /** The property's value trimmed; undefined when absent or blank. */
  text(name: string): string | undefined {
    const v = this.get(name)?.trim();
    return v ? v : undefined;
  }
}

/** An attribute of the node (case-insensitive name), e.g. `ignoreQueryFailure`. */
export function readAttribute(node: { attributes?: Record<string, string> }, name: string): string | undefined {
  const attrs = node.attributes ?? {};
  const lower = name.toLowerCase();
  const key = Object.keys(attrs).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : attrs[key];
}
