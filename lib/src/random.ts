import seedrandom from "seedrandom";
import { checkSeed } from "./errors.js";

/** A source of uniform doubles in [0, 1), such as `Math.random`. */
export type RandomSource = () => number;

/**
 * A reproducible generator of uniform doubles in [0, 1) from seedrandom (its default ARC4 generator).
 * The same seed gives the same numbers on every machine and in the browser.
 *
 * @example
 * const rng = seededRandom(1);
 * rng(); // the same value every time
 */
export function seededRandom(seed: string | number): RandomSource {
  checkSeed("seededRandom", "seed", seed);
  const prng = seedrandom(String(seed));
  return () => prng();
}
