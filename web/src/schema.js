// Reading the scenario JSON Schema (`homeward schema`, draft 2020-12) the way the form needs it:
// $ref resolved, the branch of a oneOf that a value belongs to, a starting value for a new field.
// Nothing here knows a scenario key: every form comes from the schema the server sends.
import { isObject } from "./json_tools.js";

export class Schema {
  constructor(root) {
    this.root = root;
  }

  // The schema with its $ref followed; the referring schema's own keywords (often a more
  // specific description) win over the target's.
  resolve(schema) {
    let out = schema || {};
    const seen = new Set();
    while (out.$ref && !seen.has(out.$ref)) {
      seen.add(out.$ref);
      const target = this.lookup(out.$ref);
      const { $ref, ...own } = out;
      out = { ...target, ...own };
    }
    return out;
  }

  lookup(ref) {
    if (!ref.startsWith("#/")) return {};
    let at = this.root;
    for (const token of ref.slice(2).split("/")) at = at ? at[token.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined;
    return at || {};
  }

  // The schema of a complete scenario: the root's "else" (the root is scenario-or-variant).
  scenario() {
    return this.resolve(this.root.else || this.root);
  }

  branches(schema) {
    return (schema.oneOf || []).map((b) => this.resolve(b));
  }

  // For a oneOf of objects told apart by a property with a "const" (kind, dist, policy): that key.
  discriminator(schema) {
    const branches = this.branches(schema);
    if (!branches.length) return null;
    for (const key of Object.keys(branches[0].properties || {})) {
      if (branches.every((b) => b.properties && b.properties[key] && b.properties[key].const !== undefined)) return key;
    }
    return null;
  }

  // The branch of a oneOf that `value` is in (by its discriminator), or the first.
  branchOf(schema, value) {
    const branches = this.branches(schema);
    const key = this.discriminator(schema);
    if (key && isObject(value)) {
      const found = branches.find((b) => b.properties[key].const === value[key]);
      if (found) return found;
    }
    return branches[0] || {};
  }

  // The schema that describes `value` here: a oneOf's matching branch merged with the
  // oneOf's own keywords.
  effective(schema, value) {
    const s = this.resolve(schema);
    if (!s.oneOf) return s;
    const { oneOf, ...own } = s;
    const branch = this.branchOf(s, value);
    return { ...own, ...branch, description: branch.description || own.description };
  }

  type(schema) {
    if (schema.const !== undefined) return "const";
    if (schema.enum) return "enum";
    if (Array.isArray(schema.type)) return schema.type[0];
    if (schema.type) return schema.type;
    if (schema.properties || schema.additionalProperties) return "object";
    return "any";
  }

  // A starting value for a new field: const, the first choice, the lowest allowed number, and
  // objects with their required keys filled.
  initial(schemaIn) {
    const schema = this.effective(schemaIn, undefined);
    if (schema.default !== undefined) return schema.default;
    switch (this.type(schema)) {
      case "const": return schema.const;
      case "enum": return schema.enum[0];
      case "integer":
      case "number": {
        if (schema.minimum !== undefined) return Math.max(schema.minimum, 0);
        if (schema.exclusiveMinimum !== undefined) return schema.type === "integer" ? schema.exclusiveMinimum + 1 : Math.max(schema.exclusiveMinimum, 0) + 1;
        return 0;
      }
      case "boolean": return false;
      case "string": return schema.format === "date" ? "2018-04-01" : "";
      case "array": {
        const items = [];
        for (let i = 0; i < (schema.minItems || 0); ++i) items.push(this.initial(schema.items || {}));
        return items;
      }
      case "object": {
        const out = {};
        for (const key of schema.required || []) out[key] = this.initial((schema.properties || {})[key] || {});
        return out;
      }
      default: return null;
    }
  }

  // `value` with its objects' keys in the schema's order (then any others), for files people read.
  ordered(schemaIn, value) {
    const schema = this.effective(schemaIn, value);
    if (Array.isArray(value)) return value.map((v) => this.ordered(schema.items || {}, v));
    if (!isObject(value)) return value;
    const properties = schema.properties || {};
    const keys = [...Object.keys(properties).filter((k) => k in value),
                  ...Object.keys(value).filter((k) => !(k in properties))];
    const out = {};
    for (const key of keys) {
      const child = properties[key] || (isObject(schema.additionalProperties) ? schema.additionalProperties : {});
      out[key] = this.ordered(child, value[key]);
    }
    return out;
  }
}
