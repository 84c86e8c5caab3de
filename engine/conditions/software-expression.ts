/**
 * `SMS_TaskSequence_SoftwareConditionExpression`: an MSI product is installed. `ThisVersion` matches `ProductCode`
 * (and `UpgradeCode` when given), `AnyVersion` matches `UpgradeCode`. `ProductName` and `Version` are descriptive.
 */
import type { InstalledProduct } from '../ports/machine-probe.ts';
import { probeClause, type Clause } from './clause.ts';
import { quote } from './describe-values.ts';
import { requireProperties, type ExpressionKind } from './expression-kind.ts';

const label = 'software condition';
const OPERATORS = ['ThisVersion', 'AnyVersion'] as const;

/** GUIDs compared case-insensitively, braces and whitespace ignored. */
export function normalizeGuid(text: string | undefined): string {
  return (text ?? '').trim().replace(/^\{/, '').replace(/\}$/, '').trim().toLowerCase();
}

function parseSoftwareOperator(text: string | undefined): (typeof OPERATORS)[number] | undefined {
  const lower = text?.trim().toLowerCase();
  return OPERATORS.find((o) => o.toLowerCase() === lower);
}

export const softwareExpression: ExpressionKind = {
  type: 'SMS_TaskSequence_SoftwareConditionExpression',
  label,
  check(props, report) {
    if (!requireProperties(label, props, ['Operator'], report)) return;
    const op = parseSoftwareOperator(props.text('Operator'));
    if (op === undefined) {
      report('error', 'unknown-operator', `${label}: unknown operator "${props.text('Operator')}" (expected ThisVersion or AnyVersion)`, 'Operator');
      return;
    }
    requireProperties(label, props, [op === 'ThisVersion' ? 'ProductCode' : 'UpgradeCode'], report);
  },
  compile(props): Clause {
    const op = parseSoftwareOperator(props.text('Operator')) as (typeof OPERATORS)[number];
    const product = normalizeGuid(props.text('ProductCode'));
    const upgrade = normalizeGuid(props.text('UpgradeCode'));
    const matches = (p: InstalledProduct): boolean =>
      op === 'AnyVersion'
        ? normalizeGuid(p.upgradeCode) === upgrade
        : normalizeGuid(p.productCode) === product && (upgrade === '' || normalizeGuid(p.upgradeCode) === upgrade);
    const name = props.text('ProductName');
    const what = op === 'AnyVersion' ? `upgrade code {${upgrade}}` : `product code {${product}}`;
    const subject = `Software ${op} ${what}${name ? ` (${quote(name)})` : ''}`;
    return probeClause((ctx) => {
      const hit = ctx.probe.installedProducts().find(matches);
      return hit
        ? { value: true, text: `${subject} is installed (version ${quote(hit.version)})` }
        : { value: false, text: `${subject} is not installed` };
    });
  },
};
