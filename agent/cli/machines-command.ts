/** `taskseq machines [--json] [--capture local]`: the built-in machine profiles, or a profile of this PC. */
import { InvalidInputError } from '../../engine/index.ts';
import { builtinMachines, captureThisMachine, LOCAL_MACHINE } from '../backends/select.ts';
import type { CliIO } from './io.ts';
import { EXIT_OK } from './exit-codes.ts';

/** `taskseq machines` options as the command line gives them. */
export interface MachinesOptions {
  json?: boolean; capture?: string;
}

/** Lists the built-in profiles, or prints a profile of this PC with `--capture local`. */
export async function machinesCommand(values: MachinesOptions, io: CliIO): Promise<number> {
  if (values.capture !== undefined) {
    if (values.capture !== LOCAL_MACHINE) {
      throw new InvalidInputError('machines: --capture takes "local" (this PC)', [{ severity: 'error', code: 'bad-option', field: '--capture', message: 'expected local' }]);
    }
    io.out(JSON.stringify(await captureThisMachine(), null, 2));
    return EXIT_OK;
  }
  const list = builtinMachines();
  if (values.json) io.out(JSON.stringify(list));
  else for (const p of list) io.out(`${p.name.padEnd(14)} ${p.description}`);
  return EXIT_OK;
}
