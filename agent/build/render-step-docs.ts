/**
 * The option tables of docs/steps.md, rendered from the step modules' manifests. Each table stands between the
 * marker comments `<!-- options:<id> -->` and `<!-- /options:<id> -->`; the prose around them is written by hand.
 */
import type { OptionSpec, StepModule } from '../../engine/index.ts';
import { STEP_MODULES } from '../../steps/modules.ts';

export const STEP_DOCS_PATH = 'docs/steps.md';

function kindOf(o: OptionSpec): string {
  switch (o.kind) {
    case 'count': return `count${o.min !== undefined ? ` ≥ ${o.min}` : ''}`;
    case 'one-of': return `one of ${o.values.map((v) => `\`${v}\``).join(', ')}`;
    case 'text': return `text${o.maxLength !== undefined ? ` ≤ ${o.maxLength}` : ''}`;
    default: return o.kind;
  }
}

function defaultOf(o: OptionSpec): string {
  return 'default' in o && o.default !== undefined ? `\`${String(o.default)}\`` : '';
}

/** The table of one module's options (Markdown, no trailing newline). */
export function renderOptionTable(module: StepModule): string {
  const rows = module.manifest.options.map((o) => {
    const variable = o.variable ? `\`${o.variable}\`` : '';
    const use = `${o.required || o.missing ? '(required) ' : ''}${o.description}`;
    return `| \`${o.name}\` | ${variable} | ${kindOf(o)} | ${defaultOf(o)} | ${use.replace(/\|/g, '\\|')} |`;
  });
  return ['| Property | Variable | Kind | Default | Use |', '|---|---|---|---|---|', ...rows].join('\n');
}

/**
 * `text` with every module's table block replaced by a fresh rendering.
 * @throws Error when a module with options has no block (its table would be missing from the page)
 */
export function renderStepDocs(text: string, modules: readonly StepModule[] = STEP_MODULES): string {
  let out = text;
  for (const m of modules) {
    if (m.manifest.options.length === 0) continue;
    const open = `<!-- options:${m.id} -->`;
    const close = `<!-- /options:${m.id} -->`;
    const start = out.indexOf(open);
    const end = out.indexOf(close);
    if (start < 0 || end < start) throw new Error(`${STEP_DOCS_PATH} has no ${open} ... ${close} block for the options of ${m.id}`);
    out = `${out.slice(0, start + open.length)}\n${renderOptionTable(m)}\n${out.slice(end)}`;
  }
  return out;
}
