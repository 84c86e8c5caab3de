export type { Instruction, Program } from './instruction.ts';
export { compileProgram, CHILD_PACKAGE_VARIABLE } from './compile-program.ts';
export type { CompileOptions, CompileResult } from './compile-program.ts';
export { isSuccessCode } from './success-codes.ts';
