// The theme reads its search box when a key is released (and when the box takes focus), never when its text
// changes: a query pasted into the box (a long press, then Paste) was never searched, and a letter that a phone's
// keyboard or an input method commits without a key release (Vietnamese "ị", "ụ") was left out of the query
// ("kiến ngh"). Each change of the text is passed on to the theme as a released key; a query the theme has
// already read is not searched again.
(function () {
  document.addEventListener("input", function (event) {
    var box = event.target;
    if (box instanceof HTMLInputElement && box.matches(".md-search__input")) {
      box.dispatchEvent(new KeyboardEvent("keyup"));
    }
  });
})();
