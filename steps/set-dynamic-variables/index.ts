/**
 * Set Dynamic Variables: gathers the `_SMSTSMake`... built-ins, then applies its rules in order. A rule's variables
 * are set when its condition is true (or it has none); later rules see what earlier ones set and win over them.
 */
import type { StepContext, StepModule, StepResult } from '../../engine/step-api.ts';
import { MASK } from '../../variables/index.ts';
import { EXIT_INVALID_PARAMETER } from '../../engine/step-api.ts';
import { readRawOption } from '../shared/option-value.ts';
import { setStepVariable } from '../shared/set-step-variable.ts';
import { planBuiltIns } from './built-ins.ts';
import { parseRules, type Rule } from './parse-rules.ts';
import { evaluateRuleCondition } from './rule-conditions.ts';
import { validateSetDynamicVariables } from './validate.ts';
import { setDynamicVariablesManifest, SET_DYNAMIC_VARIABLES_TYPE } from './manifest.ts';

export { planBuiltIns } from './built-ins.ts';
export { parseRules } from './parse-rules.ts';
export type { Rule, RuleVariable } from './parse-rules.ts';
export { evaluateRuleCondition, matchWildcard, isRuleOnlyType } from './rule-conditions.ts';

export { SET_DYNAMIC_VARIABLES_TYPE } from './manifest.ts';

function gatherBuiltIns(ctx: StepContext): void {
  const pairs = planBuiltIns(ctx.facts);
  for (const [name, value] of pairs) ctx.vars.setBuiltIn(name, value);
  ctx.log.info(`Gathered ${pairs.map(([n, v]) => `${n}=${v}`).join(', ')}`);
}

/** Sets one rule's variables; returns the failure when a write is refused. */
function applyRule(ctx: StepContext, rule: Rule): StepResult | undefined {
  const shown: string[] = [];
  for (const v of rule.variables) {
    const value = ctx.vars.expand(v.value);
    const secret = v.secret || value.secret;
    if (value.text === '' && v.secret) {
      ctx.log.warn(`secret value of ${v.name} is empty (exports strip secrets); ${v.name} left unchanged`);
      continue;
    }
    const failed = setStepVariable(ctx.vars, v.name, value.text, { secret, prefix: `rule ${rule.number}: ` });
    if (failed) return failed;
    shown.push(value.text === '' ? `${v.name} deleted` : `${v.name}=${secret ? MASK : value.text}`);
  }
  const why = rule.condition ? 'matched' : 'applies (no condition)';
  ctx.log.info(`Rule ${rule.number} ${why}: ${shown.join(', ') || 'nothing to set'}`);
  return undefined;
}

function ruleMatches(ctx: StepContext, rule: Rule): boolean {
  if (!rule.condition) return true;
  const result = evaluateRuleCondition(rule.condition, { facts: ctx.facts, evaluate: (c) => ctx.evaluateCondition(c) });
  if (!result.value) ctx.log.info(`Rule ${rule.number} not matched: ${result.falseClause ?? 'condition is false'}`);
  return result.value;
}

async function run(ctx: StepContext): Promise<StepResult> {
  gatherBuiltIns(ctx);
  const text = readRawOption(ctx, 'Rules');
  if (!text) return { exitCode: 0 };
  const parsed = parseRules(text);
  if ('error' in parsed) return { exitCode: EXIT_INVALID_PARAMETER, message: parsed.error };
  for (const rule of parsed.rules) {
    let matched: boolean;
    try {
      matched = ruleMatches(ctx, rule);
    } catch (e) {
      return { exitCode: EXIT_INVALID_PARAMETER, message: `rule ${rule.number}: ${e instanceof Error ? e.message : String(e)}` };
    }
    const failed = matched ? applyRule(ctx, rule) : undefined;
    if (failed) return failed;
  }
  return { exitCode: 0 };
}

/** Set Dynamic Variables (`SMS_TaskSequence_SetDynamicVariablesAction`). */
export const setDynamicVariablesStep: StepModule = {
  id: 'set-dynamic-variables',
  component: 'SetDynamicVariables',
  manifest: setDynamicVariablesManifest,
  runIn: 'both',
  rerunnable: true,
  // Rule conditions may query WMI, files or the registry through the engine's evaluator.
  ports: ['probe'],
  validate: validateSetDynamicVariables,
  run,
};
