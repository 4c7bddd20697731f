/**
 * What every figure function returns, and how a notebook shows it. A figure is a standalone SVG string
 * plus its geometry; `show(figure)` (show.ts) hands it to tslab as image/svg+xml. Nothing here needs
 * Node, so figures can also be built in a browser.
 */
/**
 * Where a figure's plot area sits and what it shows, so that other code (an in-page explorer drawing
 * over the contour background, a test) can map data to pixels and back:
 *
 *   px = marginLeft + (x − xDomain[0]) / (xDomain[1] − xDomain[0]) · (width − marginLeft − marginRight)
 *   py = height − marginBottom − (y − yDomain[0]) / (yDomain[1] − yDomain[0]) · (height − marginTop − marginBottom)
 *
 * See {@link framePixel} and {@link frameValue}.
 */
export interface Frame {
  /** Width and height of the whole SVG, in px. */
  readonly width: number;
  readonly height: number;
  readonly marginTop: number;
  readonly marginRight: number;
  readonly marginBottom: number;
  readonly marginLeft: number;
  /** The x values at the left and right edges of the plot area. */
  readonly xDomain: readonly [number, number];
  /** The y values at the bottom and top edges of the plot area. */
  readonly yDomain: readonly [number, number];
}

/**
 * A rendered figure: a standalone SVG document (UTF-8 text, `xmlns` set) and its size. Show it in a
 * notebook with {@link show}, write `figure.svg` to a file, or put it in a page. `String(figure)` is the SVG.
 */
export interface Figure {
  /** Which function drew it: "contour", "panels", "surface" or "curves". */
  readonly kind: "contour" | "panels" | "surface" | "curves";
  /** The SVG document. Identical inputs give identical bytes. */
  readonly svg: string;
  /** Size in px (also the SVG's width, height and viewBox). */
  readonly width: number;
  readonly height: number;
  /** The plot area's position and domain, for contour figures (the first panel's, for panels). */
  readonly frame?: Frame;
  /** The contour levels drawn, lowest first (contour figures and panels). */
  readonly levels?: readonly number[];
  /** The SVG. */
  toString(): string;
}

/**
 * A DOM document to render with: anything with the DOM's `createElementNS`, such as `window.document`
 * in a browser or `new JSDOM("").window.document`. Figures use a shared linkedom document by default.
 */
export interface RenderDocument {
  createElementNS(namespace: string, qualifiedName: string): unknown;
}

const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/** Builds a {@link Figure}; printing it (a cell's last value, console.log) shows a one-line summary. */
export function makeFigure(fields: Omit<Figure, "toString">): Figure {
  const figure = {
    ...fields,
    toString(): string {
      return fields.svg;
    },
    [INSPECT](): string {
      const kb = (new TextEncoder().encode(fields.svg).length / 1024).toFixed(1);
      return `Figure(${fields.kind}, ${fields.width}×${fields.height} px, ${kb} KB SVG; show(figure) displays it)`;
    },
  };
  return Object.freeze(figure);
}

/**
 * The one data-to-pixel map of a frame, along x (linear): px = marginLeft + (x − x0) / (x1 − x0) · plot width.
 * The figures, the explorer's page and its first drawing all place points with these four functions.
 *
 * @example
 * pixelX(fig.frame!, fig.frame!.xDomain[0]) // fig.frame!.marginLeft
 */
export function pixelX(frame: Frame, x: number): number {
  const [x0, x1] = frame.xDomain;
  return frame.marginLeft + ((x - x0) / (x1 - x0)) * (frame.width - frame.marginLeft - frame.marginRight);
}

/** Along y: py = height − marginBottom − (y − y0) / (y1 − y0) · plot height (pixels grow downwards). */
export function pixelY(frame: Frame, y: number): number {
  const [y0, y1] = frame.yDomain;
  return frame.height - frame.marginBottom - ((y - y0) / (y1 - y0)) * (frame.height - frame.marginTop - frame.marginBottom);
}

/** Pixel → data along x: the inverse of {@link pixelX}. */
export function dataX(frame: Frame, px: number): number {
  const [x0, x1] = frame.xDomain;
  return x0 + ((px - frame.marginLeft) / (frame.width - frame.marginLeft - frame.marginRight)) * (x1 - x0);
}

/** Pixel → data along y: the inverse of {@link pixelY}. */
export function dataY(frame: Frame, py: number): number {
  const [y0, y1] = frame.yDomain;
  return y0 + ((frame.height - frame.marginBottom - py) / (frame.height - frame.marginTop - frame.marginBottom)) * (y1 - y0);
}

/**
 * Pixel position of the data point (x, y) in a figure's frame (linear axes): {@link pixelX}, {@link pixelY}.
 *
 * @example
 * const fig = contourFigure(bowl);
 * framePixel(fig.frame!, 0, 0) // the centre of the plot area, e.g. [224, 220]
 */
export function framePixel(frame: Frame, x: number, y: number): [number, number] {
  return [pixelX(frame, x), pixelY(frame, y)];
}

/**
 * Data coordinates of the pixel (px, py) in a figure's frame: the inverse of {@link framePixel}.
 *
 * @example
 * frameValue(fig.frame!, ...framePixel(fig.frame!, 0.5, -0.25)) // [0.5, -0.25] (up to rounding)
 */
export function frameValue(frame: Frame, px: number, py: number): [number, number] {
  return [dataX(frame, px), dataY(frame, py)];
}
