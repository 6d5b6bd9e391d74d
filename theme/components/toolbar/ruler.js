// The reading ruler and crosshair guide lines (辅助线): a band and a vertical line that
// follow the pointer and the keyboard focus while the "ruler" setting is on.

import { onChange, settings } from "./settings.js";

let ruler = null;
let pointerX = -1;
let pointerY = -1;
let frame = 0;

function ensureRuler() {
  if (ruler) return;
  ruler = document.createElement("div");
  ruler.className = "sg-ruler";
  ruler.setAttribute("aria-hidden", "true");
  ruler.innerHTML = '<div class="sg-ruler__band"></div><div class="sg-ruler__line"></div>';
  document.body.appendChild(ruler);
}

function placeRuler() {
  frame = 0;
  if (!ruler) return;
  ruler.style.setProperty("--sg-ruler-x", pointerX + "px");
  ruler.style.setProperty("--sg-ruler-y", pointerY + "px");
}

function moveRuler(x, y) {
  pointerX = x;
  pointerY = y;
  if (!frame) frame = window.requestAnimationFrame(placeRuler);
}

function syncRuler(current) {
  if (current.ruler) {
    ensureRuler();
    if (pointerY < 0) {
      pointerX = window.innerWidth / 2;
      pointerY = window.innerHeight / 3;
    }
    placeRuler();
  } else if (ruler) {
    ruler.remove();
    ruler = null;
  }
}

/** Show the ruler when the setting is on, now and after every change. */
export function startRuler() {
  document.addEventListener(
    "pointermove",
    (event) => {
      if (settings().ruler) moveRuler(event.clientX, event.clientY);
    },
    { passive: true },
  );
  document.addEventListener("focusin", (event) => {
    if (!settings().ruler || !event.target.getBoundingClientRect) return;
    const box = event.target.getBoundingClientRect();
    moveRuler(box.left + box.width / 2, box.top + box.height / 2);
  });
  onChange(syncRuler);
  syncRuler(settings());
}
