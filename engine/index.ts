/** Public API of the engine: steps and the agent import from here only. */
export * from './problems.ts';
export * from './ports/index.ts';
export * from './step-module.ts';
export type * from './definition/model.ts';
export type * from './conditions/types.ts';
export * from './definition/index.ts';
export * from './conditions/index.ts';
export * from './wql/index.ts';
export * from './journal/index.ts';
export * from './program/index.ts';
export * from './registry/index.ts';
export * from './machine/index.ts';
export * from './preflight/index.ts';
