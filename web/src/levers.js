// Levers are the workspace's variants of the opened scenario (files whose "base" is it: seven-day
// working, HART, trusted assessor...). Switched on, each is applied to the scenario as the reader
// applies a variant; several together are applied one after another.
import { applyChanges, applyVariant, childPointer, clone, getPointer, isObject } from "./json_tools.js";

export function leversOf(scenarioList, file) {
  return scenarioList.filter((s) => s.base_file === file && s.file !== file && s.readable);
}

// A lever's variant with the page's own settings (a slider's value) appended as overrides.
export function withSettings(lever) {
  const overrides = [...(lever.doc.overrides || [])];
  for (const [pointer, value] of Object.entries(lever.settings || {})) overrides.push({ pointer, value });
  return { ...lever.doc, overrides };
}

// The scenarios a run compares: the base, each lever on its own, and all of them together when
// there are several. With no lever on, an edited base is compared with the file as it was.
export function scenariosToRun(base, original, levers) {
  if (!levers.length) {
    if (!original || JSON.stringify(original) === JSON.stringify(base)) return [base];
    const edited = clone(base);
    edited.name = fittedName(base.name, "_edited");
    return [original, edited];
  }
  const out = [base, ...levers.map((lever) => applyVariant(base, withSettings(lever)))];
  if (levers.length > 1) out.push(together(base, levers));
  return out;
}

// A scenario's name heads CSV rows and tables, so the schema holds it to 64 characters. A name
// made here keeps its suffix, which tells the rows apart, and shortens the stem before it.
const kLongestName = 64;
export function fittedName(stem, suffix) {
  return `${stem.slice(0, Math.max(1, kLongestName - suffix.length))}${suffix}`;
}

// All the levers together: their names joined while they fit (the five shipped levers' do not),
// otherwise their count; the description lists them all.
export function togetherName(levers) {
  const joined = levers.map((l) => l.doc.name).join("_and_");
  return joined.length <= kLongestName ? joined : `${levers.length}_levers_together`;
}

export function together(base, levers) {
  let doc = clone(base);
  for (const lever of levers) doc = applyChanges(doc, withSettings(lever));
  doc.name = togetherName(levers);
  doc.description = `Together: ${levers.map((l) => l.doc.name).join(", ")}`;
  delete doc.comment;
  return doc;
}

// The scenario with every lever that is on (what the graph draws and the curve varies).
export function withLevers(base, levers) {
  if (!levers.length) return base;
  return levers.length === 1 ? applyVariant(base, withSettings(levers[0])) : together(base, levers);
}

// Whole-number capacities of services that a slider can vary: integer properties of a service
// that scale with the population in its schema (a bridge's slots, which may be 0, a bed
// service's beds), wherever the schema gives them; a bed service's starting census is not a
// capacity. `owner` is the lever whose patch sets it, or null for the base's own.
export function capacities(schema, scenario, levers) {
  const out = [];
  const services = isObject(scenario.services) ? scenario.services : {};
  const servicesSchema = schema.resolve((schema.scenario().properties || {}).services || {});
  const serviceSchema = schema.resolve(servicesSchema.additionalProperties || {});
  for (const [name, service] of Object.entries(services)) {
    if (!isObject(service)) continue;
    const branch = schema.effective(serviceSchema, service);
    for (const [key, property] of Object.entries(branch.properties || {})) {
      const p = schema.resolve(property);
      if (p.type !== "integer" || p["x-homeward-scale"] !== "population" || key === "initial_occupied" ||
          typeof service[key] !== "number")
        continue;
      const pointer = childPointer(childPointer("/services", name), key);
      const owner = levers.find((l) => getPointer(l.doc.patch || {}, pointer) !== undefined ||
        (l.doc.overrides || []).some((o) => o.pointer === pointer)) || null;
      out.push({ service: name, key, pointer, value: service[key], minimum: p.minimum, maximum: p.maximum, owner,
                 description: p.description || "" });
    }
  }
  // The levers' capacities first: those are the questions a lever asks.
  return out.sort((a, b) => (a.owner ? 0 : 1) - (b.owner ? 0 : 1));
}

// The values a curve is drawn at: spread around the current value, within the schema's bounds.
export function curveValues(current, minimum, maximum) {
  const top = Math.min(maximum || Infinity, Math.max(current * 2, current + 4));
  const bottom = Math.max(minimum, Math.min(current, Math.round(current / 4)));
  const values = new Set([current]);
  for (let i = 0; i < 6; ++i) values.add(Math.round(bottom + ((top - bottom) * i) / 5));
  return [...values].filter((v) => v >= minimum && v <= (maximum || Infinity)).sort((a, b) => a - b);
}
