// Large captions (大字幕): a bar at the bottom of the window that shows the text under
// the keyboard focus or the pointer in very large type, while "captions" is on.

import { langOf, readableTarget, textOf } from "./page-text.js";
import { onChange, settings } from "./settings.js";

// The bar shows the whole text, never a scrolled or cut part (a touch user could not
// scroll an aria-hidden bar, and Chrome makes a scrolling box a Tab stop): a long text
// gets smaller type, never below MIN_PX (the default body text), to stay within
// MAX_SHARE of the window; if it cannot, it may take the whole window's height, and
// only then smaller type still, down to LAST_PX.
const MIN_PX = 16;
const LAST_PX = 12;
const STEP_PX = 2;
const MAX_SHARE = 0.4;

let captions = null;
let captionFor = null;

// Make p's type smaller, from `from` px towards `to`, until the bar is no taller than limit.
function shrink(p, from, to, limit) {
  let size = from;
  while (captions.offsetHeight > limit && size > to) {
    size = Math.max(to, size - STEP_PX);
    p.style.fontSize = `${size}px`;
  }
  return size;
}

function fit() {
  if (!captions) return;
  const p = captions.querySelector(".sg-captions__text");
  p.style.fontSize = "";
  const full = parseFloat(getComputedStyle(p).fontSize);
  shrink(p, full, Math.min(full, MIN_PX), window.innerHeight * MAX_SHARE);
  if (captions.offsetHeight > window.innerHeight * MAX_SHARE) {
    p.style.fontSize = "";
    shrink(p, full, Math.min(full, LAST_PX), window.innerHeight);
  }
  // The page keeps room below its end for the bar (toolbar.css).
  document.documentElement.style.setProperty("--sg-captions-height", `${captions.offsetHeight}px`);
}

function caption(el) {
  if (!captions) return;
  const target = readableTarget(el);
  if (!target || target === captionFor) return;
  captionFor = target;
  const p = captions.querySelector(".sg-captions__text");
  p.textContent = textOf(target);
  p.setAttribute("lang", langOf(target));
  fit();
}

function syncCaptions(current) {
  if (current.captions && !captions) {
    captions = document.createElement("div");
    captions.className = "sg-captions";
    // The text is already on the page, so screen readers skip the copy.
    captions.setAttribute("aria-hidden", "true");
    // Never focusable, whatever its size: nothing in it can be used.
    captions.inert = true;
    captions.innerHTML = '<p class="sg-captions__text"></p>';
    document.body.appendChild(captions);
    caption(document.activeElement);
    fit();
  } else if (!current.captions && captions) {
    captions.remove();
    captions = null;
    captionFor = null;
    document.documentElement.style.removeProperty("--sg-captions-height");
  } else if (captions) {
    fit(); // the text size or elder mode changed the type
  }
}

/** Show the captions bar when the setting is on, now and after every change. */
export function startCaptions() {
  document.addEventListener("focusin", (event) => {
    if (settings().captions) caption(event.target);
  });
  document.addEventListener("pointerover", (event) => {
    if (settings().captions) caption(event.target);
  });
  onChange(syncCaptions);
  window.addEventListener("resize", fit);
  syncCaptions(settings());
}
