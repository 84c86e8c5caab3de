/** Public API of engine/conditions: compile, evaluate, explain and check task sequence conditions. */
export { compileCondition, evaluateCondition } from './compile-condition.ts';
export { checkCondition } from './check-condition.ts';
export type { ConditionIssue } from './condition-issue.ts';
export { compareValues } from './compare-values.ts';
export { likeToRegExp } from '../wql/like-pattern.ts';
