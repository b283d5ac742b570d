// slotwise embed: put a booking page inline or in a pop-up on any site.
//
//   <script src="https://slotwise.example/embed/embed.js" defer></script>
//   <div data-slotwise-inline="olive/30min"></div>              (inline)
//   <button data-slotwise-popup="olive/30min">Book a call</button> (pop-up)
//
// The host page hears about bookings as DOM events on `document`:
//   document.addEventListener("slotwise:booked", (e) => console.log(e.detail.uid));
// Also `window.Slotwise.inline(element, path)` and `window.Slotwise.popup(path)`.
(function () {
  "use strict";
  if (window.Slotwise) return;
  var script = document.currentScript;
  var origin = script ? new URL(script.src, window.location.href).origin : window.location.origin;
  var frames = [];

  function pageUrl(path) {
    var url = new URL(String(path).replace(/^\/+/, "/"), origin + "/");
    url.searchParams.set("embed", "1");
    return url.toString();
  }

  function frame(path, title) {
    var iframe = document.createElement("iframe");
    iframe.src = pageUrl(path);
    iframe.title = title || "Booking page";
    iframe.style.cssText = "width:100%;border:0;min-height:480px;display:block;";
    iframe.setAttribute("loading", "lazy");
    frames.push(iframe);
    return iframe;
  }

  function inline(element, path) {
    element.innerHTML = "";
    var iframe = frame(path, element.getAttribute("data-slotwise-title"));
    element.appendChild(iframe);
    return iframe;
  }

  var open = null;
  function close() {
    if (!open) return;
    open.overlay.remove();
    document.removeEventListener("keydown", open.onKey);
    if (open.opener && open.opener.focus) open.opener.focus();
    open = null;
  }

  function popup(path, opener) {
    close();
    var overlay = document.createElement("div");
    overlay.setAttribute("role", "dialog");
    overlay.setAttribute("aria-modal", "true");
    overlay.setAttribute("aria-label", "Book a time");
    overlay.style.cssText = "position:fixed;inset:0;z-index:2147483000;background:rgba(0,0,0,.5);" +
      "display:flex;align-items:center;justify-content:center;padding:1rem;";
    var box = document.createElement("div");
    box.style.cssText = "background:#fff;border-radius:12px;width:min(1080px,100%);" +
      "max-height:100%;overflow:auto;position:relative;";
    var shut = document.createElement("button");
    shut.type = "button";
    shut.textContent = "×";
    shut.setAttribute("aria-label", "Close");
    shut.style.cssText = "position:absolute;right:.5rem;top:.25rem;font-size:1.5rem;" +
      "border:0;background:none;cursor:pointer;z-index:1;";
    shut.addEventListener("click", close);
    box.appendChild(shut);
    box.appendChild(frame(path));
    overlay.appendChild(box);
    overlay.addEventListener("click", function (event) { if (event.target === overlay) close(); });
    var onKey = function (event) { if (event.key === "Escape") close(); };
    document.addEventListener("keydown", onKey);
    document.body.appendChild(overlay);
    open = { overlay: overlay, onKey: onKey, opener: opener || null };
    shut.focus();
    return overlay;
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== origin || !event.data || typeof event.data.type !== "string") return;
    var source = frames.filter(function (f) { return f.contentWindow === event.source; })[0];
    if (!source) return;
    if (event.data.type === "slotwise:resize" && source.parentNode && !open) {
      source.style.height = Math.max(480, Number(event.data.height) || 0) + "px";
      return;
    }
    if (event.data.type.indexOf("slotwise:") === 0) {
      document.dispatchEvent(new CustomEvent(event.data.type, { detail: event.data.booking || {} }));
    }
  });

  function start() {
    document.querySelectorAll("[data-slotwise-inline]").forEach(function (element) {
      inline(element, element.getAttribute("data-slotwise-inline"));
    });
    document.addEventListener("click", function (event) {
      var trigger = event.target.closest && event.target.closest("[data-slotwise-popup]");
      if (!trigger) return;
      event.preventDefault();
      popup(trigger.getAttribute("data-slotwise-popup"), trigger);
    });
  }

  window.Slotwise = { inline: inline, popup: popup, close: close };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
