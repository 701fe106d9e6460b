/** The convolution corner's maps, the CNN's filters, and the digit pad (drawing, 28×28 centring, probabilities). */
import type { FromWorker, ToWorker } from "./protocol.js";

export interface DigitsState {
  digit?: number[];
  label?: number;
  maps?: Record<string, number[]>;
  cnnAccuracy?: number;
  probabilities?: number[];
}

const el = (id: string): HTMLElement => {
  const e = document.getElementById(id);
  if (!e) throw new Error(`the page has no #${id}`);
  return e;
};

/** Connects the section's controls to the worker; returns the handler for the worker's answers and the state for the hook. */
export function bindDigits(
  request: (make: (id: number) => ToWorker) => Promise<FromWorker>,
  seed: () => number,
): { onMessage(m: FromWorker): void; state(): DigitsState } {
  let state: DigitsState = {};
  el("convolve").addEventListener("click", () => {
    const index = Number((el("digit-index") as HTMLInputElement).value);
    void request((id) => ({ type: "convolve", index, id }));
  });
  el("train-cnn").addEventListener("click", () => {
    el("cnn-status").textContent = "Training on 2,500 digits…";
    void request((id) => ({ type: "trainCnn", seed: seed(), id }));
  });
  bindPad(el("pad") as HTMLCanvasElement, el("pad-clear"), (pixels) => {
    if (state.cnnAccuracy === undefined) el("probabilities").textContent = "Train the CNN first.";
    else void request((id) => ({ type: "classify", pixels, id }));
  });
  const onMessage = (m: FromWorker): void => {
    if (m.type === "convolved") {
      state = { ...state, digit: m.digit, label: m.label, maps: m.maps };
      el("conv-maps").replaceChildren(
        mapFigure(m.digit, 28, `digit (a ${m.label})`),
        ...Object.entries(m.maps).map(([k, v]) => mapFigure(v, 28, k)),
        ...m.learned.map((v, i) => mapFigure(v, Math.round(Math.sqrt(v.length)), `learned filter ${i + 1}`)),
      );
    } else if (m.type === "cnn") {
      state = { ...state, cnnAccuracy: m.accuracy };
      el("cnn-status").textContent =
        `Trained in this page: ${(m.accuracy * 100).toFixed(1)}% of 500 held-out digits right. Its first-layer filters:`;
      el("cnn-filters").replaceChildren(...m.filters.map((f, i) => mapFigure(f, 5, `filter ${i + 1}`)));
    } else if (m.type === "classified" && m.probabilities) {
      const p = m.probabilities;
      state = { ...state, probabilities: p };
      const top = p.indexOf(Math.max(...p));
      el("probabilities").innerHTML = p
        .map((v, i) => `<li${i === top ? ' class="top"' : ""}>${i}: ${(v * 100).toFixed(1)}%</li>`)
        .join("");
    }
  };
  return { onMessage, state: () => state };
}

/** A 28×28 (or k×k) map as a grey (or diverging, when signed) image in a small figure. */
export function mapFigure(values: number[], side: number, caption: string): HTMLElement {
  const fig = document.createElement("figure");
  const c = Object.assign(document.createElement("canvas"), { width: side, height: side });
  c.setAttribute("role", "img");
  c.setAttribute("aria-label", caption);
  const ctx = c.getContext("2d");
  if (ctx) {
    const img = ctx.createImageData(side, side);
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    const signed = lo < 0;
    const m = Math.max(Math.abs(lo), Math.abs(hi), 1e-9);
    values.forEach((v, i) => {
      const rgb = signed
        ? v < 0
          ? [245, 147, 34].map((c0) => 255 - (255 - c0) * (-v / m))
          : [8, 119, 189].map((c0) => 255 - (255 - c0) * (v / m))
        : [255 * (v / m), 255 * (v / m), 255 * (v / m)];
      img.data.set([rgb[0] ?? 0, rgb[1] ?? 0, rgb[2] ?? 0, 255], 4 * i);
    });
    ctx.putImageData(img, 0, 0);
  }
  const cap = document.createElement("figcaption");
  cap.textContent = caption;
  fig.append(c, cap);
  return fig;
}

/** Wires the pad: strokes in white on black; on each stroke's end, `done` gets the 28×28 image. */
export function bindPad(
  pad: HTMLCanvasElement,
  clear: HTMLElement,
  done: (pixels: Float32Array) => void,
): void {
  const ctx = pad.getContext("2d", { willReadFrequently: true });
  if (!ctx) return;
  const wipe = (): void => {
    ctx.fillStyle = "#000";
    ctx.fillRect(0, 0, pad.width, pad.height);
  };
  wipe();
  let drawing = false;
  const at = (e: PointerEvent): [number, number] => {
    const r = pad.getBoundingClientRect();
    return [((e.clientX - r.left) / r.width) * pad.width, ((e.clientY - r.top) / r.height) * pad.height];
  };
  pad.addEventListener("pointerdown", (e) => {
    drawing = true;
    pad.setPointerCapture(e.pointerId);
    ctx.beginPath();
    ctx.moveTo(...at(e));
  });
  pad.addEventListener("pointermove", (e) => {
    if (!drawing) return;
    ctx.strokeStyle = "#fff";
    ctx.lineWidth = 14;
    ctx.lineCap = "round";
    ctx.lineTo(...at(e));
    ctx.stroke();
  });
  pad.addEventListener("pointerup", () => {
    drawing = false;
    done(toMnist(ctx, pad.width));
  });
  clear.addEventListener("click", wipe);
}

/** Like MNIST: the ink's bounding box scaled into 20×20, centred in 28×28, values in [0, 1]. */
function toMnist(ctx: CanvasRenderingContext2D, side: number): Float32Array {
  const src = ctx.getImageData(0, 0, side, side).data;
  let [x0, y0, x1, y1] = [side, side, -1, -1];
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      if ((src[4 * (y * side + x)] as number) > 20)
        [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
    }
  }
  const out = new Float32Array(784);
  if (x1 < 0) return out;
  const box = Math.max(x1 - x0, y1 - y0) + 1;
  const small = document.createElement("canvas");
  small.width = small.height = 28;
  const s = small.getContext("2d", { willReadFrequently: true });
  if (!s) return out;
  s.fillStyle = "#000";
  s.fillRect(0, 0, 28, 28);
  const w = ((x1 - x0 + 1) / box) * 20;
  const h = ((y1 - y0 + 1) / box) * 20;
  s.drawImage(ctx.canvas, x0, y0, x1 - x0 + 1, y1 - y0 + 1, 14 - w / 2, 14 - h / 2, w, h);
  const px = s.getImageData(0, 0, 28, 28).data;
  for (let i = 0; i < 784; i++) out[i] = (px[4 * i] as number) / 255;
  return out;
}
