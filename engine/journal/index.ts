// Public API of engine/journal (filled in by its implementation).
export {};
