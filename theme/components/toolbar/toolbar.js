// The accessibility toolbar (无障碍工具条): its buttons, its status messages and the
// Alt+Shift keyboard shortcuts. The page loads this module only; it starts the reading
// aids it drives:
//   settings.js    what the settings are (settings.json), their storage, <html> attributes
//   ruler.js       the reading ruler (辅助线)
//   captions.js    the large captions bar (大字幕)
//   read-aloud.js  指读 and 连读, which adds its own shortcuts
//   page-text.js   what an element says, shared by captions and read-aloud
//
// A module script is deferred: it runs once the document is parsed, after the first
// paint, which is why the inline script in <head> (apply-settings.js) applies the stored
// settings first. The toolbar carries `hidden` until this module shows it, so without
// JavaScript nobody meets buttons that do nothing.
//
// Shortcuts: always Alt+Shift plus a key (read by KeyboardEvent.code, so they work on
// any layout and with Option on a Mac). Screen readers use Insert, Caps Lock or
// Ctrl+Option, and browsers leave Alt+Shift+letter free apart from A, B, I and T in
// Chrome, which are not used here. The statement page lists them.

import { startCaptions } from "./captions.js";
import { startReadAloud } from "./read-aloud.js";
import { startRuler } from "./ruler.js";
import { FIELDS, PANEL_KEY, isOn, onChange, reset, settings, update } from "./settings.js";

const TEXT = FIELDS.text;

const toolbar = document.querySelector("[data-sg-a11y]");
const statusEl = toolbar ? toolbar.querySelector("[data-sg-a11y-status]") : null;
let statusTimer = null;

/** Say message in the toolbar's status region. */
function announce(message) {
  if (!statusEl) return;
  // Empty first, so the same message twice is announced twice.
  statusEl.textContent = "";
  window.clearTimeout(statusTimer);
  statusTimer = window.setTimeout(() => {
    statusEl.textContent = message;
  }, 50);
}

function render(current) {
  if (!toolbar) return;
  for (const button of toolbar.querySelectorAll("[data-sg-toggle]")) {
    const on = isOn(button.getAttribute("data-sg-toggle"));
    button.setAttribute("aria-pressed", on ? "true" : "false");
  }
  for (const button of toolbar.querySelectorAll("[data-sg-scheme]")) {
    const on = button.getAttribute("data-sg-scheme") === current.scheme;
    button.setAttribute("aria-pressed", on ? "true" : "false");
  }
  const value = toolbar.querySelector("[data-sg-text-value]");
  if (value) value.textContent = `文字 ${shownText(current)}%`;
  // With the panel shut, the button still says how many of its settings are on.
  const count = toolbar.querySelector("[data-sg-more-count]");
  if (count) {
    const on = Object.keys(FIELDS).filter((name) => FIELDS[name].inPanel && isOn(name)).length;
    count.textContent = on ? `（已开启 ${on} 项）` : "";
  }
  // At either end the button stays focusable but says it can go no further.
  const up = toolbar.querySelector("[data-sg-action='text-up']");
  const down = toolbar.querySelector("[data-sg-action='text-down']");
  if (up) up.setAttribute("aria-disabled", current.text >= TEXT.max ? "true" : "false");
  if (down) down.setAttribute("aria-disabled", current.text <= TEXT.min ? "true" : "false");
}

/** The text size the visitor sees: the text setting times elder mode's scale, which
 * base.css defines (--sg-elder-scale), so 长辈模式 at 100 % says 125 %. */
function shownText(current) {
  const elder = parseFloat(getComputedStyle(document.documentElement).getPropertyValue("--sg-elder-scale"));
  return Math.round(current.text * (elder > 0 ? elder : 1));
}

function changeText(delta) {
  const before = settings().text;
  const text = Math.max(TEXT.min, Math.min(TEXT.max, before + delta));
  if (text === before) {
    const shown = shownText(settings());
    announce(delta > 0 ? `文字已是最大 ${shown}%` : `文字已是最小 ${shown}%`);
    return;
  }
  update({ text });
  announce(`文字大小 ${shownText(settings())}%`);
}

// Checks a reading aid makes before it is switched on (read-aloud: is there a voice?):
// each gives null, or why it cannot be, which is said instead of "已开启".
let canTurnOn = {};

/** Flip a switch, or move a two-way choice (指读) to its other value. */
async function toggle(name) {
  const field = FIELDS[name];
  const value = settings()[name];
  const next =
    field.kind === "switch"
      ? !value
      : field.values[(field.values.indexOf(value) + 1) % field.values.length];
  if (next !== field.default && canTurnOn[name]) {
    const problem = await canTurnOn[name]();
    if (problem) {
      announce(problem);
      return;
    }
  }
  update({ [name]: next });
  announce(field.label + (isOn(name) ? "已开启" : "已关闭"));
}

function setScheme(scheme) {
  update({ scheme });
  announce("配色：" + FIELDS.scheme.labels[settings().scheme]);
}

function cycleScheme() {
  const schemes = FIELDS.scheme.values;
  setScheme(schemes[(schemes.indexOf(settings().scheme) + 1) % schemes.length]);
}

function resetAll() {
  reset();
  announce("已恢复默认设置");
}

function setPanel(open) {
  if (!toolbar) return;
  const more = toolbar.querySelector("[data-sg-action='more']");
  const panel = document.getElementById(more.getAttribute("aria-controls"));
  more.setAttribute("aria-expanded", open ? "true" : "false");
  panel.hidden = !open;
  try {
    window.sessionStorage.setItem(PANEL_KEY, open ? "open" : "closed");
  } catch {
    // the panel simply starts closed on the next page
  }
}

function panelWasOpen() {
  try {
    return window.sessionStorage.getItem(PANEL_KEY) === "open";
  } catch {
    return false;
  }
}

const actions = {
  "text-up": () => changeText(TEXT.step),
  "text-down": () => changeText(-TEXT.step),
  more: (button) => setPanel(button.getAttribute("aria-expanded") !== "true"),
  reset: resetAll,
};

function isTyping(el) {
  if (!el) return false;
  const tag = el.tagName;
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || el.isContentEditable;
}

function listenForShortcuts(shortcuts) {
  document.addEventListener("keydown", (event) => {
    if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return;
    // In a text field Alt+Shift+key may type a character (Option on a Mac).
    if (isTyping(event.target)) return;
    const run = shortcuts[event.code];
    if (!run) return;
    event.preventDefault();
    run();
  });
}

function showToolbar() {
  toolbar.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button || !toolbar.contains(button)) return;
    if (button.hasAttribute("data-sg-toggle")) {
      toggle(button.getAttribute("data-sg-toggle"));
    } else if (button.hasAttribute("data-sg-scheme")) {
      setScheme(button.getAttribute("data-sg-scheme"));
    } else if (actions[button.getAttribute("data-sg-action")]) {
      actions[button.getAttribute("data-sg-action")](button);
    }
  });
  // Escape inside the panel, or on its button, closes it and returns to the button.
  toolbar.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    const more = toolbar.querySelector("[data-sg-action='more']");
    const panel = document.getElementById(more.getAttribute("aria-controls"));
    if (panel.hidden || !(panel.contains(event.target) || event.target === more)) return;
    setPanel(false);
    more.focus();
  });
  setPanel(panelWasOpen());
  onChange(render);
  render(settings());
  toolbar.hidden = false;
  for (const link of document.querySelectorAll("[data-sg-skip-toolbar]")) link.hidden = false;
}

// A page whose template left the toolbar out still gets the reading aids and the
// shortcuts for the settings; read-aloud needs the toolbar's buttons.
if (toolbar) showToolbar();
startRuler();
startCaptions();
listenForShortcuts({
  KeyW: () => toolbar && toolbar.focus(),
  KeyE: () => toggle("elder"),
  Equal: () => changeText(TEXT.step),
  Minus: () => changeText(-TEXT.step),
  NumpadAdd: () => changeText(TEXT.step),
  NumpadSubtract: () => changeText(-TEXT.step),
  KeyC: cycleScheme,
  KeyL: () => toggle("spacing"),
  KeyG: () => toggle("ruler"),
  KeyM: () => toggle("cursor"),
  KeyZ: () => toggle("captions"),
  KeyP: () => toggle("speech"),
  Digit0: resetAll,
  ...readAloudShortcuts(),
});

function readAloudShortcuts() {
  if (!toolbar) return {};
  const readAloud = startReadAloud(toolbar, announce);
  canTurnOn = readAloud.canTurnOn;
  return readAloud.shortcuts;
}
