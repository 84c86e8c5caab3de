// Public API of engine/wql (filled in by its implementation).
export {};
