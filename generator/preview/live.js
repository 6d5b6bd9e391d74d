// The preview's live reload: ask the preview server every second whether a build has
// finished since this page was served, and reload the page when one has (to show the new
// page, or to show or remove the problems banner). Each question gives up after a few
// seconds, so a busy server never leaves a request hanging.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.fetch) {
    return;
  }
  var served = script.getAttribute("data-sg-preview-epoch");
  var stateUrl = script.getAttribute("data-sg-preview-state");
  var ask = function () {
    var controller = window.AbortController ? new AbortController() : null;
    var timer = window.setTimeout(function () {
      if (controller) {
        controller.abort();
      }
    }, 3000);
    window
      .fetch(stateUrl, { cache: "no-store", signal: controller ? controller.signal : undefined })
      .then(function (response) {
        return response.json();
      })
      .then(function (state) {
        if (String(state.epoch) !== served) {
          window.location.reload();
          return;
        }
        window.setTimeout(ask, 1000);
      })
      .catch(function () {
        window.setTimeout(ask, 2000);
      })
      .finally(function () {
        window.clearTimeout(timer);
      });
  };
  window.setTimeout(ask, 1000);
})();
