// Public API of engine/definition (filled in by its implementation).
export {};
