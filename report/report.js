// The page script of `homeward report`: draws each <figure data-chart="NAME">
// from the JSON in #homeward-data with Vega-Lite (through vega-embed), adds a
// data table under each chart for screen readers, and records the outcome in
// the DOM (figure[data-rendered], body[data-report-status]) for the browser
// test. The numbers themselves are computed by homeward (sim/report/*.cc);
// nothing here fetches anything.
(function () {
  "use strict";

  // Okabe & Ito (2008), colour-blind-safe; yellow last (weak on white).
  var OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#000000", "#F0E442"];
  var AGENCY_COLOURS = { nhs: "#0072B2", social_care: "#E69F00", both: "#009E73" };
  // Paul Tol's "muted" scheme (colour-blind-safe) for the nine reasons A–H,
  // a dark grey for I and his pale grey for O (other). Segments also carry the
  // reason's code, so colour is never the only cue.
  var REASON_COLOURS = {
    A: "#CC6677", B: "#332288", C: "#DDCC77", D_i: "#117733", D_ii: "#88CCEE", E: "#882255",
    F: "#44AA99", G: "#999933", H: "#AA4499", I: "#555555", O: "#DDDDDD"
  };
  var DARK = { B: 1, D_i: 1, E: 1, H: 1, I: 1, "#0072B2": 1, "#009E73": 1, "#D55E00": 1, "#000000": 1 };
  var FULL_WIDTH = 680; // px: fits the A4 text width (186 mm at 96 px/in)
  var FONT = "Segoe UI, Helvetica Neue, Arial, Liberation Sans, DejaVu Sans, sans-serif";

  var data = JSON.parse(document.getElementById("homeward-data").textContent);
  var scenarios = data.scenarios;
  var scenarioColours = scenarios.map(function (_, i) { return OKABE_ITO[i % OKABE_ITO.length]; });
  var scenarioDashes = scenarios.map(function (_, i) { return [[1, 0], [6, 3], [2, 2], [8, 3, 2, 3]][i % 4]; });

  function scenarioColour() {
    return { field: "scenario", type: "nominal", sort: scenarios, title: "Scenario",
             scale: { domain: scenarios, range: scenarioColours }, legend: { orient: "top" } };
  }

  function base(description) {
    return {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      description: description,
      background: "white",
      config: {
        font: FONT,
        view: { stroke: null },
        axis: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 600, grid: true, gridColor: "#e6e6e6" },
        legend: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 600, symbolType: "square" },
        header: { labelFontSize: 11, titleFontSize: 11 }
      }
    };
  }

  function assign(target, source) {
    Object.keys(source).forEach(function (k) { target[k] = source[k]; });
    return target;
  }

  // Horizontal bars with 95% CI whiskers: one group per category, one bar per scenario.
  function groupedBars(rows, o) {
    var hasCi = rows.some(function (r) { return r.low !== undefined && r.low !== null; });
    var y = { field: o.category, type: "nominal", sort: o.sort || null, title: o.categoryTitle,
              axis: { labelLimit: 220 } };
    var layer = [{
      mark: { type: "bar", height: { band: 0.85 } },
      encoding: {
        x: { field: o.value, type: "quantitative", title: o.valueTitle, axis: { format: o.format } },
        color: scenarioColour(),
        tooltip: [{ field: "scenario", title: "Scenario" }, { field: o.category, title: o.categoryTitle }]
          .concat([{ field: o.value, type: "quantitative", format: o.format, title: o.valueTitle }])
          .concat(hasCi ? [{ field: "low", type: "quantitative", format: o.format, title: "95% CI low" },
                           { field: "high", type: "quantitative", format: o.format, title: "95% CI high" }] : [])
      }
    }];
    if (hasCi) {
      layer.push({ mark: { type: "rule", color: "#222", strokeWidth: 1.2 },
                   encoding: { x: { field: "low", type: "quantitative" }, x2: { field: "high" } } });
    }
    if (o.labels) {
      // The value at the end of each bar (past its whisker), so the chart reads without the table.
      layer.push({ transform: [{ calculate: hasCi ? "max(datum." + o.value + ", datum.high)" : "datum." + o.value,
                                 as: "label_at" }],
                   mark: { type: "text", align: "left", dx: 4, fontSize: 10, color: "#222" },
                   encoding: { x: { field: "label_at", type: "quantitative" },
                               text: { field: o.value, type: "quantitative", format: o.format } } });
    }
    return {
      width: o.width || FULL_WIDTH - 260,
      height: { step: o.step || 14 },
      data: { values: rows },
      encoding: { y: y, yOffset: { field: "scenario", sort: scenarios } },
      layer: layer
    };
  }

  // The width of `text` as the charts draw it (Vega measures text the same way, on a canvas).
  var measureContext = null;
  function textWidth(text, size) {
    if (!measureContext) measureContext = document.createElement("canvas").getContext("2d");
    if (!measureContext) return 0.6 * size * String(text).length; // no canvas: about the width of a digit
    measureContext.font = size + "px " + FONT;
    return measureContext.measureText(String(text)).width;
  }

  // The end of a quantitative scale from 0 to `max` as Vega draws it (its domain made "nice").
  function niceEnd(max) {
    return max > 0 ? vega.scale("linear")().domain([0, max]).nice().domain()[1] : 1;
  }

  function stackedBars(rows, o) {
    var codes = o.order;
    var width = FULL_WIDTH - 130;
    var fontSize = 10;
    var inset = 3; // px between a segment's label and its right edge, and at least as much on its left
    var label = function (code) { return rows.filter(function (r) { return r[o.key] === code; })[0][o.label]; };
    var present = codes.filter(function (c) { return rows.some(function (r) { return r[o.key] === c; }); });
    var totals = {};
    rows.forEach(function (r) { totals[r.scenario] = (totals[r.scenario] || 0) + r.value; });
    // The scale's end fixed here, so that a segment's width in pixels is known
    // and its label drawn only where the text fits inside it.
    var end = niceEnd(Math.max.apply(null, Object.keys(totals).map(function (k) { return totals[k]; })));
    var values = rows.map(function (r) {
      var share = totals[r.scenario] > 0 ? r.value / totals[r.scenario] : 0;
      var segment = Math.max(0, r.value) / end * width;
      var label = String(r[o.short]);
      return assign(assign({}, r), {
        order: codes.indexOf(r[o.key]),
        share: share,
        text: textWidth(label, fontSize) + 2 * inset <= segment ? label : "",
        ink: DARK[r[o.key]] || DARK[o.colours[r[o.key]]] ? "white" : "black"
      });
    });
    var x = { field: "value", type: "quantitative", stack: "zero", title: o.valueTitle, axis: { format: ",.0f" },
              scale: { domain: [0, end], nice: false } };
    return assign(base(o.description), {
      width: width,
      height: { step: 34 },
      data: { values: values },
      encoding: {
        y: { field: "scenario", type: "nominal", sort: scenarios, title: null, axis: { labelLimit: 120 } },
        order: { field: "order", type: "quantitative" }
      },
      layer: [
        { mark: { type: "bar", stroke: "white", strokeWidth: 0.7 },
          encoding: {
            x: x,
            color: { field: o.label, type: "nominal", title: o.legendTitle,
                     sort: present.map(label),
                     scale: { domain: present.map(label), range: present.map(function (c) { return o.colours[c]; }) },
                     legend: { orient: "bottom", columns: o.legendColumns || 3, labelLimit: 260 } },
            tooltip: [{ field: "scenario", title: "Scenario" }, { field: o.label, title: o.legendTitle },
                      { field: "value", type: "quantitative", format: ",.0f", title: o.valueTitle },
                      { field: "share", type: "quantitative", format: ".1%", title: "Share of scenario" }]
          } },
        { mark: { type: "text", align: "right", dx: -inset, fontSize: fontSize },
          encoding: { x: x, text: { field: "text" }, color: { field: "ink", type: "nominal", scale: null } } }
      ]
    });
  }

  // Median line and 5th–95th percentile band across replications, per
  // scenario: the layers of one monthly chart or of each of its panels.
  function bandLayers(o) {
    var x = { field: "month", type: "temporal", timeUnit: "utcyearmonth", title: null,
              axis: { format: o.monthFormat || "%b %Y", labelAngle: -40,
                      tickCount: { interval: "month", step: o.monthStep || 1 } } };
    var colour = scenarioColour();
    colour.legend = { orient: "top", symbolType: "stroke", symbolStrokeWidth: 2.5, symbolSize: 300 };
    // The bands are coloured through a copy of the scenario field, so that
    // only the lines (colour and dash) make the legend.
    var fill = assign(assign({}, colour), { field: "band", legend: null });
    return {
      encoding: { x: x },
      layer: [
        { transform: [{ calculate: "datum.scenario", as: "band" }],
          mark: { type: "area", opacity: 0.16 },
          encoding: { y: { field: "p5", type: "quantitative", title: o.valueTitle,
                           axis: { format: o.axisFormat || ",.0f", minExtent: o.axisExtent || 0 },
                           scale: { zero: !!o.zero } },
                      y2: { field: "p95" }, fill: fill } },
        { mark: { type: "line", strokeWidth: 2, point: { filled: true, size: 28 } },
          encoding: {
            y: { field: "p50", type: "quantitative" },
            color: colour,
            strokeDash: { field: "scenario", type: "nominal", sort: scenarios, title: "Scenario",
                          scale: { domain: scenarios, range: scenarioDashes } },
            tooltip: [{ field: "scenario", title: "Scenario" },
                      { field: "month", type: "temporal", timeUnit: "utcyearmonth", format: "%B %Y", title: "Month" },
                      { field: "p50", type: "quantitative", format: o.format, title: "Median" },
                      { field: "p5", type: "quantitative", format: o.format, title: "5th percentile" },
                      { field: "p95", type: "quantitative", format: o.format, title: "95th percentile" }]
          } }
      ]
    };
  }

  function bands(rows, o) {
    return assign(base(o.description),
                  assign({ width: FULL_WIDTH - 90, height: 230, data: { values: rows } }, bandLayers(o)));
  }

  // A tornado: each parameter's effect when moved down and up, largest first,
  // with the 95% interval of each paired effect.
  function tornado(rows, title, format) {
    var order = rows.slice().sort(function (a, b) { return b.swing - a.swing; })
      .map(function (r) { return r.parameter; }).filter(function (v, i, a) { return a.indexOf(v) === i; });
    var sides = rows.slice().sort(function (a, b) { return a.order - b.order; })
      .map(function (r) { return r.side; }).filter(function (v, i, a) { return a.indexOf(v) === i; });
    var y = { field: "parameter", type: "nominal", sort: order, title: null, axis: { labelLimit: 260 } };
    return {
      spec: assign(base(title + " when each parameter is moved down and up, one at a time, largest effects first."), {
        width: FULL_WIDTH - 330, height: { step: 22 }, data: { values: rows },
        encoding: { y: y, yOffset: { field: "side", sort: sides } },
        layer: [
          { mark: { type: "bar", height: { band: 0.9 } },
            encoding: { x: { field: "mean", type: "quantitative", title: title, axis: { format: format } },
                        color: { field: "side", type: "nominal", title: "Parameter moved", sort: sides,
                                 scale: { domain: sides, range: [OKABE_ITO[0], OKABE_ITO[4]] },
                                 legend: { orient: "top" } },
                        tooltip: [{ field: "parameter", title: "Parameter" }, { field: "side", title: "Moved" },
                                  { field: "setting", title: "Setting" },
                                  { field: "mean", type: "quantitative", format: format, title: "Effect" },
                                  { field: "low", type: "quantitative", format: format, title: "95% CI low" },
                                  { field: "high", type: "quantitative", format: format, title: "95% CI high" }] } },
          { mark: { type: "rule", color: "#222", strokeWidth: 1.1 },
            encoding: { x: { field: "low", type: "quantitative" }, x2: { field: "high" } } },
          { data: { values: [{ zero: 0 }] }, mark: { type: "rule", color: "#555" },
            encoding: { x: { field: "zero", type: "quantitative" }, y: null, yOffset: null } }
        ]
      }),
      columns: [["parameter", "Parameter"], ["side", "Moved"], ["setting", "Setting"], ["mean", "Effect", 0],
                ["low", "95% CI low", 0], ["high", "95% CI high", 0]]
    };
  }

  var CHARTS = {
    delay: function (rows) {
      var stats = ["Mean", "Median", "90th percentile", "95th percentile"];
      return {
        spec: assign(base("Delay from medically fit to leaving the acute bed, by scenario: mean and percentiles of the " +
                          "delay per discharged patient, with 95% confidence intervals across replications."),
                     groupedBars(rows, { category: "statistic", categoryTitle: "Delay per discharge", sort: stats,
                                         value: "mean", valueTitle: "Days after medically fit (MFFD)",
                                         format: ",.2f", width: FULL_WIDTH - 250, labels: true })),
        columns: [["scenario", "Scenario"], ["statistic", "Statistic"], ["mean", "Days", 2],
                  ["low", "95% CI low", 2], ["high", "95% CI high", 2]]
      };
    },
    pathway: function (rows) {
      var order = rows.map(function (r) { return r.label; }).filter(function (v, i, a) { return a.indexOf(v) === i; });
      var left = groupedBars(rows, { category: "label", categoryTitle: "Pathway", sort: order, value: "value",
                                     valueTitle: "Delayed bed days a year", format: ",.0f", width: 220,
                                     labels: true });
      var right = groupedBars(rows.map(function (r) { return assign(assign({}, r), { low: null, high: null }); }),
                              { category: "label", categoryTitle: "Pathway", sort: order, value: "per_discharge",
                                valueTitle: "Delayed bed days per discharge", format: ",.2f", width: 130,
                                labels: true });
      right.encoding.y.axis = null;
      return {
        spec: assign(base("Delayed bed days by discharge pathway: a year, with 95% confidence intervals, and per " +
                          "patient discharged on that pathway."),
                     { hconcat: [left, right], spacing: 18 }),
        columns: [["scenario", "Scenario"], ["label", "Pathway"], ["value", "Delayed bed days a year", 0],
                  ["low", "95% CI low", 0], ["high", "95% CI high", 0], ["discharges", "Discharges a year", 0],
                  ["per_discharge", "Per discharge", 2]]
      };
    },
    reasons: function (rows) {
      return {
        spec: stackedBars(rows, {
          key: "reason", label: "label", short: "reason", order: Object.keys(REASON_COLOURS),
          colours: REASON_COLOURS, legendTitle: "DToC reason", legendColumns: 3,
          valueTitle: "Delayed bed days a year (mean)",
          description: "Delayed bed days a year by delayed transfer of care reason, stacked for each scenario."
        }),
        columns: [["scenario", "Scenario"], ["label", "Reason"], ["value", "Delayed bed days a year", 0]]
      };
    },
    agencies: function (rows) {
      return {
        spec: stackedBars(rows, {
          key: "agency", label: "label", short: "label", order: Object.keys(AGENCY_COLOURS),
          colours: AGENCY_COLOURS, legendTitle: "Responsible agency", legendColumns: 3,
          valueTitle: "Delayed bed days a year (mean)",
          description: "Delayed bed days a year by the agency responsible for the delay, stacked for each scenario."
        }),
        columns: [["scenario", "Scenario"], ["label", "Agency"], ["value", "Delayed bed days a year", 0]]
      };
    },
    monthly_delayed: function (rows) {
      return {
        spec: bands(rows, { valueTitle: "Delayed days in the month", format: ",.0f", zero: true,
                            description: "Delayed days each month (DToC definition, all reasons): median of the " +
                                         "replications with the band from the 5th to the 95th percentile." }),
        columns: [["scenario", "Scenario"], ["month", "Month"], ["p50", "Median", 0], ["p5", "5th pct", 0],
                  ["p95", "95th pct", 0]]
      };
    },
    monthly_occupancy: function (rows) {
      return {
        spec: bands(rows, { valueTitle: "Acute beds occupied (mean in month)", format: ",.1f", zero: false,
                            description: "Acute beds occupied, mean of each month: median of the replications " +
                                         "with the band from the 5th to the 95th percentile." }),
        columns: [["scenario", "Scenario"], ["month", "Month"], ["p50", "Median", 1], ["p5", "5th pct", 1],
                  ["p95", "95th pct", 1]]
      };
    },
    queues: function (rows) {
      rows = rows.map(function (r) { return assign(assign({}, r), { label: r.service.replace(/_/g, " ") }); });
      var order = rows.map(function (r) { return r.label; }).filter(function (v, i, a) { return a.indexOf(v) === i; });
      return {
        spec: assign(base("Mean number of patients waiting in each service's queue, by scenario, with 95% " +
                          "confidence intervals."),
                     groupedBars(rows, { category: "label", categoryTitle: "Service", sort: order, value: "mean",
                                         valueTitle: "Patients waiting (time-average)", format: ",.1f",
                                         width: FULL_WIDTH - 230, step: scenarios.length > 2 ? 8 : 11 })),
        columns: [["scenario", "Scenario"], ["service", "Service"], ["mean", "Patients waiting", 2],
                  ["low", "95% CI low", 2], ["high", "95% CI high", 2]]
      };
    },
    monthly_queues: function (rows) {
      rows = rows.map(function (r) { return assign(assign({}, r), { label: r.service.replace(/_/g, " ") }); });
      var order = rows.map(function (r) { return r.label; }).filter(function (v, i, a) { return a.indexOf(v) === i; });
      var columns = Math.min(order.length, 3);
      // Small multiples on three columns keep a dozen services to about a page;
      // each panel has its own y scale so that a short queue's months still
      // show, and its axis a fixed width so that the panels line up. Each panel
      // also draws its own month axis: shared, the axes go under each column's
      // last row, which leaves a panel above an empty cell with its axis a
      // cell's height below it.
      var panel = bandLayers({ valueTitle: "Patients waiting", format: ",.2f", axisFormat: ",.2~f", axisExtent: 26,
                               zero: true, monthFormat: "%b %y", monthStep: columns > 1 ? 2 : 1 });
      return {
        spec: assign(base("Patients waiting in each service's queue, mean of each month: median of the " +
                          "replications with the band from the 5th to the 95th percentile, one panel per service."),
                     { data: { values: rows },
                       facet: { field: "label", type: "nominal", sort: order, title: null,
                                header: { labelFontWeight: 600, labelAnchor: "start", labelPadding: 4 } },
                       columns: columns,
                       spacing: { row: 14, column: 16 },
                       spec: assign({ width: Math.floor((FULL_WIDTH - 70 * columns) / columns), height: 100 }, panel),
                       resolve: { scale: { y: "independent" }, axis: { x: "independent" } } }),
        columns: [["scenario", "Scenario"], ["service", "Service"], ["month", "Month"], ["p50", "Median", 2],
                  ["p5", "5th pct", 2], ["p95", "95th pct", 2]]
      };
    },
    sweep: function (rows) {
      var numeric = rows.every(function (r) { return typeof r.x === "number"; });
      var xs = rows.map(function (r) { return r.x; }).filter(function (v, i, a) { return a.indexOf(v) === i; });
      var measures = rows.map(function (r) { return r.measure; }).filter(function (v, i, a) { return a.indexOf(v) === i; });
      var series = rows.map(function (r) { return r.series; }).filter(function (v, i, a) { return a.indexOf(v) === i; });
      // Ticks at the values swept while there are few of them (one value alone
      // would otherwise be labelled at the precision of a zero-width scale,
      // "5.000000"), whole steps when they are all whole, and every number
      // written as a person would: 5, 0.25, 1,200.
      // (An expression, not a format: Vega fits a format's precision to the tick step, so "," gave "1e+1".)
      var axis = numeric ? { labelExpr: "format(datum.value, ',')" } : {};
      if (numeric && xs.length <= 8) axis.values = xs.slice().sort(function (a, b) { return a - b; });
      if (numeric && xs.every(function (v) { return Math.round(v) === v; })) axis.tickMinStep = 1;
      var x = { field: "x", type: numeric ? "quantitative" : "ordinal", title: data.sweep_axis || "value",
                scale: numeric ? { zero: false } : undefined, axis: axis };
      var colour = { field: "series", type: "nominal", title: null, sort: series,
                     scale: { domain: series, range: OKABE_ITO },
                     legend: series.length > 1 ? { orient: "top", labelLimit: 400 } : null };
      var panel = {
        layer: [
          { mark: { type: "area", opacity: 0.18 },
            encoding: { x: x, y: { field: "low", type: "quantitative", title: null, scale: { zero: false },
                                   axis: { labelExpr: "abs(datum.value) >= 1000 ? format(datum.value, '~s') : " +
                                                      "format(datum.value, ',.3~r')" } },
                        y2: { field: "high" }, fill: colour } },
          { mark: { type: "line", strokeWidth: 2, point: { filled: true, size: 40 } },
            encoding: { x: x, y: { field: "mean", type: "quantitative" }, color: colour,
                        tooltip: [{ field: "measure", title: "Measure" }, { field: "series", title: "Other values" },
                                  { field: "x", title: "Value" },
                                  { field: "mean", type: "quantitative", format: ",.4~r", title: "Mean" },
                                  { field: "low", type: "quantitative", format: ",.4~r", title: "95% CI low" },
                                  { field: "high", type: "quantitative", format: ",.4~r", title: "95% CI high" }] } }
        ]
      };
      return {
        spec: assign(base("Each measure of the sweep against the varied value: mean of the replications with its 95% " +
                          "confidence band."),
                     { data: { values: rows },
                       facet: { field: "measure", type: "nominal", sort: measures, title: null,
                                header: { labelFontWeight: 600, labelAnchor: "start", labelLimit: 320 } },
                       columns: 2, spacing: { row: 16, column: 24 },
                       spec: assign({ width: Math.floor((FULL_WIDTH - 130) / 2), height: 150 }, panel),
                       // Each panel its own axis, as monthly_queues: an odd number of measures leaves an empty cell.
                       resolve: { scale: { y: "independent" }, axis: { x: "independent" } } }),
        columns: [["measure", "Measure"], ["series", "Other values"], ["x", "Value"], ["mean", "Mean", 2],
                  ["low", "95% CI low", 2], ["high", "95% CI high", 2]]
      };
    },
    tornado_delayed_bed_days: function (rows) { return tornado(rows, "Change in delayed bed days a year", ",.0f"); },
    tornado_cost_total: function (rows) { return tornado(rows, "Change in total cost a year (£)", "$,.0f"); },
    optimise_trace: function (rows) {
      var x = { field: "candidate", type: "quantitative", title: "Candidate (in the order simulated)" };
      return {
        spec: assign(base("Every candidate of the optimisation: its total cost a year, and the least found so far."), {
          width: FULL_WIDTH - 110, height: 240, data: { values: rows },
          layer: [
            { mark: { type: "point", size: 36 },
              // A log scale: a candidate whose queue grows without bound can cost a hundred times the best.
              encoding: { x: x, y: { field: "cost", type: "quantitative", title: "Total cost a year (£, log scale)",
                                     scale: { type: "log" }, axis: { format: "$,.3~s" } },
                          shape: { field: "feasible", type: "nominal", title: null, legend: { orient: "top" } },
                          color: { value: OKABE_ITO[0] },
                          tooltip: [{ field: "candidate", title: "Candidate" }, { field: "generation", title: "Generation" },
                                    { field: "cost", type: "quantitative", format: "$,.0f", title: "Total cost a year" },
                                    { field: "feasible", title: "Target" }] } },
            { mark: { type: "line", interpolate: "step-after", color: OKABE_ITO[4], strokeWidth: 2 },
              encoding: { x: x, y: { field: "best", type: "quantitative" } } }
          ]
        }),
        columns: [["candidate", "Candidate"], ["generation", "Generation"], ["cost", "Total cost a year", 0],
                  ["feasible", "Target"], ["best", "Least so far", 0]]
      };
    },
    calibration: function (rows) {
      var series = rows.map(function (r) { return r.series; }).filter(function (v, i, a) { return a.indexOf(v) === i; });
      var x = { field: "month", type: "temporal", timeUnit: "utcyearmonth", title: null,
                axis: { format: "%b %Y", labelAngle: -40 } };
      var layer = {
        layer: [
          { mark: { type: "area", opacity: 0.2, color: OKABE_ITO[0] },
            encoding: { x: x, y: { field: "low", type: "quantitative", title: "Delayed days", axis: { format: ",.0f" } },
                        y2: { field: "high" } } },
          { mark: { type: "line", color: OKABE_ITO[0], strokeWidth: 2 },
            encoding: { x: x, y: { field: "mean", type: "quantitative" } } },
          { mark: { type: "point", filled: true, color: "#000000", size: 34 },
            encoding: { x: x, y: { field: "observed", type: "quantitative" },
                        shape: { field: "split", type: "nominal", title: "Observed, months",
                                 scale: { domain: ["train", "test"], range: ["diamond", "triangle-up"] },
                                 legend: { orient: "top" } },
                        tooltip: [{ field: "series", title: "Series" },
                                  { field: "month", type: "temporal", timeUnit: "utcyearmonth", format: "%B %Y" },
                                  { field: "split", title: "Months" },
                                  { field: "observed", type: "quantitative", format: ",.0f", title: "Observed" },
                                  { field: "mean", type: "quantitative", format: ",.0f", title: "Simulated mean" }] } }
        ]
      };
      return {
        spec: assign(base("Calibration: observed monthly series (black: diamonds on training months, triangles " +
                          "on test months) against the simulated mean (line) and its band across replications."),
                     { data: { values: rows }, facet: { row: { field: "series", type: "nominal", sort: series,
                                                               title: null } },
                       spec: assign({ width: FULL_WIDTH - 120, height: 150 }, layer),
                       resolve: { scale: { y: "independent" } } }),
        columns: [["series", "Series"], ["month", "Month"], ["split", "Months"], ["observed", "Observed", 0],
                  ["mean", "Simulated mean", 0], ["low", "Band low", 0], ["high", "Band high", 0]]
      };
    }
  };

  // A number as a person writes it: with `decimals` decimals, or else as few
  // as it needs (5, 0.25, 1,200), never "5.000000".
  function cell(value, decimals) {
    if (typeof value !== "number") return value === null || value === undefined ? "" : String(value);
    var text = new Intl.NumberFormat("en-GB", decimals === undefined ? { maximumSignificantDigits: 15 }
      : { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);
    return text.replace("-", "\u2212");
  }

  function dataTable(rows, columns, caption) {
    var details = document.createElement("details");
    var summary = document.createElement("summary");
    summary.textContent = "The numbers in this chart";
    details.appendChild(summary);
    var table = document.createElement("table");
    var cap = document.createElement("caption");
    cap.textContent = caption;
    table.appendChild(cap);
    var head = table.createTHead().insertRow();
    columns.forEach(function (c) {
      var th = document.createElement("th");
      th.scope = "col";
      th.textContent = c[1];
      head.appendChild(th);
    });
    var body = table.createTBody();
    rows.forEach(function (r) {
      var tr = body.insertRow();
      columns.forEach(function (c, i) {
        var td = document.createElement(i === 0 ? "th" : "td");
        if (i === 0) td.scope = "row";
        td.textContent = cell(r[c[0]], c[2]);
        tr.appendChild(td);
      });
    });
    details.appendChild(table);
    return details;
  }

  var embedOptions = {
    renderer: "svg",
    actions: false,
    ast: true, // Vega's expression interpreter: no eval, so the page's CSP needs no 'unsafe-eval'
    formatLocale: { decimal: ".", thousands: ",", grouping: [3], currency: ["\u00a3", ""], minus: "\u2212" },
    tooltip: { theme: "light" }
  };

  // The scenario's colour beside its name in the tables, to tie them to the charts.
  Array.prototype.forEach.call(document.querySelectorAll("th[data-scenario-index]"), function (th) {
    var swatch = document.createElement("span");
    swatch.className = "swatch";
    swatch.setAttribute("aria-hidden", "true");
    swatch.style.background = scenarioColours[Number(th.getAttribute("data-scenario-index")) % scenarioColours.length];
    th.insertBefore(swatch, th.firstChild);
  });

  var figures = Array.prototype.slice.call(document.querySelectorAll("figure[data-chart]"));
  var jobs = figures.map(function (figure) {
    var name = figure.getAttribute("data-chart");
    var holder = figure.querySelector(".vis");
    return Promise.resolve().then(function () {
      var rows = data.charts[name];
      if (!CHARTS[name]) throw new Error("no chart named " + name);
      if (!rows || !rows.length) throw new Error("no data for chart " + name);
      var chart = CHARTS[name](rows);
      holder.setAttribute("aria-label", chart.spec.description);
      return vegaEmbed(holder, chart.spec, embedOptions).then(function () {
        var caption = figure.querySelector("figcaption");
        figure.appendChild(dataTable(rows, chart.columns, caption ? caption.textContent : name));
        figure.setAttribute("data-rendered", "ok");
      });
    }).catch(function (error) {
      figure.setAttribute("data-rendered", "error");
      var message = document.createElement("p");
      message.className = "chart-error";
      message.setAttribute("role", "alert");
      message.textContent = "This chart could not be drawn: " + error.message;
      holder.appendChild(message);
      console.error("homeward report: chart " + name + ": " + error.message);
      throw error;
    });
  });
  Promise.allSettled(jobs).then(function (outcomes) {
    var failed = outcomes.filter(function (o) { return o.status === "rejected"; }).length;
    document.body.setAttribute("data-charts-expected", String(figures.length));
    document.body.setAttribute("data-charts-failed", String(failed));
    document.body.setAttribute("data-report-status", failed ? "error" : "ready");
  });
})();
