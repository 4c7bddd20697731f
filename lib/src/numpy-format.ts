/**
 * Python/numpy text output, character for character: `str()` of a 1-D float64 numpy array under
 * numpy's default print options, Python's `'%.Nf'` formatting, and the tutorial's two print lines
 * built from them. Pure arithmetic (BigInt for exact digits), so it runs in Node and in browsers.
 *
 * The array printing follows numpy's `numpy/core/arrayprint.py` (`FloatingFormat`,
 * `_formatArray`, `_extendLine`) and the Dragon4 digit generator in
 * `numpy/core/src/multiarray/dragon4.c` (the `min_digits` version of numpy ≥ 1.21; checked against
 * numpy 1.24.2 by the fixtures in test/fixtures/).
 */
import { describe } from "./errors.js";

// ---------------------------------------------------------------------------------------------
// Input checks (messages render values with errors.ts's describe, as every other module does).


function checkArray(where: string, name: string, value: unknown): ArrayLike<number> {
  const arrayLike =
    value !== null &&
    typeof value === "object" &&
    typeof (value as { length?: unknown }).length === "number" &&
    Number.isSafeInteger((value as { length: number }).length) &&
    (value as { length: number }).length >= 0;
  if (!arrayLike) {
    throw new TypeError(`${where}: ${name} must be a non-empty array-like of numbers, got ${describe(value)}`);
  }
  const array = value as ArrayLike<unknown>;
  if (array.length === 0) {
    throw new RangeError(`${where}: ${name} must be a non-empty array-like of numbers, got an empty one`);
  }
  for (let i = 0; i < array.length; i++) {
    if (typeof array[i] !== "number") {
      throw new TypeError(`${where}: ${name}[${i}] must be a number (NaN and ±Infinity allowed), got ${describe(array[i])}`);
    }
  }
  return array as ArrayLike<number>;
}

function checkNumberArg(where: string, name: string, value: unknown): asserts value is number {
  if (typeof value !== "number") {
    throw new TypeError(`${where}: ${name} must be a number (NaN and ±Infinity allowed), got ${describe(value)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Dragon4, as numpy implements it (exact big-integer arithmetic).

/** Trim modes of numpy's Dragon4: keep, trim zeros (keep "."), leave one zero, trim zeros and ".". */
type Trim = "k" | "." | "0" | "-";

interface DecimalDigits {
  /** Decimal digits, first one non-zero unless the value is zero or rounds to zero. */
  digits: string;
  /** Base-10 exponent of the first digit. */
  exponent: number;
}

const bitsView = new DataView(new ArrayBuffer(8));
/** numpy's repr buffer length: the default cutoff when no precision is given. */
const BUFFER_SIZE = 16384;
const LOG10_2 = 0.30102999566398119521373889472449;

function signBit(x: number): boolean {
  return x < 0 || Object.is(x, -0);
}

/**
 * numpy's `Dragon4()` for a finite float64 magnitude `x` (sign ignored): digit generation with
 * margins (unique mode) or exact digits (non-unique mode), cut off after `cutoffMax` digits and, in
 * unique mode, continued to at least `cutoffMin` digits; `fraction` says whether those counts are
 * digits past the decimal point (true) or total digits (false). −1 means "no limit".
 */
function dragon4(
  x: number,
  unique: boolean,
  fraction: boolean,
  cutoffMax: number,
  cutoffMin: number,
): DecimalDigits {
  bitsView.setFloat64(0, x);
  const hi = bitsView.getUint32(0);
  const lo = bitsView.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  const fracBits = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);

  let mantissa: bigint;
  let exponent: number;
  let mantissaBit: number;
  let unequalMargins: boolean;
  if (biased !== 0) {
    mantissa = fracBits | (1n << 52n);
    exponent = biased - 1075;
    mantissaBit = 52;
    unequalMargins = biased !== 1 && fracBits === 0n;
  } else {
    mantissa = fracBits;
    exponent = -1074;
    mantissaBit = mantissa.toString(2).length - 1;
    unequalMargins = false;
  }

  if (mantissa === 0n) return { digits: "0", exponent: 0 };

  // value = scaledValue / scale; low margin = marginLow / scale; high margin = marginLow or 2 * marginLow.
  let scaledValue: bigint;
  let scale: bigint;
  let marginLow: bigint;
  if (unequalMargins) {
    if (exponent > 0) {
      scaledValue = mantissa << BigInt(exponent + 2);
      scale = 4n;
      marginLow = 1n << BigInt(exponent);
    } else {
      scaledValue = mantissa << 2n;
      scale = 1n << BigInt(-exponent + 2);
      marginLow = 1n;
    }
  } else if (exponent > 0) {
    scaledValue = mantissa << BigInt(exponent + 1);
    scale = 2n;
    marginLow = 1n << BigInt(exponent);
  } else {
    scaledValue = mantissa << 1n;
    scale = 1n << BigInt(-exponent + 1);
    marginLow = 1n;
  }
  const highFactor = unequalMargins ? 2n : 1n;

  // Estimate of floor(log10(v)) + 1, correct or one too low (computed exactly as numpy does).
  let digitExponent = Math.ceil((mantissaBit + exponent) * LOG10_2 - 0.69);
  if (cutoffMax >= 0 && fraction && digitExponent <= -cutoffMax) digitExponent = -cutoffMax + 1;

  if (digitExponent > 0) {
    scale *= 10n ** BigInt(digitExponent);
  } else if (digitExponent < 0) {
    const pow10 = 10n ** BigInt(-digitExponent);
    scaledValue *= pow10;
    marginLow *= pow10;
  }
  if (scaledValue >= scale) {
    digitExponent += 1;
  } else {
    scaledValue *= 10n;
    marginLow *= 10n;
  }

  let cutoffMaxExponent = digitExponent - BUFFER_SIZE;
  if (cutoffMax >= 0) {
    const desired = fraction ? -cutoffMax : digitExponent - cutoffMax;
    if (desired > cutoffMaxExponent) cutoffMaxExponent = desired;
  }
  let cutoffMinExponent = digitExponent;
  if (cutoffMin >= 0) {
    const desired = fraction ? -cutoffMin : digitExponent - cutoffMin;
    if (desired < cutoffMinExponent) cutoffMinExponent = desired;
  }
  let outExponent = digitExponent - 1;

  const isEven = (mantissa & 1n) === 0n;
  const out: number[] = [];
  let low = false;
  let high = false;
  let digit = 0;
  if (unique) {
    for (;;) {
      digitExponent -= 1;
      digit = Number(scaledValue / scale);
      scaledValue %= scale;
      const marginHigh = marginLow * highFactor;
      low = isEven ? scaledValue <= marginLow : scaledValue < marginLow;
      const valueHigh = scaledValue + marginHigh;
      high = isEven ? valueHigh >= scale : valueHigh > scale;
      if (((low || high) && digitExponent <= cutoffMinExponent) || digitExponent === cutoffMaxExponent) break;
      out.push(digit);
      scaledValue *= 10n;
      marginLow *= 10n;
    }
  } else {
    for (;;) {
      digitExponent -= 1;
      digit = Number(scaledValue / scale);
      scaledValue %= scale;
      if (scaledValue === 0n || digitExponent === cutoffMaxExponent) break;
      out.push(digit);
      scaledValue *= 10n;
    }
  }

  // Round the final digit: towards the side that is still unique, else to nearest, ties to even.
  let roundDown = low;
  if (low === high) {
    const twice = scaledValue * 2n;
    roundDown = twice < scale;
    if (twice === scale) roundDown = (digit & 1) === 0;
  }
  if (roundDown) {
    out.push(digit);
  } else if (digit < 9) {
    out.push(digit + 1);
  } else {
    // Carry: drop trailing nines, bump the first non-nine, or become "1" one decade up.
    for (;;) {
      if (out.length === 0) {
        out.push(1);
        outExponent += 1;
        break;
      }
      const last = out.pop()!;
      if (last !== 9) {
        out.push(last + 1);
        break;
      }
    }
  }
  return { digits: out.join(""), exponent: outExponent };
}

interface PositionalOptions {
  precision: number;
  minDigits: number;
  unique: boolean;
  fractional: boolean;
  trim: Trim;
  padLeft: number;
  padRight: number;
}

/** numpy's `dragon4_positional` (sign shown only when negative). */
function dragon4Positional(x: number, o: PositionalOptions): string {
  const negative = signBit(x);
  const hasSign = negative ? 1 : 0;
  const { digits, exponent } = dragon4(Math.abs(x), o.unique, o.fractional, o.precision, o.minDigits);

  let body: string;
  let numWhole: number;
  let numFrac = 0;
  if (exponent >= 0) {
    numWhole = exponent + 1;
    if (digits.length <= numWhole) {
      body = digits + "0".repeat(numWhole - digits.length);
    } else {
      body = `${digits.slice(0, numWhole)}.${digits.slice(numWhole)}`;
      numFrac = digits.length - numWhole;
    }
  } else {
    const zeros = -(exponent + 1);
    body = `0.${"0".repeat(zeros)}${digits}`;
    numFrac = zeros + digits.length;
    numWhole = 1;
  }
  if (o.trim !== "-" && numFrac === 0) body += ".";

  const addDigits = o.unique ? o.minDigits : o.precision;
  let desiredFrac = addDigits < 0 ? 0 : addDigits;
  if (!o.fractional) desiredFrac = addDigits - numWhole;

  if (o.trim === "0") {
    if (numFrac === 0) {
      body += "0";
      numFrac += 1;
    }
  } else if (o.trim === "k" && desiredFrac > numFrac) {
    body += "0".repeat(desiredFrac - numFrac);
    numFrac = desiredFrac;
  }
  if (o.trim !== "k" && numFrac > 0) {
    while (body.endsWith("0")) {
      body = body.slice(0, -1);
      numFrac -= 1;
    }
    if (body.endsWith(".")) {
      if (o.trim === "0") {
        body += "0";
        numFrac += 1;
      } else if (o.trim === "-") {
        body = body.slice(0, -1);
      }
    }
  }
  if (o.padRight >= numFrac) {
    if (o.trim === "-" && numFrac === 0) body += " ";
    body += " ".repeat(o.padRight - numFrac);
  }
  let text = (negative ? "-" : "") + body;
  if (o.padLeft > numWhole + hasSign) text = " ".repeat(o.padLeft - numWhole - hasSign) + text;
  return text;
}

interface ScientificOptions {
  precision: number;
  minDigits: number;
  unique: boolean;
  trim: Trim;
  padLeft: number;
  expDigits: number;
}

/** numpy's `dragon4_scientific` (sign shown only when negative). */
function dragon4Scientific(x: number, o: ScientificOptions): string {
  const negative = signBit(x);
  const leftChars = 1 + (negative ? 1 : 0);
  let text = o.padLeft > leftChars ? " ".repeat(o.padLeft - leftChars) : "";
  if (negative) text += "-";

  const { digits, exponent } = dragon4(
    Math.abs(x),
    o.unique,
    false,
    o.precision < 0 ? -1 : o.precision + 1,
    o.minDigits < 0 ? -1 : o.minDigits + 1,
  );
  let body = digits[0]!;
  let numFrac = digits.length - 1;
  if (numFrac > 0) body += `.${digits.slice(1)}`;
  if (o.trim !== "-" && numFrac === 0) body += ".";

  let addDigits = o.unique ? o.minDigits : o.precision;
  if (addDigits < 0) addDigits = 0;
  if (o.trim === "0") {
    if (numFrac === 0) {
      body += "0";
      numFrac += 1;
    }
  } else if (o.trim === "k" && addDigits > numFrac) {
    body += "0".repeat(addDigits - numFrac);
    numFrac = addDigits;
  }
  if (o.trim !== "k" && numFrac > 0) {
    while (body.endsWith("0")) {
      body = body.slice(0, -1);
      numFrac -= 1;
    }
    if (o.trim === "0" && body.endsWith(".")) body += "0";
  }

  let expDigits = o.expDigits;
  if (expDigits > 5) expDigits = 5;
  if (expDigits < 0) expDigits = 2;
  const expSign = exponent >= 0 ? "+" : "-";
  return `${text}${body}e${expSign}${String(Math.abs(exponent)).padStart(expDigits, "0")}`;
}

// ---------------------------------------------------------------------------------------------
// numpy's FloatingFormat and _formatArray under the default print options.

const PRECISION = 8;
const LINE_WIDTH = 75;
const THRESHOLD = 1000;
const EDGE_ITEMS = 3;
const NAN_STR = "nan";
const INF_STR = "inf";

/** Builds numpy's per-element formatter for `data` (the elements that will be shown). */
function floatingFormat(data: readonly number[]): (x: number) => string {
  const finite = data.filter((v) => Number.isFinite(v));

  let expFormat = false;
  let maxVal = -Infinity;
  let minVal = Infinity;
  for (const v of finite) {
    if (v === 0) continue;
    const a = Math.abs(v);
    if (a > maxVal) maxVal = a;
    if (a < minVal) minVal = a;
  }
  if (maxVal !== -Infinity && (maxVal >= 1e8 || minVal < 0.0001 || maxVal / minVal > 1000)) expFormat = true;

  let padLeft: number;
  let padRight: number;
  let precision = PRECISION;
  let minDigits = -1;
  let trim: Trim;
  let expSize = -1;
  if (finite.length === 0) {
    padLeft = 0;
    padRight = 0;
    trim = ".";
  } else if (expFormat) {
    let intWidth = 0;
    let fracWidth = 0;
    let expWidth = 0;
    for (const v of finite) {
      const s = dragon4Scientific(v, { precision: PRECISION, minDigits: -1, unique: true, trim: ".", padLeft: -1, expDigits: -1 });
      const e = s.indexOf("e");
      const dot = s.indexOf(".");
      intWidth = Math.max(intWidth, dot);
      fracWidth = Math.max(fracWidth, e - dot - 1);
      expWidth = Math.max(expWidth, s.length - e - 1);
    }
    expSize = expWidth - 1;
    trim = "k";
    precision = fracWidth;
    minDigits = fracWidth;
    padLeft = intWidth;
    padRight = expSize + 2 + precision;
  } else {
    let intWidth = 0;
    let fracWidth = 0;
    for (const v of finite) {
      const s = dragon4Positional(v, {
        precision: PRECISION,
        minDigits: -1,
        unique: true,
        fractional: true,
        trim: ".",
        padLeft: -1,
        padRight: -1,
      });
      const dot = s.indexOf(".");
      intWidth = Math.max(intWidth, dot);
      fracWidth = Math.max(fracWidth, s.length - dot - 1);
    }
    padLeft = intWidth;
    padRight = fracWidth;
    trim = ".";
    minDigits = 0;
  }

  if (finite.length !== data.length) {
    const negInf = data.some((v) => v === -Infinity) ? 1 : 0;
    const offset = padRight + 1;
    padLeft = Math.max(padLeft, NAN_STR.length - offset, INF_STR.length + negInf - offset);
  }

  return (x: number): string => {
    if (!Number.isFinite(x)) {
      const ret = Number.isNaN(x) ? NAN_STR : x < 0 ? `-${INF_STR}` : INF_STR;
      return " ".repeat(Math.max(0, padLeft + padRight + 1 - ret.length)) + ret;
    }
    if (expFormat) {
      return dragon4Scientific(x, { precision, minDigits, unique: true, trim, padLeft, expDigits: expSize });
    }
    return dragon4Positional(x, { precision, minDigits, unique: true, fractional: true, trim, padLeft, padRight });
  };
}

/** numpy's `_extendLine` (legacy=False): wrap before `word` if it would pass `lineWidth`. */
function extendLine(state: { s: string; line: string }, word: string, lineWidth: number, nextLinePrefix: string): void {
  let needsWrap = state.line.length + word.length > lineWidth;
  if (state.line.length <= nextLinePrefix.length) needsWrap = false;
  if (needsWrap) {
    state.s += `${state.line.trimEnd()}\n`;
    state.line = nextLinePrefix;
  }
  state.line += word;
}

/**
 * Exactly what Python prints for `'%s' % x` (that is `str(x)`) when `x` is a 1-D numpy float64
 * array, under numpy's default print options.
 *
 * The rules, from numpy's `array2string` and `FloatingFormat` (floatmode `'maxprec'`):
 * - **Notation, for the whole array.** Scientific when, over the finite non-zero magnitudes, the
 *   largest is ≥ 1e8, or the smallest is < 1e-4, or largest / smallest > 1e3; positional otherwise.
 * - **Digits.** Each value gets the shortest digits that round-trip, but at most 8 (precision 8):
 *   8 digits past the point in positional notation (so `0.0009765625` prints as `0.00097656`), 8 past
 *   the leading digit in scientific. Rounding at the cut is to nearest on the exact binary value,
 *   exact ties to even (`0.001953125` prints as `0.00195312`).
 * - **Positional:** trailing zeros are trimmed (`1.`, `0.5`), then each value is padded with spaces
 *   to the widest integer part on the left and the widest fraction on the right, so the decimal
 *   points line up (`[ 0.5  -1.25]`).
 * - **Scientific:** every value gets as many fraction digits as the one needing the most
 *   (`[1.0e+16 1.5e+00]`), exponents get as many digits as the widest (at least 2), and
 *   values are padded on the left to the widest integer part (so positive ones get a space when
 *   any is negative).
 * - **Zeros** print as `0.` (or `-0.` for negative zero) and do not decide the notation.
 * - **nan / inf** print as `nan`, `inf`, `-inf`, right-aligned to the common width.
 * - **Layout.** Values are separated by one space inside `[` `]`. Lines wrap at 75 characters,
 *   continuation lines start with one space. Arrays of more than 1000 elements are summarised as the
 *   first 3, `...`, the last 3, and only those 6 values decide the format.
 *
 * @param x - a non-empty array-like of numbers (NaN and ±Infinity allowed).
 * @returns the text numpy prints, possibly several lines joined by `\n`.
 * @throws TypeError if `x` is not array-like or holds a non-number; RangeError if it is empty.
 *
 * @example
 * formatNumpyArray([-0.16595599, 0.44064899]); // "[-0.16595599  0.44064899]"
 * formatNumpyArray([-5.74880707e-11, 2.16227707e-03]); // "[-5.74880707e-11  2.16227707e-03]"
 * formatNumpyArray([1, 0.5, 0]); // "[1.  0.5 0. ]"
 */
export function formatNumpyArray(x: ArrayLike<number>): string {
  return arrayStr(checkArray("formatNumpyArray", "x", x));
}

/** `str()` of a checked, non-empty array. */
function arrayStr(x: ArrayLike<number>): string {
  const values = Array.from(x);
  const n = values.length;
  const summarise = n > THRESHOLD;
  const shown = summarise ? [...values.slice(0, EDGE_ITEMS), ...values.slice(n - EDGE_ITEMS)] : values;
  const format = floatingFormat(shown);

  const separator = " ";
  const hangingIndent = " ";
  const elemWidth = LINE_WIDTH - Math.max(separator.trimEnd().length, "]".length);
  const state = { s: "", line: hangingIndent };
  if (summarise) {
    for (let i = 0; i < EDGE_ITEMS; i++) {
      extendLine(state, format(values[i]!), elemWidth, hangingIndent);
      state.line += separator;
    }
    extendLine(state, "...", elemWidth, hangingIndent);
    state.line += separator;
    for (let i = n - EDGE_ITEMS; i < n - 1; i++) {
      extendLine(state, format(values[i]!), elemWidth, hangingIndent);
      state.line += separator;
    }
  } else {
    for (let i = 0; i < n - 1; i++) {
      extendLine(state, format(values[i]!), elemWidth, hangingIndent);
      state.line += separator;
    }
  }
  extendLine(state, format(values[n - 1]!), elemWidth, hangingIndent);
  const s = state.s + state.line;
  return `[${s.slice(hangingIndent.length)}]`;
}

// ---------------------------------------------------------------------------------------------
// Python's '%.Nf'.

const twoPow = (k: number): number => 2 ** k;

/**
 * Python's `'%.<digits>f' % value`, exactly.
 *
 * The rule: the exact binary value of `value` is rounded to `digits` places after the point, to
 * nearest, and an exact tie goes to the even last digit (Python's correctly rounded `dtoa`); with
 * `digits` 0 there is no decimal point. No exponent is ever used, however large the value. The sign
 * is kept whenever the value is negative, even if it rounds to zero (`-0.00`), and for negative zero.
 * NaN prints as `nan`, infinities as `inf` and `-inf`. JavaScript's `toFixed` differs on exact ties
 * (it rounds them away from zero: `(0.125).toFixed(2)` is `"0.13"`, Python gives `0.12`), drops the
 * sign of −0, and switches to exponent form from 1e21; this function does not.
 *
 * @param value - any number.
 * @param digits - places after the decimal point: an integer from 0 to 100 (Python's `%f` uses 6).
 * @returns the text Python prints.
 * @throws TypeError if an argument is not a number; RangeError if `digits` is out of range.
 *
 * @example
 * formatPercentF(0.125, 2); // "0.12"
 * formatPercentF(2.5, 0); // "2"
 * formatPercentF(-0, 5); // "-0.00000"
 * formatPercentF(1.6e-6, 6); // "0.000002"
 */
export function formatPercentF(value: number, digits: number): string {
  checkNumberArg("formatPercentF", "value", value);
  if (typeof digits !== "number") {
    throw new TypeError(`formatPercentF: digits must be an integer from 0 to 100, got ${describe(digits)}`);
  }
  if (!(Number.isInteger(digits) && digits >= 0 && digits <= 100)) {
    throw new RangeError(`formatPercentF: digits must be an integer from 0 to 100, got ${describe(digits)}`);
  }
  return percentF(value, digits);
}

function percentF(value: number, digits: number): string {
  if (Number.isNaN(value)) return "nan";
  if (value === Infinity) return "inf";
  if (value === -Infinity) return "-inf";
  const sign = signBit(value) ? "-" : "";
  const magnitude = Math.abs(value);
  if (magnitude >= 1e21) {
    // Every double this large is an integer; its exact decimal expansion is BigInt's.
    return `${sign}${BigInt(magnitude).toString()}${digits > 0 ? `.${"0".repeat(digits)}` : ""}`;
  }
  // toFixed is exact (ECMA-262 asks for the n nearest to value × 10^digits) except that it breaks
  // exact ties upwards. A tie at `digits` places happens exactly when value × 2^(digits+1) is an
  // odd integer (value = m·2^e with m odd and e = −(digits+1)); then Python keeps the even one.
  let text = magnitude.toFixed(digits);
  const scaled = magnitude * twoPow(digits + 1);
  if (Number.isInteger(scaled) && scaled % 2 === 1) {
    const last = text.charCodeAt(text.length - 1) - 48;
    if (last % 2 === 1) text = text.slice(0, -1) + String(last - 1);
  }
  return sign + text;
}

// ---------------------------------------------------------------------------------------------
// The tutorial's two print lines.

/**
 * The tutorial's progress line, exactly as Python prints `'>%d f(%s) = %.5f' % (t, x, score)`
 * with `x` a 1-D numpy float64 array: the iteration number, the array as {@link formatNumpyArray}
 * prints it, and the score with 5 decimals as {@link formatPercentF} does.
 *
 * @param t - the iteration number: a non-negative safe integer.
 * @param x - the current point: a non-empty array-like of numbers.
 * @param score - the objective value (NaN and ±Infinity print as `nan`, `inf`, `-inf`).
 * @returns one line, without a trailing newline (it has inner newlines only if the array wraps).
 * @throws TypeError / RangeError naming the parameter when an argument is not acceptable.
 *
 * @example
 * formatProgress(99, [-6.78222208e-12, 1.27905115e-03], 1.6e-6);
 * // ">99 f([-6.78222208e-12  1.27905115e-03]) = 0.00000"
 */
export function formatProgress(t: number, x: ArrayLike<number>, score: number): string {
  if (typeof t !== "number") {
    throw new TypeError(`formatProgress: t must be a non-negative integer, got ${describe(t)}`);
  }
  if (!(Number.isSafeInteger(t) && t >= 0)) {
    throw new RangeError(`formatProgress: t must be a non-negative integer, got ${describe(t)}`);
  }
  const values = checkArray("formatProgress", "x", x);
  checkNumberArg("formatProgress", "score", score);
  return `>${String(t)} f(${arrayStr(values)}) = ${percentF(score, 5)}`;
}

/**
 * The tutorial's closing line, exactly as Python prints `'f(%s) = %f' % (x, score)` with `x` a
 * 1-D numpy float64 array: the array as {@link formatNumpyArray} prints it and the score with
 * Python's default `%f` precision of 6 decimals.
 *
 * @param x - the best point: a non-empty array-like of numbers.
 * @param score - its objective value (NaN and ±Infinity print as `nan`, `inf`, `-inf`).
 * @returns one line, without a trailing newline.
 * @throws TypeError / RangeError naming the parameter when an argument is not acceptable.
 *
 * @example
 * formatResult([-6.78222208e-12, 1.27905115e-03], 1.6e-6);
 * // "f([-6.78222208e-12  1.27905115e-03]) = 0.000002"
 */
export function formatResult(x: ArrayLike<number>, score: number): string {
  const values = checkArray("formatResult", "x", x);
  checkNumberArg("formatResult", "score", score);
  return `f(${arrayStr(values)}) = ${percentF(score, 6)}`;
}
