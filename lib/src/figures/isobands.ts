/**
 * Marching squares for filled contours: for a threshold t, the rings bounding {f ≥ t} inside the sampled
 * rectangle. The grid is padded with −∞ on every side, so every ring closes by itself and the parts that
 * run along the rectangle's edge come out as ordinary ring vertices (flagged, so that they can be drawn as
 * straight lines while the isolines between them are drawn as curves).
 *
 * Written for speed rather than generality (d3-contour takes about 6 times as long on the test problems'
 * grids: bench/figures.ts's contouring table): cells that no level crosses are skipped using each cell's
 * precomputed range, and segments are linked through the grid edge they cross.
 */

/** Vertices closer than this (in sample spacings) are one vertex. */
const SAME = 1e-7;

/** A ring: vertices in sample coordinates (0 … nx − 1, 0 … ny − 1) and which lie on the rectangle's edge. */
export interface Ring {
  /** Flat [gx0, gy0, gx1, gy1, …], not repeating the first vertex. */
  points: Float64Array;
  /** onEdge[i] = 1 when vertex i lies on the sampled rectangle's boundary. */
  onEdge: Uint8Array;
}

/**
 * For each threshold (ascending), the rings of {f ≥ threshold} on an nx × ny grid (values[j·nx + i]; NaN
 * counts as below every threshold), oriented with the region on their left in (gx, gy) coordinates (outer
 * boundaries counter-clockwise, holes clockwise), so that the nonzero fill rule paints exactly the region.
 */
export function isobandRings(values: ArrayLike<number>, nx: number, ny: number, thresholds: readonly number[]): Ring[][] {
  // Padded grid: W × H samples; sample (I, J) = values[(J − 1)·nx + I − 1] inside, −∞ on the border.
  const W = nx + 2;
  const H = ny + 2;
  const padded = new Float64Array(W * H).fill(-Infinity);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const v = values[j * nx + i];
      padded[(j + 1) * W + i + 1] = v === v ? v : -Infinity;
    }
  }
  // Bucket every cell under the thresholds that cross it (min < t ≤ max), so that each threshold visits
  // only its own cells: about the isoline's length, not the whole grid.
  const T = thresholds.length;
  const bucketCount = new Int32Array(T + 1);
  const cellRange = new Int32Array(2 * (W - 1) * (H - 1));
  const firstAbove = (v: number) => {
    // Index of the first threshold > v (binary search).
    let lo = 0, hi = T;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (thresholds[mid] > v) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  for (let J = 0; J < H - 1; J++) {
    for (let I = 0; I < W - 1; I++) {
      const a = padded[J * W + I], b = padded[J * W + I + 1], c = padded[(J + 1) * W + I + 1], d = padded[(J + 1) * W + I];
      const lo = Math.min(a, b, c, d);
      const hi = Math.max(a, b, c, d);
      const cell = J * (W - 1) + I;
      // Crossed by thresholds k with lo < t_k ≤ hi: k from firstAbove(lo) to firstAbove(hi) − 1.
      const k0 = lo === -Infinity ? 0 : firstAbove(lo);
      const k1 = firstAbove(hi);
      cellRange[2 * cell] = k0;
      cellRange[2 * cell + 1] = k1;
      for (let k = k0; k < k1; k++) bucketCount[k + 1]++;
    }
  }
  for (let k = 0; k < T; k++) bucketCount[k + 1] += bucketCount[k];
  const bucketCells = new Int32Array(bucketCount[T]);
  const fill = bucketCount.slice(0, T);
  for (let cell = 0; cell < (W - 1) * (H - 1); cell++) {
    for (let k = cellRange[2 * cell]; k < cellRange[2 * cell + 1]; k++) bucketCells[fill[k]++] = cell;
  }
  // Edge ids: horizontal edge (I, J)–(I + 1, J) is 2·(J·W + I); vertical edge (I, J)–(I, J + 1) is that + 1.
  const edgeCount = 2 * W * H;
  const next = new Int32Array(edgeCount);
  const stamp = new Int32Array(edgeCount); // next[e] is valid when stamp[e] === generation
  const px = new Float64Array(edgeCount);
  const py = new Float64Array(edgeCount);
  const onEdge = new Uint8Array(edgeCount);
  let generation = 0;
  const starts: number[] = [];
  // Scratch for the ring being followed (a ring visits each edge at most once).
  const ringX = new Float64Array(edgeCount);
  const ringY = new Float64Array(edgeCount);
  const ringEdge = new Uint8Array(edgeCount);

  const all: Ring[][] = [];
  for (let level = 0; level < T; level++) {
    const threshold = thresholds[level];
    generation++;
    starts.length = 0;
    const t = threshold;
    // Where the isoline crosses the edge from sample p0 to p1 (padded indices).
    const cross = (id: number, p0: number, p1: number) => {
      const v0 = padded[p0];
      const v1 = padded[p1];
      // From the padding: at the inner sample, which lies on the rectangle's edge.
      const s = v0 === -Infinity ? 1 : v1 === -Infinity ? 0 : Math.min(1, Math.max(0, (t - v0) / (v1 - v0)));
      const x0 = (p0 % W) - 1, y0 = ((p0 / W) | 0) - 1, x1 = (p1 % W) - 1, y1 = ((p1 / W) | 0) - 1;
      const gx = x0 + s * (x1 - x0);
      const gy = y0 + s * (y1 - y0);
      px[id] = gx;
      py[id] = gy;
      onEdge[id] = gx <= 0 || gy <= 0 || gx >= nx - 1 || gy >= ny - 1 ? 1 : 0;
    };
    const link = (from: number, to: number) => {
      next[from] = to;
      stamp[from] = generation;
      starts.push(from);
    };
    for (let b = bucketCount[level]; b < bucketCount[level + 1]; b++) {
      {
        const cell = bucketCells[b];
        const I = cell % (W - 1);
        const J = (cell / (W - 1)) | 0;
        // Corners counter-clockwise: a (I, J), b (I+1, J), c (I+1, J+1), d (I, J+1).
        const pa = J * W + I, pb = pa + 1, pc = pa + W + 1, pd = pa + W;
        const va = padded[pa], vb = padded[pb], vc = padded[pc], vd = padded[pd];
        const ia = va >= t ? 1 : 0, ib = vb >= t ? 1 : 0, ic = vc >= t ? 1 : 0, id = vd >= t ? 1 : 0;
        const e0 = 2 * pa; // a–b
        const e1 = 2 * pb + 1; // b–c
        const e2 = 2 * pd; // d–c
        const e3 = 2 * pa + 1; // a–d
        if (ia !== ib) cross(e0, pa, pb);
        if (ib !== ic) cross(e1, pb, pc);
        if (id !== ic) cross(e2, pd, pc);
        if (ia !== id) cross(e3, pa, pd);
        // Walking the cell counter-clockwise (a→b, b→c, c→d, d→a), a segment runs from the edge crossed
        // inside→outside to the next edge crossed outside→inside.
        switch (ia | (ib << 1) | (ic << 2) | (id << 3)) {
          case 1: link(e0, e3); break;
          case 2: link(e1, e0); break;
          case 3: link(e1, e3); break;
          case 4: link(e2, e1); break;
          case 6: link(e2, e0); break;
          case 7: link(e2, e3); break;
          case 8: link(e3, e2); break;
          case 9: link(e0, e2); break;
          case 11: link(e1, e2); break;
          case 12: link(e3, e1); break;
          case 13: link(e0, e1); break;
          case 14: link(e3, e0); break;
          // Saddles: the mean of the corners decides whether the two inside corners connect.
          case 5:
            if ((va + vb + vc + vd) / 4 >= t) link(e0, e1), link(e2, e3);
            else link(e0, e3), link(e2, e1);
            break;
          case 10:
            if ((va + vb + vc + vd) / 4 >= t) link(e3, e0), link(e1, e2);
            else link(e1, e0), link(e3, e2);
            break;
        }
      }
    }
    // Follow the links into rings.
    const result: Ring[] = [];
    for (const start of starts) {
      if (stamp[start] !== generation) continue;
      let m = 0; // vertices kept in ringX/ringY/ringEdge
      let k = start;
      while (stamp[k] === generation) {
        stamp[k] = 0;
        const x = px[k];
        const y = py[k];
        const e = onEdge[k];
        k = next[k];
        // Samples at the threshold (to rounding) give the same vertex from several cells: keep one, and
        // drop the back-and-forth spike (A, B, A) such samples leave behind.
        if (m >= 1 && Math.abs(ringX[m - 1] - x) < SAME && Math.abs(ringY[m - 1] - y) < SAME) {
          ringEdge[m - 1] |= e;
          continue;
        }
        if (m >= 2 && Math.abs(ringX[m - 2] - x) < SAME && Math.abs(ringY[m - 2] - y) < SAME) {
          m--;
          ringEdge[m - 1] |= e;
          continue;
        }
        // Along the rectangle's edge, a vertex between two others on the same side adds nothing.
        if (e && m >= 2 && ringEdge[m - 1] && ringEdge[m - 2] &&
          ((ringX[m - 2] === ringX[m - 1] && ringX[m - 1] === x) || (ringY[m - 2] === ringY[m - 1] && ringY[m - 1] === y))) {
          ringX[m - 1] = x;
          ringY[m - 1] = y;
          continue;
        }
        ringX[m] = x;
        ringY[m] = y;
        ringEdge[m] = e;
        m++;
      }
      while (m > 1 && Math.abs(ringX[0] - ringX[m - 1]) < SAME && Math.abs(ringY[0] - ringY[m - 1]) < SAME) {
        ringEdge[0] |= ringEdge[m - 1];
        m--;
      }
      if (m < 3) continue;
      const points = new Float64Array(2 * m);
      for (let i = 0; i < m; i++) {
        points[2 * i] = ringX[i];
        points[2 * i + 1] = ringY[i];
      }
      result.push({ points, onEdge: ringEdge.slice(0, m) });
    }
    all.push(result);
  }
  return all;
}
