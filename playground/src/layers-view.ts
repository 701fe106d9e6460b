/**
 * "Layers over time": per dense layer, two strips that scroll left as training goes on, one column per
 * update: the histogram of the layer's outputs and of log10 |gradient| of its weights (darker = more).
 * Gradients that shrink layer by layer towards the input (vanishing) or grow (exploding) show at a glance.
 */
import { GRAD_LOG_MAX, GRAD_LOG_MIN, STAT_BINS, type LayerStats } from "./protocol.js";

const WIDTH = 160;
const CELL = 3;

export class LayersView {
  private strips: { act: HTMLCanvasElement; grad: HTMLCanvasElement; rms: HTMLElement }[] = [];
  private names = "";

  constructor(private readonly root: HTMLElement) {}

  /** Starts over (a new run). */
  clear(): void {
    this.names = "";
    this.root.replaceChildren();
    this.strips = [];
  }

  add(stats: LayerStats[]): void {
    const names = stats.map((s) => s.name).join(",");
    if (names !== this.names) this.build(stats);
    stats.forEach((s, i) => {
      const strip = this.strips[i];
      if (!strip) return;
      column(strip.act, s.activations);
      column(strip.grad, s.gradients);
      strip.rms.textContent = `gradient RMS ${s.gradientRms.toExponential(1)}, outputs within ±${s.activationLimit.toPrecision(2)}`;
    });
  }

  private build(stats: LayerStats[]): void {
    this.clear();
    this.names = stats.map((s) => s.name).join(",");
    const axis = document.createElement("p");
    axis.className = "why";
    axis.textContent = `Left: outputs (bottom −, top +). Right: log10 |dL/dw| from ${GRAD_LOG_MIN} (bottom) to ${GRAD_LOG_MAX} (top). Time runs left to right.`;
    this.root.append(axis);
    for (const s of stats) {
      const row = document.createElement("div");
      row.className = "strip";
      const title = document.createElement("span");
      title.textContent = s.name;
      const make = (what: string): HTMLCanvasElement => {
        const c = Object.assign(document.createElement("canvas"), { width: WIDTH, height: STAT_BINS * CELL });
        c.setAttribute("role", "img");
        c.setAttribute("aria-label", `${s.name}: ${what} over time`);
        return c;
      };
      const act = make("histogram of outputs");
      const grad = make("histogram of gradient magnitudes");
      const rms = document.createElement("span");
      rms.className = "why";
      row.append(title, act, grad, rms);
      this.root.append(row);
      this.strips.push({ act, grad, rms });
    }
  }
}

/** Scrolls the strip one column left and paints the newest histogram at the right edge. */
function column(c: HTMLCanvasElement, counts: number[]): void {
  const ctx = c.getContext("2d");
  if (!ctx) return;
  ctx.drawImage(c, -1, 0);
  const top = Math.max(1, ...counts);
  counts.forEach((n, b) => {
    const shade = Math.round(255 * (1 - Math.sqrt(n / top)));
    ctx.fillStyle = `rgb(${shade},${shade},${Math.min(255, shade + 40)})`;
    ctx.fillRect(WIDTH - 1, (STAT_BINS - 1 - b) * CELL, 1, CELL);
  });
}
