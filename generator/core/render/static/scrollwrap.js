// A Markdown table wider than a phone scrolls sideways in the theme's box (.md-typeset__scrollwrap), and so does a
// code block (pre > code): the box takes the keyboard's focus while it scrolls, so that it can be scrolled without
// a mouse (axe scrollable-region-focusable, WCAG 2.1.1). The site's own tables (.mb-table-wrap) carry tabindex="0"
// in their HTML; the theme's boxes are made or measured by its script, so they are marked here, again when the
// width changes, and only while they scroll (no needless stop). The theme marks a code block itself on a device
// that can hover only, and takes the mark away on a touch screen whenever it measures the block: the mark is put
// back when it goes.
(function () {
  var BOXES = ".md-typeset__scrollwrap, .md-typeset pre > code";
  function mark() {
    document.querySelectorAll(BOXES).forEach(function (box) {
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
  // Each change of a tabindex is looked at again: the theme's, and mark()'s own (which changes nothing the second
  // time, so this ends).
  new MutationObserver(mark).observe(document.documentElement, {subtree: true, attributeFilter: ["tabindex"]});
})();
