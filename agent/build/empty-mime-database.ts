/**
 * An esbuild plugin for the agent's bundles: `mime-db` (134 KiB, ~10 % of the single file) becomes an empty
 * database. axios's Node adapter loads form-data, which loads mime-types and that database, only to label the file
 * parts of multipart forms; the agent sends none (GETs for content, JSON status events), so every lookup answering
 * "unknown" changes nothing it does, while each start saves parsing the table (~5 ms of the single file's cold start).
 */
import type { Plugin } from 'esbuild';

export const emptyMimeDatabase: Plugin = {
  name: 'empty-mime-database',
  setup(build) {
    build.onResolve({ filter: /^mime-db$/ }, () => ({ path: 'mime-db', namespace: 'empty-mime-database' }));
    build.onLoad({ filter: /.*/, namespace: 'empty-mime-database' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};
