/**
 * The weight editor: a small form beside the link (opened by a click or by Enter on a picked link),
 * labelled with the weight it edits; Enter sets the value, Escape cancels, and the keyboard focus
 * goes back where it came from.
 */
import { byId } from "./controls.js";

/** Opens the form for one weight; `set` receives a finite typed value. */
export function openEditor(
  current: number,
  at: { x: number; y: number },
  name: string,
  set: (value: number) => void,
): void {
  const form = byId<HTMLFormElement>("edit");
  const input = byId<HTMLInputElement>("edit-value");
  const back = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
  const close = (): void => {
    form.hidden = true;
    if (back && back !== input) back.focus();
  };
  input.value = String(current);
  input.setAttribute("aria-label", `New value of the ${name.replace(/^./, (c) => c.toLowerCase())}`);
  byId("edit-error").textContent = "";
  form.style.left = `${Math.max(0, Math.min(at.x, window.innerWidth - 200))}px`;
  form.style.top = `${at.y}px`;
  form.hidden = false;
  input.focus();
  input.select();
  form.onsubmit = (e) => {
    e.preventDefault();
    const v = Number(input.value);
    if (input.value.trim() === "" || !Number.isFinite(v)) {
      byId("edit-error").textContent = "Type a finite number.";
      return;
    }
    set(v);
    close();
  };
  form.onkeydown = (e) => {
    if (e.key === "Escape") {
      e.preventDefault();
      close();
    }
  };
}
