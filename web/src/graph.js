// The pathway graph of a scenario, drawn as SVG: pathways (P0-P3) at the top, services with
// their capacity, exits at the bottom; arrows are routes with their probabilities. dagre lays it
// out. Bridges and trusted assessors, which act for other services rather than lie on a route,
// are joined to them by dashed lines.
import dagre from "@dagrejs/dagre";

import { clear } from "./dom.js";
import { isObject } from "./json_tools.js";

const SVG = "http://www.w3.org/2000/svg";
const DAYS_A_WEEK = { weekdays: 5, weekend: 2, all: 7, Mon: 1, Tue: 1, Wed: 1, Thu: 1, Fri: 1, Sat: 1, Sun: 1 };
const number = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 });

function svg(tag, attributes = {}, text) {
  const element = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

// Starts a week a schedule allows (bank holidays aside), or null when it sets no quotas.
function startsPerWeek(schedule) {
  if (!Array.isArray(schedule)) return null;
  let total = 0;
  let quota = false;
  for (const rule of schedule) {
    if (!isObject(rule) || typeof rule.starts !== "number" || !Array.isArray(rule.days)) continue;
    quota = true;
    total += rule.starts * rule.days.reduce((n, d) => n + (DAYS_A_WEEK[d] || 0), 0);
  }
  return quota ? total : null;
}

function typicalDays(distribution) {
  if (!isObject(distribution)) return null;
  for (const key of ["mean", "value", "median"]) if (typeof distribution[key] === "number") return distribution[key];
  return null;
}

// One line saying how much the service can do; what a service kind lacks is left out.
export function capacityText(service) {
  if (!isObject(service)) return "";
  const parts = [];
  if (typeof service.beds === "number") parts.push(`${number.format(service.beds)} beds`);
  if (typeof service.slots === "number") parts.push(`${number.format(service.slots)} slots`);
  const starts = startsPerWeek(service.schedule);
  if (starts !== null) parts.push(`${number.format(starts)} starts a week`);
  if (typeof service.visits_capacity_per_day === "number") {
    parts.push(`${number.format(service.visits_capacity_per_day)} visits a day`);
  }
  if (service.kind === "delay") {
    const share = typeof service.probability === "number" ? service.probability : 1;
    const days = typicalDays(service.duration_days);
    parts.push(`${Math.round(share * 100)}% wait${days !== null ? ` ~${number.format(days)} d` : ""}`);
  }
  return parts.join(", ");
}

// Vertices and edges of the scenario's pathway graph, from its routes.
export function pathwayGraph(scenario) {
  const services = isObject(scenario.services) ? scenario.services : {};
  const routes = isObject(scenario.routes) ? scenario.routes : {};
  const nodes = new Map();
  const add = (id, kind, detail) => nodes.set(id, { id, kind, detail });
  for (const cohort of Array.isArray(scenario.cohorts) ? scenario.cohorts : []) {
    if (isObject(cohort) && typeof cohort.pathway === "string") add(cohort.pathway, "pathway", "");
  }
  for (const from of Object.keys(routes)) if (/^P[0-9]$/.test(from)) add(from, "pathway", "");
  for (const [name, service] of Object.entries(services)) {
    if (name === "comment" || !isObject(service)) continue;
    add(name, String(service.kind || "service"), capacityText(service));
  }
  for (const exit of Array.isArray(scenario.exits) ? scenario.exits : []) add(String(exit), "exit", "");
  const edges = [];
  for (const [from, list] of Object.entries(routes)) {
    if (!Array.isArray(list)) continue;
    for (const route of list) {
      if (!isObject(route) || !nodes.has(from) || !nodes.has(route.to)) continue;
      edges.push({ from, to: route.to, probability: route.probability, dashed: false });
    }
  }
  for (const [name, service] of Object.entries(services)) {
    if (!isObject(service)) continue;
    for (const target of Array.isArray(service.bridges) ? service.bridges : []) {
      if (nodes.has(target)) edges.push({ from: target, to: name, dashed: true, label: "bridged by" });
    }
    const assessor = isObject(service.trusted_assessor) ? service.trusted_assessor.service : null;
    if (assessor && nodes.has(assessor)) edges.push({ from: assessor, to: name, dashed: true, label: "assesses for" });
  }
  return { nodes: [...nodes.values()], edges };
}

// Draws the graph into `container`; services in `added` (names) are marked as a lever's.
export function drawPathway(container, scenario, added = new Set()) {
  const { nodes, edges } = pathwayGraph(scenario);
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: "TB", nodesep: 18, ranksep: 34, marginx: 8, marginy: 8 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) {
    const width = Math.max(n.id.length * 7.4, n.detail.length * 6.1, 64) + 18;
    g.setNode(n.id, { width, height: n.detail ? 40 : 26, node: n });
  }
  edges.forEach((e, i) => {
    const label = e.dashed ? "" : typeof e.probability === "number" && e.probability < 1 ? `${Math.round(e.probability * 100)}%` : "";
    // Dashed links do not order the layout: they would pull bridges into the route's ranks.
    g.setEdge(e.from, e.to, { edge: e, label, width: label ? 26 : 0, height: label ? 12 : 0, labelpos: "c",
                              weight: e.dashed ? 0 : 1 }, String(i));
  });
  dagre.layout(g);
  const { width, height } = g.graph();
  // Drawn at its own size (the panel scrolls sideways when it is wider): text stays readable.
  const root = svg("svg", { viewBox: `0 0 ${Math.ceil(width)} ${Math.ceil(height)}`, role: "img",
                            width: Math.ceil(width), height: Math.ceil(height),
                            class: "pathway", "aria-label": `Pathway graph: ${nodes.length} places, ${edges.length} links` });
  const defs = svg("defs");
  const marker = svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" });
  marker.appendChild(svg("path", { d: "M0,0 L10,5 L0,10 z", class: "arrowhead" }));
  defs.appendChild(marker);
  root.appendChild(defs);
  for (const id of g.edges()) {
    const { points: routed, edge, label, x, y } = g.edge(id);
    // A dashed link is not a route: drawn straight, from one end to the other.
    const points = edge.dashed ? [routed[0], routed[routed.length - 1]] : routed;
    const d = points.map((p, i) => `${i ? "L" : "M"}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(" ");
    const path = svg("path", { d, class: edge.dashed ? "edge dashed" : "edge", "marker-end": edge.dashed ? "" : "url(#arrow)" });
    path.appendChild(svg("title", {}, edge.dashed ? `${edge.from} ${edge.label} ${edge.to}` :
      `${edge.from} \u2192 ${edge.to}${typeof edge.probability === "number" ? `: ${Math.round(edge.probability * 1000) / 10}%` : ""}`));
    root.appendChild(path);
    if (label) root.appendChild(svg("text", { x, y: y + 4, class: "edge-label" }, label));
  }
  for (const id of g.nodes()) {
    const { x, y, width: w, height: h, node } = g.node(id);
    const group = svg("g", { class: `node ${node.kind}${added.has(node.id) ? " added" : ""}`, "data-node": node.id });
    group.appendChild(svg("rect", { x: x - w / 2, y: y - h / 2, width: w, height: h, rx: node.kind === "pathway" || node.kind === "exit" ? h / 2 : 4 }));
    group.appendChild(svg("text", { x, y: node.detail ? y - 3 : y + 4, class: "node-name" }, node.id));
    if (node.detail) group.appendChild(svg("text", { x, y: y + 12, class: "node-detail" }, node.detail));
    group.appendChild(svg("title", {}, `${node.id} (${node.kind})${node.detail ? `: ${node.detail}` : ""}`));
    root.appendChild(group);
  }
  clear(container).appendChild(root);
  return { nodes, edges };
}
