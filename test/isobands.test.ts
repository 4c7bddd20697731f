/**
 * Marching squares (lib/src/figures/isobands.ts) on small grids, exactly, in the style of d3-contour's
 * tests: every expected ring below is worked out by hand from the samples (linear interpolation along
 * each cell edge, the saddle decided by the mean of the cell's corners, NaN below every threshold), and
 * orientations and areas by the shoelace formula.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { bandGeometry, sampleGrid } from "../lib/src/figures/bands.ts";
import { isobandRings, type Ring } from "../lib/src/figures/isobands.ts";

/** A ring as [[x, y], …], read from its flat points. */
const vertices = (ring: Ring): number[][] => Array.from({ length: ring.points.length / 2 }, (_, i) => [ring.points[2 * i], ring.points[2 * i + 1]]);

/** Twice the signed area (shoelace): positive counter-clockwise in (gx, gy) with y up. */
function signedArea(points: number[][]): number {
  let sum = 0;
  for (let i = 0; i < points.length; i++) {
    const [x0, y0] = points[i];
    const [x1, y1] = points[(i + 1) % points.length];
    sum += x0 * y1 - x1 * y0;
  }
  return sum / 2;
}

/** The same cycle starting at its smallest vertex, so that rings compare whatever vertex they start at. */
function canonical(points: number[][]): number[][] {
  let first = 0;
  points.forEach(([x, y], i) => {
    const [bx, by] = points[first];
    if (x < bx || (x === bx && y < by)) first = i;
  });
  return [...points.slice(first), ...points.slice(0, first)];
}

const ringsOf = (values: number[], nx: number, ny: number, t: number) => isobandRings(values, nx, ny, [t])[0].map(vertices);

test("isobandRings(peak) is the diamond through the edge midpoints, counter-clockwise", () => {
  const rings = ringsOf([0, 0, 0, 0, 1, 0, 0, 0, 0], 3, 3, 0.5);
  assert.equal(rings.length, 1);
  assert.deepEqual(canonical(rings[0]), [[0.5, 1], [1, 0.5], [1.5, 1], [1, 1.5]]);
  assert.equal(signedArea(rings[0]), 0.5);
  assert.deepEqual(Array.from(isobandRings([0, 0, 0, 0, 1, 0, 0, 0, 0], 3, 3, [0.5])[0][0].onEdge), [0, 0, 0, 0], "none on the edge");
});

test("isobandRings(annulus) gives the outer ring counter-clockwise and the hole clockwise", () => {
  const values = [0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0];
  const rings = ringsOf(values, 5, 5, 0.5);
  assert.equal(rings.length, 2);
  const [outer, hole] = signedArea(rings[0]) > 0 ? rings : [rings[1], rings[0]];
  // The square [0.5, 3.5]² with its corners cut at 0.5 (the corner cells cross at their edge midpoints).
  assert.deepEqual(canonical(outer), [
    [0.5, 1], [1, 0.5], [2, 0.5], [3, 0.5], [3.5, 1], [3.5, 2], [3.5, 3], [3, 3.5], [2, 3.5], [1, 3.5], [0.5, 3], [0.5, 2],
  ]);
  assert.equal(signedArea(outer), 9 - 4 * 0.125);
  assert.deepEqual(canonical(hole), [[1.5, 2], [2, 2.5], [2.5, 2], [2, 1.5]]);
  assert.equal(signedArea(hole), -0.5, "the hole turns the other way: nonzero filling leaves it empty");
});

test("isobandRings(saddle) joins the high corners when the cell's mean reaches the threshold, else not", () => {
  // values[j·nx + i]: high at (0, 0) and (1, 1), mean 0.5.
  const diagonal = [1, 0, 0, 1];
  assert.deepEqual(ringsOf(diagonal, 2, 2, 0.5).map(canonical), [[[0, 0], [0.5, 0], [1, 0.5], [1, 1], [0.5, 1], [0, 0.5]]]);
  assert.deepEqual(ringsOf(diagonal, 2, 2, 0.6).map(canonical).sort(), [
    [[0, 0], [0.4, 0], [0, 0.4]],
    [[0.6, 1], [1, 0.6], [1, 1]],
  ]);
  // The other diagonal: high at (1, 0) and (0, 1).
  const other = [0, 1, 1, 0];
  assert.deepEqual(ringsOf(other, 2, 2, 0.5).map(canonical), [[[0, 0.5], [0.5, 0], [1, 0], [1, 0.5], [0.5, 1], [0, 1]]]);
  assert.deepEqual(ringsOf(other, 2, 2, 0.6).map(canonical).sort(), [
    [[0, 0.6], [0.4, 1], [0, 1]],
    [[0.6, 0], [1, 0], [1, 0.4]],
  ]);
  for (const t of [0.5, 0.6]) for (const ring of [...ringsOf(diagonal, 2, 2, t), ...ringsOf(other, 2, 2, t)]) assert.ok(signedArea(ring) > 0);
});

test("isobandRings(grid with NaN) leaves the NaN sample's neighbourhood out of the region", () => {
  // NaN counts as below every threshold: the region is the rectangle [0, 2]² less the diamond of the
  // cells around the NaN sample, area 4 − 2.
  const rings = ringsOf([1, 1, 1, 1, NaN, 1, 1, 1, 1], 3, 3, 0.5);
  assert.equal(rings.reduce((sum, ring) => sum + signedArea(ring), 0), 2);
  const hole = rings.find((ring) => signedArea(ring) < 0)!;
  assert.deepEqual(canonical(hole), [[0, 1], [1, 2], [2, 1], [1, 0]]);
  for (const ring of rings) for (const [x, y] of ring) assert.ok(Number.isFinite(x) && Number.isFinite(y));
});

test("isobandRings(plateau) is the sampled rectangle itself, every vertex on its edge", () => {
  const [ring] = isobandRings([1, 1, 1, 1], 2, 2, [0.5])[0];
  assert.deepEqual(canonical(vertices(ring)), [[0, 0], [1, 0], [1, 1], [0, 1]]);
  assert.deepEqual(Array.from(ring.onEdge), [1, 1, 1, 1]);
});

test("isobandRings(single sample at the threshold) has no ring: a point encloses nothing", () => {
  assert.deepEqual(isobandRings([0, 0, 0, 0, 1, 0, 0, 0, 0], 3, 3, [1]), [[]]);
});

test("bandGeometry(grid with NaN) paints {f ≥ level} for every level and no background", () => {
  // The split painter's background would paint the undefined part: with gaps it is not used.
  const grid = sampleGrid((x, y) => (x === 0 && y === 0 ? NaN : x * x + y * y), [-1, 1], [-1, 1], 3, 3, "test");
  const geometry = bandGeometry(grid, [0, 0.5, 1.5, 2], "jet", "test");
  assert.deepEqual(geometry.regions.map((r) => r.band), [0, 1, 2]);
  assert.ok(geometry.regions.every((r) => r.rings !== null), "no region is the whole rectangle");
  // {f ≥ 0}: the rectangle [0, 2]² (in samples) less the NaN's diamond: area 2, as above.
  const area = (band: number) => geometry.regions[band].rings!.reduce((sum, ring) => sum + signedArea(vertices(ring)), 0);
  assert.equal(area(0), 2);
  // Without the NaN the split painter starts from the whole rectangle, in the band of the edge's lowest value.
  const whole = bandGeometry(sampleGrid((x, y) => x * x + y * y, [-1, 1], [-1, 1], 3, 3, "test"), [0, 0.5, 1.5, 2], "jet", "test");
  assert.equal(whole.regions[0].rings, null);
});

test("each ring is written the shorter way: the figure is no longer than with curves only or polylines only", async () => {
  const { setRingWriting } = await import("../lib/src/figures/bands.ts");
  const { contourFigure } = await import("../lib/src/figures/index.ts");
  const { bowl, rosenbrock } = await import("../lib/src/objectives.ts");
  for (const problem of [bowl, rosenbrock]) {
    const bytes: Record<string, number> = {};
    for (const way of ["curves", "polylines", "shorter"] as const) {
      const previous = setRingWriting(way);
      try {
        bytes[way] = Buffer.byteLength(contourFigure(problem).svg);
      } finally {
        setRingWriting(previous);
      }
    }
    const name = problem.label;
    assert.ok(bytes.shorter! <= bytes.curves! && bytes.shorter! <= bytes.polylines!, `${name}: ${JSON.stringify(bytes)}`);
    assert.ok(bytes.shorter! < Math.max(bytes.curves!, bytes.polylines!), `${name}: the choice matters (${JSON.stringify(bytes)})`);
  }
});
