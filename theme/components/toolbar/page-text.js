// What a thing on the page says, for the large captions and for read-aloud alike.

const READABLE =
  "a,button,summary,label,input,select,textarea,h1,h2,h3,h4,h5,h6,p,li,dt,dd,th,td," +
  "caption,figcaption,blockquote,legend,time";

const root = document.documentElement;

function clean(text) {
  return (text || "").replace(/\s+/g, " ").trim();
}

/** The element worth reading for a focus or pointer target, or null. */
export function readableTarget(el) {
  if (!el || el.nodeType !== 1 || !el.closest) return null;
  if (el.closest("[aria-hidden='true'], .sg-captions, .sg-ruler")) return null;
  // A control inside a readable block speaks for itself; a block speaks whole.
  return el.closest(READABLE);
}

/** The text a person hears for el: its label, a field's label and value, or its text. */
export function textOf(el) {
  if (!el) return "";
  const label = el.getAttribute("aria-label");
  if (label) return clean(label);
  const tag = el.tagName;
  if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") {
    const name = el.labels && el.labels.length ? clean(el.labels[0].innerText) : "";
    const value = tag === "SELECT" ? "" : clean(el.value);
    return clean(name + (value ? " " + value : ""));
  }
  let text = clean(el.innerText || el.textContent);
  if (el.hasAttribute("aria-pressed")) {
    text += el.getAttribute("aria-pressed") === "true" ? "，已开启" : "，未开启";
  }
  return text;
}

/** The language el is written in: its nearest lang attribute. */
export function langOf(el) {
  const holder = el && el.closest ? el.closest("[lang]") : null;
  return (holder && holder.getAttribute("lang")) || root.getAttribute("lang") || "zh-CN";
}

// A part of an element's text in one language, for read-aloud: [{text, lang}, ...].
function collectParts(node, lang, parts) {
  for (const child of node.childNodes) {
    if (child.nodeType === 3) {
      const last = parts[parts.length - 1];
      if (last && last.lang === lang) last.text += child.textContent;
      else parts.push({ text: child.textContent, lang });
    } else if (child.nodeType === 1) {
      // What is not rendered (display: none, hidden) or hidden from assistive technology
      // is not read, as innerText would leave it out too.
      if (child.matches("[aria-hidden='true'], [hidden], script, style, template")) continue;
      if (child.getClientRects().length === 0 && child.localName !== "br") continue;
      const own = child.getAttribute("lang");
      // Block boundaries are pauses; a space keeps words of two blocks apart.
      const last = parts[parts.length - 1];
      if (last && getComputedStyle(child).display !== "inline") last.text += " ";
      collectParts(child, own || lang, parts);
    }
  }
  return parts;
}

/**
 * What read-aloud says for el, cut where the language changes: [{text, lang}], each part
 * in the language of its nearest `lang` attribute, so each can get a voice of its own.
 * An element without a part in another language gives one part: textOf(el).
 */
export function speechParts(el) {
  const lang = langOf(el);
  const whole = [{ text: textOf(el), lang }];
  if (el.hasAttribute("aria-label") || el.hasAttribute("aria-pressed")) return whole;
  const others = Array.from(el.querySelectorAll("[lang]")).some(
    (child) => child.getAttribute("lang") !== lang,
  );
  if (!others) return whole;
  const parts = collectParts(el, lang, [])
    .map((part) => ({ text: clean(part.text), lang: part.lang }))
    .filter((part) => part.text !== "");
  return parts.length ? parts : whole;
}
