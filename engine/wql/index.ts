/** Public API of engine/wql: a WQL subset parser and evaluator over in-memory WMI objects. */
export type { WqlQuery, WqlExpr, WqlLiteral, WqlComparisonOperator } from './wql-query.ts';
export { parseWql } from './parse-wql.ts';
export { runWql } from './run-wql.ts';
export { normalizeWmiNamespace, DEFAULT_WMI_NAMESPACE } from './wmi-namespace.ts';
