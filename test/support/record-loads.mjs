// A module hook for child processes of the tests: prints "load <url>" to stderr for every ES module
// loaded through `import`, and at exit for every CommonJS module in require's cache (the figures'
// lazy bundle is a .cjs file loaded with require(), which the ES module hooks never see), so that a
// test can see what a script pulled in. Use with
//   node --import ./test/support/record-loads.mjs script.mjs
import { createRequire, register } from "node:module";
import { pathToFileURL } from "node:url";

register("./record-loads-hooks.mjs", import.meta.url);

const requireCache = createRequire(import.meta.url).cache;
process.on("exit", () => {
  for (const file of Object.keys(requireCache)) process.stderr.write(`load ${pathToFileURL(file).href}\n`);
});
