/** A step's options as its module sees them: `property` -> value from the `defaultVarList`. */
import type { Instruction } from '../program/index.ts';
import type { StepDefinitionView } from '../step-module.ts';

export function stepView(instr: Instruction): StepDefinitionView {
  const options: Record<string, string> = {};
  const optionVariables: Record<string, string> = {};
  for (const d of instr.defaults) {
    const key = d.property ?? d.name;
    options[key] = d.value;
    optionVariables[key] = d.name;
  }
  if (instr.node.kind === 'group') throw new Error(`instruction ${instr.index} is a group`);
  return { node: instr.node, options, optionVariables };
}
