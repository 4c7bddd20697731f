/**
 * Powers of ten as the figures write them on log axes: 10⁻³, 1, 10, 10². No imports, so that the
 * explorer's page script (which labels its charts the same way) bundles these few lines and nothing else.
 */

const SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹";

/**
 * 10^k written with a superscript exponent and a true minus: "1" for k = 0, "10" for 1, else "10⁻²".
 *
 * @example
 * decadeLabel(-2) // "10⁻²"
 */
export function decadeLabel(k: number): string {
  if (k === 0) return "1";
  if (k === 1) return "10";
  return "10" + (k < 0 ? "⁻" : "") + String(Math.abs(k)).replace(/\d/g, (d) => SUPERSCRIPT[+d]);
}

/**
 * The label of a value that is a power of ten (10⁻³ for 0.001), or "" for values that are not.
 *
 * @example
 * powerOfTen(0.001) // "10⁻³"
 * powerOfTen(0.002) // ""
 */
export function powerOfTen(value: number): string {
  const power = Math.round(Math.log10(value));
  if (Math.abs(value / 10 ** power - 1) > 1e-9) return "";
  return decadeLabel(power);
}
