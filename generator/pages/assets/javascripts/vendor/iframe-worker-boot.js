/* Part of the vendored iframe-worker shim (MIT, (c) 2020-2022 Martin Donath; see
   LICENSE-iframe-worker.txt): runs inside the shim's iframe, before the worker's own script,
   and gives it the globals a worker has. A file rather than the original's inline script, so
   the pages' Content-Security-Policy needs no exception. */
(function () {
  var url = frameElement.getAttribute("data-worker");
  self.postMessage = function (message, origin) {
    parent.postMessage(message, origin || "*");
  };
  self.importScripts = function (...urls) {
    return urls.reduce(function (loaded, src) {
      return loaded.then(function () {
        return new Promise(function (resolve) {
          var script = document.createElement("script");
          script.src = src;
          script.onload = resolve;
          document.body.appendChild(script);
        });
      });
    }, Promise.resolve());
  };
  addEventListener("error", function (event) {
    parent.dispatchEvent(new ErrorEvent("error", { filename: url, error: event.error }));
  });
})();
