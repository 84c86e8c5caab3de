/** Reading WIM files: facts from the header and XML, image lookup by index, and integrity checks. */
export { readWim } from './read-wim.ts';
export { findImage } from './find-image.ts';
export { verifyIntegrity, type IntegrityResult } from './verify-integrity.ts';
