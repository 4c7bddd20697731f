/**
 * The tutorial's first picture, `axis.plot_surface(x, y, results, cmap='jet')`, without a 3-D library:
 * the objective sampled on a grid, each quad projected orthographically for an azimuth and elevation
 * (matplotlib's angles and defaults: −60° and 30°), coloured by its mean height, shaded by a light from
 * the viewer's upper left, and painted back to front (painter's algorithm) inside a box with grey back
 * panes, grid lines, ticks and labels, as matplotlib draws it. Observable Plot supplies the SVG root,
 * styles and title; the projection is a custom mark.
 */
import * as Plot from "@observablehq/plot";
import { rgb, ticks as niceTicks } from "d3";
import { checkKnownKeys, describe } from "../errors.js";
import type { TestProblem } from "../objectives.js";
import { colorInterpolator, type ColorScheme } from "./colors.js";
import { resolveProblem, type Bounds2D, type Objective2D } from "./problem.js";
import { renderDocument, serializeSvg, svgElement, svgText } from "./dom.js";
import { makeFigure, type Figure, type RenderDocument } from "./figure.js";
import { checkPixels } from "./limits.js";
import { svgMark, titleMark } from "./marks.js";
import { PathBuilder } from "./pathdata.js";
import { tickFormat } from "./ticks.js";
import { plainText, schemeWords, sentences, spoken, spokenBounds } from "./words.js";

/** Options of {@link surfaceFigure}. */
export interface SurfaceOptions {
  /** Region drawn; default the problem's bounds (required for a bare function). */
  bounds?: Bounds2D;
  /**
   * Quads along x and y: a number for both, or [nx, ny]. Default 20, the tutorial's mesh
   * (`arange(-1, 1, 0.1)`), here spanning the bounds inclusively.
   */
  resolution?: number | readonly [number, number];
  /** Viewing azimuth in degrees, from the x axis towards y (matplotlib's azim). Default −60. */
  azimuth?: number;
  /** Viewing elevation in degrees above the x–y plane (matplotlib's elev). Default 30. */
  elevation?: number;
  /** Colour scheme for heights. Default "jet". */
  scheme?: ColorScheme;
  /** Light the faces (Lambert shading from the viewer's upper left). Default true. */
  shading?: boolean;
  /** Figure size in px, 100 to 4000 each. Default 480 × 400. */
  width?: number;
  height?: number;
  /** Title; default the problem's title, or "f(x, y)"; null for none. */
  title?: string | null;
  /** Axis labels. Default "x", "y", "f(x, y)". */
  xLabel?: string;
  yLabel?: string;
  zLabel?: string;
  /** DOM to render with; default a shared linkedom document. */
  document?: RenderDocument;
}

const SURFACE_OPTIONS = [
  "bounds", "resolution", "azimuth", "elevation", "scheme", "shading", "width", "height",
  "title", "xLabel", "yLabel", "zLabel", "document",
];

type Vec3 = [number, number, number];

/** The share of the box's side left free beyond the data at each end of each axis. */
const BOX_MARGIN = 0.05;

/** An orthographic camera: screen right, screen up and towards-the-viewer unit vectors. */
function camera(azimuthDeg: number, elevationDeg: number) {
  const az = (azimuthDeg * Math.PI) / 180;
  const el = (elevationDeg * Math.PI) / 180;
  const right: Vec3 = [-Math.sin(az), Math.cos(az), 0];
  const up: Vec3 = [-Math.sin(el) * Math.cos(az), -Math.sin(el) * Math.sin(az), Math.cos(el)];
  const eye: Vec3 = [Math.cos(el) * Math.cos(az), Math.cos(el) * Math.sin(az), Math.sin(el)];
  return { right, up, eye };
}

const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

function shadeHex(color: string, k: number): string {
  const c = rgb(color);
  const f = (v: number) => Math.max(0, Math.min(255, Math.round(v * k)));
  return rgb(f(c.r), f(c.g), f(c.b)).formatHex();
}

/**
 * A 3-D surface plot of a 2-D objective over its bounds, as the tutorial's `plot_surface(..., cmap='jet')`
 * but shaded, with the viewing angles as options. Faces are the grid's quads (default 20 × 20), coloured by
 * mean height, drawn back to front.
 *
 * Defaults: resolution 20, azimuth −60°, elevation 30° (matplotlib's view), jet, shading on, 480 × 400 px.
 * Box proportions 1 : 1 : 0.75 (x : y : height), as matplotlib's.
 *
 * @example
 * show(surfaceFigure(bowl));                                    // the tutorial's first figure
 * show(surfaceFigure(rosenbrock, { resolution: 40, azimuth: -120, elevation: 40, scheme: "turbo" }));
 */
export function surfaceFigure(problem: TestProblem | Objective2D, options: SurfaceOptions = {}): Figure {
  const where = "surfaceFigure";
  if (options === null || typeof options !== "object") throw new TypeError(`${where}: options must be an object, got ${describe(options)}`);
  checkKnownKeys(where, options, SURFACE_OPTIONS);
  const { f, bounds, title, subject } = resolveProblem(where, problem, { bounds: options.bounds, title: options.title });
  const [[x1, x2], [y1, y2]] = bounds;
  const resolution = options.resolution ?? 20;
  const [nx, ny] = typeof resolution === "number" ? [resolution, resolution] : resolution;
  for (const n of [nx, ny]) {
    if (!(Number.isSafeInteger(n) && n >= 1 && n <= 400)) {
      throw new RangeError(`${where}: resolution must be an integer from 1 to 400 (or two), got ${describe(resolution)}`);
    }
  }
  const azimuth = options.azimuth ?? -60;
  const elevation = options.elevation ?? 30;
  if (!Number.isFinite(azimuth)) throw new RangeError(`${where}: azimuth must be a finite number of degrees, got ${describe(azimuth)}`);
  if (!(elevation >= -90 && elevation <= 90)) throw new RangeError(`${where}: elevation must be between −90 and 90 degrees, got ${describe(elevation)}`);
  const width = options.width ?? 480;
  const height = options.height ?? 400;
  checkPixels(where, "width", width);
  checkPixels(where, "height", height);
  const color = colorInterpolator(options.scheme ?? "jet", where);
  const shading = options.shading ?? true;

  // Sample the (nx + 1) × (ny + 1) mesh points.
  const z = new Float64Array((nx + 1) * (ny + 1));
  let zmin = Infinity;
  let zmax = -Infinity;
  for (let j = 0; j <= ny; j++) {
    const y = j === ny ? y2 : y1 + ((y2 - y1) * j) / ny;
    for (let i = 0; i <= nx; i++) {
      const x = i === nx ? x2 : x1 + ((x2 - x1) * i) / nx;
      const v = f(x, y);
      if (!Number.isFinite(v)) throw new RangeError(`${where}: the objective is ${describe(v)} at (${x}, ${y}); a surface needs finite values`);
      z[j * (nx + 1) + i] = v;
      if (v < zmin) zmin = v;
      if (v > zmax) zmax = v;
    }
  }
  // Heights spanning more than the largest double are placed on values / 4 (exact), so nothing overflows.
  const zs = Number.isFinite(zmax - zmin) ? 1 : 0.25;
  const zspan = zmax > zmin ? zmax * zs - zmin * zs : 1;
  const zTicks = niceTicks(zmin * zs, zmax * zs, 5).map((t) => t / zs).filter(Number.isFinite);
  const xTicks = niceTicks(x1, x2, 5);
  const yTicks = niceTicks(y1, y2, 5);
  // Box coordinates: x and y in [−0.5, 0.5], height in [−0.375, 0.375] (matplotlib's 4 : 4 : 3 box).
  // The data keep a margin of 5 % of the box on every side, as matplotlib's axes do (axes.xmargin), so
  // that no tick stands on a corner of the box: there the height axis's lowest tick met the y axis's
  // last, and its label read as the height axis's.
  const inBox = (t: number) => t * (1 - 2 * BOX_MARGIN) + BOX_MARGIN - 0.5;
  const bx = (x: number) => inBox((x - x1) / (x2 - x1));
  const by = (y: number) => inBox((y - y1) / (y2 - y1));
  const bz = (v: number) => inBox((v * zs - zmin * zs) / zspan) * 0.75;
  const cam = camera(azimuth, elevation);

  const document = renderDocument(options.document);
  const margin = { top: title ? 30 : 10, right: 10, bottom: 10, left: 10 };
  const draw = (d: { width: number; height: number }) => {
    // Fit the projected box (with room for labels) into the figure.
    const corners: Vec3[] = [];
    for (const X of [-0.5, 0.5]) for (const Y of [-0.5, 0.5]) for (const Z of [-0.375, 0.375]) corners.push([X, Y, Z]);
    const us = corners.map((p) => dot(p, cam.right));
    const vs = corners.map((p) => dot(p, cam.up));
    const pad = 46; // tick and axis labels around the box
    const availW = d.width - margin.left - margin.right - 2 * pad;
    const availH = d.height - margin.top - margin.bottom - 2 * pad;
    const uMin = Math.min(...us), uMax = Math.max(...us), vMin = Math.min(...vs), vMax = Math.max(...vs);
    const scale = Math.min(availW / (uMax - uMin), availH / (vMax - vMin));
    const cx = margin.left + pad + availW / 2 - (scale * (uMin + uMax)) / 2;
    const cy = margin.top + pad + availH / 2 + (scale * (vMin + vMax)) / 2;
    const project = (p: Vec3): [number, number] => [cx + scale * dot(p, cam.right), cy - scale * dot(p, cam.up)];
    const root = svgElement(document, "g", { "aria-label": "surface plot" });

    // Back panes: the floor (or ceiling, seen from below) and the two walls farther from the viewer.
    const floorZ = cam.eye[2] >= 0 ? -0.375 : 0.375;
    const wallX = cam.eye[0] >= 0 ? -0.5 : 0.5;
    const wallY = cam.eye[1] >= 0 ? -0.5 : 0.5;
    const panes = new PathBuilder();
    const quad = (b: PathBuilder, pts: Vec3[]) => {
      const [p0, ...rest] = pts.map(project);
      b.moveTo(p0[0], p0[1]);
      for (const p of rest) b.lineTo(p[0], p[1]);
      b.close();
    };
    quad(panes, [[-0.5, -0.5, floorZ], [0.5, -0.5, floorZ], [0.5, 0.5, floorZ], [-0.5, 0.5, floorZ]]);
    quad(panes, [[wallX, -0.5, -0.375], [wallX, 0.5, -0.375], [wallX, 0.5, 0.375], [wallX, -0.5, 0.375]]);
    quad(panes, [[-0.5, wallY, -0.375], [0.5, wallY, -0.375], [0.5, wallY, 0.375], [-0.5, wallY, 0.375]]);
    root.appendChild(svgElement(document, "path", { "aria-label": "panes", fill: "#f2f2f2", stroke: "#c8c8c8", "stroke-width": 0.75, d: panes.toString() }));
    // Grid lines on the panes at the ticks.
    const grid = new PathBuilder();
    const segment = (a: Vec3, b: Vec3) => {
      const [pa, pb] = [project(a), project(b)];
      grid.moveTo(pa[0], pa[1]).lineTo(pb[0], pb[1]);
    };
    for (const t of xTicks) {
      segment([bx(t), -0.5, floorZ], [bx(t), 0.5, floorZ]);
      segment([bx(t), wallY, -0.375], [bx(t), wallY, 0.375]);
    }
    for (const t of yTicks) {
      segment([-0.5, by(t), floorZ], [0.5, by(t), floorZ]);
      segment([wallX, by(t), -0.375], [wallX, by(t), 0.375]);
    }
    for (const t of zTicks) {
      segment([wallX, -0.5, bz(t)], [wallX, 0.5, bz(t)]);
      segment([-0.5, wallY, bz(t)], [0.5, wallY, bz(t)]);
    }
    root.appendChild(svgElement(document, "path", { "aria-label": "grid", fill: "none", stroke: "#dcdcdc", "stroke-width": 0.75, d: grid.toString() }));

    // Faces, far to near. Each quad is grown by 0.35 px around its centre so that neighbours overlap
    // and no background shows through the antialiased seams (cheaper than stroking every face).
    const faces: { depth: number; mean: number; pts: [number, number][]; shade: number }[] = [];
    const light = (() => {
      const l: Vec3 = [0, 0, 0];
      for (let k = 0; k < 3; k++) l[k] = cam.eye[k] + 0.8 * cam.up[k] - 0.5 * cam.right[k];
      const n = Math.hypot(...l);
      return l.map((v) => v / n) as Vec3;
    })();
    const vertex = (i: number, j: number): Vec3 => [
      bx(i === nx ? x2 : x1 + ((x2 - x1) * i) / nx),
      by(j === ny ? y2 : y1 + ((y2 - y1) * j) / ny),
      bz(z[j * (nx + 1) + i]),
    ];
    let meanMin = Infinity;
    let meanMax = -Infinity;
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const p = [vertex(i, j), vertex(i + 1, j), vertex(i + 1, j + 1), vertex(i, j + 1)];
        const centre: Vec3 = [0, 1, 2].map((k) => (p[0][k] + p[1][k] + p[2][k] + p[3][k]) / 4) as Vec3;
        const mean = (z[j * (nx + 1) + i] + z[j * (nx + 1) + i + 1] + z[(j + 1) * (nx + 1) + i + 1] + z[(j + 1) * (nx + 1) + i]) / 4;
        meanMin = Math.min(meanMin, mean);
        meanMax = Math.max(meanMax, mean);
        // Normal from the diagonals, facing up; Lambert term against the light, seen from either side.
        const d1: Vec3 = [p[2][0] - p[0][0], p[2][1] - p[0][1], p[2][2] - p[0][2]];
        const d2: Vec3 = [p[3][0] - p[1][0], p[3][1] - p[1][1], p[3][2] - p[1][2]];
        const n: Vec3 = [d1[1] * d2[2] - d1[2] * d2[1], d1[2] * d2[0] - d1[0] * d2[2], d1[0] * d2[1] - d1[1] * d2[0]];
        const len = Math.hypot(...n) || 1;
        const towardsViewer = Math.sign(dot(n, cam.eye)) || 1;
        const lambert = Math.max(0, (towardsViewer * dot(n, light)) / len);
        faces.push({ depth: dot(centre, cam.eye), mean, pts: p.map(project), shade: shading ? 0.7 + 0.3 * lambert : 1 });
      }
    }
    // Stable sort: equal depths keep grid order, so the output is deterministic.
    const order = faces.map((_, k) => k).sort((a, b) => faces[a].depth - faces[b].depth || a - b);
    const surface = svgElement(document, "g", { "aria-label": "surface" });
    for (const k of order) {
      const face = faces[k];
      const t = meanMax > meanMin ? (face.mean - meanMin) / (meanMax - meanMin) : 0.5;
      const fill = shadeHex(color(t), face.shade);
      const ccx = (face.pts[0][0] + face.pts[1][0] + face.pts[2][0] + face.pts[3][0]) / 4;
      const ccy = (face.pts[0][1] + face.pts[1][1] + face.pts[2][1] + face.pts[3][1]) / 4;
      const b = new PathBuilder();
      face.pts.forEach(([px, py], q) => {
        const dx = px - ccx;
        const dy = py - ccy;
        const r = Math.hypot(dx, dy) || 1;
        const gx = px + (0.35 * dx) / r;
        const gy = py + (0.35 * dy) / r;
        if (q === 0) b.moveTo(gx, gy);
        else b.lineTo(gx, gy);
      });
      surface.appendChild(svgElement(document, "path", { fill, d: b.close().toString() }));
    }
    root.appendChild(surface);

    // Axes: the two floor edges nearest the viewer, and the rightmost vertical edge (as matplotlib).
    const frontY = -wallY;
    const frontX = -wallX;
    const sideCorners: [number, number][] = [[wallX, frontY], [frontX, wallY]];
    const [zx, zy] = sideCorners.reduce((best, c) => (project([c[0], c[1], 0])[0] > project([best[0], best[1], 0])[0] ? c : best));
    const axes = new PathBuilder();
    const edge = (a: Vec3, b: Vec3) => {
      const [pa, pb] = [project(a), project(b)];
      axes.moveTo(pa[0], pa[1]).lineTo(pb[0], pb[1]);
    };
    edge([-0.5, frontY, floorZ], [0.5, frontY, floorZ]);
    edge([frontX, -0.5, floorZ], [frontX, 0.5, floorZ]);
    edge([zx, zy, -0.375], [zx, zy, 0.375]);
    const labels = svgElement(document, "g", { "aria-label": "axes", "font-variant": "tabular-nums" });
    const axisLabels = svgElement(document, "g", { "aria-label": "axis labels", "font-size": 11 });
    // Ticks and labels point away from the box, perpendicular to their edge: the edge's outward
    // direction in 3-D, projected to the screen.
    const outward = (o: Vec3): [number, number] => {
      const sx = dot(o, cam.right);
      const sy = -dot(o, cam.up);
      const r = Math.hypot(sx, sy) || 1;
      return [sx / r, sy / r];
    };
    const round1 = (v: number) => Math.round(v * 10) / 10;
    // Tick labels already placed, as boxes. The height axis stands on a floor corner where another axis
    // ends (its lowest tick met the y axis's last, and one of them was dropped): it takes the first of
    // its outward directions and distances whose labels clear every label placed, and never drops one.
    type Box = { left: number; right: number; top: number; bottom: number };
    const placed: Box[] = [];
    const clear = (box: Box) => !placed.some((b) => b.left < box.right + 1 && box.left < b.right + 1 && b.top < box.bottom + 1 && box.top < b.bottom + 1);
    const axis = (points: Vec3[], values: number[], outs: readonly Vec3[], label: string, middle: Vec3, vertical: boolean) => {
      const format = tickFormat(values.length > 1 ? values[1] - values[0] : 1, Math.max(...values.map(Math.abs)));
      const texts = values.map(format);
      const layout = (out: Vec3, gap: number) => {
        const [dx, dy] = outward(out);
        const anchor = dx > 0.3 ? "start" : dx < -0.3 ? "end" : "middle";
        const ticks = points.map((p, k) => {
          const [px, py] = project(p);
          const tx = round1(px + gap * dx);
          const ty = round1(py + gap * dy + 3 * Math.max(0, dy));
          const w = texts[k].length * 6;
          const left = anchor === "start" ? tx : anchor === "end" ? tx - w : tx - w / 2;
          return { px, py, tx, ty, box: { left, right: left + w, top: ty - 5, bottom: ty + 5 } };
        });
        return { dx, dy, anchor, ticks };
      };
      const tries = outs.flatMap((out) => [9, 12, 15].map((gap) => layout(out, gap)));
      const { dx, dy, anchor, ticks } = tries.find((t) => t.ticks.every((tick) => clear(tick.box))) ?? tries[0];
      ticks.forEach(({ px, py, tx, ty, box }, k) => {
        axes.moveTo(px, py).lineTo(px + 4 * dx, py + 4 * dy);
        placed.push(box);
        labels.appendChild(svgText(document, texts[k], { x: tx, y: ty, dy: "0.32em", "text-anchor": anchor }));
      });
      const [mx, my] = project(middle);
      // Beyond the widest tick label (about 6 px a character at 10 px) along the outward direction.
      const widest = Math.max(...texts.map((t) => t.length));
      const distance = 22 + widest * 6 * Math.abs(dx);
      // The height label stands vertical beside its ticks; the others sit below theirs.
      axisLabels.appendChild(
        vertical
          ? svgText(document, label, { transform: `translate(${round1(mx + Math.sign(dx) * (20 + widest * 6))},${round1(my + 9 * dy)}) rotate(-90)`, dy: "0.32em" })
          : svgText(document, label, { x: round1(mx + distance * dx), y: round1(my + distance * dy), dy: "0.32em" }),
      );
    };
    const sx = Math.sign(frontX);
    const sy = Math.sign(frontY);
    axis(xTicks.map((t) => [bx(t), frontY, floorZ]), xTicks, [[0, sy, 0]], options.xLabel ?? "x", [0, frontY, floorZ], false);
    axis(yTicks.map((t) => [frontX, by(t), floorZ]), yTicks, [[sx, 0, 0]], options.yLabel ?? "y", [frontX, 0, floorZ], false);
    // The height axis: diagonally out from its corner, else along either wall.
    const zOut: Vec3[] = [[Math.sign(zx), Math.sign(zy), 0], [0, Math.sign(zy), 0], [Math.sign(zx), 0, 0]];
    axis(zTicks.map((t) => [zx, zy, bz(t)]), zTicks, zOut, options.zLabel ?? "f(x, y)", [zx, zy, 0], true);
    root.appendChild(svgElement(document, "path", { stroke: "#555", fill: "none", d: axes.toString() }));
    root.appendChild(labels);
    root.appendChild(axisLabels);
    return root;
  };
  const svg = Plot.plot({
    document,
    width,
    height,
    margin: 0,
    marks: [svgMark([0], { facet: "super" }, (_items, _scales, d) => draw(d)), titleMark(title)],
  } as Plot.PlotOptions) as unknown as Element;
  const name = plainText(title ? `Surface plot: ${title}` : `Surface plot of ${subject}`);
  const description = sentences([
    `3-D surface of ${plainText(subject)} for ${spokenBounds(bounds)}, seen from azimuth ${spoken(azimuth)}° and elevation ${spoken(elevation)}°`,
    `Heights from ${spoken(zmin)} to ${spoken(zmax)}, in ${schemeWords(options.scheme ?? "jet")}; a ${nx} × ${ny} mesh${shading ? ", shaded" : ""}`,
  ]);
  return makeFigure({ kind: "surface", svg: serializeSvg(svg, { title: name, description }), width, height, name, description });
}
