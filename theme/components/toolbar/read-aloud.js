/*
 * Read aloud (语音朗读) with the browser's own speech synthesis: nothing is
 * sent anywhere. Two ways:
 *   指读 (point-to-read, setting "speech": "point"): the focused element, or
 *     the one under the pointer after a short rest, is spoken;
 *   连读 (continuous reading): the blocks of <main> in order, each in the
 *     language of its nearest `lang` attribute, with pause/resume and stop.
 * Needs a11y-toolbar.js (window.sgA11y) loaded first.
 */
(function () {
  "use strict";

  var api = window.sgA11y;
  if (!api || !api.toolbar) return;
  var toolbar = api.toolbar;
  var synth = window.speechSynthesis;

  if (!synth || typeof window.SpeechSynthesisUtterance !== "function") {
    /* Say so instead of offering buttons that do nothing. */
    toolbar.querySelectorAll("[data-sg-speech-controls] button").forEach(function (button) {
      button.hidden = true;
    });
    var note = toolbar.querySelector("[data-sg-speech-unsupported]");
    if (note) note.hidden = false;
    return;
  }

  var readButton = toolbar.querySelector("[data-sg-action='read']");
  var pauseButton = toolbar.querySelector("[data-sg-action='pause']");
  var stopButton = toolbar.querySelector("[data-sg-action='stop']");

  function utter(text, lang, onstart, onend) {
    var u = new window.SpeechSynthesisUtterance(text);
    u.lang = lang;
    if (onstart) u.onstart = onstart;
    if (onend) {
      u.onend = onend;
      u.onerror = onend;
    }
    synth.speak(u);
    return u;
  }

  /* ---- 指读: point-to-read ---- */

  var spokenFor = null;
  var restTimer = 0;

  function speakTarget(el) {
    if (api.get().speech !== "point" || reading) return;
    var target = api.readableTarget(el);
    if (!target || target === spokenFor) return;
    var text = api.textOf(target);
    if (!text) return;
    spokenFor = target;
    /* The newest thing pointed at wins: drop what is still being said. */
    synth.cancel();
    utter(text, api.langOf(target));
  }

  document.addEventListener("focusin", function (event) {
    window.clearTimeout(restTimer);
    speakTarget(event.target);
  });
  /* Wait until the pointer rests, so sweeping across the page stays quiet. */
  document.addEventListener("pointerover", function (event) {
    window.clearTimeout(restTimer);
    var el = event.target;
    restTimer = window.setTimeout(function () {
      speakTarget(el);
    }, 350);
  });

  /* ---- 连读: continuous reading of <main> ---- */

  var BLOCKS =
    "h1,h2,h3,h4,h5,h6,p,li,dt,dd,caption,th,td,summary,blockquote,figcaption,pre";
  var reading = false;
  var paused = false;
  var current = null;

  function blocksOf(main) {
    return Array.prototype.filter.call(main.querySelectorAll(BLOCKS), function (el) {
      /* The outermost block only (a <p> inside an <li> is read with it), and
         only what is rendered (not the body of a closed <details>). */
      var parent = el.parentElement && el.parentElement.closest(BLOCKS);
      if (parent && main.contains(parent)) return false;
      if (el.closest("[aria-hidden='true'], [hidden]")) return false;
      return el.getClientRects().length > 0 && api.textOf(el) !== "";
    });
  }

  function mark(el) {
    if (current) current.classList.remove("sg-reading");
    current = el;
    if (!el) return;
    el.classList.add("sg-reading");
    var still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
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
    var main = document.getElementById("sg-main") || document.querySelector("main");
    if (!main) return;
    var blocks = blocksOf(main);
    if (!blocks.length) return;
    synth.cancel();
    reading = true;
    paused = false;
    spokenFor = null;
    showReading();
    /* All blocks are queued at once; each one marks itself when it starts. */
    blocks.forEach(function (el, i) {
      var last = i === blocks.length - 1;
      utter(
        api.textOf(el),
        api.langOf(el),
        function () {
          if (reading) mark(el);
        },
        last
          ? function () {
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

  readButton.addEventListener("click", function () {
    if (reading) togglePause();
    else start();
  });
  pauseButton.addEventListener("click", togglePause);
  stopButton.addEventListener("click", function () {
    stop();
    readButton.focus();
    api.announce("已停止朗读");
  });

  api.shortcuts.KeyR = function () {
    if (reading) togglePause();
    else start();
  };
  api.shortcuts.KeyX = stop;

  /* "Reset" also ends any reading. */
  document.addEventListener("sg-a11y-reset", stop);
  api.onChange(function (settings) {
    if (settings.speech !== "point") spokenFor = null;
  });
  /* Leaving the page ends the reading; speech must not outlive it. */
  window.addEventListener("pagehide", function () {
    synth.cancel();
  });
  showReading();
})();
