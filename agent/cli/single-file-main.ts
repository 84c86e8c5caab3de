/** Entry point of the single-file agent (`npm run bundle`): plain `node taskseq.cjs <command> ...`. */
import { main } from './main.ts';

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
