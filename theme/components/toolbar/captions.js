// Large captions (大字幕): a bar at the bottom of the window that shows the text under
// the keyboard focus or the pointer in very large type, while "captions" is on.

import { langOf, readableTarget, textOf } from "./page-text.js";
import { onChange, settings } from "./settings.js";

let captions = null;
let captionFor = null;

function caption(el) {
  if (!captions) return;
  const target = readableTarget(el);
  if (!target || target === captionFor) return;
  captionFor = target;
  let text = textOf(target);
  if (text.length > 120) text = text.slice(0, 118) + "……";
  const p = captions.querySelector(".sg-captions__text");
  p.textContent = text;
  p.setAttribute("lang", langOf(target));
}

function syncCaptions(current) {
  if (current.captions && !captions) {
    captions = document.createElement("div");
    captions.className = "sg-captions";
    // The text is already on the page, so screen readers skip the copy.
    captions.setAttribute("aria-hidden", "true");
    captions.innerHTML = '<p class="sg-captions__text"></p>';
    document.body.appendChild(captions);
    caption(document.activeElement);
  } else if (!current.captions && captions) {
    captions.remove();
    captions = null;
    captionFor = null;
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
  syncCaptions(settings());
}
