/**
 * The `Rules` option: `<Rules><Rule>[<condition>..</condition>]<Variables><Variable Name="X" IsSecret="false">value
 * </Variable></Variables></Rule>...</Rules>` (an XML string inside one variable).
 */
import { parseXmlElement, readConditionElement, TaskseqError, type Condition } from '../../engine/step-api.ts';

type XmlElement = ReturnType<typeof parseXmlElement>;

export interface RuleVariable {
  name: string;
  /** Unexpanded. */
  value: string;
  secret: boolean;
}

export interface Rule {
  /** 1-based position, as the console lists rules. */
  number: number;
  /** Absent: the rule always applies. */
  condition?: Condition;
  variables: RuleVariable[];
}

const named = (el: XmlElement, name: string): XmlElement[] => el.children.filter((c) => c.name.toLowerCase() === name.toLowerCase());

function attribute(el: XmlElement, name: string): string | undefined {
  const key = Object.keys(el.attributes).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : el.attributes[key];
}

function readRule(el: XmlElement, number: number): Rule {
  const conditionEl = named(el, 'condition')[0];
  const variables = named(el, 'Variables').flatMap((vs) => named(vs, 'Variable'));
  const rule: Rule = {
    number,
    variables: variables.map((v) => ({
      name: (attribute(v, 'Name') ?? '').trim(),
      value: v.text,
      secret: (attribute(v, 'IsSecret') ?? '').trim().toLowerCase() === 'true',
    })),
  };
  return conditionEl ? { ...rule, condition: readConditionElement(conditionEl) } : rule;
}

/**
 * Parses the rules. Returns an error text (with the XML problem) when the text is not well-formed, the root is not
 * `<Rules>`, or a condition cannot be read.
 */
export function parseRules(text: string): { rules: Rule[] } | { error: string } {
  let root: XmlElement;
  try {
    root = parseXmlElement(text);
  } catch (e) {
    return { error: `Rules is not well-formed XML: ${describe(e)}` };
  }
  if (root.name.toLowerCase() !== 'rules') return { error: `Rules must have a <Rules> root element, found <${root.name}>` };
  try {
    return { rules: named(root, 'Rule').map((r, i) => readRule(r, i + 1)) };
  } catch (e) {
    return { error: `Rules: ${describe(e)}` };
  }
}

function describe(e: unknown): string {
  if (e instanceof TaskseqError && e.problems.length > 0) {
    const p = e.problems[0];
    return p.line !== undefined ? `line ${p.line}: ${p.message}` : p.message;
  }
  return e instanceof Error ? e.message : String(e);
}
