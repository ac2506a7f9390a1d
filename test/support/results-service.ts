/**
 * A local stand-in for GitHub's Actions results service. The implementation lives in ./results-service/, split
 * by domain (index.ts describes what it models); this module keeps the import path its users already have.
 */
export * from './results-service/index.js';
