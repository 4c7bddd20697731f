/**
 * numpy's legacy global random stream, bit for bit: `numpy.random.seed(s)` followed by repeated
 * `numpy.random.rand()`. Pure arithmetic on a `Uint32Array`, so it runs the same in Node and in
 * browsers.
 */
import { describe } from "./errors.js";

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/**
 * A generator of uniform doubles in [0, 1) identical to numpy's legacy `RandomState`:
 * `numpy.random.seed(seed)` then `numpy.random.rand()` (or `random_sample()`) again and again.
 *
 * The rule: an MT19937 Mersenne Twister seeded with `init_genrand(seed)` (what numpy's legacy
 * seeding does for an integer seed), and each double built from two 32-bit outputs `a`, `b` as
 * `((a >>> 5) * 67108864 + (b >>> 6)) / 9007199254740992`, i.e. 53 random bits.
 * `numpy.random.rand(n)` draws the same stream n at a time, so `rand(2)` is two calls here.
 *
 * @param seed - an integer from 0 to 2**32 − 1 (4294967295), as numpy accepts; no default.
 * @returns a function returning the next double of the stream on each call.
 * @throws TypeError if `seed` is not a number; RangeError if it is not an integer in range (NaN included).
 *
 * @example
 * const rand = numpyRandom(1);
 * -1 + 2 * rand(); // -0.165955990594852, as in numpy after seed(1)
 * -1 + 2 * rand(); //  0.4406489868843162
 */
export function numpyRandom(seed: number): () => number {
  if (typeof seed !== "number") {
    throw new TypeError(`numpyRandom: seed must be an integer from 0 to 4294967295, got ${describe(seed)}`);
  }
  if (!(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff)) {
    throw new RangeError(`numpyRandom: seed must be an integer from 0 to 4294967295, got ${describe(seed)}`);
  }

  const mt = new Uint32Array(N);
  mt[0] = seed >>> 0;
  for (let i = 1; i < N; i++) {
    const prev = mt[i - 1]!;
    // 1812433253 * (prev ^ (prev >>> 30)) + i, modulo 2**32.
    mt[i] = (Math.imul(1812433253, prev ^ (prev >>> 30)) + i) >>> 0;
  }
  let index = N;

  function twist(): void {
    let k = 0;
    for (; k < N - M; k++) {
      const y = (mt[k]! & UPPER_MASK) | (mt[k + 1]! & LOWER_MASK);
      mt[k] = mt[k + M]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    for (; k < N - 1; k++) {
      const y = (mt[k]! & UPPER_MASK) | (mt[k + 1]! & LOWER_MASK);
      mt[k] = mt[k + (M - N)]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    const y = (mt[N - 1]! & UPPER_MASK) | (mt[0]! & LOWER_MASK);
    mt[N - 1] = mt[M - 1]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    index = 0;
  }

  function next32(): number {
    if (index >= N) twist();
    let y = mt[index++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  return function rand(): number {
    const a = next32() >>> 5;
    const b = next32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  };
}
