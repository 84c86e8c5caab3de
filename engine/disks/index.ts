export * from './partition-types.ts';
