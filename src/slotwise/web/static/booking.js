// slotwise booking pages: small enhancements over server-rendered forms (each works without).
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  function post(message) {
    if (window.parent && window.parent !== window) window.parent.postMessage(message, "*");
  }

  ready(function () {
    var picker = document.getElementById("picker");
    if (picker) {
      // The booker's zone: the browser's, unless the link or the booker chose one.
      var select = picker.querySelector("select[name=tz]");
      var browserZone = "";
      try { browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) {}
      if (picker.dataset.tzGiven === "0" && select && !select.disabled && browserZone &&
          select.value !== browserZone &&
          select.querySelector('option[value="' + browserZone.replace(/"/g, "") + '"]')) {
        var url = new URL(window.location.href);
        url.searchParams.set("tz", browserZone);
        window.location.replace(url.toString());
        return;
      }
      // Changing the time format or the duration shows the page again at once; so does a
      // zone picked with the mouse. A zone chosen with the keyboard applies on Enter or on
      // leaving the list, so arrowing through it does not reload the page at every step.
      picker.querySelectorAll("input[data-autosubmit]").forEach(function (input) {
        input.addEventListener("change", function () { picker.requestSubmit(); });
      });
      if (select && !select.disabled) {
        var initial = select.value;
        var byKeys = false;
        select.addEventListener("keydown", function (event) {
          byKeys = true;
          if (event.key === "Enter") { event.preventDefault(); picker.requestSubmit(); }
        });
        select.addEventListener("pointerdown", function () { byKeys = false; });
        select.addEventListener("change", function () { if (!byKeys) picker.requestSubmit(); });
        select.addEventListener("blur", function () {
          if (byKeys && select.value !== initial) picker.requestSubmit();
        });
      }
      // Arrow keys move between days with free times (Home/End: first/last of the month).
      var grid = picker.querySelector(".grid");
      if (grid) {
        grid.addEventListener("keydown", function (event) {
          var steps = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };
          var days = Array.prototype.slice.call(grid.querySelectorAll("button.day"));
          var index = days.indexOf(document.activeElement);
          if (index < 0) return;
          var free = function (b) { return !b.disabled; };
          var target = null;
          if (event.key === "Home") target = days.filter(free)[0];
          else if (event.key === "End") target = days.filter(free).pop();
          else if (steps[event.key]) {
            var step = steps[event.key];
            for (var i = index + step; i >= 0 && i < days.length; i += step) {
              if (free(days[i])) { target = days[i]; break; }
            }
            if (!target && Math.abs(step) === 7) {
              var dir = step > 0 ? 1 : -1;
              for (var j = index + dir; j >= 0 && j < days.length; j += dir) {
                if (free(days[j])) { target = days[j]; break; }
              }
            }
          }
          if (target) { event.preventDefault(); target.focus(); }
        });
      }
      // A day picked with the keyboard moves the focus to its first time on the next page;
      // a page that opened on a day (or a day clicked) leaves the focus alone, so no time
      // looks chosen before the booker chose one.
      var FOCUS_KEY = "slotwise:focus-first-time";
      var remember = function (value) {
        try {
          if (value) sessionStorage.setItem(FOCUS_KEY, "1");
          else sessionStorage.removeItem(FOCUS_KEY);
        } catch (e) {}
      };
      var pickedByKeys = false;
      try { pickedByKeys = sessionStorage.getItem(FOCUS_KEY) === "1"; } catch (e) {}
      remember(false);
      picker.addEventListener("keydown", function (event) {
        var picking = event.key === "Enter" || event.key === " ";
        if (picking && event.target.matches("button.day")) remember(true);
      });
      picker.addEventListener("pointerdown", function () { remember(false); });
      var firstSlot = picker.querySelector(".slot");
      if (pickedByKeys && firstSlot && document.activeElement === document.body) {
        firstSlot.focus({ preventScroll: true });
      }
      // A time list taller than its box says that more times lie below, until they show.
      var list = picker.querySelector(".slot-list");
      var more = document.getElementById("more-times");
      if (list && more) {
        var showMore = function () {
          more.hidden = list.scrollTop + list.clientHeight >= list.scrollHeight - 4;
        };
        list.addEventListener("scroll", showMore, { passive: true });
        window.addEventListener("resize", showMore);
        more.addEventListener("click", function () {
          list.scrollBy({ top: list.clientHeight * 0.8, behavior: "smooth" });
        });
        showMore();
      }
    }

    var form = document.getElementById("booking-form");
    if (form) {
      var invalid = form.querySelector('[aria-invalid="true"] input, [aria-invalid="true"]');
      if (invalid && invalid.focus) invalid.focus();
      form.addEventListener("submit", function () {
        var button = form.querySelector("button[type=submit]");
        if (button) { button.disabled = true; button.setAttribute("aria-busy", "true"); }
      });
      window.addEventListener("pageshow", function () {
        var button = form.querySelector("button[type=submit]");
        if (button) { button.disabled = false; button.removeAttribute("aria-busy"); }
      });
    }

    // Embedded: tell the host page when a booking is made, and how tall the page is.
    var details = document.getElementById("booking-details");
    if (details && details.dataset.done) {
      post({
        type: "slotwise:" + (details.dataset.done === "rescheduled" ? "rescheduled" : "booked"),
        booking: {
          uid: details.dataset.uid, start: details.dataset.start, end: details.dataset.end,
          status: details.dataset.status
        }
      });
    }
    var lastHeight = 0;
    function sendHeight() {
      var height = document.documentElement.scrollHeight;
      if (height !== lastHeight) { lastHeight = height; post({ type: "slotwise:resize", height: height }); }
    }
    if (document.body.classList.contains("embedded")) {
      sendHeight();
      if (window.ResizeObserver) new ResizeObserver(sendHeight).observe(document.body);
    }
  });
})();
