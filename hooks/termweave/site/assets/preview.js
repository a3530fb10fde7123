/* termweave previews: a card with a glossary term's summary for every cross-link
 * (a.tw-term[data-term], made by termweave.links.autolink), shown on hover, keyboard focus and tap.
 *
 * - Data: the page's hidden <div id="tw-previews" data-previews="{slug: {title, summary}}">,
 *   read again whenever Material's instant navigation brings a new one.
 * - Events are delegated to `document`, so pages swapped in by instant navigation need no
 *   re-binding; text goes in with textContent only, so a summary can never become markup.
 * - Touch: the first tap on a link shows the card, a second tap (or the card's "Open") follows it.
 *   Escape, a tap elsewhere, or moving pointer/focus away closes it.
 */
(function () {
  "use strict";
  if (window.__termweavePreviews) return;
  window.__termweavePreviews = true;

  var LINK = "a.tw-term[data-term]";
  var CARD_ID = "tw-preview-card";
  var SHOW_DELAY = 120;
  var HIDE_DELAY = 250;
  var GAP = 6;

  var card = null;
  var titleEl = null;
  var summaryEl = null;
  var openEl = null;
  var current = null; // the link the card describes while shown
  var pinned = false; // shown by a tap: stays until dismissed
  var timer = 0;
  var tapped = null; // the link under the last touch/pen pointerdown
  var source = { el: null, data: {} };

  function previews() {
    var el = document.getElementById("tw-previews");
    if (el !== source.el) {
      source = { el: el, data: {} };
      if (el) {
        try {
          source.data = JSON.parse(el.getAttribute("data-previews") || "{}") || {};
        } catch (error) {
          source.data = {};
        }
      }
    }
    return source.data;
  }

  function linkFrom(target) {
    return target && target.closest ? target.closest(LINK) : null;
  }

  function inCard(target) {
    return !!(card && target && card.contains(target));
  }

  function build() {
    if (card && document.body.contains(card)) return;
    card = document.createElement("div");
    card.id = CARD_ID;
    card.className = "tw-card";
    card.setAttribute("role", "tooltip");
    card.hidden = true;
    titleEl = document.createElement("p");
    titleEl.className = "tw-card__title";
    summaryEl = document.createElement("p");
    summaryEl.className = "tw-card__summary";
    openEl = document.createElement("a");
    openEl.className = "tw-card__open";
    openEl.textContent = "Open";
    // The term link itself opens the page for keyboard and screen-reader users; "Open" is for
    // touch, so it stays out of the tab order and out of the link's description.
    openEl.tabIndex = -1;
    openEl.setAttribute("aria-hidden", "true");
    card.appendChild(titleEl);
    card.appendChild(summaryEl);
    card.appendChild(openEl);
    document.body.appendChild(card);
  }

  function describe(link, on) {
    var ids = (link.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (id) {
      return id && id !== CARD_ID;
    });
    if (on) ids.push(CARD_ID);
    if (ids.length) link.setAttribute("aria-describedby", ids.join(" "));
    else link.removeAttribute("aria-describedby");
  }

  function place(link) {
    var rects = link.getClientRects();
    var box = rects.length ? rects[0] : link.getBoundingClientRect();
    var width = card.offsetWidth;
    var height = card.offsetHeight;
    var viewWidth = document.documentElement.clientWidth;
    var viewHeight = window.innerHeight;
    var left = Math.min(Math.max(GAP, box.left), Math.max(GAP, viewWidth - width - GAP));
    var top = box.bottom + GAP;
    if (top + height > viewHeight - GAP && box.top - height - GAP > GAP) {
      top = box.top - height - GAP;
    }
    card.style.left = left + "px";
    card.style.top = top + "px";
  }

  function show(link, pin) {
    clearTimeout(timer);
    var data = previews()[link.getAttribute("data-term")];
    if (!data) return;
    build();
    if (current && current !== link) describe(current, false);
    titleEl.textContent = String(data.title || "");
    summaryEl.textContent = String(data.summary || "");
    openEl.href = link.href;
    card.hidden = false;
    current = link;
    pinned = !!pin;
    describe(link, true);
    place(link);
  }

  function hide() {
    clearTimeout(timer);
    if (card) card.hidden = true;
    if (current) describe(current, false);
    current = null;
    pinned = false;
  }

  function later(action, delay) {
    clearTimeout(timer);
    timer = setTimeout(action, delay);
  }

  function focusVisible(link) {
    try {
      return link.matches(":focus-visible");
    } catch (error) {
      return true;
    }
  }

  // Hover (mouse only: touch and pen are handled as taps).
  document.addEventListener("pointerover", function (event) {
    if (event.pointerType !== "mouse") return;
    var link = linkFrom(event.target);
    if (link) {
      if (link === current) clearTimeout(timer);
      else later(function () { show(link, false); }, current ? 0 : SHOW_DELAY);
    } else if (inCard(event.target)) {
      clearTimeout(timer);
    }
  });

  document.addEventListener("pointerout", function (event) {
    if (event.pointerType !== "mouse" || pinned) return;
    var from = linkFrom(event.target) || (inCard(event.target) ? card : null);
    if (!from) return;
    var to = event.relatedTarget;
    if (to && (from.contains(to) || inCard(to) || (current && current.contains(to)))) return;
    if (current && document.activeElement === current) return; // keyboard focus keeps it
    later(hide, current ? HIDE_DELAY : 0);
  });

  // Keyboard focus.
  document.addEventListener("focusin", function (event) {
    var link = linkFrom(event.target);
    if (link && link !== tapped && focusVisible(link)) show(link, false);
  });

  document.addEventListener("focusout", function (event) {
    if (pinned || !current || linkFrom(event.target) !== current) return;
    var to = event.relatedTarget;
    if (to && inCard(to)) return;
    hide();
  });

  // Taps: remember where a touch or pen went down, then decide on its click.
  document.addEventListener(
    "pointerdown",
    function (event) {
      tapped = event.pointerType === "mouse" ? null : linkFrom(event.target);
      // A tap or click anywhere else dismisses a card (some browsers fire no click there).
      if (current && !inCard(event.target) && linkFrom(event.target) !== current) hide();
    },
    true
  );

  // Capture phase: a first tap must not reach Material's instant navigation (on document.body).
  document.addEventListener(
    "click",
    function (event) {
      var link = linkFrom(event.target);
      var wasTap = link !== null && link === tapped;
      tapped = null;
      if (inCard(event.target)) {
        if (event.target === openEl || openEl.contains(event.target)) hide();
        return;
      }
      if (wasTap && !(event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)) {
        if (!(pinned && current === link)) {
          event.preventDefault();
          event.stopPropagation();
          show(link, true);
          return;
        }
      }
      if (current && link !== current) hide();
      else if (link) hide(); // following the link
    },
    true
  );

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !current) return;
    var link = current;
    var focusInCard = inCard(document.activeElement);
    hide();
    if (focusInCard) link.focus();
  });

  function reposition() {
    if (!current) return;
    if (!current.isConnected) hide();
    else place(current);
  }
  window.addEventListener("scroll", reposition, { passive: true });
  window.addEventListener("resize", reposition);
  window.addEventListener("popstate", hide);
  // Material's instant navigation announces each new page on document$.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(hide);
  }
})();
