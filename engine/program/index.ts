export type { Instruction, Program, CertainFailure } from './instruction.ts';
export { failureCatcher } from './failure-catcher.ts';
export { compileProgram, CHILD_PACKAGE_VARIABLE } from './compile-program.ts';
export type { CompileOptions, CompileResult } from './compile-program.ts';
export { isSuccessCode } from './success-codes.ts';
