// Public API of engine/conditions (filled in by its implementation).
export {};
