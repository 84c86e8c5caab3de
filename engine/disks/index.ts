export * from './partition-types.ts';
export * from './geometry.ts';
export * from './table-limits.ts';
export * from './file-system-limits.ts';
export * from './placement.ts';
export * from './layout-check.ts';
export * from './disk-kinds.ts';
export * from './system-partition.ts';
