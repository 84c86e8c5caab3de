/** A step's options as its module sees them: `property` -> value from the `defaultVarList`. */
import type { Condition } from '../definition/model.ts';
import { writtenOptions } from '../options/option-lookup.ts';
import type { Instruction, Program } from '../program/index.ts';
import type { StepDefinitionView } from '../step-module.ts';

/** The view of one step instruction that validation and the preflight judge: its options as written, its groups' conditions. */
export function stepView(instr: Instruction, program?: Program): StepDefinitionView {
  if (instr.node.kind === 'group') throw new Error(`instruction ${instr.index} is a group`);
  const enclosingConditions: Condition[] = [];
  for (let p = instr.parent; program && p >= 0; p = program.instructions[p].parent) {
    const condition = program.instructions[p].condition;
    if (condition) enclosingConditions.push(condition);
  }
  return { node: instr.node, ...writtenOptions(instr.defaults), enclosingConditions };
}
