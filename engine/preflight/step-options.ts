/** A step's options as its module sees them: `property` -> value from the `defaultVarList`. */
import type { Condition } from '../definition/model.ts';
import type { Instruction, Program } from '../program/index.ts';
import type { StepDefinitionView } from '../step-module.ts';

export function stepView(instr: Instruction, program?: Program): StepDefinitionView {
  const options: Record<string, string> = {};
  const optionVariables: Record<string, string> = {};
  for (const d of instr.defaults) {
    const key = d.property ?? d.name;
    options[key] = d.value;
    optionVariables[key] = d.name;
  }
  if (instr.node.kind === 'group') throw new Error(`instruction ${instr.index} is a group`);
  const enclosingConditions: Condition[] = [];
  for (let p = instr.parent; program && p >= 0; p = program.instructions[p].parent) {
    const condition = program.instructions[p].condition;
    if (condition) enclosingConditions.push(condition);
  }
  return { node: instr.node, options, optionVariables, enclosingConditions };
}
