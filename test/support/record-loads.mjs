// A module hook for child processes of the tests: prints "load <url>" to stderr for every ES module
// loaded through `import`, so that a test can see what a script pulled in. Use with
//   node --import ./test/support/record-loads.mjs script.mjs
import { register } from "node:module";

register("./record-loads-hooks.mjs", import.meta.url);
