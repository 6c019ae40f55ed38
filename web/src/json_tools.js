// JSON helpers with the semantics of homeward's scenario reader (sim/io/scenario_reader.h):
// RFC 6901 pointers, RFC 7396 merge patches, and applying a variant ("base" + "patch" +
// "overrides") to its resolved base.

export const clone = (value) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

export function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

export function deepEqual(a, b) {
  return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
}

function sorted(value) {
  if (Array.isArray(value)) return value.map(sorted);
  if (!isObject(value)) return value;
  const out = {};
  for (const key of Object.keys(value).sort()) out[key] = sorted(value[key]);
  return out;
}

// "/services/home care~1x" <-> ["services", "home care/x"]
export function pointerTokens(pointer) {
  if (pointer === "") return [];
  return pointer.slice(1).split("/").map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
}

export function childPointer(pointer, key) {
  return `${pointer}/${String(key).replace(/~/g, "~0").replace(/\//g, "~1")}`;
}

export function parentPointer(pointer) {
  const at = pointer.lastIndexOf("/");
  return at <= 0 ? "" : pointer.slice(0, at);
}

export function getPointer(doc, pointer) {
  let at = doc;
  for (const token of pointerTokens(pointer)) {
    if (at === null || typeof at !== "object") return undefined;
    at = Array.isArray(at) ? at[Number(token)] : at[token];
  }
  return at;
}

// Sets the value at `pointer`, whose parent must exist (in an array the last token may be an
// index or "-" to append), as the reader applies overrides. Returns false when it cannot.
export function setPointer(doc, pointer, value) {
  const tokens = pointerTokens(pointer);
  if (!tokens.length) return false;
  const parent = getPointer(doc, parentPointer(pointer));
  const last = tokens[tokens.length - 1];
  if (Array.isArray(parent)) {
    if (last === "-") parent.push(value);
    else if (/^(0|[1-9][0-9]*)$/.test(last) && Number(last) <= parent.length) parent[Number(last)] = value;
    else return false;
    return true;
  }
  if (!isObject(parent)) return false;
  parent[last] = value;
  return true;
}

export function removePointer(doc, pointer) {
  const parent = getPointer(doc, parentPointer(pointer));
  const tokens = pointerTokens(pointer);
  const last = tokens[tokens.length - 1];
  if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else if (isObject(parent)) delete parent[last];
}

// RFC 7396: objects merge, null deletes a key, anything else (arrays too) replaces.
export function mergePatch(target, patch) {
  if (!isObject(patch)) return clone(patch);
  const out = isObject(target) ? clone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

// A variant's changes applied to a document: its patch, then its overrides in order.
export function applyChanges(doc, variant) {
  let out = variant.patch !== undefined ? mergePatch(doc, variant.patch) : clone(doc);
  for (const o of variant.overrides || []) {
    if (!setPointer(out, o.pointer, clone(o.value))) throw new Error(`${variant.name}: cannot set ${o.pointer}`);
  }
  return out;
}

// What the reader makes of a variant over `base` (already resolved): the base's description and
// comment dropped, the variant's name, description and comment set, then its changes.
export function applyVariant(base, variant) {
  const doc = clone(base);
  delete doc.description;
  delete doc.comment;
  doc.name = variant.name;
  if (variant.description !== undefined) doc.description = variant.description;
  if (variant.comment !== undefined) doc.comment = variant.comment;
  return applyChanges(doc, variant);
}
