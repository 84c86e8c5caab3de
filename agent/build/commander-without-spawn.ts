/**
 * An esbuild plugin for the agent's bundles: commander's `require('node:child_process')` gets a stand-in. Commander
 * needs child_process only to start executable subcommands (a separate program per command), which taskseq does
 * not have: every command is an action in the same process. Loading child_process, and net with it, at start-up
 * costs ~3 ms of the `validate` cold start that loads nothing else of it; the commands that spawn programs import
 * the real module themselves, and only commander's import is redirected.
 */
import type { Plugin } from 'esbuild';

const STAND_IN = `function refuse() { throw new Error('taskseq has no executable subcommands'); }
module.exports = { spawn: refuse };`;

export const commanderWithoutSpawn: Plugin = {
  name: 'commander-without-spawn',
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) => (/[\\/]node_modules[\\/]commander[\\/]/.test(args.importer)
      ? { path: 'child_process', namespace: 'commander-without-spawn' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'commander-without-spawn' }, () => ({ contents: STAND_IN, loader: 'js' }));
  },
};
