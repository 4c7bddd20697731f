// The Node the project's kernel must run on, by the rule the README states (not by calling the code under
// test): this Node from 22.1 on (it has the compile cache), else Node 24 from the npm registry on Linux x64.
import { NODE24_BIN } from "../../scripts/setup.mjs";

export function expectedKernelNode(): string {
  const [major, minor] = process.versions.node.split(".").map(Number) as [number, number];
  const older = major < 22 || (major === 22 && minor < 1);
  return older && process.platform === "linux" && process.arch === "x64" ? NODE24_BIN : process.execPath;
}
