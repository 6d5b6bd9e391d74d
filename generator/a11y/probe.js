/* The in-page half of the accessibility suite's own checks (the ones axe cannot do).
 *
 * Sent with the first execute_script call on a page as a function body prefix, it defines
 * `sgProbe` and `sgTools`; checks.py keeps them on `window` for the calls that follow.
 * Each entry point reads the page in one go and returns plain data: a list of
 * failures {check, selector, message}. Python adds the criterion and the help link.
 */
/* exported sgProbe, sgTools */
var sgProbe = (function () {
  "use strict";

  var FOCUSABLE = [
    "a[href]", "area[href]", "button", "input:not([type=hidden])", "select", "textarea",
    "summary", "iframe", "audio[controls]", "video[controls]", "[contenteditable]",
    "[tabindex]"
  ].join(",");
  var INTERACTIVE = [
    "a[href]", "area[href]", "button", "input:not([type=hidden])", "select", "textarea",
    "summary", "[role=button]", "[role=link]", "[role=checkbox]", "[role=radio]",
    "[role=switch]", "[role=tab]", "[role=menuitem]", "[role=option]", "[role=slider]"
  ].join(",");

  function cssEscape(s) { return window.CSS && CSS.escape ? CSS.escape(s) : s; }

  function selectorOf(el) {
    if (!el || el.nodeType !== 1) return "";
    if (el === document.documentElement) return "html";
    if (el.id && document.querySelectorAll("#" + cssEscape(el.id)).length === 1) {
      return "#" + cssEscape(el.id);
    }
    var parts = [];
    var node = el;
    while (node && node.nodeType === 1 && node !== document.documentElement) {
      if (node.id && document.querySelectorAll("#" + cssEscape(node.id)).length === 1) {
        parts.unshift("#" + cssEscape(node.id));
        break;
      }
      var tag = node.localName;
      var part = tag;
      var parent = node.parentElement;
      if (parent) {
        var same = Array.prototype.filter.call(parent.children, function (c) {
          return c.localName === tag;
        });
        if (same.length > 1) part += ":nth-of-type(" + (same.indexOf(node) + 1) + ")";
      }
      parts.unshift(part);
      node = parent;
      if (node === document.body) { parts.unshift("body"); break; }
    }
    return parts.join(" > ");
  }

  function snippet(el) {
    var t = (el.innerText || el.textContent || "").replace(/\s+/g, " ").trim();
    return t.length > 40 ? t.slice(0, 40) + "…" : t;
  }

  /* Answers about an element kept for the rest of one read of the page (staticChecks,
   * reflowOnly, textSpacing), which writes nothing between its reads. The overlap check
   * asks of each text node's parent whether it, or any of its ancestors, is hidden, in a
   * fixed box, or clipped: asked afresh, each answer walked up to <html> reading computed
   * styles and boxes, thousands of times a guide. Outside such a read (the Tab walk moves
   * focus and scrolls between reads) nothing is kept. */
  var memo = null;

  function remember(kind, el, compute) {
    if (!memo) return compute();
    var known = memo[kind] || (memo[kind] = new Map());
    if (known.has(el)) return known.get(el);
    var value = compute();
    known.set(el, value);
    return value;
  }

  function withMemo(read) {
    memo = {};
    try {
      return read();
    } finally {
      memo = null;
    }
  }

  /* The element or an ancestor is hidden from everyone (hidden, aria-hidden, inert, display: none). */
  function hiddenUp(n) {
    if (!n || n.nodeType !== 1) return false;
    return remember("hiddenUp", n, function () {
      if (n.hidden || n.getAttribute("aria-hidden") === "true" || n.inert) return true;
      if (getComputedStyle(n).display === "none") return true;
      return hiddenUp(n.parentElement);
    });
  }

  function isHiddenFromAll(el) {
    return hiddenUp(el) || getComputedStyle(el).visibility !== "visible";
  }

  /* Visually hidden on purpose (the .sr-only pattern): 1px boxes or clipped away. */
  function isVisuallyHidden(n) {
    if (!n || n.nodeType !== 1) return false;
    return remember("visuallyHidden", n, function () {
      var cs = getComputedStyle(n);
      var r = n.getBoundingClientRect();
      var overflowHidden = cs.overflowX !== "visible" || cs.overflowY !== "visible";
      if (overflowHidden && (r.width <= 1 || r.height <= 1)) return true;
      if (cs.position === "absolute" || cs.position === "fixed") {
        if (/rect\(0(px)?,? 0(px)?,? 0(px)?,? 0(px)?\)/.test(cs.clip)) return true;
        if (/inset\(50%/.test(cs.clipPath)) return true;
      }
      if (cs.opacity === "0") return true;
      return isVisuallyHidden(n.parentElement);
    });
  }

  /* Drawn at all: not display:none, not in a closed <details> (content-visibility), not hidden. */
  function isRendered(el) {
    return remember("rendered", el, function () {
      if (el.checkVisibility && !el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: false })) {
        return false;
      }
      return el.getClientRects().length > 0 && !isHiddenFromAll(el);
    });
  }

  function isShown(el) {
    return remember("shown", el, function () {
      if (!isRendered(el)) return false;
      var r = el.getBoundingClientRect();
      return r.width > 1 && r.height > 1 && !isVisuallyHidden(el);
    });
  }

  function textOf(node) {
    if (node.nodeType === 3) return node.nodeValue;
    if (node.nodeType !== 1) return "";
    if (node.getAttribute("aria-hidden") === "true") return "";
    var cs = getComputedStyle(node);
    if (cs.display === "none" || cs.visibility === "hidden") return "";
    if (node.localName === "img") return node.getAttribute("alt") || "";
    if (node.localName === "svg") return svgName(node);
    var out = "";
    for (var c = node.firstChild; c; c = c.nextSibling) out += textOf(c);
    return out;
  }

  function labelledBy(el) {
    var ids = (el.getAttribute("aria-labelledby") || "").trim();
    if (!ids) return "";
    return ids.split(/\s+/).map(function (id) {
      var t = document.getElementById(id);
      return t ? (t.textContent || "") : "";
    }).join(" ").trim();
  }

  function svgName(svg) {
    var name = labelledBy(svg) || svg.getAttribute("aria-label") || "";
    if (!name) {
      var title = svg.querySelector(":scope > title");
      if (title) name = title.textContent || "";
    }
    return name.trim();
  }

  /* A close enough accessible name (axe computes the exact one; this finds empty names). */
  function nameOf(el) {
    var name = labelledBy(el) || (el.getAttribute("aria-label") || "").trim();
    if (name) return name;
    var tag = el.localName;
    if (tag === "input") {
      var type = (el.getAttribute("type") || "text").toLowerCase();
      if (type === "image") return (el.getAttribute("alt") || "").trim();
      if (["submit", "reset", "button"].indexOf(type) >= 0) {
        return (el.value || (type === "submit" ? "submit" : type === "reset" ? "reset" : "")).trim();
      }
    }
    if (tag === "input" || tag === "select" || tag === "textarea") {
      var labels = el.labels ? Array.prototype.map.call(el.labels, textOf).join(" ") : "";
      return (labels.trim() || el.getAttribute("title") || el.getAttribute("placeholder") || "").trim();
    }
    name = textOf(el).replace(/\s+/g, " ").trim();
    return name || (el.getAttribute("title") || "").trim();
  }

  function fail(out, check, el, message) {
    out.push({ check: check, selector: typeof el === "string" ? el : selectorOf(el), message: message });
  }

  function scrollContainer(el) {
    for (var n = el.parentElement; n && n !== document.body && n !== document.documentElement; n = n.parentElement) {
      var ox = getComputedStyle(n).overflowX;
      if (ox === "auto" || ox === "scroll" || ox === "hidden" || ox === "clip") return n;
    }
    return null;
  }

  /* 1.4.10: nothing wider than the viewport, except data tables in labelled scroll regions. */
  function reflow(out) {
    var de = document.documentElement;
    var vw = de.clientWidth;
    var culprits = [];
    var all = document.body ? document.body.querySelectorAll("*") : [];
    for (var i = 0; i < all.length; i++) {
      var el = all[i];
      var r = el.getBoundingClientRect();
      if (r.right <= vw + 1 && r.left >= -1) continue;
      if (r.width <= 1 || r.height <= 1 || !isRendered(el) || isVisuallyHidden(el)) continue;
      if (r.right <= 0 || r.left >= vw + 1e6) continue; /* parked off-screen on purpose */
      if (scrollContainer(el)) continue;
      if (el.parentElement && culprits.indexOf(el.parentElement) >= 0) continue;
      culprits.push(el);
    }
    var scrolls = de.scrollWidth > vw + 1 || (document.body && document.body.scrollWidth > vw + 1);
    culprits.slice(0, 5).forEach(function (el) {
      var r = el.getBoundingClientRect();
      fail(out, "reflow", el, "sticks out of the " + vw + " px viewport (" + Math.round(r.left) +
        " to " + Math.round(r.right) + " px)" + (scrolls ? "; the page scrolls sideways" : "; it is cut off"));
    });
    if (scrolls && culprits.length === 0) {
      /* Nothing visible sticks out: look for what widens the page anyway, e.g. a visually
       * hidden box whose containing block is outside the scrolling box it sits in. */
      var widens = function (e) {
        if (e.getBoundingClientRect().right <= vw + 1 || !e.getClientRects().length) return false;
        var clip = clipBox(e, true);
        return !clip || clip.right > vw + 1;
      };
      var widening = [];
      for (var w = 0; w < all.length && widening.length < 3; w++) {
        var e = all[w];
        if (!widens(e)) continue;
        if (!Array.prototype.some.call(e.children, widens)) widening.push(e);
      }
      var which = widening.map(function (e) {
        var er = e.getBoundingClientRect();
        return selectorOf(e) + " (position: " + getComputedStyle(e).position + ", " +
          Math.round(er.left) + " to " + Math.round(er.right) + " px)";
      });
      fail(out, "reflow", widening.length ? widening[0] : "html", "the page scrolls sideways: scrollWidth " +
        de.scrollWidth + " > clientWidth " + vw + (which.length ? "; widened by " + which.join(", ") : ""));
    }
    /* Sideways scrolling inside the page is allowed for data tables in a labelled region. */
    var boxes = document.body ? document.body.querySelectorAll("*") : [];
    for (var j = 0; j < boxes.length; j++) {
      var b = boxes[j];
      var ox = getComputedStyle(b).overflowX;
      if (ox !== "auto" && ox !== "scroll") continue;
      if (b.scrollWidth <= b.clientWidth + 1 || !isShown(b)) continue;
      var hasTable = !!b.querySelector("table");
      var labelled = !!(labelledBy(b) || (b.getAttribute("aria-label") || "").trim());
      var region = b.getAttribute("role") === "region" || b.localName === "section" || b.localName === "figure";
      if (!(hasTable && labelled && region)) {
        fail(out, "reflow", b, "scrolls sideways but is not a data table in a labelled region " +
          "(role=region, aria-label or aria-labelledby)");
      }
    }
  }

  /* 1.4.4 / 1.4.12: no box with hidden overflow cuts off text or controls. */
  function clipping(out, check) {
    var all = document.body ? document.body.querySelectorAll("*") : [];
    var skip = { input: 1, select: 1, textarea: 1, img: 1, svg: 1, video: 1, canvas: 1, iframe: 1, option: 1 };
    var found = 0;
    for (var i = 0; i < all.length && found < 10; i++) {
      var el = all[i];
      if (skip[el.localName]) continue;
      var cs = getComputedStyle(el);
      var hx = cs.overflowX === "hidden" || cs.overflowX === "clip";
      var hy = cs.overflowY === "hidden" || cs.overflowY === "clip";
      if (!hx && !hy) continue;
      if (!((hx && el.scrollWidth > el.clientWidth + 1) || (hy && el.scrollHeight > el.clientHeight + 1))) continue;
      if (!isShown(el)) continue;
      var box = el.getBoundingClientRect();
      var bl = box.left + el.clientLeft, bt = box.top + el.clientTop;
      var br = bl + el.clientWidth, bb = bt + el.clientHeight;
      var walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      var clippedText = null;
      for (var t = walker.nextNode(), n = 0; t && n < 400 && !clippedText; t = walker.nextNode(), n++) {
        if (!t.nodeValue.trim() || !t.parentElement || !isShown(t.parentElement)) continue;
        var range = document.createRange();
        range.selectNodeContents(t);
        var rects = range.getClientRects();
        for (var k = 0; k < rects.length; k++) {
          var q = rects[k];
          if (q.width < 1 || q.height < 1) continue;
          var outX = hx && (q.right > br + 1 || q.left < bl - 1);
          var outY = hy && (q.bottom > bb + 1 || q.top < bt - 1);
          if (outX || outY) { clippedText = t.nodeValue.trim().slice(0, 30); break; }
        }
      }
      if (clippedText !== null) {
        found++;
        fail(out, check, el, "overflow: hidden cuts off text \u201c" + clippedText + "\u201d");
      }
    }
  }

  /* Readable measure: no block of text in <main> (table cells included) squeezed so that
   * its lines hold fewer than MEASURE characters of its font while <main> had room for
   * more. A CJK character is about 1 em wide; a block's "room" is 60 % of <main>'s width,
   * so at 320 px with elder mode and 200 % text (about 6 characters across the whole
   * width) a full-width block never fails. At 320 px no table may be wider than its box
   * unless that box is a labelled, focusable scroll region the page offers on purpose. */
  var MEASURE = 8;

  function blockOf(node) {
    var parent = node.parentElement;
    if (!parent) return null;
    return remember("block", parent, function () {
      for (var n = parent; n; n = n.parentElement) {
        var d = getComputedStyle(n).display;
        if (d !== "inline" && d !== "contents") return n;
      }
      return null;
    });
  }

  /* Lines of the block's own text (visually hidden text, parked elsewhere, not counted). */
  function lineCount(block) {
    var tops = [];
    var walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (var t = walker.nextNode(); t && tops.length < 2; t = walker.nextNode()) {
      if (!t.nodeValue.trim() || blockOf(t) !== block || isVisuallyHidden(t.parentElement)) continue;
      var range = document.createRange();
      range.selectNodeContents(t);
      var rects = range.getClientRects();
      for (var i = 0; i < rects.length; i++) {
        var q = rects[i];
        if (q.width < 1 || q.height < 1) continue;
        if (!tops.some(function (x) { return Math.abs(x - q.top) < q.height / 2; })) tops.push(q.top);
      }
    }
    return tops.length;
  }

  function measure(out, narrow) {
    var main = mainOf();
    if (!main) return;
    var ms = getComputedStyle(main);
    var room = main.clientWidth - parseFloat(ms.paddingLeft) - parseFloat(ms.paddingRight);
    var seen = new Set();
    var found = 0;
    var walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    for (var t = walker.nextNode(); t && found < 5; t = walker.nextNode()) {
      if (t.nodeValue.replace(/\s+/g, "").length < 2) continue;
      var block = blockOf(t);
      if (!block || seen.has(block) || !main.contains(block)) continue;
      seen.add(block);
      if (!isShown(block)) continue;
      var cs = getComputedStyle(block);
      var em = parseFloat(cs.fontSize);
      var width = block.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
      var need = Math.min(MEASURE * em, 0.6 * room);
      if (width >= need - 1 || lineCount(block) < 2) continue;
      found++;
      fail(out, "measure", block, "text squeezed to " + Math.round(width) + " px, " +
        (width / em).toFixed(1) + " characters of its " + Math.round(em) + " px font a line, " +
        "while <main> is " + Math.round(room) + " px wide (\u201c" + snippet(block) + "\u201d)");
    }
    if (!narrow) return;
    var tables = main.querySelectorAll("table");
    for (var i = 0; i < tables.length; i++) {
      var table = tables[i];
      if (!isShown(table)) continue;
      var box = table.parentElement;
      var wide = table.getBoundingClientRect().width > box.clientWidth + 1;
      if (!wide) continue;
      var ox = getComputedStyle(box).overflowX;
      var scrolls = ox === "auto" || ox === "scroll";
      var labelled = !!(labelledBy(box) || (box.getAttribute("aria-label") || "").trim());
      if (scrolls && labelled && box.tabIndex >= 0) continue;
      fail(out, "measure", table, "table is " + Math.round(table.getBoundingClientRect().width) +
        " px wide in a " + box.clientWidth + " px box: at 320 px a table fits, or sits in a " +
        "labelled, focusable scroll region (role=region, aria-label, tabindex=0)");
    }
  }

  /* The current page in a navigation list must look different from the other links (and
   * the other links must not carry its marker): compared on the drawn styles, so forced
   * colours, where the system repaints borders and text, are judged as seen. */
  function currentPage(out) {
    var navs = document.querySelectorAll("nav, [role=navigation]");
    for (var i = 0; i < navs.length; i++) {
      var current = navs[i].querySelector("a[aria-current]");
      if (!current || !isShown(current)) continue;
      /* A trail (breadcrumbs) ends at the current page: its place says it. */
      var all = navs[i].querySelectorAll("a[href]");
      if (all[all.length - 1] === current) continue;
      var look = function (a) {
        var cs = getComputedStyle(a);
        var edge = function (side) {
          var w = parseFloat(cs["border" + side + "Width"]);
          var style = cs["border" + side + "Style"];
          var colour = cs["border" + side + "Color"];
          return w && style !== "none" && !/rgba\([^)]*, 0\)|transparent/.test(colour) ? w + style + colour : "";
        };
        return [edge("Top"), edge("Right"), edge("Bottom"), edge("Left"), cs.color, cs.backgroundColor,
          cs.fontWeight, cs.textDecorationLine, cs.outlineStyle].join("|");
      };
      var mark = look(current);
      var links = navs[i].querySelectorAll("a[href]:not([aria-current])");
      for (var j = 0; j < links.length; j++) {
        if (isShown(links[j]) && look(links[j]) === mark) {
          fail(out, "current-page", links[j], "looks the same as the current page's link \u201c" +
            snippet(current) + "\u201d: nothing shows which page is current (\u201c" + snippet(links[j]) + "\u201d)");
          break;
        }
      }
    }
  }

  function headings(out) {
    var hs = document.querySelectorAll("h1,h2,h3,h4,h5,h6,[role=heading]");
    var ones = [];
    var prev = 1;
    for (var i = 0; i < hs.length; i++) {
      var h = hs[i];
      if (isHiddenFromAll(h)) continue;
      var level = h.getAttribute("role") === "heading"
        ? parseInt(h.getAttribute("aria-level") || "2", 10)
        : parseInt(h.localName.slice(1), 10);
      if (level === 1) ones.push(h);
      if (level > prev + 1) {
        fail(out, "headings", h, "heading level jumps from " + prev + " to " + level +
          " (\u201c" + snippet(h) + "\u201d)");
      }
      prev = level;
    }
    if (ones.length !== 1) {
      fail(out, "headings", ones.length ? ones[1] : "html",
        "the page has " + ones.length + " visible h1 elements; it needs exactly one");
    }
  }

  function names(out) {
    var imgs = document.querySelectorAll("img, [role=img], svg, input[type=image]");
    for (var i = 0; i < imgs.length; i++) {
      var el = imgs[i];
      if (isHiddenFromAll(el)) continue;
      var role = el.getAttribute("role");
      if (el.localName === "img") {
        if (!el.hasAttribute("alt") && !labelledBy(el) && !(el.getAttribute("aria-label") || "").trim()) {
          fail(out, "names", el, "image has no alt attribute (use alt=\"\" when it is decorative)");
        }
      } else if (el.localName === "svg") {
        if (role === "presentation" || role === "none") continue;
        if (!svgName(el)) {
          fail(out, "names", el, "svg is neither named (role=img with aria-label or <title>) " +
            "nor hidden (aria-hidden=\"true\")");
        } else if (role !== "img") {
          fail(out, "names", el, "named svg needs role=\"img\" to be announced as an image");
        }
      } else if (el.localName === "input") {
        if (!(el.getAttribute("alt") || "").trim()) fail(out, "names", el, "image button has no alt text");
      } else if (role === "img" && !nameOf(el)) {
        fail(out, "names", el, "role=img element has no name");
      }
    }
    var controls = document.querySelectorAll(INTERACTIVE);
    for (var j = 0; j < controls.length; j++) {
      var c = controls[j];
      if (isHiddenFromAll(c) || c.closest("[inert]")) continue;
      if (c.localName === "input" && (c.type === "hidden")) continue;
      if (!nameOf(c)) fail(out, "names", c, "control has no accessible name (icon only?)");
    }
  }

  /* WCAG's inline exception: a link in a sentence (its block has other text), laid out in
   * the line (inline, or inline-block no taller than the line), so the line height of the
   * text around it constrains it. Buttons and other controls get no exception. */
  function isInlineInText(el) {
    if (el.localName !== "a") return false;
    var display = getComputedStyle(el).display;
    if (display.indexOf("inline") !== 0) return false;
    if (display !== "inline" && el.parentElement) {
      var line = parseFloat(getComputedStyle(el.parentElement).lineHeight);
      if (!(el.getBoundingClientRect().height <= line + 1)) return false;
    }
    var block = el.parentElement;
    while (block && getComputedStyle(block).display.indexOf("inline") === 0) block = block.parentElement;
    if (!block) return false;
    return hasTextBeside(block, el);
  }

  /* Text of `block`'s own lines other than `el`'s: text in nested blocks (a summary
   * paragraph under a list item's link) is not in the link's sentence, so it does not make
   * the link an inline one. */
  function hasTextBeside(block, el) {
    for (var c = block.firstChild; c; c = c.nextSibling) {
      if (c === el) continue;
      if (c.nodeType === 3) {
        if (c.nodeValue.replace(/\s+/g, "")) return true;
      } else if (c.nodeType === 1 && !isHiddenFromAll(c) && !isVisuallyHidden(c)) {
        if (getComputedStyle(c).display.indexOf("inline") !== 0) continue;
        if (c.contains(el) ? hasTextBeside(c, el) : (c.textContent || "").replace(/\s+/g, "")) return true;
      }
    }
    return false;
  }

  /* 2.5.8 (24 px): links inside a sentence are excepted as WCAG allows; elder mode's 44 px
   * holds for every link and control. */
  function targets(out, min) {
    var els = document.querySelectorAll(INTERACTIVE + ",[tabindex]:not([tabindex='-1'])");
    var found = 0;
    for (var i = 0; i < els.length && found < 25; i++) {
      var el = els[i];
      if (el.disabled || !isShown(el)) continue;
      var r = el.getBoundingClientRect();
      if (r.width + 0.5 >= min && r.height + 0.5 >= min) continue;
      /* Elder mode promises 44 px for every link, in a sentence or not (WCAG 2.5.5 has
       * the inline exception, the promise does not). */
      if (min <= 24 && isInlineInText(el)) continue;
      /* A visually hidden native input whose label is the target: measure the label. */
      found++;
      fail(out, "target-size", el, "target is " + Math.round(r.width) + "\u00d7" + Math.round(r.height) +
        " px; needs at least " + min + "\u00d7" + min + " px (\u201c" + snippet(el) + "\u201d)");
    }
  }

  function tabbables() {
    var list = document.querySelectorAll(FOCUSABLE);
    var out = [];
    for (var i = 0; i < list.length; i++) {
      var el = list[i];
      if (el.tabIndex < 0 || el.disabled || !isRendered(el) || el.closest("[inert]")) continue;
      if (el.localName === "input" && el.type === "radio" && !el.checked && el.name) {
        continue; /* only one radio of a group is in the Tab order */
      }
      out.push(el);
    }
    return out;
  }

  function indicator(el) {
    var cs = getComputedStyle(el);
    var parts = [];
    var w = parseFloat(cs.outlineWidth) || 0;
    if (cs.outlineStyle !== "none" && w >= 1 && !/rgba\([^)]*, 0\)|transparent/.test(cs.outlineColor)) {
      parts.push("outline " + cs.outlineStyle + " " + cs.outlineWidth + " " + cs.outlineColor + " " + cs.outlineOffset);
    }
    if (cs.boxShadow && cs.boxShadow !== "none") parts.push("box-shadow " + cs.boxShadow);
    return parts.join("; ");
  }

  /* Called right after the page loads: base styles, then a focus listener for the Tab walk. */
  function focusSetup() {
    var state = { els: [], focused: [], tops: [], base: new Map(), tabbable: tabbables() };
    state.tabbable.forEach(function (el) { state.base.set(el, indicator(el)); });
    document.addEventListener("focusin", function (e) {
      var el = e.target;
      if (!(el instanceof Element)) return;
      if (el.getAnimations) {
        el.getAnimations().forEach(function (a) { try { a.finish(); } catch { /* infinite */ } });
      }
      /* After the walk (focusReport focuses each element again to hit-test it) only the
       * animations are finished: nothing reads what would be recorded. */
      if (state.walked) return;
      state.els.push(el);
      state.focused.push(indicator(el));
      state.tops.push(el.getBoundingClientRect().top + window.scrollY);
    }, true);
    window.__sgFocus = state;
    return state.tabbable.length;
  }

  function mainOf() { return document.querySelector("main, [role=main]"); }

  /* After the Tab walk: skip link first, focus visible, everything reachable, not obscured. */
  function focusReport(out) {
    var s = window.__sgFocus;
    s.walked = true;
    var seq = [];
    var seen = new Set();
    for (var i = 0; i < s.els.length; i++) {
      if (seen.has(s.els[i])) break;
      seen.add(s.els[i]);
      seq.push(i);
    }
    var skip = null;
    if (!seq.length) {
      fail(out, "skip-link", "html", "the first Tab press focused nothing");
    } else {
      var first = s.els[seq[0]];
      var href = first.localName === "a" ? (first.getAttribute("href") || "") : "";
      var target = href.charAt(0) === "#" && href.length > 1 ? document.getElementById(decodeURIComponent(href.slice(1))) : null;
      var main = mainOf();
      if (!target || !main || !(main === target || main.contains(target) || target.contains(main))) {
        fail(out, "skip-link", first, "the first Tab press lands on \u201c" + snippet(first) +
          "\u201d, not on a link that skips to <main>");
      } else {
        skip = first;
      }
    }
    var active = document.activeElement;
    if (active && active.blur) active.blur();
    seq.forEach(function (i) {
      var el = s.els[i];
      var base = s.base.has(el) ? s.base.get(el) : indicator(el);
      var now = s.focused[i];
      if (!now || now === base) {
        fail(out, "focus-visible", el, "no visible focus indicator: outline/box-shadow " +
          (now ? "does not change on focus" : "absent") + " (\u201c" + snippet(el) + "\u201d)");
      }
    });
    /* 2.4.3: Tab follows the reading order. A jump back up by more than a screen (the
     * contents list beside the h1 reached after the whole page) is reported; boxes that
     * stay on screen while the page scrolls (fixed, sticky) have no place in that order. */
    var vhOrder = document.documentElement.clientHeight;
    var jumps = 0;
    for (var o = 1; o < seq.length && jumps < 3; o++) {
      var prevEl = s.els[seq[o - 1]], nextEl = s.els[seq[o]];
      if (layerOf(prevEl) || layerOf(nextEl)) continue;
      var up = s.tops[seq[o - 1]] - s.tops[seq[o]];
      if (up > vhOrder) {
        jumps++;
        fail(out, "focus-order", nextEl, "Tab goes back up " + Math.round(up) + " px from \u201c" +
          snippet(prevEl) + "\u201d to \u201c" + snippet(nextEl) + "\u201d (focus stop " + (o + 1) + " of " +
          seq.length + "): it is drawn near the top but comes late in the source order");
      }
    }
    var missed = s.tabbable.filter(function (el) { return !seen.has(el) && isShown(el); });
    missed.slice(0, 5).forEach(function (el) {
      fail(out, "keyboard", el, "cannot be reached with the Tab key (\u201c" + snippet(el) + "\u201d)");
    });
    /* Obscured: focus each element the way Tab did (focus scrolls it into view), then hit-test. */
    var vw = document.documentElement.clientWidth, vh = document.documentElement.clientHeight;
    var reported = 0;
    seq.forEach(function (i) {
      var el = s.els[i];
      if (reported >= 10) return;
      el.focus();
      /* The part of each box inside the viewport; a box taller than the window (a big
       * scrollable table) is judged by its visible part. */
      var parts = [];
      Array.prototype.forEach.call(el.getClientRects(), function (q) {
        var l = Math.max(q.left, 0), rr = Math.min(q.right, vw);
        var t = Math.max(q.top, 0), bb = Math.min(q.bottom, vh);
        if (rr - l >= 1 && bb - t >= 1) parts.push({ left: l, top: t, width: rr - l, height: bb - t });
      });
      var r = el.getBoundingClientRect();
      var cx = r.left + r.width / 2, cy = r.top + r.height / 2;
      if (!parts.length) {
        reported++;
        fail(out, "focus-obscured", el, "focused element is not on screen (\u201c" + snippet(el) + "\u201d)");
        return;
      }
      /* Hit-test the centre of each box (a link wrapped over two lines has two). */
      var top = null, ok = false;
      for (var b = 0; b < parts.length && !ok; b++) {
        var q = parts[b];
        cx = q.left + q.width / 2;
        cy = q.top + q.height / 2;
        /* The topmost element only (elementsFromPoint would list every box beneath). */
        top = document.elementFromPoint(q.left + q.width / 2, q.top + q.height / 2);
        var label = top && top.closest ? top.closest("label") : null;
        ok = !!top && (top === el || el.contains(top) ||
          (!!label && !!el.labels && Array.prototype.indexOf.call(el.labels, label) >= 0));
      }
      if (!ok) {
        reported++;
        var clip = clipBox(el);
        var pos = top ? getComputedStyle(layerOf(top) || top).position : "";
        var why = clip && (cx < clip.left || cx > clip.right || cy < clip.top || cy > clip.bottom)
          ? "its centre stays outside the visible part of its scrolling box (focus does not scroll it into view)"
          : "it is covered by " + selectorOf(top) + (pos === "fixed" || pos === "sticky" ? " (position: " + pos + ")" : "");
        fail(out, "focus-obscured", el, "focused element is hidden: " + why + " (\u201c" + snippet(el) + "\u201d)");
      }
    });
    if (document.activeElement && document.activeElement.blur) document.activeElement.blur();
    window.scrollTo(0, 0);
    return skip ? selectorOf(skip) : null;
  }

  function inMain() {
    var main = mainOf();
    var a = document.activeElement;
    return !!(main && a && (a === main || main.contains(a)));
  }

  /* After the skip link: the target holds focus only to move the reading position. A
   * focus ring drawn around it (often the whole of <main>) is noise, not an indicator. */
  function skipTargetRing() {
    var a = document.activeElement;
    if (!a || a === document.body || a.matches(INTERACTIVE) || a.tabIndex >= 0) return "";
    var ring = indicator(a);
    return ring ? selectorOf(a) + ": " + ring : "";
  }

  /* Snapshot for the single-key shortcut check. */
  function shortcutsStart() {
    if (document.activeElement && document.activeElement.blur) document.activeElement.blur();
    window.scrollTo(0, 0);
    var st = { count: 0, url: location.href, x: scrollX, y: scrollY, active: document.activeElement };
    st.observer = new MutationObserver(function (recs) { st.count += recs.length; st.last = recs[0]; });
    st.observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
    window.__sgKeys = st;
  }

  function shortcutsEnd(out, keys) {
    var st = window.__sgKeys;
    st.count += st.observer.takeRecords().length;
    st.observer.disconnect();
    var what = [];
    if (location.href !== st.url) what.push("the address changed to " + location.href);
    if (document.activeElement !== st.active) what.push("focus moved to " + selectorOf(document.activeElement));
    if (scrollX !== st.x || scrollY !== st.y) what.push("the page scrolled");
    if (st.count) what.push("the page changed (" + st.count + " DOM mutations, first on " + selectorOf(st.last.target) + ")");
    if (what.length) fail(out, "shortcuts", "html", "pressing single keys (" + keys + ") outside a text field: " + what.join("; "));
  }

  /* Text nodes drawn on top of each other. Only text of one layer (the page, or one
   * fixed/sticky box) is compared; text leaking out of a fixed/sticky box is reported apart. */
  function layerOf(n) {
    if (!n || n.nodeType !== 1) return null;
    return remember("layer", n, function () {
      var p = getComputedStyle(n).position;
      return p === "fixed" || p === "sticky" ? n : layerOf(n.parentElement);
    });
  }

  /* The visible part of an element's content after every box that clips it: its own
   * overflow (unless outside), then its ancestors' — only those on its containing-block
   * chain (an absolutely positioned box escapes the overflow of static ancestors). */
  function clipBox(el, outside) {
    return remember(outside ? "clipOutside" : "clip", el, function () { return clipBoxOf(el, outside); });
  }

  function clipBoxOf(el, outside) {
    var box = null;
    var escape = outside ? getComputedStyle(el).position : "";
    for (var n = outside ? el.parentElement : el; n && n !== document.body && n !== document.documentElement; n = n.parentElement) {
      var cs = getComputedStyle(n);
      var transformed = cs.transform !== "none";
      if (escape === "fixed" && !transformed) continue;
      if (escape === "absolute" && cs.position === "static" && !transformed) continue;
      escape = cs.position === "absolute" || cs.position === "fixed" ? cs.position : "";
      if (cs.overflowX === "visible" && cs.overflowY === "visible") continue;
      var r = n.getBoundingClientRect();
      var c = { left: r.left + n.clientLeft, top: r.top + n.clientTop };
      c.right = c.left + n.clientWidth;
      c.bottom = c.top + n.clientHeight;
      if (cs.overflowX === "visible") { c.left = -1e9; c.right = 1e9; }
      if (cs.overflowY === "visible") { c.top = -1e9; c.bottom = 1e9; }
      box = box ? { left: Math.max(box.left, c.left), right: Math.min(box.right, c.right),
        top: Math.max(box.top, c.top), bottom: Math.min(box.bottom, c.bottom) } : c;
    }
    return box;
  }

  function overlaps(out, check) {
    var rects = [];
    var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    var leaks = 0;
    for (var t = walker.nextNode(); t && rects.length < 6000; t = walker.nextNode()) {
      var p = t.parentElement;
      if (!t.nodeValue.trim() || !p || !isRendered(p) || isVisuallyHidden(p)) continue;
      var layer = layerOf(p);
      var clip = clipBox(p);
      var range = document.createRange();
      range.selectNodeContents(t);
      var lr = layer ? layer.getBoundingClientRect() : null;
      var cr = range.getClientRects();
      for (var k = 0; k < cr.length; k++) {
        var q = cr[k];
        if (clip) {
          /* What a clipping box hides is the clipping check's business, not drawn text. */
          var l = Math.max(q.left, clip.left), r = Math.min(q.right, clip.right);
          var tp = Math.max(q.top, clip.top), bt = Math.min(q.bottom, clip.bottom);
          q = { left: l, right: r, top: tp, bottom: bt, width: r - l, height: bt - tp };
        }
        if (q.width < 1 || q.height < 1) continue;
        rects.push({ l: q.left + scrollX, t: q.top + scrollY, r: q.right + scrollX, b: q.bottom + scrollY, node: t, layer: layer });
        if (lr && leaks < 3 && (q.bottom > lr.bottom + 1 || q.right > lr.right + 1)) {
          leaks++;
          fail(out, check, p, "text \u201c" + t.nodeValue.trim().slice(0, 30) + "\u201d spills out of its fixed/sticky box " + selectorOf(layer));
        }
      }
    }
    rects.sort(function (a, b) { return a.t - b.t; });
    var found = 0;
    for (var i = 0; i < rects.length && found < 5; i++) {
      var a = rects[i];
      for (var j = i + 1; j < rects.length && rects[j].t < a.b; j++) {
        var b = rects[j];
        if (b.node === a.node || b.layer !== a.layer) continue;
        var w = Math.min(a.r, b.r) - Math.max(a.l, b.l);
        var h = Math.min(a.b, b.b) - Math.max(a.t, b.t);
        /* Line boxes of neighbouring lines may touch; real overlap covers a third of a line. */
        if (w > 2 && h > Math.min(a.b - a.t, b.b - b.t) / 3) {
          found++;
          fail(out, check, a.node.parentElement, "text \u201c" + a.node.nodeValue.trim().slice(0, 20) +
            "\u201d overlaps \u201c" + b.node.nodeValue.trim().slice(0, 20) + "\u201d (" + selectorOf(b.node.parentElement) + ")");
          break;
        }
      }
    }
  }

  var SPACING_CSS = "*,*::before,*::after{line-height:1.5!important;letter-spacing:0.12em!important;" +
    "word-spacing:0.16em!important}p{margin-bottom:2em!important}";

  function textSpacing(out) {
    var style = document.createElement("style");
    style.id = "sg-wcag-text-spacing";
    style.textContent = SPACING_CSS;
    document.head.appendChild(style);
    window.scrollTo(0, 0);
    var before = out.length;
    withMemo(function () {
      clipping(out, "text-spacing");
      overlaps(out, "text-spacing");
    });
    return out.length - before;
  }

  function staticChecks(out, opts) {
    window.scrollTo(0, 0);
    withMemo(function () {
      reflow(out);
      clipping(out, "clipping");
      overlaps(out, "overlap");
      headings(out);
      names(out);
      targets(out, opts.minTarget);
      measure(out, opts.narrow);
      currentPage(out);
    });
  }

  function reflowOnly(out) {
    window.scrollTo(0, 0);
    withMemo(function () { reflow(out); });
  }

  /* Which failing selectors match an exception selector (evaluated on the live page). */
  function excepted(pairs) {
    return pairs.map(function (p) {
      try {
        var el = document.querySelector(p[0]);
        return !!(el && el.matches(p[1]));
      } catch {
        return false;
      }
    });
  }

  return {
    staticChecks: staticChecks, reflowOnly: reflowOnly, focusSetup: focusSetup, focusReport: focusReport,
    inMain: inMain, skipTargetRing: skipTargetRing, shortcutsStart: shortcutsStart, shortcutsEnd: shortcutsEnd,
    textSpacing: textSpacing, excepted: excepted, selectorOf: selectorOf, mainOf: mainOf
  };
})();

/* The toolbar and search half: state snapshots the Python side compares around key presses. */
var sgTools = (function () {
  "use strict";

  function sampleText() {
    var main = sgProbe.mainOf();
    var p = (main && main.querySelector("p, li, dd, td")) || document.body;
    return p;
  }

  function state() {
    var root = {};
    /* Every setting the toolbar shows on <html> (data-sg-*): the list of settings is the
       theme's settings.json, not a copy here. */
    Array.prototype.forEach.call(document.documentElement.attributes, function (a) {
      if (a.name.indexOf("data-sg-") === 0) root[a.name] = a.value;
    });
    var bar = document.querySelector("[data-sg-a11y]");
    var buttons = {};
    if (bar) {
      bar.querySelectorAll("button, [role=button], [data-sg-toggle], [data-sg-scheme], [data-sg-action]").forEach(function (b) {
        var key = b.hasAttribute("data-sg-toggle") ? "toggle:" + b.getAttribute("data-sg-toggle")
          : b.hasAttribute("data-sg-scheme") ? "scheme:" + b.getAttribute("data-sg-scheme")
          : b.hasAttribute("data-sg-action") ? "action:" + b.getAttribute("data-sg-action") : null;
        if (!key) return;
        var shown = b.getClientRects().length > 0 && getComputedStyle(b).visibility === "visible";
        buttons[key] = {
          selector: sgProbe.selectorOf(b), pressed: b.getAttribute("aria-pressed"),
          expanded: b.getAttribute("aria-expanded"), shown: shown
        };
      });
    }
    var sample = sampleText();
    var cs = getComputedStyle(sample);
    /* The text size as a person sees it: the root font size against the browser's own
       default (font-size: medium), in per cent. */
    var medium = document.createElement("span");
    medium.style.fontSize = "medium";
    document.body.appendChild(medium);
    var scale = 100 * parseFloat(getComputedStyle(document.documentElement).fontSize) /
      parseFloat(getComputedStyle(medium).fontSize);
    medium.remove();
    var value = document.querySelector("[data-sg-text-value]");
    var bcs = getComputedStyle(document.body);
    return {
      toolbar: !!bar, root: root, buttons: buttons, fontSize: parseFloat(cs.fontSize),
      textScale: Math.round(scale), textShown: value ? (value.textContent || "").trim() : null,
      colours: bcs.color + " on " + bcs.backgroundColor + " / " + cs.color,
      active: sgProbe.selectorOf(document.activeElement), stored: localStorage.getItem("sg-a11y")
    };
  }

  function focus(selector) {
    var el = document.querySelector(selector);
    if (!el) return false;
    el.focus();
    return document.activeElement === el;
  }

  /* Speech synthesis that records instead of speaking, with one voice for the page's
     language: read-aloud checks for a voice before it speaks or lets 指读 be switched on,
     and a headless browser has none. Its utterances are plain objects, since a real
     SpeechSynthesisUtterance accepts only a real voice. */
  function stubSpeech() {
    window.__sgSpoken = [];
    if (!window.speechSynthesis) return false;
    var lang = document.documentElement.getAttribute("lang") || "zh-CN";
    var voice = { name: "sg-check", lang: lang, voiceURI: "sg-check", localService: true, default: true };
    window.speechSynthesis.getVoices = function () { return [voice]; };
    window.SpeechSynthesisUtterance = function (text) { this.text = text; };
    window.speechSynthesis.speak = function (u) {
      window.__sgSpoken.push(u.text);
      setTimeout(function () {
        if (u.onstart) u.onstart(new Event("start"));
        if (u.onend) u.onend(new Event("end"));
      }, 0);
    };
    return true;
  }

  function spoken() {
    var h1 = document.querySelector("h1");
    return { texts: window.__sgSpoken || [], h1: h1 ? (h1.textContent || "").replace(/\s+/g, "") : "" };
  }

  function searchInput() {
    var list = document.querySelectorAll("[role=search] input[type=search], [role=search] input[type=text], input[type=search], form[role=search] input:not([type=hidden])");
    for (var i = 0; i < list.length; i++) {
      if (list[i].getClientRects().length) return sgProbe.selectorOf(list[i]);
    }
    return null;
  }

  function value(selector) {
    var el = document.querySelector(selector);
    return el ? el.value : null;
  }

  return { state: state, focus: focus, stubSpeech: stubSpeech, spoken: spoken,
    searchInput: searchInput, value: value };
})();
