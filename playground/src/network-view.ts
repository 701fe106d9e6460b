/**
 * The network drawing: a column per layer (input features, hidden layers, output), each neuron a
 * thumbnail of its output over the plane, links coloured and sized by weight. Hovering a link or a
 * bias shows its value and formula; clicking opens an editor; hovering a neuron shows it large.
 * From the keyboard the links canvas is one tab stop: arrow keys pick a link or bias (its card is
 * announced), Page Up/Down jump a layer, Enter or Space opens the editor.
 */
import { cssColor, maxAbs, paintHeat, splitUnits } from "./draw.js";
import type { DenseWeights, Update } from "./protocol.js";
import { ACTIVATIONS, FEATURE_LABELS, MAX_NEURONS, type Settings } from "./settings.js";

export interface NetworkCallbacks {
  /** Neuron under the pointer (layer index into hidden layers, or −1 for none). */
  hoverNeuron(layer: number, unit: number): void;
  /** Opens the editor for one weight (row −1: the bias); `name` describes it for screen readers. */
  editWeight(
    layer: number,
    row: number,
    col: number,
    current: number,
    at: { x: number; y: number },
    name: string,
  ): void;
  setUnits(layer: number, units: number): void;
  setActivation(layer: number, activation: string): void;
}

interface Link {
  layer: number;
  row: number;
  col: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const COL = 110;
const ROW = 38;
const TOP = 56;
const SIZE = 30;

export class NetworkView {
  private links: Link[] = [];
  private neurons: HTMLCanvasElement[][] = [];
  private weights: DenseWeights[] = [];
  private readonly canvas: HTMLCanvasElement;
  /** The link picked with the keyboard (index into `links`), −1 for none. */
  private selected = -1;

  constructor(
    private readonly root: HTMLElement,
    private readonly hover: HTMLElement,
    private readonly cb: NetworkCallbacks,
  ) {
    this.canvas = root.querySelector("canvas#links") as HTMLCanvasElement;
    this.canvas.addEventListener("mousemove", (e) => this.onMove(e));
    this.canvas.addEventListener("mouseleave", () => (this.hover.hidden = true));
    this.canvas.addEventListener("click", (e) => {
      const l = this.nearest(e);
      if (l) this.edit(l, { x: e.clientX, y: e.clientY });
    });
    this.canvas.tabIndex = 0;
    this.canvas.setAttribute("role", "application");
    this.canvas.setAttribute("aria-roledescription", "network links");
    this.canvas.setAttribute(
      "aria-label",
      "Weights and biases: arrow keys pick one, Page Up and Page Down jump a layer, Enter edits it",
    );
    this.canvas.setAttribute("aria-describedby", hover.id);
    this.canvas.removeAttribute("aria-hidden");
    this.canvas.addEventListener("keydown", (e) => this.onKey(e));
    this.canvas.addEventListener("focus", () => this.select(Math.max(0, this.selected)));
    this.canvas.addEventListener("blur", () => {
      this.hover.hidden = true;
      this.redrawLinks();
    });
  }

  private edit(l: Link, at: { x: number; y: number }): void {
    this.cb.editWeight(l.layer, l.row, l.col, this.value(l), at, this.describe(l, false));
  }

  /** Arrow keys move along the links, Page Up/Down to the neighbouring layer, Enter/Space edit. */
  private onKey(e: KeyboardEvent): void {
    const n = this.links.length;
    if (n === 0) return;
    // the pick may point past the links of a smaller network drawn since
    const at = Math.min(n - 1, Math.max(0, this.selected));
    const cur = this.links[at] as Link;
    let next: number | undefined;
    if (e.key === "ArrowRight" || e.key === "ArrowDown") next = (at + 1) % n;
    else if (e.key === "ArrowLeft" || e.key === "ArrowUp") next = (at - 1 + n) % n;
    else if (e.key === "Home") next = 0;
    else if (e.key === "End") next = n - 1;
    else if (e.key === "PageDown" || e.key === "PageUp") {
      const layer = cur.layer + (e.key === "PageDown" ? 1 : -1);
      const i = this.links.findIndex((l) => l.layer === layer);
      next = i >= 0 ? i : at;
    } else if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      const r = this.canvas.getBoundingClientRect();
      this.edit(cur, { x: r.left + (cur.x0 + cur.x1) / 2, y: r.top + (cur.y0 + cur.y1) / 2 + 12 });
      return;
    }
    if (next === undefined) return;
    e.preventDefault();
    this.select(next);
  }

  /** Picks link `i`: highlights it and shows (and announces) its card beside it. */
  private select(i: number): void {
    const k = Math.min(i, this.links.length - 1);
    const l = this.links[k];
    if (!l) return;
    this.selected = k;
    const r = this.canvas.getBoundingClientRect();
    this.card(l, r.left + (l.x0 + l.x1) / 2, r.top + (l.y0 + l.y1) / 2);
    this.redrawLinks();
  }

  /** Rebuilds the columns for new settings (layer count, units, features). */
  layout(s: Settings, outputs: number): void {
    for (const el of [...this.root.querySelectorAll(".neuron, .layer-head")]) el.remove();
    const cols = [s.features.length, ...s.layers, outputs];
    const tallest = Math.max(...cols);
    this.canvas.width = COL * (cols.length - 1) + SIZE + 90;
    this.canvas.height = TOP + tallest * ROW + 10;
    this.root.style.height = `${this.canvas.height}px`;
    this.root.style.minWidth = "0";
    this.neurons = cols.map((n, c) =>
      Array.from({ length: n }, (_, j) => {
        const cv = document.createElement("canvas");
        cv.width = SIZE;
        cv.height = SIZE;
        cv.className = "neuron";
        cv.tabIndex = 0;
        const name =
          c === 0
            ? (FEATURE_LABELS[s.features[j] ?? "x"] ?? "")
            : c === cols.length - 1
              ? `output ${j + 1}`
              : `hidden layer ${c}, neuron ${j + 1}`;
        cv.setAttribute("role", "img");
        cv.setAttribute("aria-label", name);
        cv.title = name;
        cv.style.left = `${20 + c * COL}px`;
        cv.style.top = `${TOP + j * ROW}px`;
        const enter = (): void => this.cb.hoverNeuron(c - 1, j);
        const leave = (): void => this.cb.hoverNeuron(-1, -1);
        cv.addEventListener("mouseenter", enter);
        cv.addEventListener("focus", enter);
        cv.addEventListener("mouseleave", leave);
        cv.addEventListener("blur", leave);
        this.root.appendChild(cv);
        return cv;
      }),
    );
    s.layers.forEach((units, i) => this.layerHead(s, i, units));
  }

  private layerHead(s: Settings, i: number, units: number): void {
    const head = document.createElement("div");
    head.className = "layer-head";
    head.style.left = `${20 + (i + 1) * COL - 17}px`;
    head.style.top = "0px";
    const plus = Object.assign(document.createElement("button"), { type: "button", textContent: "+" });
    plus.setAttribute("aria-label", `Add a neuron to hidden layer ${i + 1}`);
    plus.disabled = units >= MAX_NEURONS;
    plus.onclick = () => this.cb.setUnits(i, units + 1);
    const minus = Object.assign(document.createElement("button"), { type: "button", textContent: "−" });
    minus.setAttribute("aria-label", `Remove a neuron from hidden layer ${i + 1}`);
    minus.disabled = units <= 1;
    minus.onclick = () => this.cb.setUnits(i, units - 1);
    const act = document.createElement("select");
    act.setAttribute("aria-label", `Activation of hidden layer ${i + 1}`);
    for (const a of ACTIVATIONS) act.add(new Option(a, a));
    act.value = s.activations[i] ?? "tanh";
    act.onchange = () => this.cb.setActivation(i, act.value);
    plus.dataset["control"] = "layers";
    minus.dataset["control"] = "layers";
    act.dataset["control"] = "activation";
    head.append(plus, minus, document.createElement("br"), act);
    this.root.appendChild(head);
  }

  /** Draws thumbnails and links from an update. */
  draw(u: Update, featureThumbs: Float32Array[]): void {
    this.weights = u.weights;
    const thumbs = [
      featureThumbs,
      ...u.neurons.map((layer) => splitUnits(layer)),
      u.channels === 1 ? [u.heat] : [],
    ];
    this.neurons.forEach((col, c) =>
      col.forEach((cv, j) => {
        const v = thumbs[c]?.[j];
        const ctx = cv.getContext("2d");
        if (!v || !ctx) return;
        paintHeat(ctx, v, 1, 0, false, c === 0 ? 1 : maxAbs(v));
      }),
    );
    this.redrawLinks();
  }

  /** The links and biases of the current weights, with the keyboard's pick outlined while focused. */
  private redrawLinks(): void {
    const ctx = this.canvas.getContext("2d");
    if (!ctx) return;
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    this.links = [];
    const last = this.weights.length - 1;
    this.weights.forEach((w, l) => {
      for (let r = 0; r < w.inputs; r++) {
        for (let c = 0; c < w.units; c++) {
          const link = {
            layer: l,
            row: r,
            col: c,
            x0: 20 + l * COL + SIZE,
            y0: TOP + r * ROW + SIZE / 2,
            x1: 20 + (l + 1) * COL,
            y1: TOP + c * ROW + SIZE / 2,
          };
          this.links.push(link);
          const v = w.kernel[r * w.units + c] as number;
          ctx.strokeStyle = cssColor(v);
          ctx.lineWidth = Number.isFinite(v) ? 0.5 + Math.min(Math.abs(v), 5) * 1.5 : 1;
          ctx.beginPath();
          ctx.moveTo(link.x0, link.y0);
          ctx.lineTo(link.x1, link.y1);
          ctx.stroke();
        }
      }
      for (let c = 0; c < w.units; c++) {
        // the bias: a small square left of the neuron, output neurons included (with its value)
        const x = 20 + (l + 1) * COL - 9;
        const y = TOP + c * ROW + SIZE - 8;
        this.links.push({ layer: l, row: -1, col: c, x0: x, y0: y + 4, x1: x + 8, y1: y + 4 });
        ctx.fillStyle = cssColor(w.bias[c] as number);
        ctx.fillRect(x, y, 8, 8);
        if (l === last) {
          ctx.fillStyle = "#333";
          ctx.font = "11px system-ui";
          ctx.fillText(`bias ${(w.bias[c] as number).toFixed(3)}`, x + 16, y + SIZE);
        }
      }
    });
    const pick = this.links[this.selected];
    if (pick && document.activeElement === this.canvas) {
      ctx.strokeStyle = "#f59322";
      ctx.lineWidth = 3;
      ctx.strokeRect(
        Math.min(pick.x0, pick.x1) - 3,
        Math.min(pick.y0, pick.y1) - 5,
        Math.abs(pick.x1 - pick.x0) + 6,
        Math.abs(pick.y1 - pick.y0) + 10,
      );
    }
  }

  private value(l: Link): number {
    const w = this.weights[l.layer];
    if (!w) return NaN;
    return l.row < 0 ? (w.bias[l.col] as number) : (w.kernel[l.row * w.units + l.col] as number);
  }

  private nearest(e: MouseEvent): Link | undefined {
    const rect = this.canvas.getBoundingClientRect();
    const px = e.clientX - rect.left;
    const py = e.clientY - rect.top;
    let best: Link | undefined;
    let bestD = 5;
    for (const l of this.links) {
      const dx = l.x1 - l.x0;
      const dy = l.y1 - l.y0;
      const t = Math.max(0, Math.min(1, ((px - l.x0) * dx + (py - l.y0) * dy) / (dx * dx + dy * dy || 1)));
      const d = Math.hypot(px - (l.x0 + t * dx), py - (l.y0 + t * dy));
      if (d < bestD) [best, bestD] = [l, d];
    }
    return best;
  }

  /** "Weight from input 2 to neuron 1 of hidden layer 1" (with its value and formula for the card). */
  private describe(l: Link, full: boolean): string {
    const to = `neuron ${l.col + 1} of ${l.layer === this.weights.length - 1 ? "the output" : `hidden layer ${l.layer + 1}`}`;
    const name = l.row < 0 ? `Bias of ${to}` : `Weight from input ${l.row + 1} to ${to}`;
    if (!full) return name;
    const v = this.value(l).toFixed(4);
    return l.row < 0
      ? `${name}: ${v} (z = Σ wᵢaᵢ + b). Click or press Enter to edit.`
      : `${name}: ${v} (adds w·a${l.row + 1} to z). Click or press Enter to edit.`;
  }

  private card(l: Link, x: number, y: number): void {
    this.hover.textContent = this.describe(l, true);
    this.hover.style.left = `${x + 12}px`;
    this.hover.style.top = `${y + 12}px`;
    this.hover.hidden = false;
  }

  private onMove(e: MouseEvent): void {
    const l = this.nearest(e);
    if (l) this.card(l, e.clientX, e.clientY);
    else this.hover.hidden = true;
  }
}
