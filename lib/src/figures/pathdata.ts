/**
 * Compact SVG path data. Figures are sent to notebooks as text, so every byte counts: coordinates are
 * rounded to 0.1 px (invisible at any zoom a notebook uses), written relative to the previous point,
 * without leading zeros or redundant separators, and straight runs are simplified first.
 */

/** A polyline or ring in pixels: flat [x0, y0, x1, y1, …]. */
export type FlatPoints = ArrayLike<number>;

/** Tenths of a pixel as the shortest SVG number: 12 → "1.2", -5 → "-.5", 30 → "3". */
function tenths(n: number): string {
  if (n === 0) return "0";
  const sign = n < 0 ? "-" : "";
  const a = Math.abs(n);
  const whole = Math.floor(a / 10);
  const frac = a % 10;
  if (frac === 0) return sign + whole;
  return sign + (whole === 0 ? "" : whole) + "." + frac;
}

/**
 * Appends numbers to path data, inserting a separator only where the SVG grammar needs one (not before
 * "-", and not before ".5" when the previous number already has a decimal point).
 */
class PathWriter {
  parts: string[] = [];
  /** Characters written so far. */
  length = 0;
  /** Whether the last thing written was a number, and whether that number had a decimal point. */
  private afterNumber = false;
  private lastHadDot = false;
  command(c: string) {
    this.parts.push(c);
    this.length += c.length;
    this.afterNumber = /[0-9.]$/.test(c);
    this.lastHadDot = false;
  }
  number(s: string) {
    const needsSep = this.afterNumber && s[0] !== "-" && !(s[0] === "." && this.lastHadDot);
    this.parts.push(needsSep ? " " + s : s);
    this.length += needsSep ? s.length + 1 : s.length;
    this.afterNumber = true;
    this.lastHadDot = s.includes(".");
  }
  toString() {
    return this.parts.join("");
  }
  /** A writer in the same state with nothing written yet. */
  fork(): PathWriter {
    const w = new PathWriter();
    w.afterNumber = this.afterNumber;
    w.lastHadDot = this.lastHadDot;
    return w;
  }
  /** Appends what a fork of this writer wrote, taking on its state. */
  append(fork: PathWriter) {
    for (const part of fork.parts) this.parts.push(part);
    this.length += fork.length;
    this.afterNumber = fork.afterNumber;
    this.lastHadDot = fork.lastHadDot;
  }
}

/**
 * Builds compact path data from absolute pixel coordinates. Positions are rounded to 0.1 px and every
 * command is written relative to the rounded current point, so rounding errors never accumulate.
 */
export class PathBuilder {
  private w = new PathWriter();
  /** Current point and subpath start, in tenths of a pixel. */
  private cx = 0;
  private cy = 0;
  private sx = 0;
  private sy = 0;
  private started = false;
  private mode = "";

  moveTo(x: number, y: number): this {
    const X = Math.round(x * 10);
    const Y = Math.round(y * 10);
    if (!this.started) {
      this.w.command("M");
      this.w.number(tenths(X));
      this.w.number(tenths(Y));
      this.started = true;
    } else {
      this.w.command("m");
      this.w.number(tenths(X - this.cx));
      this.w.number(tenths(Y - this.cy));
    }
    this.cx = this.sx = X;
    this.cy = this.sy = Y;
    this.mode = "m";
    return this;
  }

  /** Straight to (x, y) as "h", "v" or "l"; nothing when it rounds to the current point. */
  lineTo(x: number, y: number): this {
    const X = Math.round(x * 10);
    const Y = Math.round(y * 10);
    const dx = X - this.cx;
    const dy = Y - this.cy;
    if (dx === 0 && dy === 0) return this;
    if (dy === 0) {
      this.w.command("h");
      this.w.number(tenths(dx));
      this.mode = "h";
    } else if (dx === 0) {
      this.w.command("v");
      this.w.number(tenths(dy));
      this.mode = "v";
    } else {
      if (this.mode !== "l") this.w.command("l");
      this.w.number(tenths(dx));
      this.w.number(tenths(dy));
      this.mode = "l";
    }
    this.cx = X;
    this.cy = Y;
    return this;
  }

  /** A cubic Bézier to (x, y) with control points (x1, y1), (x2, y2), as "c" (repeated "c" omitted). */
  curveTo(x1: number, y1: number, x2: number, y2: number, x: number, y: number): this {
    const X = Math.round(x * 10);
    const Y = Math.round(y * 10);
    const X1 = Math.round(x1 * 10) - this.cx;
    const Y1 = Math.round(y1 * 10) - this.cy;
    const X2 = Math.round(x2 * 10) - this.cx;
    const Y2 = Math.round(y2 * 10) - this.cy;
    const dx = X - this.cx;
    const dy = Y - this.cy;
    // A curve that rounds to a straight segment is written as one.
    if ((X1 === 0 && Y1 === 0 && X2 === dx && Y2 === dy) || (dx * Y1 === dy * X1 && dx * Y2 === dy * X2 && (dx !== 0 || dy !== 0))) {
      return this.lineTo(x, y);
    }
    if (this.mode !== "c") this.w.command("c");
    for (const v of [X1, Y1, X2, Y2, dx, dy]) this.w.number(tenths(v));
    this.mode = "c";
    this.cx = X;
    this.cy = Y;
    return this;
  }

  /** A zero-length segment: a dot under round caps. */
  dot(): this {
    this.w.command("h0");
    this.mode = "";
    return this;
  }

  close(): this {
    this.w.command("z");
    this.cx = this.sx;
    this.cy = this.sy;
    this.mode = "";
    return this;
  }

  /** Characters of path data written so far. */
  get length(): number {
    return this.w.length;
  }

  /**
   * A builder that continues from this one's current point and state but holds only what is written to
   * it, so that two ways of writing the same piece can be tried and the shorter kept ({@link append}).
   */
  fork(): PathBuilder {
    const b = new PathBuilder();
    b.w = this.w.fork();
    b.cx = this.cx;
    b.cy = this.cy;
    b.sx = this.sx;
    b.sy = this.sy;
    b.started = this.started;
    b.mode = this.mode;
    return b;
  }

  /** Appends what a {@link fork} of this builder wrote, and continues from where it ended. */
  append(fork: PathBuilder): this {
    this.w.append(fork.w);
    this.cx = fork.cx;
    this.cy = fork.cy;
    this.sx = fork.sx;
    this.sy = fork.sy;
    this.started = fork.started;
    this.mode = fork.mode;
    return this;
  }

  toString(): string {
    return this.w.toString();
  }
}

/**
 * Writes polylines (or closed rings when `closed`) as compact path data: "M" at the first point, then
 * relative "l"/"h"/"v" steps between points rounded to 0.1 px, dropping steps that round to nothing.
 * A polyline of one point becomes a dot ("h0").
 *
 * @example
 * pathData([[0, 0, 10, 0, 10, 5]], false) // "M0 0h10v5"
 */
export function pathData(lines: readonly FlatPoints[], closed: boolean): string {
  const b = new PathBuilder();
  for (const line of lines) {
    const n = line.length >> 1;
    if (n === 0) continue;
    b.moveTo(line[0], line[1]);
    for (let i = 1; i < n; i++) b.lineTo(line[2 * i], line[2 * i + 1]);
    if (closed) b.close();
    else if (n === 1) b.dot();
  }
  return b.toString();
}

/**
 * Points as zero-length subpaths ("M x y h0 m dx dy h0 …"): with `stroke-linecap="round"` each is a dot
 * of diameter stroke-width, with "square" a square. About 10 bytes a point instead of ~40 for a circle.
 */
export function dotsPathData(points: FlatPoints): string {
  const b = new PathBuilder();
  for (let i = 0; i < points.length >> 1; i++) b.moveTo(points[2 * i], points[2 * i + 1]).dot();
  return b.toString();
}

/** Squared distance from p to segment ab. */
function segmentDistance2(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const ex = ax + t * dx - px;
  const ey = ay + t * dy - py;
  return ex * ex + ey * ey;
}

/** Douglas–Peucker on points[first..last] (inclusive), marking kept points. */
function douglasPeucker(points: FlatPoints, first: number, last: number, tolerance2: number, keep: Uint8Array) {
  // Iterative, so that rings of thousands of points cannot overflow the stack.
  const stack = [first, last];
  while (stack.length) {
    const b = stack.pop()!;
    const a = stack.pop()!;
    let worst = -1;
    let worstD = tolerance2;
    const ax = points[2 * a], ay = points[2 * a + 1], bx = points[2 * b], by = points[2 * b + 1];
    for (let i = a + 1; i < b; i++) {
      const d = segmentDistance2(points[2 * i], points[2 * i + 1], ax, ay, bx, by);
      if (d > worstD) {
        worstD = d;
        worst = i;
      }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push(a, worst, worst, b);
    }
  }
}

/**
 * Simplifies a closed ring (flat [x0, y0, …], first point not repeated) with Douglas–Peucker: no point of
 * the original is farther than `tolerance` px from the result. The ring is split at its first point and the
 * point farthest from it, so the result does not depend on a chord through the middle of the shape.
 */
export function simplifyRing(points: FlatPoints, tolerance: number): number[] {
  const n = points.length >> 1;
  if (n <= 3) return Array.from(points);
  let far = 0;
  let farD = -1;
  for (let i = 1; i < n; i++) {
    const dx = points[2 * i] - points[0];
    const dy = points[2 * i + 1] - points[1];
    const d = dx * dx + dy * dy;
    if (d > farD) {
      farD = d;
      far = i;
    }
  }
  const keep = new Uint8Array(n + 1);
  keep[0] = keep[far] = keep[n] = 1;
  // Close the ring: index n is point 0 again.
  const view = new Float64Array(2 * (n + 1));
  for (let i = 0; i < 2 * n; i++) view[i] = points[i];
  view[2 * n] = points[0];
  view[2 * n + 1] = points[1];
  const tolerance2 = tolerance * tolerance;
  douglasPeucker(view, 0, far, tolerance2, keep);
  douglasPeucker(view, far, n, tolerance2, keep);
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push(points[2 * i], points[2 * i + 1]);
  return out;
}

/** Douglas–Peucker for an open polyline; the ends are kept. */
export function simplifyLine(points: FlatPoints, tolerance: number): number[] {
  const n = points.length >> 1;
  if (n <= 2) return Array.from(points);
  const keep = new Uint8Array(n);
  keep[0] = keep[n - 1] = 1;
  douglasPeucker(points, 0, n - 1, tolerance * tolerance, keep);
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push(points[2 * i], points[2 * i + 1]);
  return out;
}
