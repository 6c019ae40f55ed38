// The workbench page of `homeward serve`: open a scenario, switch levers on, edit any value,
// run a comparison, read the headline and the report, draw a capacity curve, save. It talks
// only to its own server (docs/api.md).
import { ApiError, api, runAndWait } from "./api.js";
import { curvePoints, drawCurve } from "./curve.js";
import { append, byId, clear, h } from "./dom.js";
import { drawPathway } from "./graph.js";
import { clone, getPointer, setPointer } from "./json_tools.js";
import { capacities, curveValues, fittedName, leversOf, scenariosToRun, withLevers } from "./levers.js";
import { showResults } from "./results.js";
import { Schema } from "./schema.js";
import { SchemaForm, humanise } from "./schema_form.js";
import { layout } from "./layout.js";

const REQUEST_LABEL = "scenarios/request-scenario-1.json"; // how the server labels a posted document

const state = {
  schema: null,
  info: null,
  list: [],
  file: null, // the opened workspace file; null for an uploaded one
  title: "",
  original: null, // the scenario as opened
  base: null, // as edited
  levers: [], // {file, doc, on, settings}
  running: null, // {cancel: bool}
  curve: null, // {capacity, values, points} of the last curve drawn
};
let form = null;

const onLevers = () => state.levers.filter((l) => l.on && l.doc);

function setStatus(id, text, kind = "") {
  const element = byId(id);
  element.textContent = text;
  element.className = `status ${kind}`;
}

function failure(error) {
  return error instanceof ApiError ? error.message : `Something went wrong: ${error.message}`;
}

// ---- opening ----

async function refreshList() {
  state.list = await api.scenarios();
  const select = clear(byId("scenario-select"));
  const plain = state.list.filter((s) => !s.base_file);
  const variants = state.list.filter((s) => s.base_file);
  const option = (s) => h("option", { value: s.file, title: s.description || "" },
    `${s.name || s.file}${s.description ? ` \u2014 ${s.description}` : ""}`);
  append(select, [h("optgroup", { label: "Scenarios" }, plain.map(option)),
                  variants.length ? h("optgroup", { label: "Variants (each a base with changes)" }, variants.map(option)) : null]);
  if (state.file) select.value = state.file;
}

async function openFile(file) {
  setStatus("scenario-status", `Opening ${file}\u2026`);
  try {
    const read = await api.scenario(file);
    if (!read.resolved) {
      showProblems(read.problems, `${file} cannot be opened`);
      setStatus("scenario-status", `${file} cannot be opened: see the problems.`, "bad");
      return;
    }
    state.file = file;
    state.title = file;
    const levers = leversOf(state.list, file).map((s) => ({ file: s.file, name: s.name, description: s.description,
                                                             doc: null, on: false, settings: {} }));
    await Promise.all(levers.map(async (lever) => {
      lever.doc = (await api.scenario(lever.file)).document;
    }));
    openDocument(read.resolved, levers);
    showProblems(read.problems);
  } catch (error) {
    setStatus("scenario-status", failure(error), "bad");
  }
}

function openDocument(resolved, levers) {
  state.original = clone(resolved);
  state.base = clone(resolved);
  state.levers = levers;
  state.curve = null;
  byId("save-name").value = `${resolved.name || "scenario"}_copy.json`.replace(/[^A-Za-z0-9_.-]/g, "_");
  form.setDocument(state.base);
  drawLevers();
  scenarioChanged();
  clear(byId("curve"));
  setStatus("curve-status", "");
}

async function upload(fileObject) {
  try {
    const text = await fileObject.text();
    let doc;
    try {
      doc = JSON.parse(text);
    } catch (error) {
      setStatus("scenario-status", `${fileObject.name} is not JSON: ${error.message}`, "bad");
      return;
    }
    const checked = await api.validate(doc);
    if (!checked.resolved) {
      showProblems(checked.problems, `${fileObject.name} cannot be opened`);
      return;
    }
    state.file = null;
    state.title = `${fileObject.name} (from your computer)`;
    openDocument(checked.resolved, []);
    showProblems(checked.problems);
  } catch (error) {
    setStatus("scenario-status", failure(error), "bad");
  }
}

// ---- levers ----

function drawLevers() {
  const holder = clear(byId("levers"));
  if (!state.levers.length) {
    holder.appendChild(h("p", { className: "note" }, "No variants of this scenario in the workspace. A variant is a " +
      "file with a \"base\" naming this one; save one and it appears here."));
    return;
  }
  for (const lever of state.levers) {
    const id = `lever-${lever.file}`;
    const box = h("input", { type: "checkbox", id, checked: lever.on, dataset: { lever: lever.file },
      onchange: () => {
        lever.on = box.checked;
        scenarioChanged();
      } });
    holder.appendChild(h("div", { className: "lever" }, box,
      h("label", { for: id }, h("strong", {}, humanise(lever.name || lever.file)),
        lever.description ? h("span", { className: "help", title: lever.description }, lever.description) : null)));
  }
}

// ---- the scenario changed (opened, edited, a lever switched) ----

let validateTimer = null;
function scenarioChanged() {
  const edited = JSON.stringify(state.base) !== JSON.stringify(state.original);
  const on = onLevers();
  setStatus("scenario-status", `${state.title}${edited ? " (edited)" : ""}${on.length ? ` with ${on.map((l) => l.name).join(", ")}` : ""}`);
  try {
    const shown = withLevers(state.base, on);
    const added = new Set(Object.keys(shown.services || {}).filter((s) => !(s in (state.base.services || {}))));
    drawPathway(byId("graph"), shown, added);
  } catch (error) {
    clear(byId("graph")).appendChild(h("p", { className: "note" }, `The graph cannot be drawn yet: ${error.message}`));
  }
  drawCapacities();
  clearTimeout(validateTimer);
  validateTimer = setTimeout(validate, 350);
}

let validations = 0;
async function validate() {
  const mine = ++validations;
  try {
    const checked = await api.validate(state.base);
    if (mine !== validations) return; // a later edit's answer is on its way
    showProblems(checked.problems);
  } catch (error) {
    setStatus("scenario-status", failure(error), "bad");
  }
}

// The validator's problems: beside their fields when they are in the document being edited, and
// all of them in the list at the top.
function showProblems(problems, heading) {
  const panel = byId("problems");
  const mine = problems.filter((p) => p.file === REQUEST_LABEL || p.file === `scenarios/${state.file}`);
  form.showProblems(mine);
  clear(panel);
  panel.hidden = problems.length === 0;
  byId("run-button").disabled = problems.length > 0;
  if (!problems.length) return;
  panel.appendChild(h("h2", {}, heading || (problems.length === 1 ? "1 value needs attention before a run"
                                                                   : `${problems.length} values need attention before a run`)));
  panel.appendChild(h("ul", {}, problems.map((p) => h("li", {},
    p.pointer ? h("code", {}, p.pointer) : null, p.pointer ? ": " : "",
    p.expected ? `expected ${p.expected}${p.found ? `, found ${p.found}` : ""}` : p.found,
    p.file !== REQUEST_LABEL ? h("span", { className: "help" }, ` (in ${p.file}${p.note ? `, ${p.note}` : ""})`) : null))));
}

// ---- running ----

async function run() {
  const docs = scenariosToRun(state.base, state.original, onLevers());
  const request = { scenarios: docs, replications: Number(byId("replications").value), seed: Number(byId("seed").value) };
  state.running = { cancel: false };
  byId("run-button").disabled = true;
  byId("cancel-button").hidden = false;
  const progress = byId("run-progress");
  progress.value = 0;
  try {
    const status = await runAndWait(request, (s) => {
      progress.value = s.progress;
      setStatus("run-status", s.state === "queued" ? "Waiting for another run to finish\u2026"
        : `Running ${docs.length === 1 ? "1 scenario" : `${docs.length} scenarios`}: ${Math.round(s.progress * 100)}%`);
    }, { cancelled: () => state.running.cancel });
    if (status.state === "done") {
      setStatus("run-status", `Done: ${status.scenarios.join(", ")}, ${status.replications} replications each.`, "good");
      showResults(byId("results"), status);
      byId("results-panel").dataset.run = status.id;
    } else {
      setStatus("run-status", `The run ${status.state === "cancelled" ? "was cancelled" : `failed: ${status.error}`}.`, "bad");
    }
  } catch (error) {
    if (error instanceof ApiError && error.body && error.body.problems) {
      // Problems of the base go beside its fields; those of a lever's scenario are listed under its name.
      const named = (p) => (p.scenario === 0 ? REQUEST_LABEL : p.scenario === null ? "the request" : `the scenario ${docs[p.scenario].name}`);
      showProblems(error.body.problems.map((p) => ({ ...p, file: named(p) })), "The run was refused");
    }
    setStatus("run-status", failure(error), "bad");
  } finally {
    state.running = null;
    byId("run-button").disabled = !byId("problems").hidden;
    byId("cancel-button").hidden = true;
  }
}

// ---- the capacity curve ----

function drawCapacities() {
  const on = onLevers();
  const select = byId("curve-capacity");
  const previous = select.value;
  const found = state.base ? capacities(state.schema, withLevers(state.base, on), on) : [];
  clear(select);
  for (const c of found) {
    select.appendChild(h("option", { value: c.pointer, title: c.description },
      `${humanise(c.service)}: ${c.key}${c.owner ? ` (${c.owner.name})` : ""}`));
  }
  if (found.some((c) => c.pointer === previous)) select.value = previous;
  byId("curve-controls").hidden = found.length === 0;
  byId("curve-empty").hidden = found.length > 0;
  updateSlider(found);
}

function selectedCapacity(found) {
  return (found || capacities(state.schema, withLevers(state.base, onLevers()), onLevers()))
    .find((c) => c.pointer === byId("curve-capacity").value);
}

function updateSlider(found) {
  const c = selectedCapacity(found);
  if (!c) return;
  const slider = byId("curve-slider");
  slider.min = c.minimum;
  slider.max = Math.min(c.maximum || Infinity, Math.max(c.value * 3, c.value + 10));
  slider.value = c.value;
  byId("curve-value").textContent = String(c.value);
}

// The slider's value goes where the capacity lives: the lever's settings or the base itself.
function setCapacity(c, value) {
  if (c.owner) c.owner.settings[c.pointer] = value;
  else {
    setPointer(state.base, c.pointer, value);
    form.render();
  }
}

async function drawCapacityCurve() {
  const c = selectedCapacity();
  if (!c) return;
  const value = Number(byId("curve-slider").value);
  setCapacity(c, value);
  scenarioChanged();
  const on = onLevers();
  const values = curveValues(value, c.minimum, Number(byId("curve-slider").max));
  const reference = state.base;
  const scenarios = [reference, ...values.map((v) => {
    const doc = withLevers(state.base, on);
    setPointer(doc, c.pointer, v);
    doc.name = fittedName(`${c.service}_${c.key}`.replace(/[^a-z0-9_]/g, "_"), `_${v}`);
    delete doc.description;
    return doc;
  })];
  const replications = Math.max(2, Math.min(Number(byId("curve-replications").value) || 20, state.info.limits.max_replications));
  setStatus("curve-status", `Running ${values.length} values of ${c.key} against ${reference.name}, ${replications} replications each\u2026`);
  try {
    const status = await runAndWait({ scenarios, replications, seed: Number(byId("seed").value) }, (s) => {
      byId("curve-progress").value = s.progress;
    });
    if (status.state !== "done") throw new Error(`the curve's run ${status.state}${status.error ? `: ${status.error}` : ""}`);
    const points = curvePoints(status.summary, values);
    state.curve = { capacity: c.pointer, values, points };
    await drawCurve(byId("curve"), points, value, `${humanise(c.service)} ${c.key}`);
    byId("curve").dataset.run = status.id;
    setStatus("curve-status", `Each point: ${replications} replications with common random numbers against ` +
      `${reference.name}; bands are 95% confidence intervals. The dashed line is the value the run will use.`, "good");
  } catch (error) {
    setStatus("curve-status", failure(error), "bad");
  }
}

// ---- saving ----

function scenarioToSave() {
  const doc = withLevers(state.base, onLevers());
  return `${JSON.stringify(state.schema.ordered(state.schema.scenario(), doc), null, 2)}\n`;
}

async function save(replace) {
  const name = byId("save-name").value.trim();
  const text = scenarioToSave();
  try {
    const saved = await api.save(name, text, replace);
    setStatus("save-status", `Saved as scenarios/${saved.file}${saved.problems.length ? ` (with ${saved.problems.length} problems to fix)` : ""}.`, "good");
    byId("replace-button").hidden = true;
    await refreshList();
  } catch (error) {
    if (error instanceof ApiError && error.status === 409) {
      setStatus("save-status", `${name} exists already.`, "bad");
      byId("replace-button").hidden = false;
    } else {
      setStatus("save-status", failure(error), "bad");
    }
  }
}

function download() {
  const text = scenarioToSave();
  const name = JSON.parse(text).name || "scenario";
  const link = h("a", { href: URL.createObjectURL(new Blob([text], { type: "application/json" })), download: `${name}.json` });
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

// ---- start ----

async function start() {
  byId("app").appendChild(layout());
  try {
    const [info, schema] = await Promise.all([api.info(), api.schema()]);
    state.info = info;
    state.schema = new Schema(schema);
    byId("workspace").textContent = info.workspace;
    byId("replications").max = info.limits.max_replications;
    form = new SchemaForm(byId("form"), state.schema, (doc) => {
      state.base = doc;
      scenarioChanged();
    });
    await refreshList();
    byId("scenario-select").addEventListener("change", (e) => openFile(e.target.value));
    byId("upload-button").addEventListener("click", () => byId("upload-input").click());
    byId("upload-input").addEventListener("change", (e) => e.target.files[0] && upload(e.target.files[0]));
    byId("run-button").addEventListener("click", run);
    byId("cancel-button").addEventListener("click", () => state.running && (state.running.cancel = true));
    byId("save-button").addEventListener("click", () => save(false));
    byId("replace-button").addEventListener("click", () => save(true));
    byId("download-button").addEventListener("click", download);
    byId("curve-capacity").addEventListener("change", () => updateSlider());
    byId("curve-slider").addEventListener("input", (e) => (byId("curve-value").textContent = e.target.value));
    byId("curve-slider").addEventListener("change", drawCapacityCurve);
    byId("curve-button").addEventListener("click", drawCapacityCurve);
    // First the scenario with the most levers: the one the workspace's variants are written against.
    const levers = (s) => state.list.filter((v) => v.base_file === s.file).length;
    const first = [...state.list].filter((s) => !s.base_file).sort((a, b) => levers(b) - levers(a))[0] || state.list[0];
    if (first) await openFile(first.file);
    document.body.dataset.ready = "1";
  } catch (error) {
    document.body.dataset.ready = "error";
    setStatus("scenario-status", failure(error), "bad");
  }
}

start();

// For the browser test and the curious: the state, read-only in spirit.
window.homeward = { state, getPointer };
