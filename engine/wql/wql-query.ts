/** The parsed form of a WQL data query (the subset taskseq evaluates). */

/** A literal on the right-hand side of a comparison. */
export type WqlLiteral = string | number | boolean;

export type WqlComparisonOperator = '=' | '<>' | '<' | '>' | '<=' | '>=';

/** A WHERE clause: property names keep the query's spelling and are matched case-insensitively. */
export type WqlExpr =
  | { kind: 'and' | 'or'; left: WqlExpr; right: WqlExpr }
  | { kind: 'not'; operand: WqlExpr }
  | { kind: 'compare'; property: string; operator: WqlComparisonOperator; value: WqlLiteral }
  | { kind: 'like'; property: string; pattern: string; negated: boolean }
  | { kind: 'isNull'; property: string; negated: boolean };

export interface WqlQuery {
  className: string;
  /** Selected property names, or `'*'`. */
  properties: string[] | '*';
  where?: WqlExpr;
}
