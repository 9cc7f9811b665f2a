// A Markdown table wider than a phone scrolls sideways in the theme's box (.md-typeset__scrollwrap): the box takes
// the keyboard's focus while it scrolls, so that it can be scrolled without a mouse (axe scrollable-region-focusable,
// WCAG 2.1.1). The site's own tables (.mb-table-wrap) carry tabindex="0" in their HTML; the theme's box is made by
// its script, so it is marked here, again when the width changes, and only while it scrolls (no needless stop).
(function () {
  function mark() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth;
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.dataset.mbFocusable = "";
      } else if (!scrolls && box.dataset.mbFocusable !== undefined) {
        box.removeAttribute("tabindex");
        delete box.dataset.mbFocusable;
      }
    });
  }
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(function () { setTimeout(mark, 0); });  // after the theme has wrapped the tables
  }
  window.addEventListener("load", mark);
  window.addEventListener("resize", mark);
})();
