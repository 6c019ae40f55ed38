// The browser check of `homeward report`: opens report.html in Debian's
// headless Chromium (driven by playwright-core; no browser is downloaded) and
// fails on any console error or warning, page error or request (the page must
// fetch nothing), on a chart that did not render its marks, on any two texts of
// a chart that overlap (axis labels, titles, legends, panel headers, the labels
// on bars), on a label drawn on a bar that is wider than the bar, on a
// small-multiple panel with no marks, on an axis that hangs
// below an empty cell of small multiples (a panel's axis far under it), on a
// wrong plural anywhere in the page ("1 scenarios"), and on a headline number
// that differs from summary.json. Saves report.png (the whole page),
// report.pdf (printed on A4) and check.json in the output directory.
//
//   node report/test/check_report.mjs --report DIR/report.html [--summary DIR/summary.json] \
//        --out OUTPUT_DIR [--chromium /usr/bin/chromium]
//
// Without --summary (a calibration's report) the headline checks are left out.
//
// Exit codes: 0 passed; 1 a check failed; 3 the browser could not be started.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

function argument(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const reportPath = resolve(argument("--report", ""));
const summaryPath = argument("--summary") && resolve(argument("--summary"));
const outDir = resolve(argument("--out", "."));
const executablePath = argument("--chromium", "/usr/bin/chromium");
mkdirSync(outDir, { recursive: true });

const failures = [];
const fail = (message) => failures.push(message);
const results = { report: reportPath, charts: {}, headline_cells: 0, occupancy_cells: 0 };

// ---- what summary.json says the headline cells must show ----

function expectedCells(summary) {
  const compare = Array.isArray(summary.scenarios);
  const scenarios = compare ? summary.scenarios : [summary];
  const cells = {}; // scenario -> measure -> {value, low, high}
  const plain = (s, scale) => s && { value: s.mean * scale, low: s.ci95[0] * scale, high: s.ci95[1] * scale };
  const saved = (d, scale) => d && { value: -d.mean * scale, low: -d.ci95[1] * scale, high: -d.ci95[0] * scale };
  scenarios.forEach((sc, i) => {
    const m = sc.measures;
    const year = 365 / sc.duration_days;
    const c = (cells[sc.scenario] = {
      delay_days_mean: plain(m.delay_days_mean, 1),
      discharged_within_1_day_share: plain(m.discharged_within_1_day_share, 100),
      delayed_bed_days_per_year: plain(m.delayed_bed_days, year),
      acute_occupancy_mean: plain(m.acute_occupancy_mean, 1),
      acute_occupancy_peak: plain(m.acute_occupancy_peak, 1),
      delayed_share_of_bed_days: plain(m.delayed_share_of_bed_days, 100),
    });
    if (compare && i > 0) {
      const d = summary.differences[sc.scenario];
      const costPerBedDay = m.cost_acute.mean / m.acute_bed_days.mean;
      c.acute_bed_days_saved_per_year = saved(d.acute_bed_days, year);
      c.bed_days_saved_value_per_year = saved(d.acute_bed_days, year * costPerBedDay);
      c.net_saving_per_year = saved(d.cost_total, year);
    }
  });
  return cells;
}

// "−£1,234,000" -> -1234000; "93.0%" -> 93
function parseShown(text) {
  return Number(text.replace(/\u2212/g, "-").replace(/[£%,\s]/g, ""));
}

function close(a, b) {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

function checkCell(where, cell, want) {
  if (!want) return fail(`${where}: shown, but summary.json has no such measure`);
  for (const key of ["value", "low", "high"]) {
    const got = Number(cell[key]);
    if (!close(got, want[key])) fail(`${where}: data-${key} ${cell[key]} but summary.json gives ${want[key]}`);
  }
  // What a reader sees: the value and the interval, each rounded to the cell's step.
  const half = cell.step / 2 + 1e-9 * Math.max(1, Math.abs(want.value));
  const shown = parseShown(cell.text);
  if (!(Math.abs(shown - want.value) <= half)) fail(`${where}: shows "${cell.text}" for ${want.value}`);
  const ci = cell.ci.split(" to ").map(parseShown);
  if (ci.length !== 2 || !(Math.abs(ci[0] - want.low) <= half) || !(Math.abs(ci[1] - want.high) <= half)) {
    fail(`${where}: shows the interval "${cell.ci}" for [${want.low}, ${want.high}]`);
  }
}

// Words that end in one "s" but are not the plural of a thing counted: after
// "1" any other such word is a wrong plural ("1 scenarios", "1 days").
const NOT_PLURAL = new Set([
  "series", "species", "means", "its", "is", "was", "has", "does", "as", "us", "yes", "this", "thus", "plus", "minus",
  "bus", "gas", "lens", "news", "status", "basis", "analysis", "census", "bonus", "versus", "previous", "various",
  "serious", "always", "perhaps", "whereas", "towards", "upwards", "downwards", "afterwards",
]);

// ---- the browser ----

const profile = mkdtempSync(join(tmpdir(), "homeward-report-chromium-"));
let context;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: { width: 1100, height: 900 },
    deviceScaleFactor: 1,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
           "--disable-sync", "--no-first-run", "--disable-quic"],
  });
} catch (error) {
  console.error(`cannot start Chromium at ${executablePath}: ${error.message}`);
  rmSync(profile, { recursive: true, force: true });
  process.exit(3);
}

try {
  const url = pathToFileURL(reportPath).href;
  const page = context.pages()[0] ?? (await context.newPage());
  // The page may load itself and nothing else; anything more is refused and reported.
  await context.route("**/*", (route) => {
    if (route.request().url() === url) return route.continue();
    fail(`the page requested ${route.request().url()}`);
    return route.abort();
  });
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") {
      fail(`console ${message.type()}: ${message.text()}`);
    }
  });
  page.on("pageerror", (error) => fail(`page error: ${error.message}`));
  page.on("requestfailed", (request) => {
    if (request.url() !== url) return; // already reported by the route
    fail(`request failed: ${request.url()} ${request.failure()?.errorText ?? ""}`);
  });

  const response = await page.goto(url, { waitUntil: "load" });
  if (!response || !response.ok()) fail(`could not load ${url}`);
  await page.waitForSelector("body[data-report-status]", { timeout: 60000 });

  const state = await page.evaluate((notPlural) => {
    const NOT_PLURAL = new Set(notPlural);
    const count = (root, selector) => root.querySelectorAll(selector).length;
    // A text's box as drawn: its local box through its screen transform, so a
    // label rotated by -40 degrees is a rotated rectangle, not its larger
    // axis-aligned hull (which would make neighbours "touch" that do not).
    const shown = (el) => {
      const style = getComputedStyle(el);
      return el.textContent.trim() !== "" && style.display !== "none" && style.visibility !== "hidden" &&
        Number(style.opacity) !== 0 && el.getAttribute("opacity") !== "0" && el.getBBox().width > 0;
    };
    const corners = (el) => {
      const b = el.getBBox();
      const m = el.getScreenCTM();
      return [[b.x, b.y], [b.x + b.width, b.y], [b.x + b.width, b.y + b.height], [b.x, b.y + b.height]].map(
        ([x, y]) => ({ x: m.a * x + m.c * y + m.e, y: m.b * x + m.d * y + m.f }));
    };
    // Two convex quadrilaterals overlap by more than `tolerance` px unless an
    // edge normal of either separates them (the separating axis theorem).
    const overlap = (p, q, tolerance) => {
      for (const poly of [p, q]) {
        for (let i = 0; i < 4; ++i) {
          const a = poly[i], b = poly[(i + 1) % 4];
          const nx = b.y - a.y, ny = a.x - b.x, length = Math.hypot(nx, ny) || 1;
          const along = (points) => points.map((v) => (v.x * nx + v.y * ny) / length);
          const pp = along(p), qq = along(q);
          if (Math.max(...pp) <= Math.min(...qq) + tolerance || Math.max(...qq) <= Math.min(...pp) + tolerance) return false;
        }
      }
      return true;
    };
    const textOf = (el) => el.textContent.trim();
    // What a text is, for a message: the role of the Vega group it is drawn in.
    const roleOf = (el) => {
      for (let g = el.parentElement; g && g.tagName !== "svg"; g = g.parentElement) {
        const role = [...g.classList].find((c) => c.startsWith("role-"));
        if (role) return role.slice(5);
      }
      return "text";
    };
    // Every two shown texts of a chart that overlap, whatever they are: a value
    // on a bar and a legend, a panel's header and the axis above it. Pairs on
    // one axis are axisCollisions'. Boxes that do not meet are skipped first.
    const textCollisions = (svg) => {
      const texts = [...svg.querySelectorAll("text")].filter(shown);
      const boxes = texts.map(corners);
      const hull = boxes.map((b) => ({
        left: Math.min(...b.map((v) => v.x)), right: Math.max(...b.map((v) => v.x)),
        top: Math.min(...b.map((v) => v.y)), bottom: Math.max(...b.map((v) => v.y)),
      }));
      const axisOf = texts.map((el) => el.closest("g.role-axis"));
      const out = { texts: texts.length, collisions: [] };
      for (let i = 0; i < texts.length; ++i) {
        for (let j = i + 1; j < texts.length; ++j) {
          const a = hull[i], b = hull[j];
          if (a.right <= b.left + 1 || b.right <= a.left + 1 || a.bottom <= b.top + 1 || b.bottom <= a.top + 1) continue;
          if (axisOf[i] && axisOf[i] === axisOf[j]) continue;
          if (overlap(boxes[i], boxes[j], 1)) {
            out.collisions.push(`"${textOf(texts[i])}" (${roleOf(texts[i])}) and "${textOf(texts[j])}" (${roleOf(texts[j])})`);
          }
        }
      }
      return out;
    };
    // Each axis: its shown labels, and the pairs that overlap (labels with one
    // another, and with the axis's own title).
    const axisCollisions = (svg) => {
      const out = { axes: 0, labels: 0, texts: [], collisions: [] };
      for (const axis of svg.querySelectorAll("g.role-axis")) {
        const labels = [...axis.querySelectorAll("g.role-axis-label text")].filter(shown);
        const titles = [...axis.querySelectorAll("g.role-axis-title text")].filter(shown);
        if (!labels.length) continue;
        out.axes += 1;
        out.labels += labels.length;
        for (const label of labels) if (!out.texts.includes(textOf(label))) out.texts.push(textOf(label));
        const boxes = labels.map(corners);
        for (let i = 0; i < labels.length; ++i) {
          for (let j = i + 1; j < labels.length; ++j) {
            if (overlap(boxes[i], boxes[j], 1)) out.collisions.push(`"${textOf(labels[i])}" and "${textOf(labels[j])}"`);
          }
          for (const title of titles) {
            if (overlap(boxes[i], corners(title), 1)) out.collisions.push(`"${textOf(labels[i])}" and the title "${textOf(title)}"`);
          }
        }
      }
      return out;
    };
    // Small multiples: each facet cell and the marks drawn in it. A line or
    // area whose every value is missing still leaves a path, with nothing in it.
    const drawn = (el) => el.tagName !== "path" || /[0-9]/.test(el.getAttribute("d") || "");
    const panels = (svg) =>
      [...svg.querySelectorAll("g.mark-group.role-scope.cell > g")].map((cell) => ({
        marks: [...cell.querySelectorAll("g.role-mark > path, g.role-mark > line, g.role-mark > rect")].filter(drawn).length,
      }));
    // A label drawn on a bar (its middle inside the bar, as a stacked segment's
    // code) must fit inside it; labels past a bar's end are not on it.
    const spilling = (svg) => {
      const bars = [...svg.querySelectorAll("g.mark-rect.role-mark > path")].map((b) => b.getBoundingClientRect());
      const out = [];
      for (const text of [...svg.querySelectorAll("g.mark-text.role-mark > text")].filter(shown)) {
        const box = text.getBoundingClientRect();
        const x = (box.left + box.right) / 2, y = (box.top + box.bottom) / 2;
        const bar = bars.find((b) => b.left <= x && x <= b.right && b.top <= y && y <= b.bottom);
        if (bar && (box.left < bar.left - 1 || box.right > bar.right + 1)) {
          out.push(`"${textOf(text)}" is ${Math.round(box.width)} px wide on a bar of ${Math.round(bar.width)} px`);
        }
      }
      return out;
    };
    // Small multiples: each horizontal axis must sit under a panel. Laid out
    // in wrapped columns with shared axes, a column's axis goes under the last
    // row of the grid, so where that cell is empty the axis hangs a whole cell
    // below the panel it belongs to. An axis is "under" a panel when the gap
    // from the panel's plot to the axis line is less than half the plot's height.
    const hangingAxes = (svg) => {
      const plots = [...svg.querySelectorAll("g.mark-group.role-scope.cell > g > path.background")]
        .map((p) => p.getBoundingClientRect());
      if (!plots.length) return [];
      const out = [];
      for (const axis of svg.querySelectorAll("g.role-axis")) {
        const labels = [...axis.querySelectorAll("g.role-axis-label text")].filter(shown);
        if (!labels.length) continue;
        const line = axis.querySelector("g.role-axis-domain > line, g.role-axis-domain > path");
        const box = (line ?? axis).getBoundingClientRect();
        const horizontal = line ? box.width > box.height : /^X-axis/.test(axis.getAttribute("aria-label") || "");
        if (!horizontal) continue;
        const above = plots.filter((p) =>
          Math.min(p.right, box.right) - Math.max(p.left, box.left) > box.width / 2 && p.bottom <= box.top + 2);
        const where = `the axis labelled "${textOf(labels[0])}" … at x ${Math.round(box.left)}`;
        if (!above.length) { out.push(`${where} has no panel above it`); continue; }
        const nearest = above.reduce((a, b) => (b.bottom > a.bottom ? b : a));
        const gap = box.top - nearest.bottom;
        if (gap > nearest.height / 2) out.push(`${where} hangs ${Math.round(gap)} px below its panel, under an empty cell`);
      }
      return out;
    };
    const data = JSON.parse(document.getElementById("homeward-data").textContent);
    const charts = [...document.querySelectorAll("figure[data-chart]")].map((figure) => {
      const svg = figure.querySelector(".vis svg");
      const rows = data.charts[figure.dataset.chart] || [];
      return {
        name: figure.dataset.chart,
        rendered: figure.dataset.rendered,
        rows: rows.length,
        observed: rows.filter((r) => typeof r.observed === "number").length,
        // Small multiples (one panel per service) draw each scenario once per panel.
        panels: new Set(rows.filter((r) => r.service !== undefined).map((r) => r.service)).size,
        series: new Set(rows.map((r) => `${r.scenario}\u0000${r.service ?? ""}`)).size,
        svg: !!svg,
        width: svg ? svg.getBoundingClientRect().width : 0,
        height: svg ? svg.getBoundingClientRect().height : 0,
        bars: svg ? count(svg, "g.mark-rect.role-mark > path") : 0,
        lines: svg ? count(svg, "g.mark-line.role-mark > path") : 0,
        areas: svg ? count(svg, "g.mark-area.role-mark > path") : 0,
        points: svg ? count(svg, "g.mark-symbol.role-mark > path") : 0,
        marks: svg ? count(svg, "g.role-mark > path, g.role-mark > line, g.role-mark > text") : 0,
        axes: svg ? axisCollisions(svg) : { axes: 0, labels: 0, texts: [], collisions: [] },
        texts: svg ? textCollisions(svg) : { texts: 0, collisions: [] },
        hanging: svg ? hangingAxes(svg) : [],
        spilling: svg ? spilling(svg) : [],
        cells: svg ? panels(svg) : [],
      };
    });
    const cells = (table) =>
      [...document.querySelectorAll(`#${table} tr[data-scenario] td[data-measure]`)].map((td) => ({
        scenario: td.parentElement.dataset.scenario,
        measure: td.dataset.measure,
        value: td.dataset.value,
        low: td.dataset.low,
        high: td.dataset.high,
        step: Number(td.dataset.step),
        text: td.querySelector(".value")?.textContent ?? "",
        ci: td.querySelector(".ci")?.textContent ?? "",
      }));
    return {
      status: document.body.dataset.reportStatus,
      failed: Number(document.body.dataset.chartsFailed),
      charts,
      scenarios: data.scenarios,
      headline: cells("headline-table"),
      occupancy: cells("occupancy-table"),
      rows: [...document.querySelectorAll("#headline-table tr[data-scenario]")].map((tr) => tr.dataset.scenario),
      subtitle: document.querySelector("header .subtitle")?.textContent ?? "",
      about: document.querySelector("#about")?.textContent ?? "",
      external: count(document, "script[src], link[href], iframe, object, embed, img:not([src^='data:'])"),
      // "1 scenarios", "1 replications", "1 people": one thing with a plural noun, in
      // the page's text and its charts' ("0.1 days", "21 days" and "1 series" are fine).
      plurals: [document.body.innerText, ...[...document.querySelectorAll("svg text")].map(textOf)]
        .flatMap((text) => [...text.matchAll(/(?<![\d.,\u2212-])\b1 ([A-Za-z]+)\b/g)])
        .filter((m) => /^(people|children|men|women|data)$/i.test(m[1]) ||
                       (/[^s]s$/i.test(m[1]) && !NOT_PLURAL.has(m[1].toLowerCase())))
        .map((m) => m[0]),
    };
  }, [...NOT_PLURAL]);

  if (state.status !== "ready") fail(`report status ${state.status}, ${state.failed} charts failed`);
  if (state.external) fail(`${state.external} elements refer to other files`);
  for (const wrong of new Set(state.plurals)) fail(`the page says "${wrong}"`);
  results.plurals = [...new Set(state.plurals)];
  if (state.charts.length < (summaryPath ? 6 : 1)) fail(`only ${state.charts.length} charts`);
  const scenarioCount = state.scenarios.length;
  for (const c of state.charts) {
    results.charts[c.name] = c;
    if (c.rendered !== "ok" || !c.svg) { fail(`chart ${c.name}: not rendered (${c.rendered})`); continue; }
    if (c.width < 200 || c.height < 80) fail(`chart ${c.name}: only ${c.width}×${c.height} px`);
    if (c.marks === 0) fail(`chart ${c.name}: no marks`);
    for (const pair of c.axes.collisions) fail(`chart ${c.name}: axis labels overlap: ${pair}`);
    // A number is written to the places it has: "5", not "5.000000" (a tick
    // format fitted to a scale of zero width).
    for (const label of c.axes.texts.filter((t) => /\.\d*0000\b/.test(t))) {
      fail(`chart ${c.name}: the axis label "${label}" is written to more places than it has`);
    }
    for (const pair of c.texts.collisions) fail(`chart ${c.name}: texts overlap: ${pair}`);
    for (const axis of c.hanging) fail(`chart ${c.name}: ${axis}`);
    for (const label of c.spilling) fail(`chart ${c.name}: a label does not fit its bar: ${label}`);
    const empty = c.cells.filter((cell) => cell.marks === 0).length;
    if (empty) fail(`chart ${c.name}: ${empty} of ${c.cells.length} panels have no marks`);
    // Every row of data is drawn.
    const bars = { delay: c.rows, queues: c.rows, reasons: c.rows, agencies: c.rows, pathway: 2 * c.rows }[c.name];
    if (bars !== undefined && c.bars !== bars) fail(`chart ${c.name}: ${c.bars} bars for ${bars} values`);
    const series = c.panels ? c.series : scenarioCount;
    if (c.name.startsWith("monthly_") && (c.lines !== series || c.areas !== series)) {
      fail(`chart ${c.name}: ${c.lines} lines and ${c.areas} bands for ${series} scenarios (in all panels)`);
    }
    if (c.name.startsWith("monthly_") && c.points !== c.rows) fail(`chart ${c.name}: ${c.points} points, ${c.rows} months`);
    if (c.name === "calibration" && (c.points !== c.observed || c.lines < 1 || c.areas < 1)) {
      fail(`chart ${c.name}: ${c.points} points for ${c.observed} observed months, ${c.lines} lines, ${c.areas} bands`);
    }
  }

  if (summaryPath) checkHeadline(state);

  await page.screenshot({ path: join(outDir, "report.png"), fullPage: true });
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ path: join(outDir, "report.pdf"), format: "A4", printBackground: true,
                               preferCSSPageSize: true });
  results.pdf_pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
  if (results.pdf_pages < 1 || results.pdf_pages > 12) fail(`the A4 print has ${results.pdf_pages} pages`);
} catch (error) {
  fail(`check stopped: ${error.stack || error.message}`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}

// The headline and occupancy tables against summary.json.
function checkHeadline(state) {
  const summary = JSON.parse(readFileSync(summaryPath, "utf8"));
  const compare = Array.isArray(summary.scenarios);
  const names = compare ? summary.scenarios.map((s) => s.scenario) : [summary.scenario];
  if (JSON.stringify(state.rows) !== JSON.stringify(names)) fail(`headline rows ${state.rows} but scenarios ${names}`);
  const want = expectedCells(summary);
  const headlineMeasures = ["delay_days_mean", "discharged_within_1_day_share", "delayed_bed_days_per_year"];
  const savings = ["acute_bed_days_saved_per_year", "bed_days_saved_value_per_year", "net_saving_per_year"];
  names.forEach((name, i) => {
    const expected = headlineMeasures.concat(compare && i > 0 ? savings : []);
    const shown = state.headline.filter((c) => c.scenario === name).map((c) => c.measure);
    if (JSON.stringify(shown) !== JSON.stringify(expected)) fail(`${name}: headline cells ${shown}, want ${expected}`);
  });
  for (const c of state.headline) checkCell(`headline ${c.scenario} ${c.measure}`, c, want[c.scenario]?.[c.measure]);
  for (const c of state.occupancy) checkCell(`occupancy ${c.scenario} ${c.measure}`, c, want[c.scenario]?.[c.measure]);
  results.headline_cells = state.headline.length;
  results.occupancy_cells = state.occupancy.length;
  if (!state.subtitle.includes(`master seed ${summary.seed}`)) fail(`the subtitle lacks the seed: ${state.subtitle}`);
  if (!state.subtitle.includes(`${summary.replications} replication`)) fail("the subtitle lacks the replications");
}

results.failures = failures;
writeFileSync(join(outDir, "check.json"), JSON.stringify(results, null, 2) + "\n");
const charts = Object.values(results.charts)
  .map((c) => `${c.name} (${c.marks} marks, ${c.texts.texts} texts, ${c.axes.labels} axis labels` +
               `${c.cells.length ? `, ${c.cells.length} panels` : ""})`)
  .join(", ");
console.log(`charts: ${charts}`);
console.log(`headline cells checked: ${results.headline_cells}; occupancy cells: ${results.occupancy_cells}; ` +
            `A4 pages: ${results.pdf_pages}`);
console.log(`screenshot: ${join(outDir, "report.png")}`);
if (failures.length) {
  for (const f of failures) console.error(`FAIL ${f}`);
  process.exit(1);
}
console.log("report check passed");
