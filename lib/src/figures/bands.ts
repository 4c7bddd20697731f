/**
 * Filled contour bands of a 2-D function, computed on a sample grid and written as compact path data:
 * the part of a contour figure that dominates its size. Plot's own contour mark writes every
 * marching-squares vertex at full precision (≈ 350 KB for the tutorial's figure); here each isoline is
 * fitted with a few cubic Béziers within a fraction of a pixel and written with relative coordinates.
 */
import { describe } from "../errors.js";
import { FNV_OFFSET, fnvStep } from "../hash.js";
import { colorInterpolator, type ColorScheme } from "./colors.js";
import type { LevelScale } from "./style.js";
import { fitClosedCubics, fitCubics, type Cubic } from "./fit.js";
import { isobandRings, type Ring } from "./isobands.js";
import { contourLevels, logContourLevels } from "./levels.js";
import { PathBuilder, simplifyLine, simplifyRing } from "./pathdata.js";

/** The sampled function: values[j·nx + i] = f(x_i, y_j), x_i = x1 + i·(x2 − x1)/(nx − 1), y likewise. */
export interface SampleGrid {
  nx: number;
  ny: number;
  x: readonly [number, number];
  y: readonly [number, number];
  values: Float64Array;
  /** Smallest and largest finite value. */
  min: number;
  max: number;
  /** The smallest value > 0 (Infinity when there is none), where log-spaced levels can start. */
  lowestPositive: number;
  /** How many samples were not finite (NaN, ±∞): stored as NaN, drawn as gaps. */
  gaps: number;
}

/**
 * A small cache of traced rings and written paths, keyed by the sampled values themselves (a hash of the
 * grid, not the function's identity), so that re-running a notebook cell with a new search over the same
 * objective skips the contouring, and a function whose values changed is never served stale bands.
 */
const CACHE_SIZE = 8;
let cacheSize = CACHE_SIZE;
const ringCache = new Map<string, BandRegion[]>();
const pathCache = new Map<string, string[]>();

function remember<T>(cache: Map<string, T>, key: string, value: T): T {
  if (cacheSize <= 0) return value;
  cache.delete(key);
  cache.set(key, value);
  while (cache.size > cacheSize) cache.delete(cache.keys().next().value!);
  return value;
}

function recall<T>(cache: Map<string, T>, key: string): T | undefined {
  const value = cache.get(key);
  if (value !== undefined) {
    // Most recently used last.
    cache.delete(key);
    cache.set(key, value);
  }
  return value;
}

/** Sets how many contour plots are cached (0 disables the cache, for benchmarks). Returns the previous size. */
export function setBandCacheSize(size: number): number {
  const previous = cacheSize;
  cacheSize = size;
  if (size <= 0) {
    ringCache.clear();
    pathCache.clear();
  }
  return previous;
}

/** A hash of the grid's bytes, and the levels: identical samples, identical key. */
function gridKey(grid: SampleGrid, thresholds: readonly number[]): string {
  const words = new Uint32Array(grid.values.buffer, grid.values.byteOffset, grid.values.length * 2);
  // FNV-1a over 32-bit words, plus a second, differently mixed hash to make collisions unlikely.
  let h1 = FNV_OFFSET;
  let h2 = 0x01000193;
  for (let i = 0; i < words.length; i++) {
    h1 = fnvStep(h1, words[i]);
    h2 = Math.imul(h2 ^ words[i], 0x5bd1e995) ^ (h2 >>> 15);
  }
  return `${grid.nx}x${grid.ny}:${grid.x}:${grid.y}:${(h1 >>> 0).toString(36)}${(h2 >>> 0).toString(36)}:${thresholds.join(",")}`;
}

/** A region to fill, in painting order. */
export interface BandRegion {
  /** The band whose colour fills it (band k spans levels[k] … levels[k + 1]). */
  band: number;
  /** Its rings in sample coordinates; none means the whole rectangle. */
  rings: Ring[] | null;
}

/** The filled contour plot: levels, one colour per band, and the regions that paint it. */
export interface BandGeometry {
  grid: SampleGrid;
  /** Identifies the sampled values and levels (the cache key). */
  key: string;
  levels: number[];
  colors: string[];
  /** One region per band, in painting order (see {@link bandGeometry}). */
  regions: BandRegion[];
}

/** Samples f on an nx × ny grid spanning the bounds inclusively (corners included). */
export function sampleGrid(
  f: (x: number, y: number) => number,
  x: readonly [number, number],
  y: readonly [number, number],
  nx: number,
  ny: number,
  where: string,
): SampleGrid {
  const values = new Float64Array(nx * ny);
  let min = Infinity;
  let max = -Infinity;
  let lowestPositive = Infinity;
  let gaps = 0;
  const dx = (x[1] - x[0]) / (nx - 1);
  const dy = (y[1] - y[0]) / (ny - 1);
  for (let j = 0; j < ny; j++) {
    const yj = j === ny - 1 ? y[1] : y[0] + j * dy;
    for (let i = 0; i < nx; i++) {
      const xi = i === nx - 1 ? x[1] : x[0] + i * dx;
      const v = f(xi, yj);
      if (typeof v !== "number") throw new TypeError(`${where}: the objective returned a ${typeof v} at (${xi}, ${yj})`);
      // ±∞ is drawn as NaN is, a gap: an objective infinite on part of the region (a barrier, a log of
      // something negative) is still drawn everywhere it is finite.
      if (!Number.isFinite(v)) {
        values[j * nx + i] = NaN;
        gaps++;
        continue;
      }
      values[j * nx + i] = v;
      if (v < min) min = v;
      if (v > max) max = v;
      if (v > 0 && v < lowestPositive) lowestPositive = v;
    }
  }
  if (gaps === nx * ny) {
    throw new RangeError(`${where}: the objective has no finite values inside the bounds (${nx * ny} samples, all NaN or infinite)`);
  }
  return { nx, ny, x, y, values, min, max, lowestPositive, gaps };
}

/**
 * Levels, colours and regions of the filled contour plot, as matplotlib's contourf: band k spans
 * [levels[k], levels[k+1]] and takes the scheme's colour at its midpoint, t = (mid − first) / (last − first).
 *
 * Painting order ("split painter", when f is finite everywhere; otherwise {f ≥ levels[k]} for every k, so
 * that undefined regions stay unpainted): the band holding the lowest value on the rectangle's edge, m, fills the
 * whole rectangle; then {f < levels[k]} for k = m, m − 1, …, 1 (shrinking, each in band k − 1's colour),
 * then {f ≥ levels[k]} for k = m + 1, …, n − 2 (in band k's colour). Every point ends up its band's colour
 * and every isoline is drawn exactly once; unlike painting {f ≥ t} for every level (what Plot does), no
 * region repeats the rectangle's outline, since the regions below the edge's minimum are closed inside it.
 *
 * With `levelScale` "log", a number of levels means log-spaced levels ({@link logContourLevels}) coloured
 * evenly by band. Values spanning more than the largest double are handled on values / 4 (exact).
 */
export function bandGeometry(
  grid: SampleGrid,
  levels: number | readonly number[],
  scheme: ColorScheme,
  where: string,
  levelScale: LevelScale = "linear",
): BandGeometry {
  // Values spanning more than the largest double (−1e308 … 1e308): levels, colours and isolines are
  // computed on the values divided by 4, which is exact, so that no difference overflows to ∞.
  const scale = Number.isFinite(grid.max - grid.min) ? 1 : 0.25;
  let thresholds: number[];
  if (typeof levels === "number") {
    if (levelScale === "log") {
      if (!(grid.max > 0)) {
        throw new RangeError(`${where}: levelScale "log" needs positive values; the objective's largest value here is ${describe(grid.max)}`);
      }
      thresholds = logContourLevels(grid.min, grid.max, levels, grid.lowestPositive);
    } else {
      thresholds = contourLevels(grid.min * scale, grid.max * scale, levels).map((t) => t / scale);
      // A level beyond the largest double (the first at or above a maximum near 1.8e308): the maximum.
      if (!Number.isFinite(thresholds[0])) thresholds[0] = grid.min;
      if (!Number.isFinite(thresholds[thresholds.length - 1])) thresholds[thresholds.length - 1] = grid.max;
    }
  } else {
    thresholds = Array.from(levels);
    for (let i = 0; i < thresholds.length; i++) {
      if (!Number.isFinite(thresholds[i]) || (i > 0 && !(thresholds[i] > thresholds[i - 1]))) {
        throw new RangeError(`${where}: levels must be finite and increasing, got ${describe(levels)}`);
      }
    }
    if (thresholds.length < 2) throw new RangeError(`${where}: filled contours need at least 2 levels`);
  }
  const color = colorInterpolator(scheme, where);
  const first = thresholds[0] * scale;
  const bands = thresholds.length - 1;
  const span = thresholds[bands] * scale - first;
  const colors: string[] = [];
  for (let k = 0; k < bands; k++) {
    // Log-spaced levels: colours by band, evenly along the scheme (what a log colour bar shows); linear:
    // at each band's midpoint, as matplotlib (the same for evenly spaced levels).
    const t = levelScale === "log" ? (k + 0.5) / bands : span > 0 ? ((thresholds[k] * scale + thresholds[k + 1] * scale) / 2 - first) / span : 0.5;
    colors.push(color(t));
  }
  const key = `${gridKey(grid, thresholds)}:${levelScale}`;
  const cached = recall(ringCache, key);
  if (cached) return { grid, key, levels: thresholds, colors, regions: cached };
  // m: the band of the smallest finite value on the rectangle's edge (clamped to the bands).
  const { nx, ny } = grid;
  const values = scale === 1 ? grid.values : grid.values.map((v) => v * scale);
  const scaled = scale === 1 ? thresholds : thresholds.map((t) => t * scale);
  let edgeMin = Infinity;
  for (let i = 0; i < nx; i++) edgeMin = Math.min(edgeMin, values[i], values[(ny - 1) * nx + i]);
  for (let j = 0; j < ny; j++) edgeMin = Math.min(edgeMin, values[j * nx], values[j * nx + nx - 1]);
  let m = 0;
  while (m + 1 < bands && scaled[m + 1] <= edgeMin) m++;
  // Where the function is undefined (NaN, ±∞) nothing may be painted, so no background: plain {f ≥ t}
  // regions for every level, as Plot and matplotlib draw them.
  if (grid.gaps > 0) {
    const regions = isobandRings(values, nx, ny, scaled.slice(0, bands)).map((rings, band) => ({ band, rings }));
    return { grid, key, levels: thresholds, colors, regions: remember(ringCache, key, regions) };
  }
  // Below: {f < t} = {−f > −t}, traced as {−f ≥ −t} on the negated grid (they differ only where f = t).
  const negated = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) negated[i] = -values[i];
  const belowLevels: number[] = [];
  for (let k = m; k >= 1; k--) belowLevels.push(-scaled[k]);
  const aboveLevels = scaled.slice(m + 1, bands);
  const below = isobandRings(negated, nx, ny, belowLevels);
  const above = isobandRings(values, nx, ny, aboveLevels);
  const regions: BandRegion[] = [{ band: m, rings: null }];
  below.forEach((rings, i) => regions.push({ band: m - i - 1, rings }));
  above.forEach((rings, i) => regions.push({ band: m + 1 + i, rings }));
  return { grid, key, levels: thresholds, colors, regions: remember(ringCache, key, regions) };
}

/**
 * Share of the tolerance spent thinning the marching-squares vertices before fitting (Douglas–Peucker),
 * which makes fitting ~3× faster; the fit gets the rest, so the total error stays within the tolerance.
 */
const PRESIMPLIFY = 0.2;

/** Writes one ring: straight along the rectangle's edge, fitted cubics along isolines. */
function writeRing(b: PathBuilder, pts: Float64Array, onEdge: Uint8Array, tolerance: number) {
  const n = pts.length >> 1;
  // Start where an isoline piece meets the edge (so that straight runs are never cut in two), or
  // anywhere on the edge, or — for an isoline closed inside the rectangle — nowhere.
  let firstEdge = -1;
  for (let i = 0; i < n; i++) {
    if (onEdge[i] && !onEdge[(i + n - 1) % n]) {
      firstEdge = i;
      break;
    }
    if (onEdge[i] && firstEdge < 0) firstEdge = i;
  }
  if (firstEdge >= 0 && !(onEdge[firstEdge] && !onEdge[(firstEdge + n - 1) % n])) {
    for (let i = firstEdge; i < n; i++) {
      if (onEdge[i] && !onEdge[(i + n - 1) % n]) {
        firstEdge = i;
        break;
      }
    }
  }
  if (firstEdge < 0) {
    const cubics = fitClosedCubics(simplifyRing(pts, PRESIMPLIFY * tolerance), (1 - PRESIMPLIFY) * tolerance);
    b.moveTo(pts[0], pts[1]);
    for (const c of cubics) b.curveTo(c[2], c[3], c[4], c[5], c[6], c[7]);
    b.close();
    return;
  }
  // Walk once round the ring: edge-to-edge steps are straight lines, runs of interior vertices (with
  // the edge vertices that bound them) are fitted with cubics.
  const x = (i: number) => pts[2 * ((i + firstEdge) % n)];
  const y = (i: number) => pts[2 * ((i + firstEdge) % n) + 1];
  const edge = (i: number) => onEdge[(i + firstEdge) % n] === 1;
  b.moveTo(x(0), y(0));
  // Straight runs along the edge are collected, their collinear vertices merged, then written; the
  // closing run stops short of the start, which "z" draws.
  let straight: number[] = [x(0), y(0)];
  const flushStraight = (closing: boolean) => {
    const kept = simplifyLine(straight, 0.01);
    const end = closing ? kept.length - 2 : kept.length;
    for (let k = 2; k < end; k += 2) b.lineTo(kept[k], kept[k + 1]);
  };
  let i = 0;
  while (i < n) {
    let j = i + 1;
    if (j === n || edge(j)) {
      straight.push(x(j), y(j));
      i = j;
      continue;
    }
    while (j < n && !edge(j)) j++;
    flushStraight(false);
    // Vertices i … j (j may be n, the start again) form one isoline piece.
    const run = new Float64Array(2 * (j - i + 1));
    for (let k = i; k <= j; k++) {
      run[2 * (k - i)] = x(k);
      run[2 * (k - i) + 1] = y(k);
    }
    const cubics: Cubic[] = fitCubics(simplifyLine(run, PRESIMPLIFY * tolerance), (1 - PRESIMPLIFY) * tolerance);
    for (const c of cubics) b.curveTo(c[2], c[3], c[4], c[5], c[6], c[7]);
    straight = [x(j), y(j)];
    i = j;
  }
  flushStraight(true);
  b.close();
}

/** How rings are written: the shorter of the two per ring (the default), or always one way (benchmarks). */
export type RingWriting = "shorter" | "curves" | "polylines";
let ringWriting: RingWriting = "shorter";

/** Sets how rings are written (for bench/figures.ts), clearing the path cache. Returns the previous way. */
export function setRingWriting(way: RingWriting): RingWriting {
  const previous = ringWriting;
  ringWriting = way;
  pathCache.clear();
  return previous;
}

/** Writes one ring as a polyline: marching-squares vertices thinned within the tolerance (Douglas–Peucker). */
function writePolylineRing(b: PathBuilder, pts: Float64Array, tolerance: number) {
  const kept = simplifyRing(pts, tolerance);
  b.moveTo(kept[0], kept[1]);
  for (let i = 2; i < kept.length; i += 2) b.lineTo(kept[i], kept[i + 1]);
  b.close();
}

/**
 * Writes a ring the shorter way. Fitted cubics win on smooth, round isolines, polylines on long, nearly
 * straight ones. Measured on whole 480 px contour figures (bench/figures.ts, its ring-writing table): the
 * bowl 15.0 KB with curves only, 24.4 KB with polylines only, 14.6 KB the shorter per ring; Rosenbrock on
 * its log levels 37.3, 19.8 and 19.5 KB.
 * Both stay within `tolerance` px of the marching-squares line.
 */
function writeShorterRing(b: PathBuilder, pts: Float64Array, onEdge: Uint8Array, tolerance: number) {
  if (ringWriting === "polylines") return writePolylineRing(b, pts, tolerance);
  if (ringWriting === "curves") return writeRing(b, pts, onEdge, tolerance);
  const curved = b.fork();
  writeRing(curved, pts, onEdge, tolerance);
  const straight = b.fork();
  writePolylineRing(straight, pts, tolerance);
  b.append(curved.length <= straight.length ? curved : straight);
}

/**
 * Maps the regions to pixels with the figure's scales and writes one path data string per region (in
 * painting order), every isoline within `tolerance` px of the marching-squares polyline.
 */
export function bandPaths(
  geometry: BandGeometry,
  xPixel: (x: number) => number,
  yPixel: (y: number) => number,
  tolerance: number,
): string[] {
  const { grid } = geometry;
  const { nx, ny } = grid;
  const px0 = xPixel(grid.x[0]);
  const px1 = xPixel(grid.x[1]);
  const kx = (px1 - px0) / (nx - 1);
  const py0 = yPixel(grid.y[0]);
  const py1 = yPixel(grid.y[1]);
  const ky = (py1 - py0) / (ny - 1);
  const key = `${geometry.key}|${px0},${px1},${py0},${py1}|${tolerance}|${ringWriting}`;
  const cached = recall(pathCache, key);
  if (cached) return cached;
  return remember(pathCache, key, geometry.regions.map(({ rings }) => {
    const b = new PathBuilder();
    if (rings === null) {
      b.moveTo(px0, py0).lineTo(px1, py0).lineTo(px1, py1).lineTo(px0, py1).close();
      return b.toString();
    }
    for (const ring of rings) {
      const pixels = new Float64Array(ring.points.length);
      for (let i = 0; i < pixels.length; i += 2) {
        pixels[i] = px0 + kx * ring.points[i];
        pixels[i + 1] = py0 + ky * ring.points[i + 1];
      }
      writeShorterRing(b, pixels, ring.onEdge, tolerance);
    }
    return b.toString();
  }));
}
