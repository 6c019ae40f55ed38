// Forms generated from the scenario JSON Schema: every key a scenario may have is a field, with
// its description as help, a select for a choice of values, checkboxes for a set of days, a
// choice of kind for services and distributions (oneOf), and buttons to add and remove optional
// values, list items and named entries. Edits change the document in place and call onChange.
// The validator's problems (JSON pointers) are shown beside the field they concern.
import { clear, h } from "./dom.js";
import { childPointer, getPointer, isObject, parentPointer, removePointer, setPointer } from "./json_tools.js";

let nextId = 0;
const newId = () => `field-${++nextId}`;

// "duration_days" -> "Duration days"; names are kept as they are written.
export function humanise(key) {
  const text = String(key).replace(/_/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export class SchemaForm {
  constructor(container, schema, onChange) {
    this.container = container;
    this.schema = schema;
    this.onChange = onChange;
    this.doc = null;
    this.open = new Set([""]); // pointers of the sections left open
  }

  setDocument(doc) {
    this.doc = doc;
    this.render();
  }

  changed() {
    this.onChange(this.doc);
  }

  // Structural edits (a field added or removed, a kind changed) draw the form again.
  restructure() {
    this.render();
    this.changed();
  }

  render() {
    const scroll = window.scrollY;
    clear(this.container);
    if (!this.doc) return;
    const root = this.schema.scenario();
    this.container.appendChild(this.objectBody(root, "", 0));
    window.scrollTo(0, scroll);
  }

  // ---- objects ----

  objectBody(schemaIn, pointer, depth) {
    const value = getPointer(this.doc, pointer);
    const schema = this.schema.effective(schemaIn, value);
    const body = h("div", { className: "object-body" });
    const properties = schema.properties || {};
    const key = this.schema.resolve(schemaIn).oneOf ? this.schema.discriminator(this.schema.resolve(schemaIn)) : null;
    if (key) body.appendChild(this.choiceOfKind(this.schema.resolve(schemaIn), pointer, key));
    const required = new Set(schema.required || []);
    const leaves = h("div", { className: "leaves" });
    const sections = h("div", { className: "sections" });
    const place = (element, isSection) => (isSection ? sections : leaves).appendChild(element);
    for (const [name, child] of Object.entries(properties)) {
      if (name === key || !isObject(value) || !(name in value)) continue;
      const childPointer_ = childPointer(pointer, name);
      const element = this.field(child, childPointer_, humanise(name), { removable: !required.has(name), depth });
      place(element, element.tagName === "DETAILS");
    }
    // Named entries (services, routes): keys the schema does not list.
    const extra = isObject(value) ? Object.keys(value).filter((k) => !(k in properties)) : [];
    const entries = isObject(schema.additionalProperties) ? schema.additionalProperties : null;
    for (const name of extra) {
      const childPointer_ = childPointer(pointer, name);
      if (entries) {
        const element = this.field(entries, childPointer_, name, { removable: true, depth, named: true });
        place(element, element.tagName === "DETAILS");
      } else {
        place(this.unknownKey(childPointer_, name), false);
      }
    }
    if (leaves.childNodes.length) body.appendChild(leaves);
    if (sections.childNodes.length) body.appendChild(sections);
    const adders = h("div", { className: "adders" });
    const missing = Object.keys(properties).filter((k) => k !== key && isObject(value) && !(k in value));
    if (missing.length) adders.appendChild(this.addOptional(properties, pointer, missing));
    if (entries) adders.appendChild(this.addNamed(schema, entries, pointer));
    if (adders.childNodes.length) body.appendChild(adders);
    return body;
  }

  // The select that chooses a oneOf's branch (a service's kind, a distribution).
  choiceOfKind(schema, pointer, key) {
    const id = newId();
    const value = getPointer(this.doc, pointer);
    const select = h("select", {
      id,
      onchange: () => {
        const branch = this.schema.branches(schema).find((b) => b.properties[key].const === select.value);
        // Keep what the new kind also has (reason, agency, comment...), start the rest afresh.
        const next = this.schema.initial(branch);
        for (const [k, v] of Object.entries(isObject(value) ? value : {})) {
          if (k !== key && branch.properties[k]) next[k] = v;
        }
        this.replace(pointer, next);
      },
    });
    for (const branch of this.schema.branches(schema)) {
      const option = h("option", { value: branch.properties[key].const }, `${branch.properties[key].const}`);
      if (branch.description) option.title = branch.description;
      if (isObject(value) && value[key] === branch.properties[key].const) option.selected = true;
      select.appendChild(option);
    }
    const branch = this.schema.branchOf(schema, value);
    return h("div", { className: "field kind", dataset: { pointer: childPointer(pointer, key) } },
      h("label", { for: id }, humanise(key)), select,
      branch.description ? h("p", { className: "help" }, branch.description) : null);
  }

  replace(pointer, value) {
    if (pointer === "") this.doc = value;
    else setPointer(this.doc, pointer, value);
    this.restructure();
  }

  addOptional(properties, pointer, missing) {
    const select = h("select", {
      "aria-label": "Add an optional value",
      onchange: () => {
        if (!select.value) return;
        const name = select.value;
        setPointer(this.doc, childPointer(pointer, name), this.schema.initial(properties[name]));
        this.open.add(childPointer(pointer, name));
        this.restructure();
      },
    }, h("option", { value: "" }, "Add an optional value\u2026"));
    for (const name of missing) {
      const description = this.schema.resolve(properties[name]).description;
      select.appendChild(h("option", { value: name, title: description || "" }, humanise(name)));
    }
    return select;
  }

  addNamed(schema, entries, pointer) {
    const input = h("input", { type: "text", placeholder: "name", "aria-label": "Name of the new entry", size: 14 });
    const pattern = schema.propertyNames ? this.schema.resolve(schema.propertyNames).pattern : null;
    const message = h("span", { className: "hint", role: "status" });
    const add = () => {
      const name = input.value.trim();
      const value = getPointer(this.doc, pointer);
      if (!name || (pattern && !new RegExp(pattern).test(name))) {
        message.textContent = "Names are lower-case letters, digits and _, starting with a letter.";
        return;
      }
      if (isObject(value) && name in value) {
        message.textContent = `${name} exists already.`;
        return;
      }
      setPointer(this.doc, childPointer(pointer, name), this.schema.initial(entries));
      this.open.add(childPointer(pointer, name));
      this.restructure();
    };
    return h("span", { className: "add-named" }, input, h("button", { type: "button", onclick: add }, "Add"), message);
  }

  unknownKey(pointer, name) {
    return h("div", { className: "field", dataset: { pointer } },
      h("div", { className: "field-head" }, h("span", { className: "label" }, name), this.removeButton(pointer, name)),
      h("code", {}, JSON.stringify(getPointer(this.doc, pointer))));
  }

  removeButton(pointer, label) {
    return h("button", {
      type: "button", className: "remove", title: `Remove ${label}`, "aria-label": `Remove ${label}`,
      onclick: () => {
        removePointer(this.doc, pointer);
        this.restructure();
      },
    }, "\u00d7");
  }

  removeSection(pointer, label) {
    return h("button", {
      type: "button", className: "remove-section",
      onclick: () => {
        removePointer(this.doc, pointer);
        this.restructure();
      },
    }, `Remove ${label}`);
  }

  // ---- any field ----

  field(schemaIn, pointer, label, { removable = false, depth = 0, named = false } = {}) {
    const value = getPointer(this.doc, pointer);
    const schema = this.schema.effective(schemaIn, value);
    const type = this.schema.type(schema);
    if (type === "object" && (isObject(value) || value === undefined)) return this.section(schemaIn, schema, pointer, label, removable, depth, named);
    if (type === "array" && Array.isArray(value)) {
      const items = this.schema.resolve(schema.items || {});
      if (items.enum && schema.uniqueItems) return this.checkboxes(schema, items, pointer, label, removable);
      return this.list(schema, pointer, label, removable, depth);
    }
    return this.leaf(schema, pointer, label, removable);
  }

  section(schemaIn, schema, pointer, label, removable, depth, named) {
    const details = h("details", { className: "section", dataset: { pointer } });
    if (this.open.has(pointer)) details.open = true;
    details.addEventListener("toggle", () => (details.open ? this.open.add(pointer) : this.open.delete(pointer)));
    const value = getPointer(this.doc, pointer);
    const kindKey = this.schema.resolve(schemaIn).oneOf ? this.schema.discriminator(this.schema.resolve(schemaIn)) : null;
    const kind = kindKey && isObject(value) ? ` (${value[kindKey]})` : "";
    details.appendChild(h("summary", {}, h("span", { className: named ? "name" : "" }, label), kind));
    // A choice of kind carries its own description beside the choice.
    if (schema.description && !kindKey) details.appendChild(h("p", { className: "help" }, schema.description));
    // Drawn when first opened: a scenario has hundreds of values.
    const fill = () => {
      if (details.dataset.filled) return;
      details.dataset.filled = "1";
      details.appendChild(this.objectBody(schemaIn, pointer, depth + 1));
      // Removing a whole section is asked for inside it, where it cannot be clicked by accident.
      if (removable) details.appendChild(this.removeSection(pointer, label));
    };
    if (details.open) fill();
    else details.addEventListener("toggle", fill, { once: true });
    return details;
  }

  checkboxes(schema, items, pointer, label, removable) {
    const chosen = new Set(getPointer(this.doc, pointer));
    const group = h("fieldset", { className: "field days", dataset: { pointer } }, h("legend", {}, label));
    for (const option of items.enum) {
      const box = h("input", {
        type: "checkbox", checked: chosen.has(option),
        onchange: () => {
          const now = new Set(getPointer(this.doc, pointer));
          if (box.checked) now.add(option);
          else now.delete(option);
          setPointer(this.doc, pointer, items.enum.filter((o) => now.has(o)));
          this.changed();
        },
      });
      group.appendChild(h("label", { className: "day" }, box, option));
    }
    if (removable) group.appendChild(this.removeButton(pointer, label));
    if (schema.description) group.appendChild(h("p", { className: "help" }, schema.description));
    return group;
  }

  list(schema, pointer, label, removable, depth) {
    const details = h("details", { className: "section list", dataset: { pointer } });
    if (this.open.has(pointer)) details.open = true;
    details.addEventListener("toggle", () => (details.open ? this.open.add(pointer) : this.open.delete(pointer)));
    const items = getPointer(this.doc, pointer);
    details.appendChild(h("summary", {}, label, h("span", { className: "count" }, ` (${items.length})`)));
    if (schema.description) details.appendChild(h("p", { className: "help" }, schema.description));
    const body = h("div", { className: "object-body" });
    items.forEach((item, i) => {
      const title = isObject(item) ? item.name || item.to || item.cohort || (Array.isArray(item.days) ? item.days.join(", ") : `${i + 1}`) : `${i + 1}`;
      body.appendChild(this.field(schema.items || {}, childPointer(pointer, i), String(title),
                                  { removable: true, depth: depth + 1 }));
    });
    body.appendChild(h("button", {
      type: "button", className: "add",
      onclick: () => {
        setPointer(this.doc, childPointer(pointer, "-"), this.schema.initial(schema.items || {}));
        this.open.add(pointer);
        this.open.add(childPointer(pointer, items.length));
        this.restructure();
      },
    }, `Add to ${label.toLowerCase()}`));
    if (removable) body.appendChild(this.removeSection(pointer, label));
    details.appendChild(body);
    return details;
  }

  leaf(schema, pointer, label, removable) {
    const id = newId();
    const value = getPointer(this.doc, pointer);
    const type = this.schema.type(schema);
    const set = (v) => {
      setPointer(this.doc, pointer, v);
      this.changed();
    };
    let input;
    if (type === "const") {
      input = h("input", { id, type: "text", value: String(schema.const), readonly: true });
    } else if (type === "enum") {
      input = h("select", { id, onchange: () => set(JSON.parse(input.value)) });
      const options = schema.enum.includes(value) || value === undefined ? schema.enum : [value, ...schema.enum];
      for (const option of options) {
        input.appendChild(h("option", { value: JSON.stringify(option), selected: option === value }, String(option)));
      }
    } else if (type === "boolean") {
      input = h("input", { id, type: "checkbox", checked: value === true, onchange: () => set(input.checked) });
    } else if (type === "integer" || type === "number") {
      input = h("input", {
        id, type: "number", inputmode: "decimal", value: typeof value === "number" ? String(value) : "",
        step: type === "integer" ? 1 : "any", min: schema.minimum, max: schema.maximum,
        onchange: () => set(input.value.trim() === "" ? null : Number(input.value)),
      });
    } else if (type === "string") {
      const long = String(value || "").length > 60 || pointer.endsWith("/comment") || pointer.endsWith("/description");
      const attributes = { id, value: typeof value === "string" ? value : JSON.stringify(value), onchange: () => set(input.value) };
      input = long ? h("textarea", { ...attributes, rows: 2 })
                   : h("input", { ...attributes, type: schema.format === "date" ? "date" : "text" });
    } else {
      // Any JSON (an override's value): edited as JSON text.
      input = h("textarea", {
        id, rows: 2, value: JSON.stringify(value),
        onchange: () => {
          try {
            set(JSON.parse(input.value));
            input.setCustomValidity("");
          } catch {
            input.setCustomValidity("Not valid JSON");
            input.reportValidity();
          }
        },
      });
    }
    const wide = input.tagName === "TEXTAREA";
    return h("div", { className: `field${wide ? " wide" : ""}`, dataset: { pointer } },
      h("div", { className: "field-head" }, h("label", { for: id, title: schema.description || "" }, label),
        removable ? this.removeButton(pointer, label) : null),
      input,
      schema.description && !wide ? h("p", { className: "help" }, schema.description) : null);
  }

  // ---- problems ----

  // Shows each problem beside the nearest field of its pointer (opening the sections it is in);
  // returns how many were shown.
  showProblems(problems) {
    for (const old of this.container.querySelectorAll(".problem")) old.remove();
    for (const old of this.container.querySelectorAll(".has-problem")) old.classList.remove("has-problem");
    let shown = 0;
    for (const p of problems) {
      const target = this.nearest(p.pointer);
      if (!target) continue;
      target.classList.add("has-problem");
      const text = p.expected ? `Expected ${p.expected}${p.found ? `, found ${p.found}` : ""}` : p.found;
      const note = h("p", { className: "problem", role: "alert", dataset: { pointer: p.pointer } }, text);
      if (target.tagName === "DETAILS") target.insertBefore(note, target.children[1] || null);
      else target.appendChild(note);
      for (let at = target; at && at !== this.container; at = at.parentElement) {
        if (at.tagName === "DETAILS" && !at.open) {
          at.open = true;
          at.dispatchEvent(new Event("toggle"));
        }
      }
      ++shown;
    }
    return shown;
  }

  // The element of `pointer`, or of its nearest ancestor that is drawn (sections fill when opened).
  nearest(pointer) {
    const chain = [];
    for (let p = pointer; ; p = parentPointer(p)) {
      chain.unshift(p);
      if (p === "") break;
    }
    let found = this.container;
    for (const p of chain) {
      if (p === "") continue;
      let element = this.container.querySelector(`[data-pointer="${CSS.escape(p)}"]`);
      if (!element) {
        // Open the section found so far so its fields are drawn, then look again.
        if (found.tagName === "DETAILS" && !found.open) {
          found.open = true;
          found.dispatchEvent(new Event("toggle"));
          element = this.container.querySelector(`[data-pointer="${CSS.escape(p)}"]`);
        }
        if (!element) return found;
      }
      found = element;
    }
    return found;
  }
}
