// Read aloud (语音朗读) with the browser's own speech synthesis: nothing is sent
// anywhere. Two ways:
//   指读 (point-to-read, setting "speech": "point"): the focused element, or the one
//     under the pointer after a short rest, is spoken;
//   连读 (continuous reading): the blocks of <main> in order, each in the language of
//     its nearest `lang` attribute, with pause/resume and stop.

import { langOf, readableTarget, textOf } from "./page-text.js";
import { onChange, settings } from "./settings.js";

const BLOCKS = "h1,h2,h3,h4,h5,h6,p,li,dt,dd,caption,th,td,summary,blockquote,figcaption,pre";

function blocksOf(main) {
  return Array.from(main.querySelectorAll(BLOCKS)).filter((el) => {
    // The outermost block only (a <p> inside an <li> is read with it), and only what is
    // rendered (not the body of a closed <details>).
    const parent = el.parentElement && el.parentElement.closest(BLOCKS);
    if (parent && main.contains(parent)) return false;
    if (el.closest("[aria-hidden='true'], [hidden]")) return false;
    return el.getClientRects().length > 0 && textOf(el) !== "";
  });
}

/**
 * Wire the speech buttons of toolbar; announce(message) speaks through its status region.
 * Returns the Alt+Shift shortcuts read-aloud adds (by KeyboardEvent.code).
 */
export function startReadAloud(toolbar, announce) {
  const synth = window.speechSynthesis;
  if (!synth || typeof window.SpeechSynthesisUtterance !== "function") {
    // Say so instead of offering buttons that do nothing.
    for (const button of toolbar.querySelectorAll("[data-sg-speech-controls] button")) {
      button.hidden = true;
    }
    const note = toolbar.querySelector("[data-sg-speech-unsupported]");
    if (note) note.hidden = false;
    return {};
  }

  const readButton = toolbar.querySelector("[data-sg-action='read']");
  const pauseButton = toolbar.querySelector("[data-sg-action='pause']");
  const stopButton = toolbar.querySelector("[data-sg-action='stop']");

  let reading = false;
  let paused = false;
  let current = null;
  let spokenFor = null;
  let restTimer = 0;

  function utter(text, lang, onstart, onend) {
    const u = new window.SpeechSynthesisUtterance(text);
    u.lang = lang;
    if (onstart) u.onstart = onstart;
    if (onend) {
      u.onend = onend;
      u.onerror = onend;
    }
    synth.speak(u);
    return u;
  }

  // ---- 指读: point-to-read ----

  function speakTarget(el) {
    if (settings().speech !== "point" || reading) return;
    const target = readableTarget(el);
    if (!target || target === spokenFor) return;
    const text = textOf(target);
    if (!text) return;
    spokenFor = target;
    // The newest thing pointed at wins: drop what is still being said.
    synth.cancel();
    utter(text, langOf(target));
  }

  document.addEventListener("focusin", (event) => {
    window.clearTimeout(restTimer);
    speakTarget(event.target);
  });
  // Wait until the pointer rests, so sweeping across the page stays quiet.
  document.addEventListener("pointerover", (event) => {
    window.clearTimeout(restTimer);
    const el = event.target;
    restTimer = window.setTimeout(() => speakTarget(el), 350);
  });

  // ---- 连读: continuous reading of <main> ----

  function mark(el) {
    if (current) current.classList.remove("sg-reading");
    current = el;
    if (!el) return;
    el.classList.add("sg-reading");
    const still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    el.scrollIntoView({ block: "nearest", behavior: still ? "auto" : "smooth" });
  }

  function showReading() {
    readButton.setAttribute("aria-pressed", reading ? "true" : "false");
    pauseButton.hidden = !reading;
    stopButton.hidden = !reading;
    pauseButton.setAttribute("aria-pressed", paused ? "true" : "false");
    pauseButton.textContent = paused ? "继续朗读" : "暂停朗读";
  }

  function stop() {
    reading = false;
    paused = false;
    synth.cancel();
    mark(null);
    showReading();
  }

  function start() {
    const main = document.getElementById("sg-main") || document.querySelector("main");
    if (!main) return;
    const blocks = blocksOf(main);
    if (!blocks.length) return;
    synth.cancel();
    reading = true;
    paused = false;
    spokenFor = null;
    showReading();
    // All blocks are queued at once; each one marks itself when it starts.
    blocks.forEach((el, i) => {
      const last = i === blocks.length - 1;
      utter(
        textOf(el),
        langOf(el),
        () => {
          if (reading) mark(el);
        },
        last
          ? () => {
              if (reading) stop();
            }
          : null,
      );
    });
  }

  function togglePause() {
    if (!reading) return;
    paused = !paused;
    if (paused) synth.pause();
    else synth.resume();
    showReading();
  }

  function readOrPause() {
    if (reading) togglePause();
    else start();
  }

  readButton.addEventListener("click", readOrPause);
  pauseButton.addEventListener("click", togglePause);
  stopButton.addEventListener("click", () => {
    stop();
    readButton.focus();
    announce("已停止朗读");
  });

  // "Reset" also ends any reading.
  document.addEventListener("sg-a11y-reset", stop);
  onChange((changed) => {
    if (changed.speech !== "point") spokenFor = null;
  });
  // Leaving the page ends the reading; speech must not outlive it.
  window.addEventListener("pagehide", () => synth.cancel());
  showReading();

  return { KeyR: readOrPause, KeyX: stop };
}
