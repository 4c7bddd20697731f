// Loaded into the tslab kernel before tslab itself (the kernel spec's `node --require …`): a V8 code cache
// for the two large CommonJS files a fresh kernel compiles, TypeScript's 9 MB compiler and the library's
// figure bundle, so that they are not compiled from source at every kernel start. Measured on this
// machine kind: requiring tslab's compiler costs 180–260 ms of CPU without a cache, about 135 ms with one.
//
// Node ≥ 22.1 has such a cache built in (module.enableCompileCache), for every module. On Node 20 this
// file does it for those two files only, with V8's cached data (vm.Script): a general hook of every
// module, such as the v8-compile-cache package, breaks Node's require() of ES modules, which the
// notebooks rely on. The cache lives in the system's temporary folder, one folder per user; a stale or
// rejected entry is rewritten. Without a writable folder the kernel simply starts as before.
"use strict";
const crypto = require("node:crypto");
const fs = require("node:fs");
const nodeModule = require("node:module");
const os = require("node:os");
const path = require("node:path");
const vm = require("node:vm");

/** The files worth caching: large, loaded by every kernel (a path ending). */
const CACHED = /[\\/](?:@tslab[\\/]typescript-for-tslab[\\/]lib[\\/]typescript\.js|lib[\\/]dist[\\/]lazy[\\/]figures\.cjs)$/;

function cacheFolder() {
  const uid = typeof process.getuid === "function" ? process.getuid() : "user";
  return path.join(os.tmpdir(), `amsgrad-kernel-code-cache-${uid}`);
}

/** The cache file of a source: its path, size and modification time decide the key. */
function cacheFile(filename) {
  const stat = fs.statSync(filename);
  const key = crypto.createHash("sha1").update(`${process.version}\0${filename}\0${stat.size}\0${stat.mtimeMs}`).digest("hex");
  return path.join(cacheFolder(), `${key}.bin`);
}

function readCache(file) {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

function writeCache(file, data) {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, data);
    fs.renameSync(temporary, file);
  } catch {
    // A read-only or full temporary folder: no cache, the kernel still starts.
  }
}

if (typeof nodeModule.enableCompileCache === "function") {
  nodeModule.enableCompileCache();
} else {
  const compile = nodeModule.prototype._compile;
  nodeModule.prototype._compile = function compileWithCache(content, filename) {
    if (!CACHED.test(filename)) return compile.call(this, content, filename);
    let file;
    try {
      file = cacheFile(filename);
    } catch {
      return compile.call(this, content, filename);
    }
    const cachedData = readCache(file);
    const script = new vm.Script(nodeModule.wrap(content), { filename, cachedData });
    const wrapper = script.runInThisContext({ displayErrors: true });
    const require = nodeModule.createRequire(filename);
    const result = wrapper.call(this.exports, this.exports, require, this, filename, path.dirname(filename));
    // After the module ran, the cache also holds the functions its top level compiled.
    if (cachedData === undefined || script.cachedDataRejected) writeCache(file, script.createCachedData());
    return result;
  };
}
