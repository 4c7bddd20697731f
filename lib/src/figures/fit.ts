/**
 * Least-squares cubic Bézier fitting (Philip J. Schneider, "An Algorithm for Automatically Fitting
 * Digitized Curves", Graphics Gems, 1990), with Newton–Raphson reparameterization. An isoline that
 * marching squares gives as 150 vertices is drawn within a quarter of a pixel by four to eight cubics:
 * this is what lets 50 contour levels fit in a few kilobytes.
 */

/** A cubic Bézier: [x0, y0, x1, y1, x2, y2, x3, y3]. */
export type Cubic = [number, number, number, number, number, number, number, number];

/** Newton steps tried before a piece is split (each is one pass over the piece's points). */
const NEWTON_STEPS = 12;
/** …and only when the first fit misses by less than √NEWTON_BELOW tolerances. */
const NEWTON_BELOW = 100;

function unit(x: number, y: number): [number, number] {
  const d = Math.hypot(x, y);
  return d > 0 ? [x / d, y / d] : [0, 0];
}

/**
 * The unit tangent at point (bx, by) of the circle through a, b, c, oriented from a towards c: exact on
 * circles however unevenly the points are spaced (a central difference is not), and the chord direction
 * when the points are collinear. `at` picks the point: 0 for a, 1 for b, 2 for c.
 */
function circleTangent(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, at: 0 | 1 | 2): [number, number] {
  // Circumcentre relative to b.
  const ux = ax - bx, uy = ay - by, vx = cx - bx, vy = cy - by;
  const cross = ux * vy - uy * vx;
  const chordX = cx - ax, chordY = cy - ay;
  const u2 = ux * ux + uy * uy, v2 = vx * vx + vy * vy;
  if (Math.abs(cross) < 1e-9 * (u2 + v2)) return unit(chordX, chordY);
  const ox = (u2 * vy - v2 * uy) / (2 * cross);
  const oy = (v2 * ux - u2 * vx) / (2 * cross);
  // Radius vector from the centre to the chosen point; the tangent is perpendicular to it.
  const px = at === 0 ? ux : at === 1 ? 0 : vx;
  const py = at === 0 ? uy : at === 1 ? 0 : vy;
  let tx = -(py - oy);
  let ty = px - ox;
  // Orient along the travel direction: from a towards c through b.
  const dirX = at === 0 ? bx - ax : at === 1 ? chordX : cx - bx;
  const dirY = at === 0 ? by - ay : at === 1 ? chordY : cy - by;
  if (tx * dirX + ty * dirY < 0) (tx = -tx), (ty = -ty);
  return unit(tx, ty);
}

/** Tangent at point i of the flat polyline p, from its neighbours i − 1 and i + 1 (indices given). */
function tangentAt(p: ArrayLike<number>, prev: number, i: number, next: number): [number, number] {
  return circleTangent(p[2 * prev], p[2 * prev + 1], p[2 * i], p[2 * i + 1], p[2 * next], p[2 * next + 1], 1);
}

/** Chord-length parameters for points[first..last] into u[0 … last − first]. */
function chordLengths(p: ArrayLike<number>, first: number, last: number, u: Float64Array) {
  u[0] = 0;
  for (let i = first + 1; i <= last; i++) {
    u[i - first] = u[i - first - 1] + Math.hypot(p[2 * i] - p[2 * i - 2], p[2 * i + 1] - p[2 * i - 1]);
  }
  const n = last - first;
  const total = u[n];
  for (let i = 1; i <= n; i++) u[i] = total > 0 ? u[i] / total : i / n;
}

/** The cubic with the given end tangents whose two handle lengths best fit the points (least squares). */
function generateBezier(p: ArrayLike<number>, first: number, last: number, u: Float64Array, t1: [number, number], t2: [number, number], b: Float64Array) {
  const x0 = p[2 * first], y0 = p[2 * first + 1], x3 = p[2 * last], y3 = p[2 * last + 1];
  let c00 = 0, c01 = 0, c11 = 0, r0 = 0, r1 = 0;
  for (let i = 0; i <= last - first; i++) {
    const t = u[i], s = 1 - t;
    const b0 = s * s * s, b1 = 3 * s * s * t, b2 = 3 * s * t * t, b3 = t * t * t;
    const a1x = t1[0] * b1, a1y = t1[1] * b1, a2x = t2[0] * b2, a2y = t2[1] * b2;
    c00 += a1x * a1x + a1y * a1y;
    c01 += a1x * a2x + a1y * a2y;
    c11 += a2x * a2x + a2y * a2y;
    const k = first + i;
    const tx = p[2 * k] - (x0 * (b0 + b1) + x3 * (b2 + b3));
    const ty = p[2 * k + 1] - (y0 * (b0 + b1) + y3 * (b2 + b3));
    r0 += a1x * tx + a1y * ty;
    r1 += a2x * tx + a2y * ty;
  }
  const det = c00 * c11 - c01 * c01;
  let alpha1 = det !== 0 ? (r0 * c11 - c01 * r1) / det : 0;
  let alpha2 = det !== 0 ? (c00 * r1 - c01 * r0) / det : 0;
  const seg = Math.hypot(x3 - x0, y3 - y0);
  // Degenerate or negative handles: fall back to Wu and Barsky's heuristic (a third of the chord).
  if (!(alpha1 > 1e-6 * seg && alpha2 > 1e-6 * seg)) alpha1 = alpha2 = seg / 3;
  b[0] = x0; b[1] = y0;
  b[2] = x0 + t1[0] * alpha1; b[3] = y0 + t1[1] * alpha1;
  b[4] = x3 + t2[0] * alpha2; b[5] = y3 + t2[1] * alpha2;
  b[6] = x3; b[7] = y3;
}

/**
 * Largest squared distance from the points to the curve at their parameters (returned), with its index in
 * `at[0]`; when `newton`, first moves each parameter one Newton–Raphson step towards the closest point.
 */
function maxError(p: ArrayLike<number>, first: number, last: number, b: Float64Array, u: Float64Array, newton: boolean, at: Int32Array): number {
  let worst = 0;
  at[0] = (first + last) >> 1;
  const x0 = b[0], y0 = b[1], x1 = b[2], y1 = b[3], x2 = b[4], y2 = b[5], x3 = b[6], y3 = b[7];
  for (let i = first + 1; i < last; i++) {
    const px = p[2 * i], py = p[2 * i + 1];
    let t = u[i - first];
    let s = 1 - t;
    let qx = s * s * s * x0 + 3 * s * s * t * x1 + 3 * s * t * t * x2 + t * t * t * x3;
    let qy = s * s * s * y0 + 3 * s * s * t * y1 + 3 * s * t * t * y2 + t * t * t * y3;
    if (newton) {
      const d1x = 3 * (s * s * (x1 - x0) + 2 * s * t * (x2 - x1) + t * t * (x3 - x2));
      const d1y = 3 * (s * s * (y1 - y0) + 2 * s * t * (y2 - y1) + t * t * (y3 - y2));
      const d2x = 6 * (s * (x2 - 2 * x1 + x0) + t * (x3 - 2 * x2 + x1));
      const d2y = 6 * (s * (y2 - 2 * y1 + y0) + t * (y3 - 2 * y2 + y1));
      const ex = qx - px, ey = qy - py;
      const den = d1x * d1x + d1y * d1y + ex * d2x + ey * d2y;
      if (den !== 0) {
        t = Math.min(1, Math.max(0, t - (ex * d1x + ey * d1y) / den));
        u[i - first] = t;
        s = 1 - t;
        qx = s * s * s * x0 + 3 * s * s * t * x1 + 3 * s * t * t * x2 + t * t * t * x3;
        qy = s * s * s * y0 + 3 * s * s * t * y1 + 3 * s * t * t * y2 + t * t * t * y3;
      }
    }
    const d = (qx - px) * (qx - px) + (qy - py) * (qy - py);
    if (d >= worst) {
      worst = d;
      at[0] = i;
    }
  }
  // Between the points too: the curve halfway between two parameters must stay near the segment
  // joining their points, or a fit through awkward points (a staircase, near-duplicates) could loop
  // away between them while passing every point.
  for (let i = first; i < last; i++) {
    const t = (u[i - first] + u[i + 1 - first]) / 2;
    const s = 1 - t;
    const qx = s * s * s * x0 + 3 * s * s * t * x1 + 3 * s * t * t * x2 + t * t * t * x3;
    const qy = s * s * s * y0 + 3 * s * s * t * y1 + 3 * s * t * t * y2 + t * t * t * y3;
    const ax = p[2 * i], ay = p[2 * i + 1], bx = p[2 * i + 2], by = p[2 * i + 3];
    const dx = bx - ax, dy = by - ay;
    const len2 = dx * dx + dy * dy;
    let k = len2 > 0 ? ((qx - ax) * dx + (qy - ay) * dy) / len2 : 0;
    k = k < 0 ? 0 : k > 1 ? 1 : k;
    const ex = ax + k * dx - qx, ey = ay + k * dy - qy;
    const d = ex * ex + ey * ey;
    if (d > worst) {
      worst = d;
      at[0] = Math.min(last - 1, Math.max(first + 1, k < 0.5 ? i : i + 1));
    }
  }
  return worst;
}

function fitRange(
  p: ArrayLike<number>,
  first: number,
  last: number,
  t1: [number, number],
  t2: [number, number],
  tolerance2: number,
  out: Cubic[],
  u: Float64Array,
  depth: number,
) {
  const x0 = p[2 * first], y0 = p[2 * first + 1], x3 = p[2 * last], y3 = p[2 * last + 1];
  if (last - first === 1) {
    // Two points: the chord. Nothing says how a curve should bend between them, and the polyline this
    // came from is already within tolerance of its chords (Douglas–Peucker), so a straight segment is
    // exact enough; bending it along estimated tangents is what can bulge.
    out.push([x0, y0, x0 + (x3 - x0) / 3, y0 + (y3 - y0) / 3, x0 + (2 * (x3 - x0)) / 3, y0 + (2 * (y3 - y0)) / 3, x3, y3]);
    return;
  }
  const b = new Float64Array(8);
  const at = new Int32Array(1);
  chordLengths(p, first, last, u);
  generateBezier(p, first, last, u, t1, t2, b);
  let error = maxError(p, first, last, b, u, false, at);
  // Newton steps move the parameters to the closest points; refit after each while it keeps improving.
  // Far-off fits are split straight away: no reparameterization rescues a cubic for half a circle.
  for (let k = 0; k < NEWTON_STEPS && error >= tolerance2 && error < NEWTON_BELOW * tolerance2; k++) {
    maxError(p, first, last, b, u, true, at);
    generateBezier(p, first, last, u, t1, t2, b);
    const before = error;
    error = maxError(p, first, last, b, u, false, at);
    if (error > 0.9 * before && error > 16 * tolerance2) break;
  }
  if (error < tolerance2 || depth > 30) {
    out.push(Array.from(b) as Cubic);
    return;
  }
  // Split at the worst point, with a tangent there shared by both halves.
  let split = at[0];
  if (split <= first) split = first + 1;
  if (split >= last) split = last - 1;
  const forward = tangentAt(p, split - 1, split, split + 1);
  const centre: [number, number] = [-forward[0], -forward[1]];
  fitRange(p, first, split, t1, centre, tolerance2, out, u, depth + 1);
  fitRange(p, split, last, [-centre[0], -centre[1]], t2, tolerance2, out, u, depth + 1);
}

/**
 * Fits cubics through an open polyline (flat [x0, y0, …]) so that every input point lies within
 * `tolerance` of the result; the ends are kept. Tangents at the ends come from the neighbouring points
 * unless given (a closed curve passes its seam tangent for both).
 */
export function fitCubics(
  points: ArrayLike<number>,
  tolerance: number,
  startTangent?: [number, number],
  endTangent?: [number, number],
): Cubic[] {
  const n = points.length >> 1;
  const out: Cubic[] = [];
  if (n < 2) return out;
  const p = points;
  const t1 =
    startTangent ??
    (n >= 3 ? circleTangent(p[0], p[1], p[2], p[3], p[4], p[5], 0) : unit(p[2] - p[0], p[3] - p[1]));
  let t2 = endTangent;
  if (!t2) {
    const e = n >= 3 ? circleTangent(p[2 * n - 6], p[2 * n - 5], p[2 * n - 4], p[2 * n - 3], p[2 * n - 2], p[2 * n - 1], 2) : unit(p[2 * n - 2] - p[0], p[2 * n - 1] - p[1]);
    t2 = [-e[0], -e[1]];
  }
  fitRange(points, 0, n - 1, t1, t2, tolerance * tolerance, out, new Float64Array(n), 0);
  return out;
}

/**
 * Fits a closed ring (flat, first point not repeated). The ring is first cut into four pieces of equal
 * length (one cubic cannot follow more than about a quarter turn), each cut with the tangent through its
 * two neighbours, so the seams are as smooth as the rest.
 */
export function fitClosedCubics(ring: ArrayLike<number>, tolerance: number): Cubic[] {
  const n = ring.length >> 1;
  const closed = new Float64Array(2 * (n + 1));
  for (let i = 0; i < 2 * n; i++) closed[i] = ring[i];
  closed[2 * n] = ring[0];
  closed[2 * n + 1] = ring[1];
  const out: Cubic[] = [];
  if (n < 8) {
    const t = tangentAt(closed, n - 1, 0, 1);
    fitRange(closed, 0, n, t, [-t[0], -t[1]], tolerance * tolerance, out, new Float64Array(n + 1), 0);
    return out;
  }
  // Cut points at quarter lengths.
  const length = new Float64Array(n + 1);
  for (let i = 1; i <= n; i++) length[i] = length[i - 1] + Math.hypot(closed[2 * i] - closed[2 * i - 2], closed[2 * i + 1] - closed[2 * i - 1]);
  const cuts = [0];
  for (let q = 1; q < 4; q++) {
    let i = cuts[cuts.length - 1] + 1;
    while (i < n && length[i] < (q * length[n]) / 4) i++;
    if (i < n - 1 && i > cuts[cuts.length - 1]) cuts.push(i);
  }
  cuts.push(n);
  const tangentAtCut = (i: number): [number, number] =>
    tangentAt(closed, i === 0 || i === n ? n - 1 : i - 1, i === n ? 0 : i, i === n ? 1 : i + 1);
  const u = new Float64Array(n + 1);
  for (let c = 0; c + 1 < cuts.length; c++) {
    const t1 = tangentAtCut(cuts[c]);
    const t2 = tangentAtCut(cuts[c + 1]);
    fitRange(closed, cuts[c], cuts[c + 1], t1, [-t2[0], -t2[1]], tolerance * tolerance, out, u, 0);
  }
  return out;
}
