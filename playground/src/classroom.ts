/**
 * Classroom mode (as the TensorFlow Playground's "use it in classroom"): a checkbox per control hides
 * it, the URL keeps `<control>_hide=true`, and a link opens the page with the same controls hidden.
 * Hidden elements are those marked `data-control="<name>"`, including ones the network view adds later.
 */
import { HIDEABLE, HIDEABLE_NAMES, type Hideable, type Settings } from "./settings.js";

const style = document.createElement("style");
document.head.appendChild(style);

/** Builds the checkboxes into `box`; `toggle` receives the new list of hidden controls. */
export function bindClassroom(
  box: HTMLElement,
  get: () => Settings,
  toggle: (hide: Hideable[]) => void,
): void {
  for (const name of HIDEABLE_NAMES) {
    const label = document.createElement("label");
    const input = Object.assign(document.createElement("input"), { type: "checkbox", id: `hide-${name}` });
    input.onchange = () => {
      const hidden = new Set(get().hide);
      if (input.checked) hidden.add(name);
      else hidden.delete(name);
      toggle(HIDEABLE_NAMES.filter((c) => hidden.has(c)));
    };
    label.append(input, ` ${HIDEABLE[name]}`);
    box.appendChild(label);
  }
}

/** Hides the controls the settings name, ticks their checkboxes and points the link at this page. */
export function showClassroom(s: Settings, link: HTMLAnchorElement): void {
  style.textContent = s.hide.map((c) => `[data-control="${c}"] { display: none !important; }`).join("\n");
  for (const name of HIDEABLE_NAMES) {
    const input = document.getElementById(`hide-${name}`) as HTMLInputElement | null;
    if (input) input.checked = s.hide.includes(name);
  }
  link.href = location.href;
  link.textContent =
    s.hide.length === 0
      ? "Link to this page (tick controls above to hide them)"
      : `Link to this page with ${s.hide.length} control${s.hide.length === 1 ? "" : "s"} hidden`;
}
