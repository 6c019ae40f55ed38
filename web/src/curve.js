// The capacity curve: delayed bed days a year and the net cost a year against the base, each
// with its 95% band, at several values of one capacity (e.g. HART slots), from one compare with
// common random numbers. Drawn with Vega-Lite (vegaEmbed, inlined in the page).

const embedOptions = {
  renderer: "svg",
  actions: false,
  ast: true, // Vega's expression interpreter: no eval, so the page's policy needs no 'unsafe-eval'
  formatLocale: { decimal: ".", thousands: ",", grouping: [3], currency: ["\u00a3", ""], minus: "\u2212" },
};

// The curve's points from a compare's summary: scenario 0 is the base, then one per value.
export function curvePoints(summary, values) {
  return values.map((value, i) => {
    const sc = summary.scenarios[i + 1];
    const year = 365 / sc.duration_days;
    const delayed = sc.measures.delayed_bed_days;
    const cost = summary.differences[sc.scenario].cost_total;
    return {
      value,
      delayed: delayed.mean * year, delayed_low: delayed.ci95[0] * year, delayed_high: delayed.ci95[1] * year,
      net_cost: cost.mean * year, net_cost_low: cost.ci95[0] * year, net_cost_high: cost.ci95[1] * year,
    };
  });
}

function panel(points, current, field, title, format, label) {
  const x = { field: "value", type: "quantitative", title: label, axis: { tickMinStep: 1, format: "d" } };
  return {
    width: 300,
    height: 190,
    title,
    data: { values: points },
    layer: [
      { mark: { type: "area", opacity: 0.18, color: "#0072b2" },
        encoding: { x, y: { field: `${field}_low`, type: "quantitative", title: null, axis: { format } },
                    y2: { field: `${field}_high` } } },
      { mark: { type: "line", color: "#0072b2", point: { filled: true, size: 40 } },
        encoding: { x, y: { field, type: "quantitative" },
                    tooltip: [{ field: "value", title: label }, { field, title, format }] } },
      { data: { values: [{ value: current }] }, mark: { type: "rule", color: "#d55e00", strokeDash: [4, 3] },
        encoding: { x: { field: "value", type: "quantitative" } } },
    ],
  };
}

export function drawCurve(container, points, current, label) {
  const spec = {
    description: `Delayed bed days and net cost a year against ${label}`,
    hconcat: [
      panel(points, current, "delayed", "Delayed bed days a year", ",.0f", label),
      panel(points, current, "net_cost", "Net cost a year against the base (\u00a3; below 0 saves)", "$,.0f", label),
    ],
    config: { font: "Segoe UI, Helvetica Neue, Arial, Liberation Sans, sans-serif", view: { stroke: null } },
  };
  container.dataset.rendered = "drawing";
  return window.vegaEmbed(container, spec, embedOptions).then(() => {
    container.dataset.rendered = "ok";
  });
}
