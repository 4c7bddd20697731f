/**
 * Input checks shared by every public function. Each check is written so that NaN fails it
 * (`!(x > 0)` rather than `x <= 0`), and each message names the function, the option, the value
 * received and what is accepted, e.g. `amsgrad: alpha must be a finite number > 0, got -1`.
 */

/** Renders a received value for an error message: strings quoted, arrays shown briefly. */
export function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    const items = Array.from(value as ArrayLike<unknown>, describe);
    return `[${items.length > 6 ? [...items.slice(0, 6), "…"].join(", ") : items.join(", ")}]`;
  }
  if (value === null) return "null";
  if (typeof value === "function") return "a function";
  if (typeof value === "object") {
    return typeof (value as { then?: unknown }).then === "function" ? "a Promise" : "an object";
  }
  // Symbols, bigints, booleans, undefined: String() names each (a Symbol cannot be concatenated).
  return String(value);
}

/** Throws a TypeError unless `value` is a number (NaN included; range checks catch NaN). */
export function checkNumber(where: string, name: string, value: unknown): asserts value is number {
  if (typeof value !== "number") {
    throw new TypeError(`${where}: ${name} must be a number, got ${describe(value)}`);
  }
}

/** alpha-like: finite and strictly positive. */
export function checkPositive(where: string, name: string, value: unknown): asserts value is number {
  checkNumber(where, name, value);
  if (!(value > 0 && value < Infinity)) {
    throw new RangeError(`${where}: ${name} must be a finite number > 0, got ${describe(value)}`);
  }
}

/** beta-like: 0 ≤ value < 1. */
export function checkUnitInterval(where: string, name: string, value: unknown): asserts value is number {
  checkNumber(where, name, value);
  if (!(value >= 0 && value < 1)) {
    throw new RangeError(`${where}: ${name} must be a number with 0 <= ${name} < 1, got ${describe(value)}`);
  }
}

/** A decay factor (the exponential step-size schedule's γ): 0 < value ≤ 1, 1 meaning no decay. */
export function checkDecayFactor(where: string, name: string, value: unknown): asserts value is number {
  checkNumber(where, name, value);
  if (!(value > 0 && value <= 1)) {
    throw new RangeError(`${where}: ${name} must be a number with 0 < ${name} <= 1, got ${describe(value)}`);
  }
}

/** eps-like: finite and ≥ 0. */
export function checkNonNegative(where: string, name: string, value: unknown): asserts value is number {
  checkNumber(where, name, value);
  if (!(value >= 0 && value < Infinity)) {
    throw new RangeError(`${where}: ${name} must be a finite number >= 0, got ${describe(value)}`);
  }
}

/** nIter-like: a non-negative safe integer. */
export function checkCount(where: string, name: string, value: unknown): asserts value is number {
  checkNumber(where, name, value);
  if (!(Number.isSafeInteger(value) && value >= 0)) {
    throw new RangeError(`${where}: ${name} must be a non-negative integer, got ${describe(value)}`);
  }
}

/** A finite number anywhere (coordinates of a start point, say). */
export function checkFinite(where: string, name: string, value: unknown): asserts value is number {
  checkNumber(where, name, value);
  if (!Number.isFinite(value)) {
    throw new RangeError(`${where}: ${name} must be a finite number, got ${describe(value)}`);
  }
}

/** One of a fixed set of strings. */
export function checkChoice<T extends string>(
  where: string,
  name: string,
  value: unknown,
  accepted: readonly T[],
): asserts value is T {
  if (!accepted.includes(value as T)) {
    const list = accepted.map((a) => JSON.stringify(a)).join(", ");
    throw new RangeError(`${where}: ${name} must be one of ${list}, got ${describe(value)}`);
  }
}

/** A boolean, strictly (so that a string "false" is not taken as true). */
export function checkBoolean(where: string, name: string, value: unknown): asserts value is boolean {
  if (typeof value !== "boolean") {
    throw new TypeError(`${where}: ${name} must be true or false, got ${describe(value)}`);
  }
}

/** A function, for callbacks. */
export function checkFunction(where: string, name: string, value: unknown): asserts value is Function {
  if (typeof value !== "function") {
    throw new TypeError(`${where}: ${name} must be a function, got ${describe(value)}`);
  }
}

/** Rejects option names a caller may have misspelt (`n_iter` for `nIter`): silence would hide them. */
export function checkKnownKeys(where: string, options: object, known: readonly string[]): void {
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new TypeError(`${where}: unknown option ${JSON.stringify(key)}; accepted options: ${known.join(", ")}`);
    }
  }
}

/** A seed for seededRandom: a string or a finite number. */
export function checkSeed(where: string, name: string, value: unknown): asserts value is string | number {
  if (!(typeof value === "string" || (typeof value === "number" && Number.isFinite(value)))) {
    throw new TypeError(`${where}: ${name} must be a string or a finite number, got ${describe(value)}`);
  }
}

/** Bounds: a non-empty array of `[min, max]` pairs, finite, with min < max. Returns a copy. */
export function checkBounds(where: string, name: string, value: unknown): [number, number][] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new TypeError(`${where}: ${name} must be a non-empty array of [min, max] pairs, got ${describe(value)}`);
  }
  return value.map((pair: unknown, i) => {
    if (!(Array.isArray(pair) || ArrayBuffer.isView(pair)) || (pair as ArrayLike<unknown>).length !== 2) {
      throw new TypeError(`${where}: ${name}[${i}] must be a [min, max] pair, got ${describe(pair)}`);
    }
    const [lo, hi] = Array.from(pair as ArrayLike<unknown>);
    checkFinite(where, `${name}[${i}][0]`, lo);
    checkFinite(where, `${name}[${i}][1]`, hi);
    if (!(lo < hi)) {
      throw new RangeError(`${where}: ${name}[${i}] must have min < max, got ${describe([lo, hi])}`);
    }
    return [lo, hi];
  });
}

/** A point: an array of finite numbers of the expected length (when one is expected). */
export function checkPoint(where: string, name: string, value: unknown, length?: number): number[] {
  if (!(Array.isArray(value) || ArrayBuffer.isView(value)) || (value as ArrayLike<unknown>).length === 0) {
    throw new TypeError(`${where}: ${name} must be a non-empty array of numbers, got ${describe(value)}`);
  }
  const point = Array.from(value as ArrayLike<unknown>);
  if (length !== undefined && point.length !== length) {
    throw new RangeError(`${where}: ${name} must have ${length} coordinates (one per dimension), got ${point.length}: ${describe(point)}`);
  }
  point.forEach((x, i) => checkFinite(where, `${name}[${i}]`, x));
  return point as number[];
}
