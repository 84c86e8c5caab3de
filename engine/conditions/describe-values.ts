/** How values appear in `falseClause` texts: quoted, shortened, and masked when secret. */
import { MASK, isSecretByName } from '../../variables/index.ts';
import type { ConditionContext } from './types.ts';

/** The optional, additive secrecy hook a context may carry. */
type SecretAware = { isSecret?: (name: string) => boolean };

const MAX_SHOWN = 200;
const REFERENCE = /%([^%\s]+)%/g;

/** True when the variable's value must not be shown: secret by name, or the context says so. */
export function isSecretVariable(ctx: ConditionContext, name: string): boolean {
  if (isSecretByName(name)) return true;
  if ('isSecret' in ctx) {
    const hook = (ctx as ConditionContext & SecretAware).isSecret;
    if (typeof hook === 'function') return hook.call(ctx, name) === true;
  }
  return false;
}

/** `"text"`, shortened to 200 characters. */
export function quote(text: string): string {
  const shown = text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}...` : text;
  return `"${shown}"`;
}

/** A variable's value as seen: `"x"`, `not set`, or the mask for secret variables. */
export function seenValue(ctx: ConditionContext, name: string, value: string | undefined): string {
  if (value === undefined || value === '') return 'not set';
  return isSecretVariable(ctx, name) ? MASK : quote(value);
}

/** True when `template` names a secret variable in a `%NAME%` reference. */
export function referencesSecret(ctx: ConditionContext, template: string): boolean {
  for (const m of template.matchAll(REFERENCE)) if (isSecretVariable(ctx, m[1])) return true;
  return false;
}

/**
 * The expansion of `template` when it differs and shows no secret, for `(expanded: "...")` notes; undefined
 * otherwise.
 */
export function shownExpansion(ctx: ConditionContext, template: string, expanded: string): string | undefined {
  if (expanded === template || referencesSecret(ctx, template)) return undefined;
  return quote(expanded);
}

/** `"template"` plus ` (expanded: "...")` when expansion changed it and shows no secret. */
export function describeTemplate(ctx: ConditionContext, template: string, expanded: string): string {
  const shown = shownExpansion(ctx, template, expanded);
  return shown === undefined ? quote(template) : `${quote(template)} (expanded: ${shown})`;
}
