/** Test support: a scripted machine probe and condition context, plus condition builders. Not used in production. */
import type { Condition, ConditionNode, ExpressionNode, OperatorNode } from '../../definition/model.ts';
import type { FileFacts, InstalledProduct, MachineProbe, RegistryValue, WmiRow } from '../../ports/machine-probe.ts';
import { runWql } from '../../wql/run-wql.ts';
import type { ConditionContext } from '../types.ts';

export interface ProbeScript {
  /** Exact answers by `namespace|query` (namespace as the evaluator passes it); an Error value is thrown. */
  wmi?: Record<string, WmiRow[] | Error>;
  /** WMI objects by class (root\cimv2 only), answered through runWql. */
  classes?: Record<string, WmiRow[]>;
  files?: Record<string, FileFacts>;
  folders?: Record<string, FileFacts>;
  /** By `keyPath|valueName`; `null` = scripted as absent. */
  registry?: Record<string, RegistryValue | null>;
  products?: InstalledProduct[];
}

function unscripted(what: string): never {
  throw new Error(`fake probe: unscripted ${what}`);
}

/** A probe that answers only what the script holds and throws on anything else. */
export function createFakeProbe(script: ProbeScript = {}): MachineProbe & { calls: number } {
  const probe = {
    calls: 0,
    queryWmi(namespace: string, query: string): WmiRow[] {
      probe.calls++;
      const key = `${namespace}|${query}`;
      if (script.wmi && key in script.wmi) {
        const answer = script.wmi[key];
        if (answer instanceof Error) throw answer;
        return answer;
      }
      if (script.classes && namespace === 'root\\cimv2') {
        const classes = script.classes;
        return runWql(query, (name) => {
          const hit = Object.keys(classes).find((c) => c.toLowerCase() === name.toLowerCase());
          return hit === undefined ? undefined : classes[hit];
        });
      }
      return unscripted(`queryWmi(${key})`);
    },
    file: (path: string) => script.files?.[path] ?? unscripted(`file(${path})`),
    folder: (path: string) => script.folders?.[path] ?? unscripted(`folder(${path})`),
    registry(keyPath: string, valueName: string): RegistryValue | undefined {
      const key = `${keyPath}|${valueName}`;
      if (!script.registry || !(key in script.registry)) return unscripted(`registry(${key})`);
      return script.registry[key] ?? undefined;
    },
    installedProducts: () => script.products ?? unscripted('installedProducts()'),
  };
  return probe;
}

/** A context over a plain variable map (names case-insensitive, `%NAME%` expanded, unknown names kept). */
export function createFakeContext(
  vars: Record<string, string> = {},
  probe: MachineProbe = createFakeProbe(),
  secrets: string[] = [],
): ConditionContext & { isSecret(name: string): boolean; set(name: string, value: string | undefined): void } {
  const values = new Map(Object.entries(vars).map(([k, v]) => [k.toLowerCase(), v]));
  const secret = new Set(secrets.map((s) => s.toLowerCase()));
  return {
    probe,
    get: (name) => values.get(name.toLowerCase()),
    expand: (text) => text.replace(/%([^%\s]+)%/g, (whole, n: string) => values.get(n.toLowerCase()) ?? whole),
    isSecret: (name) => secret.has(name.toLowerCase()),
    set(name, value) {
      if (value === undefined) values.delete(name.toLowerCase());
      else values.set(name.toLowerCase(), value);
    },
  };
}

export function expression(type: string, props: Record<string, string>, attributes?: Record<string, string>): ExpressionNode {
  const node: ExpressionNode = {
    kind: 'expression',
    type: type.startsWith('SMS_') ? type : `SMS_TaskSequence_${type}ConditionExpression`,
    properties: Object.entries(props).map(([name, value]) => ({ name, value })),
  };
  return attributes ? { ...node, attributes } : node;
}

export function variable(name: string, operator: string, value?: string): ExpressionNode {
  return expression('Variable', value === undefined ? { Variable: name, Operator: operator } : { Operator: operator, Value: value, Variable: name });
}

export function wmi(query: string, namespace = 'root\\cimv2', attributes?: Record<string, string>): ExpressionNode {
  return expression('WMI', { Namespace: namespace, Query: query }, attributes);
}

export function operator(type: string, ...children: ConditionNode[]): OperatorNode {
  return { kind: 'operator', operator: type, children };
}

export function condition(...children: ConditionNode[]): Condition {
  return { children };
}
