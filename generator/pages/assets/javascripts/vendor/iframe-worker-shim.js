/* iframe-worker 1.0.4 shim (MIT, (c) 2020-2022 Martin Donath), vendored so the offline build
   runs search from file:// without loading anything from a CDN. See LICENSE-iframe-worker.txt.
   One change, for the Content-Security-Policy (no inline script without a hash): the original
   writes an inline <script> into its iframe to define the worker's globals; here that script is
   the file iframe-worker-boot.js beside this one, and the worker's address reaches it in the
   iframe's data-worker attribute. Unminified; otherwise the same code. */
"use strict";
(() => {
  var boot = new URL("iframe-worker-boot.js", document.currentScript.src).href;
  var o = class extends EventTarget {
    constructor(e) {
      super();
      this.url = e;
      this.m = (e) => {
        e.source === this.w && (this.dispatchEvent(new MessageEvent("message", { data: e.data })), this.onmessage && this.onmessage(e));
      };
      this.e = (e, r, t, i, m) => {
        if (r === `${this.url}`) {
          let a = new ErrorEvent("error", { message: e, filename: r, lineno: t, colno: i, error: m });
          this.dispatchEvent(a), this.onerror && this.onerror(a);
        }
      };
      let r = document.createElement("iframe");
      r.hidden = !0;
      r.setAttribute("data-worker", `${e}`);
      document.body.appendChild((this.iframe = r));
      this.w.document.open();
      this.w.document.write(`<html><body><script src="${boot}"><\/script><script src=${e}?${+Date.now()}><\/script></body></html>`);
      this.w.document.close();
      onmessage = this.m;
      onerror = this.e;
      this.r = new Promise((t, i) => {
        this.w.onload = t;
        this.w.onerror = i;
      });
    }
    terminate() {
      this.iframe.remove();
      onmessage = onerror = null;
    }
    postMessage(e) {
      this.r.catch().then(() => {
        this.w.dispatchEvent(new MessageEvent("message", structuredClone({ data: e })));
      });
    }
    get w() {
      return this.iframe.contentWindow;
    }
  };
  window.IFrameWorker = o;
  location.protocol === "file:" && (window.Worker = o);
})();
