/**
 * FNV-1a, 32 bits: a short, stable fingerprint for content-derived ids and cache keys (not a security
 * hash). The one implementation: figure ids, the explorer's ids and bundle version, and the contour
 * cache's grid key all use it.
 */

/** FNV-1a's 32-bit offset basis. */
export const FNV_OFFSET = 0x811c9dc5;

/**
 * One FNV-1a step: folds a 32-bit unit (a char code, a word of a Float64Array's bytes) into the hash.
 *
 * @example
 * let h = FNV_OFFSET;
 * for (const word of words) h = fnvStep(h, word);
 */
export function fnvStep(hash: number, unit: number): number {
  return Math.imul(hash ^ unit, 0x01000193);
}

/**
 * FNV-1a of a string's UTF-16 code units, as an unsigned 32-bit integer (format it as you need).
 *
 * @example
 * fnv1a("").toString(16)  // "811c9dc5"
 * fnv1a("a").toString(16) // "e40c292c"
 */
export function fnv1a(text: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) h = fnvStep(h, text.charCodeAt(i));
  return h >>> 0;
}
