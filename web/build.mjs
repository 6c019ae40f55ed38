// Builds the page of `homeward serve` (the workbench): web/src bundled with
// esbuild (with dagre, which lays out the pathway graph) and inlined with
// web/workbench.css, the minified browser builds of Vega, Vega-Lite and
// vega-embed and the third-party licence notices into web/index.html, so the
// page is one file that fetches nothing but the server's own API. homeward
// embeds it (sim/serve/embedded.cc).
//
//   node web/build.mjs --out FILE
//
// Without node_modules it writes an empty FILE and says so: homeward then
// builds, its JSON API works, and its page says what to install. FILE is
// rewritten only when its bytes change.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules");
const LIBRARIES = [
  // [package, browser build, global it defines]: inlined as they are published.
  ["vega", "build/vega.min.js", "vega"],
  ["vega-lite", "build/vega-lite.min.js", "vegaLite"],
  ["vega-embed", "build/vega-embed.min.js", "vegaEmbed"],
];
const BUNDLED = ["@dagrejs/dagre"]; // imported by web/src, bundled by esbuild
// Dependencies that the browser builds do not contain: command-line tools and type declarations.
const NOT_IN_BROWSER_BUILDS = new Set(["yargs", "commander", "rw", "iconv-lite", "@types/estree", "@types/geojson",
                                       "vega-typings"]);

function fail(message) {
  console.error(`web/build.mjs: ${message}`);
  process.exit(1);
}

function argument(name) {
  const i = process.argv.indexOf(name);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : undefined;
}

function writeIfChanged(path, text) {
  mkdirSync(dirname(path), { recursive: true });
  if (existsSync(path) && readFileSync(path, "utf8") === text) return false;
  writeFileSync(path, text);
  return true;
}

const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));

// Inlined into <script>: text that would end the element early or change how the HTML parser reads it must not occur.
function checkScript(name, text) {
  for (const bad of ["</script", "<!--", "<script"]) {
    if (text.toLowerCase().includes(bad)) fail(`${name} contains "${bad}"; it cannot be inlined as it is`);
  }
  return text;
}

// Every package the page contains, with its licence text.
function notices() {
  const seen = new Map();
  const visit = (name) => {
    if (seen.has(name) || NOT_IN_BROWSER_BUILDS.has(name)) return;
    const dir = join(modules, name);
    if (!existsSync(join(dir, "package.json"))) return; // an optional dependency not installed
    const pkg = readJson(join(dir, "package.json"));
    const file = ["LICENSE", "LICENSE.md", "LICENSE.txt", "license", "LICENCE", "license.md"].find((f) =>
      existsSync(join(dir, f)));
    seen.set(name, { version: pkg.version, license: pkg.license, text: file ? readFileSync(join(dir, file), "utf8") : "" });
    Object.keys(pkg.dependencies || {}).forEach(visit);
  };
  [...LIBRARIES.map(([name]) => name), ...BUNDLED].forEach(visit);
  const lines = ["Third-party software inlined in this page (name version, licence), with its licence texts:"];
  for (const [name, p] of [...seen.entries()].sort()) lines.push(`  ${name} ${p.version} (${p.license})`);
  for (const [name, p] of [...seen.entries()].sort()) {
    if (p.text) lines.push("", `---- ${name} ${p.version} ----`, p.text.trim());
  }
  const text = lines.join("\n");
  if (text.includes("-->") || text.includes("--!>")) fail("a licence text would end the HTML comment");
  return { html: `<!--\n${text}\n-->`, count: seen.size };
}

const out = argument("--out");
if (!out) fail("usage: node web/build.mjs --out FILE");

if (!existsSync(join(modules, "esbuild", "package.json")) || !existsSync(join(modules, "vega-embed", "package.json"))) {
  writeIfChanged(out, "");
  console.error("web/build.mjs: web/node_modules is missing, so homeward is built without the workbench page of " +
                "`homeward serve` (its JSON API still works). Install it with `npm ci --prefix web` " +
                "(scripts/quickstart.sh does) and build again.");
  process.exit(0);
}

const pinned = readJson(join(here, "package.json")).devDependencies;
for (const name of [...LIBRARIES.map(([n]) => n), ...BUNDLED, "esbuild"]) {
  const version = readJson(join(modules, name, "package.json")).version;
  if (version !== pinned[name]) fail(`node_modules has ${name} ${version} but package.json pins ${pinned[name]}: run \`npm ci --prefix web\``);
}

const { buildSync } = await import("esbuild");
const bundle = buildSync({
  entryPoints: [join(here, "src", "main.js")],
  bundle: true,
  write: false,
  format: "iife",
  minify: true,
  target: ["chrome110", "firefox110", "safari16"],
  legalComments: "none", // the notices are inlined whole, below
  logLevel: "error",
});
const pageScript = checkScript("web/src bundle", bundle.outputFiles[0].text);

const libraries = LIBRARIES.map(([name, build, global]) => {
  const code = checkScript(`${name}/${build}`, readFileSync(join(modules, name, build), "utf8"));
  return `/* ${name} ${pinned[name]} (BSD-3-Clause): ${build}, defines ${global} */\n${code}`;
});

const { html: noticeHtml, count } = notices();
const parts = {
  "/*workbench:style*/": readFileSync(join(here, "workbench.css"), "utf8"),
  "/*workbench:libraries*/": libraries.join("\n"),
  "/*workbench:script*/": pageScript,
  "<!--workbench:notices-->": noticeHtml,
  "<!--workbench:credits-->": `Vega ${pinned.vega}, Vega-Lite ${pinned["vega-lite"]} and vega-embed ` +
    `${pinned["vega-embed"]} (BSD-3-Clause); dagre ${pinned["@dagrejs/dagre"]} (MIT)`,
};
let page = readFileSync(join(here, "index.html"), "utf8");
for (const [marker, text] of Object.entries(parts)) {
  if (page.split(marker).length !== 2) fail(`index.html must hold ${marker} exactly once`);
  page = page.replace(marker, () => text);
}
const changed = writeIfChanged(out, page);
console.log(`workbench page: ${(page.length / 1024).toFixed(0)} KiB, ${count} packages' notices` +
            (changed ? "" : " (unchanged)"));
