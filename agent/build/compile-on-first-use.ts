/**
 * An esbuild plugin for the single file: chosen packages are bundled on their own and embedded as a string that is
 * compiled the first time the package is imported. V8 must scan all of a script's code before running any of it
 * (~30 ms per MB here) but skips over a string literal far faster, so code that most starts never use stops costing
 * them: systeminformation (~310 KiB minified) is only needed to capture this PC's facts (`--machine local`).
 */
import { build, type Plugin } from 'esbuild';

/** The plugin for `packages` (bare names of CommonJS packages, bundled for `target` with their own dependencies). */
export function compileOnFirstUse(packages: readonly string[], target: string): Plugin {
  const filter = new RegExp(`^(${packages.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`);
  return {
    name: 'compile-on-first-use',
    setup(outer) {
      outer.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'compile-on-first-use', pluginData: args.resolveDir }));
      outer.onLoad({ filter: /.*/, namespace: 'compile-on-first-use' }, async (args) => {
        const inner = await build({
          stdin: { contents: `module.exports = require(${JSON.stringify(args.path)});`, resolveDir: args.pluginData as string },
          bundle: true, format: 'cjs', platform: 'node', target, minify: true, write: false, legalComments: 'none', logLevel: 'warning',
        });
        const source = inner.outputFiles[0].text;
        // The wrapper runs when the package is first required (esbuild keeps CommonJS modules lazy in the bundle).
        const contents = `const m = { exports: {} };\nnew Function('module', 'exports', 'require', ${JSON.stringify(source)})(m, m.exports, require);\nmodule.exports = m.exports;\n`;
        return { contents, loader: 'js' };
      });
    },
  };
}
