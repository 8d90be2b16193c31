/**
 * The evaluation as a picture, for those who would rather look than read: attendance (bars, % of the class) and the
 * average rating (line, out of 5) per session, drawn by Vega-Lite as SVG and rendered to PNG by resvg. The three
 * libraries are loaded when a chart is first drawn, not at start-up.
 */
import type { Evaluation } from "../domain/evaluation.js";
import type { Translate } from "../i18n.js";
import { sessionColumn } from "./export.js";

export async function evaluationChartPng(ev: Evaluation, t: Translate): Promise<Buffer> {
  const [vega, vegaLite, { Resvg }] = await Promise.all([
    import("vega"),
    import("vega-lite"),
    import("@resvg/resvg-js"),
  ]);
  const enrolled = ev.learners.length;
  const values = ev.sessions.map((s, i) => ({
    order: i,
    session: sessionColumn(t, s.session, ev.timeZone),
    attendance: enrolled > 0 ? Math.round((s.present / enrolled) * 100) : 0,
    rating: s.average,
  }));
  const x = {
    field: "session",
    type: "nominal" as const,
    sort: null,
    title: null,
    axis: { labelAngle: -40, labelLimit: 240 },
  };
  const spec = vegaLite.compile({
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: t("eval-chart-title", { name: ev.className }), fontSize: 16 },
    width: Math.max(480, values.length * 64),
    height: 300,
    background: "white",
    data: { values },
    config: { font: "DejaVu Sans, Arial, sans-serif" },
    layer: [
      {
        mark: { type: "bar", color: "#8fb3d9" },
        encoding: {
          x,
          y: {
            field: "attendance",
            type: "quantitative",
            scale: { domain: [0, 100] },
            title: t("eval-chart-attendance"),
          },
        },
      },
      {
        mark: { type: "line", color: "#c0392b", point: { color: "#c0392b", size: 60 }, strokeWidth: 3 },
        encoding: {
          x,
          y: { field: "rating", type: "quantitative", scale: { domain: [0, 5] }, title: t("eval-chart-rating") },
        },
      },
    ],
    resolve: { scale: { y: "independent" } },
  }).spec;
  const view = new vega.View(vega.parse(spec), { renderer: "none" });
  const svg = await view.toSVG(2);
  view.finalize();
  const png = new Resvg(svg, {
    fitTo: { mode: "zoom", value: 1 },
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" },
  })
    .render()
    .asPng();
  return Buffer.from(png);
}
