// Apply the stored toolbar settings before the first paint, so a page never flashes at
// 100 % text or in the wrong colours. main.html puts this file inline in <head>, right
// after settings.json (#sg-a11y-settings): a classic script, because module scripts are
// deferred and would run after the first paint. settings.js applies the same rules
// from the same JSON once the page has loaded; keep the two in step.
//
// Each field shows on <html> as data-sg-<name>: a range as its number, a choice as its
// value, a switch as "on"/"off"; a range with a "property" also sets that custom
// property to value/100. A missing or invalid field takes its default.
(() => {
  const root = document.documentElement;
  root.className = root.className.replace("no-js", "js");
  let spec;
  let stored;
  try {
    spec = JSON.parse(document.getElementById("sg-a11y-settings").textContent);
  } catch {
    return;
  }
  try {
    stored = JSON.parse(localStorage.getItem(spec.storageKey) || "{}") || {};
  } catch {
    stored = {};
  }
  for (const [name, field] of Object.entries(spec.fields)) {
    const raw = stored[name];
    let value;
    if (field.kind === "range") {
      value = Math.round(Number(raw) / field.step) * field.step;
      value = value >= field.min ? Math.min(value, field.max) : field.min;
      if (field.property) root.style.setProperty(field.property, String(value / 100));
    } else if (field.kind === "choice") {
      value = field.values.includes(raw) ? raw : field.default;
    } else {
      value = raw === true ? "on" : "off";
    }
    root.setAttribute("data-sg-" + name, String(value));
  }
})();
