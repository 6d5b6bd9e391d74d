/*
 * The accessibility toolbar (无障碍工具条): settings, their storage, the
 * reading ruler, the large captions bar and the keyboard shortcuts.
 * Read-aloud lives in read-aloud.js and uses window.sgA11y from this file.
 *
 * Storage format (the accessibility suite and docs/theme.md rely on it):
 *   localStorage key "sg-a11y", one JSON object
 *     {"text": 100..200, "scheme": "default"|"high-contrast"|"dark",
 *      "spacing": bool, "ruler": bool, "cursor": bool, "captions": bool,
 *      "elder": bool, "speech": "off"|"point"}
 *   "text" is a percentage, rounded to a step of 25; a missing or invalid
 *   field takes its default (100, "default", false, "off"). "reset" removes
 *   the key.
 *
 * The settings are shown on <html> as data attributes which drive the CSS:
 *   data-sg-text="100|125|150|175|200", data-sg-scheme="default|high-contrast|dark",
 *   data-sg-spacing, data-sg-ruler, data-sg-cursor, data-sg-captions,
 *   data-sg-elder = "on"|"off", data-sg-speech = "point"|"off",
 *   plus the custom property --sg-text-scale (1..2).
 * The inline script in main.html applies the same rules before the first
 * paint; keep both in step.
 *
 * Shortcuts: always Alt+Shift plus a key (read by KeyboardEvent.code, so they
 * work on any layout and with Option on a Mac). Screen readers use Insert,
 * Caps Lock or Ctrl+Option, and browsers leave Alt+Shift+letter free apart
 * from A, B, I and T in Chrome, which are not used here.
 */
(function () {
  "use strict";

  var KEY = "sg-a11y";
  var SCHEMES = ["default", "high-contrast", "dark"];
  var BOOLEANS = ["spacing", "ruler", "cursor", "captions", "elder"];
  var TEXT_MIN = 100;
  var TEXT_MAX = 200;
  var TEXT_STEP = 25;
  var DEFAULTS = {
    text: 100,
    scheme: "default",
    spacing: false,
    ruler: false,
    cursor: false,
    captions: false,
    elder: false,
    speech: "off",
  };
  var NAMES = {
    spacing: "加大文字间距",
    ruler: "辅助线",
    cursor: "大鼠标",
    captions: "大字幕",
    elder: "长辈模式",
    speech: "指读",
  };
  var SCHEME_NAMES = { default: "默认配色", "high-contrast": "高对比度", dark: "深色" };

  var root = document.documentElement;
  var listeners = [];

  function normalise(raw) {
    var s = {};
    var src = raw && typeof raw === "object" ? raw : {};
    var text = Math.round(Number(src.text) / TEXT_STEP) * TEXT_STEP;
    s.text = text >= TEXT_MIN ? Math.min(text, TEXT_MAX) : TEXT_MIN;
    s.scheme = SCHEMES.indexOf(src.scheme) >= 0 ? src.scheme : DEFAULTS.scheme;
    BOOLEANS.forEach(function (name) {
      s[name] = src[name] === true;
    });
    s.speech = src.speech === "point" ? "point" : "off";
    return s;
  }

  function load() {
    try {
      return normalise(JSON.parse(window.localStorage.getItem(KEY) || "{}"));
    } catch (e) {
      return normalise({});
    }
  }

  function save(s) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(s));
    } catch (e) {
      /* Private mode or storage full: the setting still holds on this page. */
    }
  }

  function apply(s) {
    root.setAttribute("data-sg-text", String(s.text));
    root.setAttribute("data-sg-scheme", s.scheme);
    BOOLEANS.forEach(function (name) {
      root.setAttribute("data-sg-" + name, s[name] ? "on" : "off");
    });
    root.setAttribute("data-sg-speech", s.speech);
    root.style.setProperty("--sg-text-scale", String(s.text / 100));
  }

  var settings = load();

  function set(changes) {
    var next = {};
    Object.keys(settings).forEach(function (k) {
      next[k] = settings[k];
    });
    Object.keys(changes).forEach(function (k) {
      next[k] = changes[k];
    });
    settings = normalise(next);
    save(settings);
    apply(settings);
    render();
    listeners.forEach(function (fn) {
      fn(settings);
    });
  }

  function reset() {
    try {
      window.localStorage.removeItem(KEY);
    } catch (e) {
      /* nothing stored, nothing to remove */
    }
    settings = normalise({});
    apply(settings);
    render();
    listeners.forEach(function (fn) {
      fn(settings);
    });
    document.dispatchEvent(new CustomEvent("sg-a11y-reset"));
  }

  /* ---- what a thing on the page says (shared by captions and read-aloud) ---- */

  var READABLE =
    "a,button,summary,label,input,select,textarea,h1,h2,h3,h4,h5,h6,p,li,dt,dd,th,td," +
    "caption,figcaption,blockquote,legend,time";

  function clean(text) {
    return (text || "").replace(/\s+/g, " ").trim();
  }

  /* The element worth reading for a focus or pointer target, or null. */
  function readableTarget(el) {
    if (!el || el.nodeType !== 1 || !el.closest) return null;
    if (el.closest("[aria-hidden='true'], .sg-captions, .sg-ruler")) return null;
    var target = el.closest(READABLE);
    if (!target) return null;
    /* A control inside a readable block speaks for itself; a block speaks whole. */
    return target;
  }

  function textOf(el) {
    if (!el) return "";
    var label = el.getAttribute("aria-label");
    if (label) return clean(label);
    var tag = el.tagName;
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") {
      var name = el.labels && el.labels.length ? clean(el.labels[0].innerText) : "";
      var value = tag === "SELECT" ? "" : clean(el.value);
      return clean(name + (value ? " " + value : ""));
    }
    var text = clean(el.innerText || el.textContent);
    if (el.hasAttribute("aria-pressed")) {
      text += el.getAttribute("aria-pressed") === "true" ? "，已开启" : "，未开启";
    }
    return text;
  }

  function langOf(el) {
    var holder = el && el.closest ? el.closest("[lang]") : null;
    return (holder && holder.getAttribute("lang")) || root.getAttribute("lang") || "zh-CN";
  }

  /* ---- the toolbar ---- */

  var toolbar = document.querySelector("[data-sg-a11y]");
  var statusEl = toolbar ? toolbar.querySelector("[data-sg-a11y-status]") : null;
  var statusTimer = null;

  function announce(message) {
    if (!statusEl) return;
    /* Empty first, so the same message twice is announced twice. */
    statusEl.textContent = "";
    window.clearTimeout(statusTimer);
    statusTimer = window.setTimeout(function () {
      statusEl.textContent = message;
    }, 50);
  }

  function render() {
    if (!toolbar) return;
    toolbar.querySelectorAll("[data-sg-toggle]").forEach(function (button) {
      var name = button.getAttribute("data-sg-toggle");
      var on = name === "speech" ? settings.speech === "point" : settings[name];
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
    toolbar.querySelectorAll("[data-sg-scheme]").forEach(function (button) {
      var on = button.getAttribute("data-sg-scheme") === settings.scheme;
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
    var value = toolbar.querySelector("[data-sg-text-value]");
    if (value) value.textContent = "文字 " + settings.text + "%";
    /* With the panel shut, the button still says how many of its settings are on. */
    var count = toolbar.querySelector("[data-sg-more-count]");
    if (count) {
      var on = ["spacing", "ruler", "cursor", "captions"].filter(function (name) {
        return settings[name];
      }).length;
      on += (settings.scheme !== "default" ? 1 : 0) + (settings.speech === "point" ? 1 : 0);
      count.textContent = on ? "（已开启 " + on + " 项）" : "";
    }
    /* At either end the button stays focusable but says it can go no further. */
    var up = toolbar.querySelector("[data-sg-action='text-up']");
    var down = toolbar.querySelector("[data-sg-action='text-down']");
    if (up) up.setAttribute("aria-disabled", settings.text >= TEXT_MAX ? "true" : "false");
    if (down) down.setAttribute("aria-disabled", settings.text <= TEXT_MIN ? "true" : "false");
  }

  function changeText(delta) {
    var text = Math.max(TEXT_MIN, Math.min(TEXT_MAX, settings.text + delta));
    if (text === settings.text) {
      announce(delta > 0 ? "文字已是最大 " + text + "%" : "文字已是最小 " + text + "%");
      return;
    }
    set({ text: text });
    announce("文字大小 " + text + "%");
  }

  function toggle(name) {
    if (name === "speech") {
      set({ speech: settings.speech === "point" ? "off" : "point" });
      announce(NAMES.speech + (settings.speech === "point" ? "已开启" : "已关闭"));
      return;
    }
    var change = {};
    change[name] = !settings[name];
    set(change);
    announce(NAMES[name] + (settings[name] ? "已开启" : "已关闭"));
  }

  function setScheme(scheme) {
    set({ scheme: scheme });
    announce("配色：" + SCHEME_NAMES[settings.scheme]);
  }

  function cycleScheme() {
    setScheme(SCHEMES[(SCHEMES.indexOf(settings.scheme) + 1) % SCHEMES.length]);
  }

  var PANEL_KEY = "sg-a11y-panel";

  function setPanel(open) {
    if (!toolbar) return;
    var more = toolbar.querySelector("[data-sg-action='more']");
    var panel = document.getElementById(more.getAttribute("aria-controls"));
    more.setAttribute("aria-expanded", open ? "true" : "false");
    panel.hidden = !open;
    try {
      window.sessionStorage.setItem(PANEL_KEY, open ? "open" : "closed");
    } catch (e) {
      /* the panel simply starts closed on the next page */
    }
  }

  var actions = {
    "text-up": function () {
      changeText(TEXT_STEP);
    },
    "text-down": function () {
      changeText(-TEXT_STEP);
    },
    more: function (button) {
      setPanel(button.getAttribute("aria-expanded") !== "true");
    },
    reset: function () {
      reset();
      announce("已恢复默认设置");
    },
  };

  if (toolbar) {
    toolbar.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button || !toolbar.contains(button)) return;
      if (button.hasAttribute("data-sg-toggle")) {
        toggle(button.getAttribute("data-sg-toggle"));
      } else if (button.hasAttribute("data-sg-scheme")) {
        setScheme(button.getAttribute("data-sg-scheme"));
      } else if (actions[button.getAttribute("data-sg-action")]) {
        actions[button.getAttribute("data-sg-action")](button);
      }
    });
    /* Escape inside the panel closes it and returns to its button. */
    toolbar.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      var more = toolbar.querySelector("[data-sg-action='more']");
      var panel = document.getElementById(more.getAttribute("aria-controls"));
      if (panel.hidden || !panel.contains(event.target)) return;
      setPanel(false);
      more.focus();
    });
    var wasOpen = false;
    try {
      wasOpen = window.sessionStorage.getItem(PANEL_KEY) === "open";
    } catch (e) {
      wasOpen = false;
    }
    setPanel(wasOpen);
    render();
    toolbar.hidden = false;
    document.querySelectorAll("[data-sg-skip-toolbar]").forEach(function (link) {
      link.hidden = false;
    });
  }

  /* ---- reading ruler and crosshair guide lines (辅助线) ---- */

  var ruler = null;
  var pointerX = -1;
  var pointerY = -1;
  var frame = 0;

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

  function syncRuler() {
    if (settings.ruler) {
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

  document.addEventListener(
    "pointermove",
    function (event) {
      if (settings.ruler) moveRuler(event.clientX, event.clientY);
    },
    { passive: true },
  );

  /* ---- large captions (大字幕) ---- */

  var captions = null;
  var captionFor = null;

  function syncCaptions() {
    if (settings.captions && !captions) {
      captions = document.createElement("div");
      captions.className = "sg-captions";
      /* The text is already on the page, so screen readers skip the copy. */
      captions.setAttribute("aria-hidden", "true");
      captions.innerHTML = '<p class="sg-captions__text"></p>';
      document.body.appendChild(captions);
      caption(document.activeElement);
    } else if (!settings.captions && captions) {
      captions.remove();
      captions = null;
      captionFor = null;
    }
  }

  function caption(el) {
    if (!captions) return;
    var target = readableTarget(el);
    if (!target || target === captionFor) return;
    captionFor = target;
    var text = textOf(target);
    if (text.length > 120) text = text.slice(0, 118) + "……";
    var p = captions.querySelector(".sg-captions__text");
    p.textContent = text;
    p.setAttribute("lang", langOf(target));
  }

  /* Focus and pointer both drive the ruler and the captions. */
  document.addEventListener("focusin", function (event) {
    if (settings.captions) caption(event.target);
    if (settings.ruler && event.target.getBoundingClientRect) {
      var box = event.target.getBoundingClientRect();
      moveRuler(box.left + box.width / 2, box.top + box.height / 2);
    }
  });
  document.addEventListener("pointerover", function (event) {
    if (settings.captions) caption(event.target);
  });

  /* ---- focus inside a scrolling table is brought fully into view ---- */

  /* Chromium leaves a focused link half outside a sideways-scrolling table
     region when part of it is already showing (WCAG 2.4.11): scroll the
     region itself until the whole element is inside it. */
  document.addEventListener("focusin", function (event) {
    var el = event.target;
    var region = el && el.closest ? el.closest(".sg-table") : null;
    if (!region || region === el) return;
    var r = el.getBoundingClientRect();
    var box = region.getBoundingClientRect();
    var left = box.left + region.clientLeft;
    var right = left + region.clientWidth;
    var margin = 8;
    if (r.right > right) {
      region.scrollLeft += Math.min(r.right - right + margin, r.left - left);
    } else if (r.left < left) {
      region.scrollLeft -= left - r.left + margin;
    }
  });

  /* ---- keyboard shortcuts: Alt+Shift+key, never a single key ---- */

  var SHORTCUTS = {
    KeyW: function () {
      if (!toolbar) return;
      toolbar.focus();
    },
    KeyE: function () {
      toggle("elder");
    },
    Equal: function () {
      changeText(TEXT_STEP);
    },
    Minus: function () {
      changeText(-TEXT_STEP);
    },
    NumpadAdd: function () {
      changeText(TEXT_STEP);
    },
    NumpadSubtract: function () {
      changeText(-TEXT_STEP);
    },
    KeyC: cycleScheme,
    KeyL: function () {
      toggle("spacing");
    },
    KeyG: function () {
      toggle("ruler");
    },
    KeyM: function () {
      toggle("cursor");
    },
    KeyZ: function () {
      toggle("captions");
    },
    KeyP: function () {
      toggle("speech");
    },
    Digit0: actions.reset,
  };

  function isTyping(el) {
    if (!el) return false;
    var tag = el.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || el.isContentEditable;
  }

  document.addEventListener("keydown", function (event) {
    if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return;
    /* In a text field Alt+Shift+key may type a character (Option on a Mac). */
    if (isTyping(event.target)) return;
    var run = SHORTCUTS[event.code] || (window.sgA11y && window.sgA11y.shortcuts[event.code]);
    if (!run) return;
    event.preventDefault();
    run();
  });

  /* Another tab changed the settings: follow it. */
  window.addEventListener("storage", function (event) {
    if (event.key !== KEY && event.key !== null) return;
    settings = load();
    apply(settings);
    render();
    listeners.forEach(function (fn) {
      fn(settings);
    });
  });

  listeners.push(syncRuler, syncCaptions);
  apply(settings);
  syncRuler();
  syncCaptions();

  window.sgA11y = {
    /** The current settings (a copy). */
    get: function () {
      return normalise(settings);
    },
    set: set,
    reset: reset,
    onChange: function (fn) {
      listeners.push(fn);
    },
    announce: announce,
    readableTarget: readableTarget,
    textOf: textOf,
    langOf: langOf,
    toolbar: toolbar,
    /** read-aloud.js adds its own Alt+Shift shortcuts here. */
    shortcuts: {},
  };
})();
