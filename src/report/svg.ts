/** Small helpers for writing SVG and HTML by string: escaping, attributes, axis ticks, numbers. */

/** Escapes text for HTML / SVG content and attribute values. */
export function esc(s: string | number): string {
  return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

type Attrs = Record<string, string | number | undefined>;

/** `<name a="1" ...>children</name>` (self-closing without children); undefined attributes are left out. */
export function el(name: string, attrs: Attrs, ...children: string[]): string {
  const a = Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${esc(typeof v === "number" ? round(v) : (v as string))}"`)
    .join("");
  return children.length === 0 ? `<${name}${a}/>` : `<${name}${a}>${children.join("")}</${name}>`;
}

/** Rounds coordinates to 2 decimals so the SVG stays small. */
export function round(v: number): number {
  return Math.round(v * 100) / 100;
}

/** An `<svg>` root with a viewBox and a readable default font; `children` is an array (a chart has one element per cell or point). */
export function svgRoot(width: number, height: number, label: string, children: readonly string[]): string {
  return el(
    "svg",
    {
      xmlns: "http://www.w3.org/2000/svg", width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": label,
      "font-family": "system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif", "font-size": 12,
    },
    el("title", {}, esc(label)) + children.join(""),
  );
}

/**
 * "Nice" tick values covering [lo, hi] (steps of 1, 2 or 5 × 10^k), about `count` of them.
 *
 * @example
 * bp.report.niceTicks(0.13, 0.97, 5);   // => { ticks: [0, 0.2, 0.4, 0.6, 0.8, 1], domain: [0, 1] }
 */
export function niceTicks(lo: number, hi: number, count = 5): { ticks: number[]; domain: [number, number] } {
  if (!(hi > lo)) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    return niceTicks(lo - pad, hi + pad, count);
  }
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag;
  const start = Math.floor(lo / step) * step;
  const end = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  for (let v = start; v <= end + step / 2; v += step) ticks.push(Number(v.toPrecision(12)));
  return { ticks, domain: [start, end] };
}

/** A compact label for a tick or value: up to 4 significant digits, no trailing zeros. */
export function fmtNum(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v !== 0 && (Math.abs(v) >= 1e5 || Math.abs(v) < 1e-3)) return v.toExponential(2);
  return String(Number(v.toPrecision(4)));
}
