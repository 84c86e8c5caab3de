export { createRegistry } from './registry.ts';
export type { Registry } from './registry.ts';
