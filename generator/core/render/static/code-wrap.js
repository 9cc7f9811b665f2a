// A file name, an id or an address in a page written by hand wraps after a separator, as the generated pages' do:
// their templates' "wrap" filter (core/render/jinja.py) writes <wbr> there, but the guides' Markdown is not a
// template. Without it, code longer than its line ("datasets/nguon/data/sources.csv" in a list at 320 px) had no
// place to break but the theme's anywhere (overflow-wrap: break-word), and broke inside a word ("sources.cs|v").
// A separator between two words only: "--format" keeps its dashes.
(function () {
  var SEPARATORS = /[-\/._?&=#:;,@+]+/g;
  var SPACE = /\s/;

  function withBreaks(node) {
    var text = node.nodeValue, pieces = document.createDocumentFragment(), done = 0, match;
    SEPARATORS.lastIndex = 0;
    while ((match = SEPARATORS.exec(text)) !== null) {
      var end = match.index + match[0].length;
      if (match.index > 0 && end < text.length && !SPACE.test(text[match.index - 1]) && !SPACE.test(text[end])) {
        pieces.appendChild(document.createTextNode(text.slice(done, end)));
        pieces.appendChild(document.createElement("wbr"));
        done = end;
      }
    }
    if (done > 0) {
      pieces.appendChild(document.createTextNode(text.slice(done)));
      node.replaceWith(pieces);
    }
  }

  function wrap() {
    document.querySelectorAll(".md-typeset code").forEach(function (code) {
      if (code.closest("pre") || code.querySelector("wbr")) {
        return;  // a code block keeps its lines; the generated pages' code has its breaks already
      }
      Array.prototype.filter.call(code.childNodes, function (node) { return node.nodeType === Node.TEXT_NODE; })
        .forEach(withBreaks);
    });
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(wrap);
  } else {
    wrap();
  }
})();
