// The names the workbench gives the scenarios it makes (web/src/levers.js): a lever
// alone, all the levers together, an edited base, a point of the capacity curve. Each
// must pass the schema's scenario_name pattern (scenarios/scenario.schema.json), or the
// server refuses the whole run: with the five shipped levers on, the joined name was 74
// characters and no run could start. Run by ctest (web.LeverScenarioNames) with Node's
// own test runner: node --test web/test/levers.test.mjs
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import { fittedName, scenariosToRun, togetherName } from "../src/levers.js";

const scenarios = new URL("../../scenarios/", import.meta.url);
const read = (file) => JSON.parse(readFileSync(fileURLToPath(new URL(file, scenarios)), "utf8"));
const schema = read("scenario.schema.json");
const namePattern = new RegExp(schema.$defs.scenario_name.pattern);
const shippedLevers = ["seven_day.json", "hart.json", "trusted_assessor.json", "home_first.json", "early_planning.json"];

function assertNamesFit(docs) {
  const names = docs.map((d) => d.name);
  for (const name of names) assert.match(name, namePattern, `"${name}" (${name.length} characters)`);
  assert.equal(new Set(names).size, names.length, `names repeat: ${names.join(", ")}`);
}

test("every shipped lever on: the base, each lever and all together have names the server takes", () => {
  const base = read("baseline.json");
  const levers = shippedLevers.map((file) => ({ doc: read(file), settings: {} }));
  for (const lever of levers) assert.equal(lever.doc.base, "baseline.json");
  const docs = scenariosToRun(base, base, levers);
  assert.equal(docs.length, levers.length + 2);
  assertNamesFit(docs);
  assert.equal(docs.at(-1).name, "5_levers_together");
  assert.match(docs.at(-1).description, /seven_day, hart, trusted_assessor, home_first, early_planning/);
});

test("two levers together keep their joined names", () => {
  const levers = [{ doc: { name: "hart" } }, { doc: { name: "seven_day" } }];
  assert.equal(togetherName(levers), "hart_and_seven_day");
});

test("an edited base with the longest name a scenario may have", () => {
  const original = { ...read("baseline.json"), name: "A".repeat(64) };
  const edited = { ...original, duration_days: original.duration_days + 1 };
  const docs = scenariosToRun(edited, original, []);
  assertNamesFit(docs);
  assert.match(docs[1].name, /_edited$/);
});

test("a curve point keeps its value when the service's name is long", () => {
  const stem = `${"residential_home_search".repeat(3)}_beds`;
  const names = [4, 40, 400].map((v) => fittedName(stem, `_${v}`));
  for (const name of names) assert.ok(name.length <= 64 && namePattern.test(name), name);
  assert.deepEqual(names.map((n) => n.split("_").at(-1)), ["4", "40", "400"]);
});
