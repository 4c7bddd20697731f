/**
 * Searches drawn over a contour plot: the public {@link SearchPath}, its checks, the look each gets (one per
 * optimizer across the series, see style.ts), and the region a zoomed panel shows around them.
 */
import { checkBounds, describe } from "../errors.js";
import type { Bounds2D } from "./problem.js";
import { assignStyles, OPTIMIZER_STYLES, PATH_STYLES, type PathStyle, type ResolvedPathStyle } from "./style.js";

/**
 * One search to draw over the contour. A run's result can be spread in: `{ label: "AMSGrad", ...result }`
 * (its `solutions` and `start` are used, other fields ignored).
 */
export interface SearchPath {
  /** Legend label. Default "search" (or "search 1", "search 2", … when there are several). */
  label?: string;
  /** The points visited: `solutions[t] = [x, y]` after iteration t; one dot each, joined by a line. */
  solutions: ArrayLike<ArrayLike<number>>;
  /** Where the search started: a ring, joined to the first point. */
  start?: ArrayLike<number>;
  /**
   * Overrides of the automatic look: a label naming an optimizer ("AMSGrad", "Adam, α = 0.1") gets that
   * optimizer's look ({@link OPTIMIZER_STYLES}), other paths the defaults ({@link PATH_STYLES}) in order.
   */
  style?: PathStyle;
}

/** A search path ready to draw: its points, its style and (for panels) its facet. */
export interface PathSpec {
  label: string;
  points: Float64Array; // flat [x0, y0, x1, y1, …] in data units
  start?: readonly [number, number];
  style: ResolvedPathStyle;
  panel?: number;
}

const sameLook = (a: ResolvedPathStyle, b: ResolvedPathStyle) => a.color === b.color && a.dash === b.dash && a.marker === b.marker;

/**
 * Checks the searches of one figure (or one panel, numbered `panel`) and gives each its points and look.
 * `many`: several panels, so that a lone unlabelled path is still "search 1".
 */
export function resolvePaths(where: string, paths: readonly SearchPath[] | undefined, panel?: number, many = false): PathSpec[] {
  if (paths === undefined) return [];
  if (!Array.isArray(paths)) throw new TypeError(`${where}: paths must be an array of {label, solutions, start?}, got ${describe(paths)}`);
  const checked = paths.map((path, i) => {
    const name = panel === undefined ? `paths[${i}]` : `panels[${panel}].paths[${i}]`;
    if (path === null || typeof path !== "object" || !path.solutions || typeof path.solutions.length !== "number") {
      throw new TypeError(`${where}: ${name} must be {label, solutions, start?} (a run's result works), got ${describe(path)}`);
    }
    const points = new Float64Array(2 * path.solutions.length);
    for (let t = 0; t < path.solutions.length; t++) {
      const p = path.solutions[t];
      const px = p?.[0];
      const py = p?.[1];
      if (!(Number.isFinite(px) && Number.isFinite(py))) {
        throw new RangeError(`${where}: ${name}.solutions[${t}] must be a finite [x, y], got ${describe(p)}`);
      }
      points[2 * t] = px;
      points[2 * t + 1] = py;
    }
    let start: [number, number] | undefined;
    if (path.start !== undefined) {
      const s = path.start;
      if (!(Number.isFinite(s?.[0]) && Number.isFinite(s?.[1]))) throw new RangeError(`${where}: ${name}.start must be a finite [x, y], got ${describe(s)}`);
      start = [s[0], s[1]];
    }
    checkStyle(where, name, path.style);
    const label = path.label ?? (many || paths.length > 1 ? `search ${i + 1}` : "search");
    if (typeof label !== "string") throw new TypeError(`${where}: ${name}.label must be a string, got ${describe(label)}`);
    return { label, points, start, override: path.style };
  });
  const looks = assignStyles(checked.map((p) => p.label), (optimizer) => OPTIMIZER_STYLES[optimizer].path, PATH_STYLES, sameLook);
  return checked.map(({ label, points, start, override }, i) => {
    const style = { ...looks[i], ...(override ?? {}) };
    if (override && "dash" in override && override.dash === undefined) delete style.dash;
    return { label, points, start, style, panel };
  });
}

/** The choices of a path style's named fields. */
const STYLE_CHOICES = { marker: ["circle", "square", "none"], ends: ["filled", "hollow"] } as const;

/** Checks a path's style overrides: an object whose `marker` and `ends` name one of their choices. */
function checkStyle(where: string, name: string, style: PathStyle | undefined): void {
  if (style === undefined) return;
  if (style === null || typeof style !== "object") throw new TypeError(`${where}: ${name}.style must be an object such as { color: "#ff0000" }, got ${describe(style)}`);
  for (const [field, choices] of Object.entries(STYLE_CHOICES)) {
    const value = style[field as keyof typeof STYLE_CHOICES];
    if (value !== undefined && !(choices as readonly string[]).includes(value)) {
      const quoted = choices.map((c) => `"${c}"`);
      throw new RangeError(`${where}: ${name}.style.${field} must be ${quoted.slice(0, -1).join(", ")} or ${quoted.at(-1)}, got ${describe(value)}`);
    }
  }
}

/** Smallest zoomed region, as a share of the whole region's side: at most 40 times magnified. */
const MIN_ZOOM_SIDE = 1 / 40;

/**
 * The region a zoomed panel shows: the box around every point and start of the searches that lie inside
 * `bounds`, with 8 % room on each side, made the same shape as `bounds` (so that a unit of x stays as long
 * as a unit of y when the whole plot keeps them equal) and moved inside `bounds`. `zoom` given as bounds
 * is checked and returned as it is.
 *
 * @example
 * zoomBounds("contourFigure", [[-1, 1], [-1, 1]], paths, true) // e.g. [[-0.27, 0.09], [-0.04, 0.48]]
 */
export function zoomBounds(
  where: string,
  bounds: readonly (readonly [number, number])[],
  paths: readonly PathSpec[],
  zoom: true | Bounds2D,
): [[number, number], [number, number]] {
  if (zoom !== true) {
    const box = checkBounds(where, "zoom", zoom as unknown);
    if (box.length !== 2) throw new RangeError(`${where}: zoom must be true or [[xmin, xmax], [ymin, ymax]], got ${box.length} pairs`);
    return [box[0] as [number, number], box[1] as [number, number]];
  }
  const [[x1, x2], [y1, y2]] = bounds;
  // In units of the region's sides: the region is the unit square.
  let u0 = Infinity, u1 = -Infinity, v0 = Infinity, v1 = -Infinity;
  const take = (x: number, y: number) => {
    const u = (x - x1) / (x2 - x1);
    const v = (y - y1) / (y2 - y1);
    if (!(u >= 0 && u <= 1 && v >= 0 && v <= 1)) return;
    u0 = Math.min(u0, u);
    u1 = Math.max(u1, u);
    v0 = Math.min(v0, v);
    v1 = Math.max(v1, v);
  };
  for (const path of paths) {
    if (path.start) take(path.start[0], path.start[1]);
    for (let i = 0; i < path.points.length; i += 2) take(path.points[i], path.points[i + 1]);
  }
  if (!(u0 <= u1)) throw new RangeError(`${where}: zoom: true needs a search with points inside the bounds to zoom in on`);
  const side = Math.min(1, Math.max(MIN_ZOOM_SIDE, 1.16 * Math.max(u1 - u0, v1 - v0)));
  const inside = (centre: number) => Math.min(1 - side / 2, Math.max(side / 2, centre));
  const cu = inside((u0 + u1) / 2);
  const cv = inside((v0 + v1) / 2);
  const x = (u: number) => x1 + u * (x2 - x1);
  const y = (v: number) => y1 + v * (y2 - y1);
  return [
    [x(cu - side / 2), x(cu + side / 2)],
    [y(cv - side / 2), y(cv + side / 2)],
  ];
}
