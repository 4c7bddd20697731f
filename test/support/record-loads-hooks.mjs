// The hooks registered by record-loads.mjs (they run on the loader's thread; writeSync reaches stderr at once).
import { writeSync } from "node:fs";

export async function load(url, context, nextLoad) {
  writeSync(2, `load ${url}\n`);
  return nextLoad(url, context);
}
