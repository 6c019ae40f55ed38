// Builds the page template of `homeward report`: report/template.html with
// report.css, the minified browser builds of Vega, Vega-Lite and vega-embed
// (from node_modules, installed by `npm ci`), report.js and the third-party
// licence notices all inlined, so every report is one self-contained file.
// homeward embeds the result and fills in the title, body and data.
//
//   node report/build.mjs --out FILE
//
// Without node_modules it writes an empty FILE and says so: homeward then
// builds, and `homeward report` refuses with a message until `npm ci` has
// run (scripts/quickstart.sh does it). FILE is rewritten only when its bytes
// change, so an unchanged page rebuilds nothing.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules");
const LIBRARIES = [
  // [package, browser build, global it defines]
  ["vega", "build/vega.min.js", "vega"],
  ["vega-lite", "build/vega-lite.min.js", "vegaLite"],
  ["vega-embed", "build/vega-embed.min.js", "vegaEmbed"],
];
// Dependencies that the browser builds do not contain: command-line tools
// (vega-lite's, d3-dsv's) and type declarations.
const NOT_IN_BROWSER_BUILDS = new Set(["yargs", "commander", "rw", "iconv-lite", "@types/estree", "@types/geojson",
                                       "vega-typings"]);

function fail(message) {
  console.error(`report/build.mjs: ${message}`);
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

function readJson(path) {
  return JSON.parse(readFileSync(path, "utf8"));
}

// Inlined into <script>: text that would end the element early or change how
// the HTML parser reads it must not occur.
function checkScript(name, text) {
  for (const bad of ["</script", "<!--", "<script"]) {
    if (text.toLowerCase().includes(bad)) fail(`${name} contains "${bad}"; it cannot be inlined as it is`);
  }
  return text;
}

// Every package the browser builds contain: the closure of the libraries'
// dependencies, with each package's licence text.
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
  LIBRARIES.forEach(([name]) => visit(name));
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
if (!out) fail("usage: node report/build.mjs --out FILE");

if (!existsSync(join(modules, "vega-embed", "package.json"))) {
  writeIfChanged(out, "");
  console.error("report/build.mjs: report/node_modules is missing, so homeward is built without its chart " +
                "libraries and `homeward report` will refuse to run. Install them with `npm ci --prefix report` " +
                "(scripts/quickstart.sh does) and build again.");
  process.exit(0);
}

const pinned = readJson(join(here, "package.json")).devDependencies;
const scripts = [];
const versions = [];
for (const [name, build, global] of LIBRARIES) {
  const version = readJson(join(modules, name, "package.json")).version;
  if (version !== pinned[name]) {
    fail(`node_modules has ${name} ${version} but package.json pins ${pinned[name]}: run \`npm ci --prefix report\``);
  }
  versions.push(`${name} ${version}`);
  const code = checkScript(`${name}/${build}`, readFileSync(join(modules, name, build), "utf8"));
  scripts.push(`/* ${name} ${version} (BSD-3-Clause): ${build}, defines ${global} */\n${code}`);
}

const template = readFileSync(join(here, "template.html"), "utf8");
const { html: noticeHtml, count } = notices();
const parts = {
  "/*homeward:style*/": readFileSync(join(here, "report.css"), "utf8"),
  "/*homeward:libraries*/": scripts.join("\n"),
  "/*homeward:page-script*/": checkScript("report.js", readFileSync(join(here, "report.js"), "utf8")),
  "<!--homeward:notices-->": noticeHtml,
  "<!--homeward:credits-->": `Vega ${pinned.vega}, Vega-Lite ${pinned["vega-lite"]} and vega-embed ${pinned["vega-embed"]} ` +
    "(BSD-3-Clause)",
};
let page = template;
for (const [marker, text] of Object.entries(parts)) {
  if (page.split(marker).length !== 2) fail(`template.html must hold ${marker} exactly once`);
  page = page.replace(marker, () => text);
}
// Left for homeward, each once and before the scripts.
for (const marker of ["<!--homeward:title-->", "<!--homeward:body-->", "<!--homeward:data-->"]) {
  if (page.split(marker).length !== 2) fail(`the page must hold ${marker} exactly once`);
}
const changed = writeIfChanged(out, page);
console.log(`report page: ${versions.join(", ")}; ${count} packages' notices; ${(page.length / 1024).toFixed(0)} KiB` +
            (changed ? "" : " (unchanged)"));
