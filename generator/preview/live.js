// The preview's live reload (`guides serve` only; never part of a built site). Four times a
// second it asks the preview server whether a build has finished since this page was
// served (a small JSON answer from this machine; a change is on the page a quarter of a
// second after the preview has it), and reloads the page when one has: to show the new
// page, or to show or remove the problems banner. A page served while the preview was
// still rendering it again reloads once that is done; the note that the search index lags
// goes when it has caught up. Each question gives up after a few seconds, so a busy
// server never leaves a request hanging.
(() => {
  "use strict";
  const script = document.currentScript;
  if (!script || !window.fetch) {
    return;
  }
  const served = script.getAttribute("data-sg-preview-epoch");
  const servedErrors = Number(script.getAttribute("data-sg-preview-errors"));
  const stateUrl = script.getAttribute("data-sg-preview-state");
  const TOP_KEY = "sg-preview-show-banner";

  // A reload keeps the scroll position. When errors have just appeared, start at the
  // top instead, where the banner is, so the editor sees it.
  if (sessionStorage.getItem(TOP_KEY) === "1") {
    sessionStorage.removeItem(TOP_KEY);
    // The browser puts the old scroll position back when the page has loaded: go to the
    // top after that, then let later reloads keep the reader's place again.
    window.addEventListener("load", () => {
      window.requestAnimationFrame(() => {
        if (servedErrors > 0) {
          window.scrollTo(0, 0);
        }
        history.scrollRestoration = "auto";
      });
    });
  }

  const EVERY = 250;
  const ask = () => {
    const controller = new AbortController();
    const timer = window.setTimeout(() => controller.abort(), 3000);
    window
      .fetch(stateUrl, { cache: "no-store", signal: controller.signal })
      .then((response) => response.json())
      .then((state) => {
        if (!state.updating && document.querySelector("[data-sg-preview-updating]")) {
          // This page was served while the preview was still rendering it: show it now.
          window.location.reload();
          return;
        }
        if (!state.search_behind) {
          // The search index has caught up: the note saying it lags is no longer true.
          document.querySelectorAll("[data-sg-preview-search]").forEach((note) => note.remove());
        }
        if (String(state.epoch) !== served) {
          if (state.errors > 0 && servedErrors === 0) {
            sessionStorage.setItem(TOP_KEY, "1");
            history.scrollRestoration = "manual";
          }
          window.location.reload();
          return;
        }
        window.setTimeout(ask, EVERY);
      })
      .catch(() => window.setTimeout(ask, 2000))
      .finally(() => window.clearTimeout(timer));
  };
  window.setTimeout(ask, EVERY);
})();
