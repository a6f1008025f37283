// Moved to examples/lib (shared by every example); kept for the importers of this path.
export * from '../lib/componentize.ts';
