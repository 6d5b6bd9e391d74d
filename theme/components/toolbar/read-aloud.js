// Read aloud (语音朗读) with the browser's own speech synthesis: nothing is sent
// anywhere. Two ways:
//   指读 (point-to-read, setting "speech": "point"): the focused element, or the one
//     under the pointer after a short rest, is spoken;
//   连读 (continuous reading): the blocks of <main> in order, with pause/resume and stop.
// Each part of a text is spoken in the language of its nearest `lang` attribute, with a
// voice for that language (a Chinese heading with its English name: two utterances).
//
// It fails loudly: before speaking it checks that the browser has a voice for the page's
// language, and says in the status region when it has none or when speech fails
// (`synthesis-failed`), instead of saying 指读已开启 while nothing can be heard.

import { readableTarget, speechParts, textOf } from "./page-text.js";
import { onChange, settings } from "./settings.js";

// How long to wait for the browser's list of voices, which Chrome fills in after the page
// asks for it the first time (the `voiceschanged` event).
const VOICE_WAIT_MS = 1500;

const SAY = {
  noVoice: "此浏览器没有中文语音，无法朗读。可以在操作系统的语音设置中添加中文语音，或换用其他浏览器。",
  pointOff: "指读没有开启。",
  unsupported: "此浏览器不支持语音朗读。",
  started: "开始朗读本页",
  paused: "已暂停朗读",
  resumed: "继续朗读",
  stopped: "已停止朗读",
  idle: "现在没有在朗读",
  empty: "本页没有可以朗读的内容",
  failed: (why) => `朗读失败：${why}。`,
};

// SpeechSynthesisErrorEvent.error, in words; "canceled" and "interrupted" are ours.
const WHY = {
  "synthesis-failed": "浏览器的语音合成出错",
  "synthesis-unavailable": "浏览器没有可用的语音合成",
  "language-unavailable": "没有这种语言的语音",
  "voice-unavailable": "所选的语音不可用",
  "audio-busy": "音频设备正忙",
  "audio-hardware": "没有找到音频设备",
  network: "语音需要的网络连接失败",
  "not-allowed": "浏览器不允许朗读，请先点一下页面再试",
  "text-too-long": "文字太长",
};

function normalLang(lang) {
  return (lang || "").replace(/_/g, "-").toLowerCase();
}

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
    return { shortcuts: {}, canTurnOn: { speech: async () => SAY.pointOff + SAY.unsupported } };
  }

  const readButton = toolbar.querySelector("[data-sg-action='read']");
  const pauseButton = toolbar.querySelector("[data-sg-action='pause']");
  const stopButton = toolbar.querySelector("[data-sg-action='stop']");

  const noVoiceNote = toolbar.querySelector("[data-sg-speech-novoice]");
  const pageLang = document.documentElement.getAttribute("lang") || "zh-CN";

  let reading = false;
  let paused = false;
  let session = 0; // which reading the queued utterances belong to
  let current = null;
  let spokenFor = null;
  let restTimer = 0;
  let pointFailed = false;

  // ---- voices ----

  let voicesAsked = false;

  function voicesNow() {
    try {
      return Array.from(synth.getVoices() || []);
    } catch {
      return [];
    }
  }

  /** The voices, once the browser has listed them (or has had time to). */
  function voicesReady() {
    const now = voicesNow();
    if (now.length || voicesAsked) return Promise.resolve(now);
    return new Promise((resolve) => {
      const done = () => {
        window.clearTimeout(timer);
        synth.removeEventListener("voiceschanged", done);
        voicesAsked = true;
        resolve(voicesNow());
      };
      const timer = window.setTimeout(done, VOICE_WAIT_MS);
      synth.addEventListener("voiceschanged", done);
    });
  }

  /** A voice for lang: the same tag, else the same language (zh-TW for zh-CN), else null. */
  function voiceFor(lang) {
    const want = normalLang(lang);
    const primary = want.split("-")[0];
    const voices = voicesNow();
    return (
      voices.find((v) => normalLang(v.lang) === want) ||
      voices.find((v) => normalLang(v.lang).split("-")[0] === primary) ||
      null
    );
  }

  /** Null when the page's language can be spoken, else what to tell the visitor. */
  async function voiceProblem() {
    await voicesReady();
    const missing = !voiceFor(pageLang);
    if (noVoiceNote) noVoiceNote.hidden = !missing;
    return missing ? SAY.noVoice : null;
  }

  function failureText(event) {
    return WHY[event && event.error] || "语音合成出错";
  }

  // One utterance per part; each part gets a voice for its own language (the page's voice
  // when the browser has none for it). onerror gets the reason, except for utterances we
  // cancelled ourselves.
  function utterParts(parts, { onstart, onend, onerror } = {}) {
    parts.forEach((part, i) => {
      const u = new window.SpeechSynthesisUtterance(part.text);
      u.lang = part.lang;
      const voice = voiceFor(part.lang) || voiceFor(pageLang);
      if (voice) u.voice = voice;
      if (i === 0 && onstart) u.onstart = onstart;
      const last = i === parts.length - 1;
      u.onend = () => {
        if (last && onend) onend();
      };
      u.onerror = (event) => {
        const why = event && event.error;
        if (why === "canceled" || why === "interrupted") return;
        if (onerror) onerror(event);
      };
      synth.speak(u);
    });
  }

  // ---- 指读: point-to-read ----

  function speakTarget(el) {
    if (settings().speech !== "point" || reading) return;
    const target = readableTarget(el);
    if (!target || target === spokenFor) return;
    if (!textOf(target)) return;
    spokenFor = target;
    // Nothing can be heard: the status region already said why, once.
    if (!voiceFor(pageLang)) return;
    // The newest thing pointed at wins: drop what is still being said.
    synth.cancel();
    utterParts(speechParts(target), {
      onstart: () => (pointFailed = false),
      onerror: (event) => {
        // Said once, not for every element focused after it.
        if (pointFailed) return;
        pointFailed = true;
        announce(SAY.failed(failureText(event)));
      },
    });
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

  // 连读本页 is a toggle (aria-pressed: reading or not); the pause button says what it
  // will do next in its label (暂停朗读 / 继续朗读) and is never "pressed" as well.
  function showReading() {
    readButton.setAttribute("aria-pressed", reading ? "true" : "false");
    pauseButton.hidden = !reading;
    stopButton.hidden = !reading;
    pauseButton.textContent = paused ? "继续朗读" : "暂停朗读";
  }

  function stop() {
    session += 1;
    const was = reading;
    reading = false;
    paused = false;
    synth.cancel();
    mark(null);
    showReading();
    return was;
  }

  async function start() {
    const main = document.getElementById("sg-main") || document.querySelector("main");
    const blocks = main ? blocksOf(main) : [];
    if (!blocks.length) {
      announce(SAY.empty);
      return;
    }
    const problem = await voiceProblem();
    if (problem) {
      announce(problem);
      return;
    }
    if (reading) return; // pressed twice while the voices were being listed
    synth.cancel();
    session += 1;
    const mine = session;
    reading = true;
    paused = false;
    spokenFor = null;
    showReading();
    announce(SAY.started);
    // All blocks are queued at once; each one marks itself when it starts. The first
    // failure ends the reading and says why, instead of failing block after block.
    blocks.forEach((el, i) => {
      const last = i === blocks.length - 1;
      utterParts(speechParts(el), {
        onstart: () => {
          if (session === mine) mark(el);
        },
        onend: last
          ? () => {
              if (session === mine) stop();
            }
          : null,
        onerror: (event) => {
          if (session !== mine) return;
          stop();
          announce(SAY.failed(failureText(event)));
        },
      });
    });
  }

  function togglePause() {
    if (!reading) return;
    paused = !paused;
    if (paused) synth.pause();
    else synth.resume();
    showReading();
    announce(paused ? SAY.paused : SAY.resumed);
  }

  function stopAndSay() {
    announce(stop() ? SAY.stopped : SAY.idle);
  }

  // Alt+Shift+R: read, or pause and resume while reading (the statement's table).
  function readOrPause() {
    if (reading) togglePause();
    else start();
  }

  // The pressed 连读本页 button, pressed again, stops (as a toggle does).
  readButton.addEventListener("click", () => {
    if (reading) stopAndSay();
    else start();
  });
  pauseButton.addEventListener("click", togglePause);
  stopButton.addEventListener("click", () => {
    stopAndSay();
    readButton.focus();
  });

  // "Reset" also ends any reading.
  document.addEventListener("sg-a11y-reset", stop);
  onChange((changed) => {
    if (changed.speech !== "point") spokenFor = null;
  });
  // Leaving the page ends the reading; speech must not outlive it.
  window.addEventListener("pagehide", () => synth.cancel());
  showReading();
  // 指读 kept on from an earlier page: say at once when it cannot be heard here.
  if (settings().speech === "point") {
    voiceProblem().then((problem) => {
      if (problem) announce(problem);
    });
  }

  return {
    shortcuts: { KeyR: readOrPause, KeyX: stopAndSay },
    // Asked before 指读 is switched on: null, or why it cannot be.
    canTurnOn: {
      speech: async () => ((await voiceProblem()) ? SAY.pointOff + SAY.noVoice : null),
    },
  };
}
