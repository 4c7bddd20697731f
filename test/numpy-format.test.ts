import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { formatNumpyArray, formatPercentF, formatProgress, formatResult } from "../lib/src/numpy-format.ts";

// -------------------------------------------------------------------------------------------
// Fixtures made by test/fixtures/make-numpy-fixtures.py with real numpy (Debian's python3-numpy).

type Encoded = number | "nan" | "inf" | "-inf";
interface ArrayCase {
  name: string;
  str: string;
  x?: Encoded[];
  gen?: { n: number; a: number; b: number; set: [number, Encoded][] };
}
interface FormatFixture {
  about: { numpy: string; python: string };
  arrays: ArrayCase[];
  percentF: { value: Encoded; digits: number; text: string }[];
  progress: { t: number; x: Encoded[]; score: Encoded; text: string }[];
  result: { x: Encoded[]; score: Encoded; text: string }[];
}
const fixture = JSON.parse(
  readFileSync(new URL("./fixtures/numpy-format.json", import.meta.url), "utf8"),
) as FormatFixture;

function decode(v: Encoded): number {
  if (v === "nan") return NaN;
  if (v === "inf") return Infinity;
  if (v === "-inf") return -Infinity;
  return v;
}

function caseValues(c: ArrayCase): number[] {
  if (c.x) return c.x.map(decode);
  const { n, a, b, set } = c.gen!;
  const x = Array.from({ length: n }, (_, i) => i * a + b);
  for (const [i, v] of set) x[i] = decode(v);
  return x;
}

const versions = `numpy ${fixture.about.numpy}, Python ${fixture.about.python}`;

describe(`formatNumpyArray prints what ${versions} prints`, () => {
  for (const c of fixture.arrays) {
    test(`for the ${c.name} case`, () => {
      assert.equal(formatNumpyArray(caseValues(c)), c.str);
    });
  }
});

describe(`formatPercentF prints what ${versions} prints for '%.Nf'`, () => {
  test(`for all ${fixture.percentF.length} fixture values, including exact ties`, () => {
    for (const { value, digits, text } of fixture.percentF) {
      assert.equal(formatPercentF(decode(value), digits), text, `'%.${digits}f' % ${String(value)}`);
    }
  });
});

describe(`formatProgress and formatResult print what ${versions} prints`, () => {
  test("for every fixture progress line '>%d f(%s) = %.5f'", () => {
    for (const { t, x, score, text } of fixture.progress) {
      assert.equal(formatProgress(t, x.map(decode), decode(score)), text);
    }
  });
  test("for every fixture closing line 'f(%s) = %f'", () => {
    for (const { x, score, text } of fixture.result) {
      assert.equal(formatResult(x.map(decode), decode(score)), text);
    }
  });
});

// -------------------------------------------------------------------------------------------
// The tutorial's printed lines, independent of the fixtures. The tutorial page collapsed numpy's
// double spaces; numpy prints two (a space of padding before each positive value).

const tutorialLines: [number, [number, number], string][] = [
  [90, [-5.74880707e-11, 2.16227707e-3], ">90 f([-5.74880707e-11  2.16227707e-03]) = 0.00000"],
  [91, [-4.53359947e-11, 2.03974264e-3], ">91 f([-4.53359947e-11  2.03974264e-03]) = 0.00000"],
  [92, [-3.57526928e-11, 1.92415218e-3], ">92 f([-3.57526928e-11  1.92415218e-03]) = 0.00000"],
  [93, [-2.81951584e-11, 1.81511216e-3], ">93 f([-2.81951584e-11  1.81511216e-03]) = 0.00000"],
  [94, [-2.22351711e-11, 1.71225138e-3], ">94 f([-2.22351711e-11  1.71225138e-03]) = 0.00000"],
  [95, [-1.75350316e-11, 1.61521966e-3], ">95 f([-1.75350316e-11  1.61521966e-03]) = 0.00000"],
  [96, [-1.38284262e-11, 1.52368665e-3], ">96 f([-1.38284262e-11  1.52368665e-03]) = 0.00000"],
  [97, [-1.09053366e-11, 1.43734076e-3], ">97 f([-1.09053366e-11  1.43734076e-03]) = 0.00000"],
  [98, [-8.60013947e-12, 1.35588802e-3], ">98 f([-8.60013947e-12  1.35588802e-03]) = 0.00000"],
  [99, [-6.78222208e-12, 1.27905115e-3], ">99 f([-6.78222208e-12  1.27905115e-03]) = 0.00000"],
];
const objective = ([x, y]: [number, number]): number => x ** 2 + y ** 2;

describe("the tutorial's printed lines come out exactly", () => {
  for (const [t, x, line] of tutorialLines) {
    test(`iteration ${t} prints ${line}`, () => {
      assert.equal(formatProgress(t, x, objective(x)), line);
      assert.equal(formatNumpyArray(x), line.slice(line.indexOf("f(") + 2, line.lastIndexOf(")")));
    });
  }
  test("the closing line prints f([-6.78222208e-12  1.27905115e-03]) = 0.000002", () => {
    const best: [number, number] = [-6.78222208e-12, 1.27905115e-3];
    assert.equal(formatResult(best, objective(best)), "f([-6.78222208e-12  1.27905115e-03]) = 0.000002");
  });
  test("the brief's own examples hold", () => {
    assert.equal(
      formatProgress(99, [-6.78222208e-12, 1.27905115e-3], 1.6e-6),
      ">99 f([-6.78222208e-12  1.27905115e-03]) = 0.00000",
    );
    assert.equal(formatResult([-6.78222208e-12, 1.27905115e-3], 1.6e-6), "f([-6.78222208e-12  1.27905115e-03]) = 0.000002");
    assert.equal(formatNumpyArray([-0.165955990594852, 0.4406489868843162]), "[-0.16595599  0.44064899]");
  });
});

// -------------------------------------------------------------------------------------------
// A slow, independent reference for '%.Nf': exact decimal expansion with BigInt.

function exactParts(x: number): { mantissa: bigint; exponent: number } {
  // |x| = mantissa * 2^exponent, read from the IEEE-754 bits.
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const biased = Number(bits >> 52n);
  const fraction = bits & ((1n << 52n) - 1n);
  return biased === 0
    ? { mantissa: fraction, exponent: -1074 }
    : { mantissa: fraction | (1n << 52n), exponent: biased - 1075 };
}

function referencePercentF(x: number, digits: number): string {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  const negative = x < 0 || Object.is(x, -0);
  const { mantissa, exponent } = exactParts(x);
  // |x| * 10^digits = num / den exactly; round half to even.
  let num = mantissa * 10n ** BigInt(digits);
  let den = 1n;
  if (exponent >= 0) num <<= BigInt(exponent);
  else den <<= BigInt(-exponent);
  let q = num / den;
  const twiceRemainder = 2n * (num % den);
  if (twiceRemainder > den || (twiceRemainder === den && q % 2n === 1n)) q += 1n;
  const s = q.toString().padStart(digits + 1, "0");
  const whole = s.slice(0, s.length - digits);
  const frac = s.slice(s.length - digits);
  return (negative ? "-" : "") + whole + (digits > 0 ? `.${frac}` : "");
}

describe("formatPercentF agrees with an exact BigInt reference", () => {
  test("the reference itself agrees with the numpy fixtures", () => {
    for (const { value, digits, text } of fixture.percentF) {
      assert.equal(referencePercentF(decode(value), digits), text);
    }
  });

  test("for any double and any digits from 0 to 100", () => {
    fc.assert(
      fc.property(fc.double(), fc.integer({ min: 0, max: 100 }), (x, digits) => {
        assert.equal(formatPercentF(x, digits), referencePercentF(x, digits));
      }),
      { numRuns: 3000 },
    );
  });

  test("for doubles of ordinary size with the tutorial's 5 and 6 digits", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(5, 6), (x, digits) => {
        assert.equal(formatPercentF(x, digits), referencePercentF(x, digits));
      }),
      { numRuns: 3000 },
    );
  });

  test("for exact ties k / 2^(digits+1) with k odd, where toFixed would round the other way half the time", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 }), fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), (digits, k) => {
        const x = (2 * k + 1) / 2 ** (digits + 1);
        assert.equal(formatPercentF(x, digits), referencePercentF(x, digits));
      }),
      { numRuns: 3000 },
    );
  });

  test("for huge doubles, printed in full without an exponent", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e20, max: Number.MAX_VALUE, noNaN: true }), fc.integer({ min: 0, max: 8 }), (x, digits) => {
        assert.equal(formatPercentF(x, digits), referencePercentF(x, digits));
        assert.equal(formatPercentF(-x, digits), referencePercentF(-x, digits));
      }),
      { numRuns: 500 },
    );
  });

  test("for tiny and subnormal doubles", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e-300, max: 1e-300, noNaN: true }), fc.integer({ min: 0, max: 100 }), (x, digits) => {
        assert.equal(formatPercentF(x, digits), referencePercentF(x, digits));
      }),
      { numRuns: 1000 },
    );
  });
});

describe("formatPercentF follows Python where JavaScript's toFixed does not", () => {
  test("exact ties go to the even digit", () => {
    assert.equal(formatPercentF(0.125, 2), "0.12");
    assert.equal(formatPercentF(0.375, 2), "0.38");
    assert.equal(formatPercentF(2.5, 0), "2");
    assert.equal(formatPercentF(3.5, 0), "4");
    assert.equal(formatPercentF(-0.5, 0), "-0");
  });
  test("negative zero and negatives that round to zero keep their sign", () => {
    assert.equal(formatPercentF(-0, 5), "-0.00000");
    assert.equal(formatPercentF(-1e-10, 5), "-0.00000");
    assert.equal(formatPercentF(0, 0), "0");
  });
  test("nan and infinities print as Python spells them", () => {
    assert.equal(formatPercentF(NaN, 5), "nan");
    assert.equal(formatPercentF(Infinity, 5), "inf");
    assert.equal(formatPercentF(-Infinity, 0), "-inf");
  });
  test("values from 1e21 up print every digit instead of an exponent", () => {
    assert.equal(formatPercentF(1e21, 2), "1000000000000000000000.00");
    assert.equal(formatPercentF(-1e22, 0), "-10000000000000000000000");
  });
});

// -------------------------------------------------------------------------------------------
// Properties of the array printing that hold whatever the values.

describe("formatNumpyArray keeps numpy's layout promises", () => {
  const finiteArrays = fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 60 });

  test("every line fits in 75 characters and continuation lines start with a space", () => {
    fc.assert(
      fc.property(finiteArrays, (x) => {
        const lines = formatNumpyArray(x).split("\n");
        for (const line of lines) assert.ok(line.length <= 75, JSON.stringify(line));
        lines.slice(1).forEach((line) => assert.ok(line.startsWith(" ")));
      }),
      { numRuns: 300 },
    );
  });

  test("every element is printed once, in order, and reads back within its printed precision", () => {
    // The case a random run found (CI, 2026-12-02): numpy prints it the same way (checked with numpy).
    assert.equal(formatNumpyArray([3966244.656633255]), "[3966244.65663326]");
    fc.assert(
      fc.property(finiteArrays, (x) => {
        const text = formatNumpyArray(x);
        const tokens = text.slice(1, -1).trim().split(/\s+/);
        assert.equal(tokens.length, x.length);
        tokens.forEach((token, i) => {
          const back = Number(token);
          const v = x[i]!;
          const scientific = token.includes("e");
          // Half a unit of the 8th digit printed, plus the spacing of doubles near v: the printed decimal,
          // read back, is itself rounded to a double (3966244.656633255 prints as numpy prints it,
          // 3966244.65663326, which reads back 5.12e-9 away).
          const tolerance = scientific ? Math.abs(v) * 5.01e-9 : 5e-9 + 4 * Number.EPSILON * Math.abs(v);
          assert.ok(Math.abs(back - v) <= tolerance || back === v, `${token} vs ${v}`);
          assert.equal(token.startsWith("-"), v < 0 || Object.is(v, -0), `sign of ${token} vs ${v}`);
        });
      }),
      { numRuns: 300 },
    );
  });

  test("all elements of a one-line array are padded to the same width", () => {
    // Four elements of at most 16 characters always fit on one line (numpy strips the padding at
    // the end of a wrapped line, so this only holds for arrays that do not wrap).
    fc.assert(
      fc.property(fc.array(fc.double(), { minLength: 1, maxLength: 4 }), (x) => {
        const text = formatNumpyArray(x);
        assert.ok(!text.includes("\n"));
        const inner = text.slice(1, -1);
        const width = (inner.length - (x.length - 1)) / x.length;
        assert.ok(Number.isInteger(width), `${JSON.stringify(text)} has uneven widths`);
        for (let i = 0; i < x.length; i++) {
          const slot = inner.slice(i * (width + 1), i * (width + 1) + width);
          assert.equal(slot.trim().length > 0, true, `${JSON.stringify(text)} slot ${i}`);
          if (i > 0) assert.equal(inner[i * (width + 1) - 1], " ");
        }
      }),
      { numRuns: 500 },
    );
  });

  test("more than 1000 elements are summarised by their first three and last three", () => {
    const x = Array.from({ length: 1001 }, (_, i) => i);
    assert.equal(formatNumpyArray(x), "[   0.    1.    2. ...  998.  999. 1000.]");
    const typed = new Float64Array(1001).map((_, i) => i);
    assert.equal(formatNumpyArray(typed), formatNumpyArray(x));
  });

  test("typed arrays print like plain arrays", () => {
    assert.equal(formatNumpyArray(new Float64Array([0.5, -1, 3])), "[ 0.5 -1.   3. ]");
    assert.equal(formatNumpyArray(new Float32Array([0.5])), "[0.5]");
  });
});

// -------------------------------------------------------------------------------------------
// Input checks.

describe("bad inputs are rejected with messages naming the function, the parameter and the value", () => {
  test("formatNumpyArray rejects an empty array with a RangeError", () => {
    assert.throws(() => formatNumpyArray([]), {
      name: "RangeError",
      message: "formatNumpyArray: x must be a non-empty array-like of numbers, got an empty one",
    });
  });
  test("formatNumpyArray rejects something that is not array-like with a TypeError", () => {
    for (const bad of ["1, 2", 3, null, undefined, { 0: 1 }]) {
      assert.throws(() => formatNumpyArray(bad as unknown as number[]), {
        name: "TypeError",
        message: /^formatNumpyArray: x must be a non-empty array-like of numbers, got /,
      });
    }
  });
  test("formatNumpyArray rejects an element that is not a number with a TypeError", () => {
    assert.throws(() => formatNumpyArray([1, "2" as unknown as number]), {
      name: "TypeError",
      message: 'formatNumpyArray: x[1] must be a number (NaN and ±Infinity allowed), got "2"',
    });
  });
  test("formatPercentF rejects digits outside 0 to 100, fractional digits and NaN with a RangeError", () => {
    for (const digits of [-1, 101, 1.5, NaN, Infinity]) {
      assert.throws(() => formatPercentF(1, digits), {
        name: "RangeError",
        message: `formatPercentF: digits must be an integer from 0 to 100, got ${String(digits)}`,
      });
    }
  });
  test("formatPercentF rejects non-numbers with a TypeError", () => {
    assert.throws(() => formatPercentF("1" as unknown as number, 2), {
      name: "TypeError",
      message: 'formatPercentF: value must be a number (NaN and ±Infinity allowed), got "1"',
    });
    assert.throws(() => formatPercentF(1, "2" as unknown as number), {
      name: "TypeError",
      message: 'formatPercentF: digits must be an integer from 0 to 100, got "2"',
    });
  });
  test("formatProgress rejects a negative, fractional or NaN t with a RangeError", () => {
    for (const t of [-1, 1.5, NaN, Infinity, 2 ** 53]) {
      assert.throws(() => formatProgress(t, [1], 0), {
        name: "RangeError",
        message: `formatProgress: t must be a non-negative integer, got ${String(t)}`,
      });
    }
  });
  test("formatProgress and formatResult reject a bad x or score, naming themselves", () => {
    assert.throws(() => formatProgress("1" as unknown as number, [1], 0), { name: "TypeError", message: /^formatProgress: t / });
    assert.throws(() => formatProgress(1, [], 0), { name: "RangeError", message: /^formatProgress: x must be a non-empty/ });
    assert.throws(() => formatProgress(1, [1], "0" as unknown as number), {
      name: "TypeError",
      message: 'formatProgress: score must be a number (NaN and ±Infinity allowed), got "0"',
    });
    assert.throws(() => formatResult([], 0), { name: "RangeError", message: /^formatResult: x must be a non-empty/ });
    assert.throws(() => formatResult([1], null as unknown as number), {
      name: "TypeError",
      message: "formatResult: score must be a number (NaN and ±Infinity allowed), got null",
    });
  });
});
