// The toolbar's settings: what they are, how they are kept and how they show on the page.
//
// What they are is settings.json, the one definition: main.html writes it into every
// page as <script type="application/json" id="sg-a11y-settings">, where this module and
// the inline script in <head> (apply-settings.js) read it; the accessibility suite reads
// the same file from Python (generator/a11y/modes.py).
//
// They are kept in localStorage under spec.storageKey as one JSON object; a missing or
// invalid field takes its default, and reset removes the key. They show on <html> as
// data-sg-<name> attributes, which drive the CSS (see apply-settings.js for the rules).

const spec = JSON.parse(document.getElementById("sg-a11y-settings").textContent);

/** The fields of settings.json by name: kind, default and their own limits. */
export const FIELDS = spec.fields;
/** The sessionStorage key that remembers whether the "more settings" panel is open. */
export const PANEL_KEY = spec.panelKey;

const root = document.documentElement;
const listeners = [];

function normaliseField(field, raw) {
  if (field.kind === "range") {
    const value = Math.round(Number(raw) / field.step) * field.step;
    return value >= field.min ? Math.min(value, field.max) : field.min;
  }
  if (field.kind === "choice") return field.values.includes(raw) ? raw : field.default;
  return raw === true;
}

function normalise(raw) {
  const source = raw && typeof raw === "object" ? raw : {};
  const settings = {};
  for (const [name, field] of Object.entries(FIELDS)) {
    settings[name] = normaliseField(field, source[name]);
  }
  return settings;
}

function load() {
  try {
    return normalise(JSON.parse(window.localStorage.getItem(spec.storageKey) || "{}"));
  } catch {
    return normalise({});
  }
}

function save(settings) {
  try {
    window.localStorage.setItem(spec.storageKey, JSON.stringify(settings));
  } catch {
    // Private mode or storage full: the setting still holds on this page.
  }
}

function apply(settings) {
  for (const [name, field] of Object.entries(FIELDS)) {
    const value = settings[name];
    let shown = String(value);
    if (field.kind === "switch") shown = value ? "on" : "off";
    if (field.property) root.style.setProperty(field.property, String(value / 100));
    root.setAttribute(`data-sg-${name}`, shown);
  }
}

let current = load();

function changed() {
  apply(current);
  for (const listener of listeners) listener(settings());
}

/** The current settings (a copy). */
export function settings() {
  return { ...current };
}

/** Say whether a setting differs from its default (a switch is on, a choice is made). */
export function isOn(name) {
  return current[name] !== FIELDS[name].default;
}

/** Change some settings, keep them and show them. */
export function update(changes) {
  current = normalise({ ...current, ...changes });
  save(current);
  changed();
}

/** Forget every setting; listeners of "sg-a11y-reset" on document hear of it last. */
export function reset() {
  try {
    window.localStorage.removeItem(spec.storageKey);
  } catch {
    // nothing stored, nothing to remove
  }
  current = normalise({});
  changed();
  document.dispatchEvent(new CustomEvent("sg-a11y-reset"));
}

/** Call listener(settings) after every change, in the order of registration. */
export function onChange(listener) {
  listeners.push(listener);
}

// Another tab changed the settings: follow it.
window.addEventListener("storage", (event) => {
  if (event.key !== spec.storageKey && event.key !== null) return;
  current = load();
  changed();
});

apply(current);
