// A finished run on the page: the headline table (the report's definitions, docs/report.md),
// the files to download, and the run's report with all its charts.
import { api } from "./api.js";
import { clear, h } from "./dom.js";

const whole = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });
const twoPlaces = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const onePlace = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

const minus = (text) => text.replace(/^-/, "\u2212");
const FORMATS = {
  days: (v) => minus(twoPlaces.format(v)),
  percent: (v) => `${minus(onePlace.format(v))}%`,
  whole: (v) => minus(whole.format(v)),
  // Money to the nearest £1,000, as the report shows it.
  pounds: (v) => {
    const rounded = Math.round(v / 1000) * 1000;
    return `${rounded < 0 ? "\u2212" : ""}£${whole.format(Math.abs(rounded))}`;
  },
};

function estimate(statistics, scale) {
  if (!statistics) return null;
  return { value: statistics.mean * scale, low: statistics.ci95[0] * scale, high: statistics.ci95[1] * scale };
}

// A saving is minus a difference: its interval's ends swap.
function saving(difference, scale) {
  if (!difference) return null;
  return { value: -difference.mean * scale, low: -difference.ci95[1] * scale, high: -difference.ci95[0] * scale };
}

// The headline's rows: each scenario's measures, and its savings against the base.
export function headline(summary) {
  const compare = Array.isArray(summary.scenarios);
  const scenarios = compare ? summary.scenarios : [summary];
  return scenarios.map((sc, i) => {
    const m = sc.measures;
    const year = 365 / sc.duration_days;
    const cells = {
      delayed_bed_days_per_year: estimate(m.delayed_bed_days, year),
      delay_days_mean: estimate(m.delay_days_mean, 1),
      discharged_within_1_day_share: estimate(m.discharged_within_1_day_share, 100),
    };
    if (compare && i > 0) {
      const d = summary.differences ? summary.differences[sc.scenario] : null;
      const perBedDay = m.cost_acute && m.acute_bed_days ? m.cost_acute.mean / m.acute_bed_days.mean : NaN;
      cells.acute_bed_days_saved_per_year = saving(d && d.acute_bed_days, year);
      cells.bed_days_saved_value_per_year = saving(d && d.acute_bed_days, year * perBedDay);
      cells.net_saving_per_year = saving(d && d.cost_total, year);
    }
    return { scenario: sc.scenario, cells };
  });
}

const COLUMNS = [
  ["delayed_bed_days_per_year", "Delayed bed days a year", "whole"],
  ["delay_days_mean", "Mean delay after medically fit (days)", "days"],
  ["discharged_within_1_day_share", "Discharged within 1 day", "percent"],
  ["acute_bed_days_saved_per_year", "Acute bed days saved a year", "whole"],
  ["bed_days_saved_value_per_year", "Value of the bed days saved", "pounds"],
  ["net_saving_per_year", "Net saving a year, service costs included", "pounds"],
];

function cell(measure, e, format) {
  if (!e) return h("td", { className: "empty" }, "\u2014");
  const show = FORMATS[format];
  const good = measure.endsWith("saved_per_year") || measure.endsWith("saving_per_year") || measure.endsWith("value_per_year");
  const sign = good ? (e.low > 0 ? " better" : e.high < 0 ? " worse" : "") : "";
  return h("td", { className: `number${sign}`, dataset: { measure, value: e.value, low: e.low, high: e.high } },
    show(e.value), h("span", { className: "ci" }, `${show(e.low)} to ${show(e.high)}`));
}

export function showResults(container, status) {
  const summary = status.summary;
  const rows = headline(summary);
  const compare = Array.isArray(summary.scenarios);
  const columns = COLUMNS.filter(([measure]) => compare || !measure.includes("sav"));
  const table = h("table", { className: "headline", id: "headline" },
    h("caption", {}, `Mean of ${summary.replications} replications (master seed ${summary.seed}), with the 95% ` +
      `confidence interval below each number${compare ? `; savings against ${summary.base}, paired replication by replication` : ""}.`),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Scenario"), columns.map(([, label]) => h("th", { scope: "col" }, label)))),
    h("tbody", {}, rows.map((row, i) => h("tr", { dataset: { scenario: row.scenario } },
      h("th", { scope: "row" }, row.scenario, i === 0 && compare ? h("span", { className: "tag" }, "base") : null),
      columns.map(([measure, , format]) => (compare && i === 0 && !(measure in row.cells)
        ? h("td", { className: "empty" }, "")
        : cell(measure, row.cells[measure], format)))))));

  const labels = {
    "summary.xlsx": "Excel workbook (summary.xlsx)", "report.html": "Report (report.html)",
    "summary.json": "summary.json", "replications.csv": "replications.csv", "monthly.csv": "monthly.csv",
    "run-info.json": "run-info.json", "journal.jsonl": "journal.jsonl", "request.json": "request.json",
  };
  const downloads = h("ul", { className: "downloads", "aria-label": "Download the results" },
    status.files.map((name) => h("li", {}, h("a", {
      href: api.fileUrl(status.id, name, true), download: `homeward-${status.id}-${name}`,
      className: name === "summary.xlsx" || name === "report.html" ? "button-link" : "",
    }, labels[name] || name))));

  clear(container);
  container.appendChild(table);
  container.appendChild(h("p", { className: "note" },
    "Delayed bed days: the time ready patients spend in acute beds, scaled to a year. Net saving: the value of " +
    "the acute bed days saved minus what the lever's services cost. Green: better than the base with 95% confidence."));
  container.appendChild(downloads);
  if (status.files.includes("report.html")) {
    const frame = h("iframe", { className: "report", title: "The run's report, with its charts",
                                src: api.fileUrl(status.id, "report.html", false) });
    container.appendChild(h("details", { className: "report-frame", open: true },
      h("summary", {}, "The report: charts of delays, reasons, months and queues"),
      h("p", { className: "note" }, h("a", { href: api.fileUrl(status.id, "report.html", false), target: "_blank",
                                             rel: "noopener" }, "Open the report on its own"),
        " to read or print it whole (it prints on A4)."),
      frame));
  }
}
