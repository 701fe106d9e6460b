/** Draws the races: best-loss curves of the search methods, and the optimizers' paths over the ravine. */
import { diverging } from "./draw.js";
import type { RaceResult } from "./protocol.js";

const COLOURS: Record<string, string> = {
  random: "#f59322",
  local: "#2ca02c",
  gradient: "#0877bd",
  sgd: "#444",
  momentum: "#d62728",
  nesterov: "#9467bd",
  rmsprop: "#2ca02c",
  adagrad: "#8c564b",
  adam: "#0877bd",
};

export function drawRace(
  r: RaceResult,
  search: HTMLCanvasElement,
  surface: HTMLCanvasElement,
  legend: HTMLElement,
): void {
  const c = search.getContext("2d");
  if (c) {
    const { width: w, height: h } = search;
    c.clearRect(0, 0, w, h);
    const all = [...r.search.random, ...r.search.local, ...r.search.gradient].filter(Number.isFinite);
    const hi = Math.max(...all);
    const lo = Math.min(...all);
    for (const [name, curve] of Object.entries(r.search)) {
      c.strokeStyle = COLOURS[name] ?? "#000";
      c.lineWidth = 2;
      c.beginPath();
      curve.forEach((v, i) => {
        const x = (i / (curve.length - 1)) * (w - 2) + 1;
        const y = h - 2 - ((v - lo) / (hi - lo || 1)) * (h - 4);
        if (i === 0) c.moveTo(x, y);
        else c.lineTo(x, y);
      });
      c.stroke();
    }
  }
  const s = surface.getContext("2d");
  if (s) {
    const { width: w, height: h } = surface;
    const toPx = (x: number, y: number): [number, number] => [((x + 5) / 10) * w, ((2.5 - y) / 5) * h];
    const img = s.createImageData(w, h);
    for (let py = 0; py < h; py++) {
      for (let px = 0; px < w; px++) {
        const x = (px / w) * 10 - 5;
        const y = 2.5 - (py / h) * 5;
        const f = 0.1 * x * x + 2 * y * y;
        const [R, G, B] = diverging(Math.min(1, Math.log10(1 + f) / 1.2) * 2 - 1);
        const i = 4 * (py * w + px);
        img.data.set([R, G, B, 255], i);
      }
    }
    s.putImageData(img, 0, 0);
    for (const [name, path] of Object.entries(r.optimizers)) {
      s.strokeStyle = COLOURS[name] ?? "#000";
      s.lineWidth = 1.5;
      s.beginPath();
      path.forEach(([x, y], i) => {
        const [px, py] = toPx(x as number, y as number);
        if (i === 0) s.moveTo(px, py);
        else s.lineTo(px, py);
      });
      s.stroke();
    }
  }
  const fmt = (v: number | undefined): string => (v === undefined ? "–" : v.toPrecision(3));
  legend.innerHTML =
    Object.entries(r.search)
      .map(
        ([k, v]) =>
          `<span style="color:${COLOURS[k]}">■</span> ${k === "local" ? "random local search" : k === "random" ? "random search" : "gradient descent"} ${fmt(v[v.length - 1])}`,
      )
      .join(" · ") +
    "<br>" +
    Object.entries(r.optimizers)
      .map(([k, p]) => `<span style="color:${COLOURS[k]}">■</span> ${k} ${fmt(p[p.length - 1]?.[2])}`)
      .join(" · ");
}
