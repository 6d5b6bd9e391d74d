// Focus inside a scrolling table is brought fully into view.
//
// main.html wraps every Markdown table in a sideways-scrolling region (.sg-table).
// Chromium leaves a focused link half outside such a region when part of it is already
// showing (WCAG 2.4.11 focus not obscured): scroll the region itself until the whole
// element is inside it.

const MARGIN = 8;

document.addEventListener("focusin", (event) => {
  const el = event.target;
  const region = el && el.closest ? el.closest(".sg-table") : null;
  if (!region || region === el) return;
  const r = el.getBoundingClientRect();
  const box = region.getBoundingClientRect();
  const left = box.left + region.clientLeft;
  const right = left + region.clientWidth;
  if (r.right > right) {
    region.scrollLeft += Math.min(r.right - right + MARGIN, r.left - left);
  } else if (r.left < left) {
    region.scrollLeft -= left - r.left + MARGIN;
  }
});
