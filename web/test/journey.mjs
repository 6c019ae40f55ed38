// The browser journey of the workbench (homeward serve), in Debian's headless Chromium driven by
// playwright-core (no browser is downloaded): open the baseline, run it, switch on HART, run
// again and see the headline change, switch on every lever and see each and all together cut
// delayed bed days, put a wrong value in the form and see the validator's
// message beside it, save the scenario, draw the HART-slots curve, open the saved file again. Fails on any console error
// or warning, page error, or request to anywhere but the server. Saves workbench.png (the page
// after the HART run, as the README shows it), workbench-full.png and check.json in --out.
//
//   node web/test/journey.mjs --url http://127.0.0.1:PORT/ --out DIR [--chromium /usr/bin/chromium]
//        [--replications 8] [--self-test]
//
// --self-test checks the checks: it opens the page with its Content-Security-Policy bypassed,
// makes it log an error and ask another host for an image, and must then fail with both.
//
// Exit codes: 0 passed; 1 a check failed; 3 the browser could not be started.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

function argument(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const url = argument("--url");
const outDir = resolve(argument("--out", "."));
const executablePath = argument("--chromium", "/usr/bin/chromium");
const replications = argument("--replications", "8");
const selfTest = process.argv.includes("--self-test");
if (!url) {
  console.error("usage: node web/test/journey.mjs --url URL --out DIR");
  process.exit(1);
}
const origin = new URL(url).origin;
mkdirSync(outDir, { recursive: true });

const failures = [];
const fail = (message) => failures.push(message);
const check = (condition, message) => condition || fail(message);
const results = { url, steps: [] };
const started = Date.now();
const step = (name) => {
  results.steps.push({ name, at_seconds: (Date.now() - started) / 1000 });
  console.log(`step (${((Date.now() - started) / 1000).toFixed(1)} s): ${name}`);
};

async function json(path, options) {
  const response = await fetch(new URL(path, origin), options);
  return response.json();
}

// The headline cells of one scenario's row: measure -> {value, low, high, text}.
async function headlineRow(page, scenario) {
  return page.evaluate((name) => {
    const row = document.querySelector(`#headline tr[data-scenario="${CSS.escape(name)}"]`);
    if (!row) return null;
    const cells = {};
    for (const td of row.querySelectorAll("td[data-measure]")) {
      cells[td.dataset.measure] = { value: Number(td.dataset.value), low: Number(td.dataset.low),
                                    high: Number(td.dataset.high), text: td.textContent };
    }
    return cells;
  }, scenario);
}

const close = (a, b) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

// The headline's numbers against the run's own summary.json, as docs/report.md defines them.
async function checkHeadline(page, runId) {
  const status = await json(`/api/runs/${runId}`);
  const summary = status.summary;
  const scenarios = Array.isArray(summary.scenarios) ? summary.scenarios : [summary];
  for (const sc of scenarios) {
    const row = await headlineRow(page, sc.scenario);
    if (!row) {
      fail(`headline: no row for ${sc.scenario}`);
      continue;
    }
    const year = 365 / sc.duration_days;
    const want = sc.measures.delayed_bed_days.mean * year;
    check(close(row.delayed_bed_days_per_year.value, want),
          `headline ${sc.scenario}: delayed bed days a year ${row.delayed_bed_days_per_year.value}, summary.json gives ${want}`);
    check(close(row.delay_days_mean.value, sc.measures.delay_days_mean.mean), `headline ${sc.scenario}: mean delay`);
    if (summary.differences && summary.differences[sc.scenario]) {
      const net = -summary.differences[sc.scenario].cost_total.mean * year;
      check(close(row.net_saving_per_year.value, net), `headline ${sc.scenario}: net saving ${row.net_saving_per_year.value}, want ${net}`);
    }
  }
  return summary;
}

async function runAndWait(page) {
  const before = await page.getAttribute("#results-panel", "data-run");
  await page.click("#run-button");
  await page.waitForFunction((previous) => {
    const run = document.querySelector("#results-panel").dataset.run;
    return (run && run !== previous) ||
      /failed|cancelled|refused|wrong|nothing was run/.test(document.querySelector("#run-status").textContent);
  }, before, { timeout: 120000 });
  const runId = await page.getAttribute("#results-panel", "data-run");
  check(runId && runId !== before, `the run did not finish: ${await page.textContent("#run-status")}`);
  return runId;
}

const profile = mkdtempSync(join(tmpdir(), "homeward-workbench-chromium-"));
let context;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: { width: 1400, height: 1000 },
    deviceScaleFactor: 1,
    acceptDownloads: true,
    bypassCSP: selfTest, // the page's policy would stop the outside request before the guard below sees it
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
} catch (error) {
  console.error(`cannot start Chromium at ${executablePath}: ${error.message}`);
  rmSync(profile, { recursive: true, force: true });
  process.exit(3);
}

try {
  // Only the server may be asked for anything; blobs (a download the page makes) are not requests.
  await context.route("**/*", (route) => {
    const requested = route.request().url();
    if (requested.startsWith("blob:") || requested.startsWith("data:") || new URL(requested).origin === origin) {
      return route.continue();
    }
    fail(`the page requested ${requested}`);
    return route.abort();
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") fail(`console ${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => fail(`page error: ${error.message}`));
  page.on("requestfailed", (request) => {
    if (!request.url().startsWith(origin)) return; // refused above, already reported
    fail(`request failed: ${request.url()} ${request.failure()?.errorText ?? ""}`);
  });
  page.on("response", async (response) => {
    if (response.status() < 400) return;
    const body = await response.text().catch(() => "");
    fail(`${response.request().method()} ${response.url()} answered ${response.status()}: ${body.slice(0, 600)}`);
  });

  step("open the page: the baseline, its levers, its graph and its form");
  await page.goto(url, { waitUntil: "load" });
  await page.waitForSelector("body[data-ready]", { timeout: 60000 });
  if (selfTest) {
    await page.evaluate(() => {
      console.error("homeward self-test");
      document.body.appendChild(Object.assign(document.createElement("img"), { src: "http://192.0.2.1/self-test.png" }));
    });
    await page.waitForTimeout(1000);
    throw new Error("self-test: the page was made to misbehave");
  }
  check(await page.getAttribute("body", "data-ready") === "1", "the page did not start");
  check(await page.inputValue("#scenario-select") === "baseline.json", "the baseline is not the scenario opened");
  for (const lever of ["seven_day.json", "hart.json", "trusted_assessor.json", "home_first.json", "early_planning.json"]) {
    check(await page.locator(`input[data-lever="${lever}"]`).count() === 1, `no lever for ${lever}`);
  }
  const baseline = (await json("/api/scenarios/baseline.json")).resolved;
  const services = Object.keys(baseline.services).filter((s) => s !== "comment");
  const nodes = await page.locator("#graph svg g.node").count();
  const pathways = new Set([...baseline.cohorts.map((c) => c.pathway),
                            ...Object.keys(baseline.routes).filter((k) => /^P[0-9]$/.test(k))]);
  check(nodes === services.length + baseline.exits.length + pathways.size,
        `the graph has ${nodes} places, the scenario ${services.length} services, ${baseline.exits.length} exits and ` +
        `${pathways.size} pathways`);
  check(await page.locator('#graph g.node[data-node="step_down"] text.node-detail').textContent()
        .then((t) => t.includes(`${baseline.services.step_down.beds} beds`)), "step_down's capacity is not drawn");
  check(await page.locator("#form [data-pointer='/duration_days'] input").count() === 1, "no field for duration_days");

  step("run the baseline alone");
  await page.fill("#replications", replications);
  await page.fill("#seed", "3");
  const baseRun = await runAndWait(page);
  const baseSummary = await checkHeadline(page, baseRun);
  const before = await headlineRow(page, "baseline");

  step("switch on HART and run: the headline changes");
  await page.check('input[data-lever="hart.json"]');
  await page.waitForSelector('#graph g.node.added[data-node="hart"]');
  const hartRun = await runAndWait(page);
  const hartSummary = await checkHeadline(page, hartRun);
  const base = await headlineRow(page, "baseline");
  const hart = await headlineRow(page, "hart");
  check(base && hart, "the headline lacks baseline or hart");
  if (base && hart && before) {
    // Common random numbers: the base's replications are the same as in the first run.
    check(base.delayed_bed_days_per_year.value === before.delayed_bed_days_per_year.value,
          "the baseline's numbers changed between runs with the same seed");
    check(hart.delayed_bed_days_per_year.value < base.delayed_bed_days_per_year.value,
          "HART did not lower delayed bed days");
    check(hart.acute_bed_days_saved_per_year.low > 0, "HART's bed days saved are not above 0 with 95% confidence");
  }
  results.runs = { baseline: baseRun, hart: hartRun };
  results.delayed_bed_days_per_year = { baseline: before?.delayed_bed_days_per_year.value, hart: hart?.delayed_bed_days_per_year.value };
  check(baseSummary.replications === Number(replications) && hartSummary.seed === 3, "the run's replications or seed differ");
  await page.waitForFunction(() => {
    const frame = document.querySelector("iframe.report");
    const body = frame && frame.contentDocument && frame.contentDocument.body;
    return body && body.dataset.reportStatus;
  }, null, { timeout: 60000 });
  const report = page.frameLocator("iframe.report");
  check(await report.locator("body").getAttribute("data-report-status") === "ready", "the report's charts did not all render");
  check(await report.locator('#headline-table tr[data-scenario="hart"]').count() === 1, "the report lacks hart's row");
  const xlsx = await page.request.get(new URL(`/api/runs/${hartRun}/files/summary.xlsx?download=1`, origin).href);
  check(xlsx.ok() && (await xlsx.body()).subarray(0, 2).toString() === "PK", "summary.xlsx cannot be downloaded");
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(outDir, "workbench.png") });

  step("switch on every lever: each runs alone and all together, and each cuts delayed bed days");
  const levers = ["seven_day.json", "hart.json", "trusted_assessor.json", "home_first.json", "early_planning.json"];
  for (const lever of levers) await page.check(`input[data-lever="${lever}"]`);
  const everyRun = await runAndWait(page);
  const everySummary = await checkHeadline(page, everyRun);
  const names = (everySummary.scenarios || []).map((s) => s.scenario);
  check(names.length === levers.length + 2 && names[0] === "baseline",
        `with every lever on the run compared ${names.join(", ")}: want the baseline, each lever and all together`);
  const everyBase = await headlineRow(page, "baseline");
  const together = names[names.length - 1];
  let bestAlone = Infinity;
  for (const name of names.slice(1)) {
    const row = await headlineRow(page, name);
    check(row && everyBase && row.delayed_bed_days_per_year.value < everyBase.delayed_bed_days_per_year.value,
          `${name} did not lower delayed bed days`);
    if (row && name !== together) bestAlone = Math.min(bestAlone, row.delayed_bed_days_per_year.value);
  }
  check(together === "5_levers_together", `all the levers together are named ${together}`);
  const all = await headlineRow(page, together);
  check(all && all.delayed_bed_days_per_year.value < bestAlone,
        `all the levers together (${all?.delayed_bed_days_per_year.value}) did not beat the best alone (${bestAlone})`);
  results.runs.every_lever = everyRun;
  // Back to HART alone, which the steps below save and vary.
  for (const lever of levers) if (lever !== "hart.json") await page.uncheck(`input[data-lever="${lever}"]`);
  await page.waitForSelector('#graph g.node.added[data-node="hart"]');

  step("a wrong value gets the validator's message beside its field, and the run waits");
  await page.click("#form details[data-pointer='/services'] > summary");
  await page.click("#form details[data-pointer='/services/step_down'] > summary");
  const beds = page.locator("#form [data-pointer='/services/step_down/beds'] input");
  await beds.fill("0");
  await beds.dispatchEvent("change");
  const message = page.locator("#form [data-pointer='/services/step_down/beds'] .problem");
  await message.waitFor({ timeout: 10000 });
  check((await message.textContent()).startsWith("Expected "), `the message beside beds reads "${await message.textContent()}"`);
  check(await page.isDisabled("#run-button"), "the run button is not disabled while a value is wrong");
  await beds.fill(String(baseline.services.step_down.beds));
  await beds.dispatchEvent("change");
  await page.waitForSelector("#problems", { state: "hidden", timeout: 10000 });
  check(await message.count() === 0 && !(await page.isDisabled("#run-button")), "the message stayed after the fix");

  step("save: the JSON downloaded is the baseline with HART, as the CLI reads hart.json");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-button")]);
  const saved = JSON.parse(readFileSync(await download.path(), "utf8"));
  writeFileSync(join(outDir, "saved.json"), `${JSON.stringify(saved, null, 2)}\n`);
  const hartResolved = (await json("/api/scenarios/hart.json")).resolved;
  check(JSON.stringify(sortKeys(saved)) === JSON.stringify(sortKeys(hartResolved)),
        "the saved scenario differs from hart.json as the server resolves it");
  await page.fill("#save-name", "hart_from_the_page.json");
  await page.click("#save-button");
  await page.waitForFunction(() => /Saved as/.test(document.querySelector("#save-status").textContent), null, { timeout: 10000 });
  const stored = await json("/api/scenarios/hart_from_the_page.json");
  check(stored.problems.length === 0, `the saved file has problems: ${JSON.stringify(stored.problems)}`);

  step("drag the HART slots slider: the curve of delayed bed days and net cost");
  await page.selectOption("#curve-capacity", "/services/hart/slots");
  await page.fill("#curve-replications", "2");
  await page.evaluate(() => {
    const slider = document.querySelector("#curve-slider");
    slider.value = "12";
    slider.dispatchEvent(new Event("input", { bubbles: true }));
    slider.dispatchEvent(new Event("change", { bubbles: true }));
  });
  await page.waitForSelector("#curve[data-rendered='ok']", { timeout: 120000 });
  const curveRun = await page.getAttribute("#curve", "data-run");
  const curve = (await json(`/api/runs/${curveRun}`)).summary;
  check(curve.scenarios.length >= 5, `the curve has ${curve.scenarios.length - 1} points`);
  check(curve.scenarios.some((s) => s.scenario === "hart_slots_12"), "the curve lacks the slider's value");
  const lines = await page.locator("#curve svg g.mark-line path").count();
  check(lines === 2, `the curve has ${lines} lines, not 2`);
  check(await page.textContent("#curve-value") === "12", "the slider's value is not shown");
  results.curve_run = curveRun;
  await page.screenshot({ path: join(outDir, "workbench-full.png"), fullPage: true });

  step("open a scenario from this computer: the file just saved");
  await page.setInputFiles("#upload-input", join(outDir, "saved.json"));
  await page.waitForFunction(() => /from your computer/.test(document.querySelector("#scenario-status").textContent),
                             null, { timeout: 10000 });
  check(await page.locator('#graph g.node[data-node="hart"]').count() === 1, "the uploaded scenario's graph lacks hart");
  check(await page.inputValue("#form [data-pointer='/name'] input") === "hart", "the form does not hold the upload");
} catch (error) {
  fail(`journey stopped: ${error.stack || error.message}`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}

function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k])]));
}

results.failures = failures;
writeFileSync(join(outDir, "check.json"), `${JSON.stringify(results, null, 2)}\n`);
console.log(`screenshot: ${join(outDir, "workbench.png")}`);
if (failures.length) {
  for (const f of failures) console.error(`FAIL ${f}`);
  process.exit(1);
}
console.log("workbench journey passed");
