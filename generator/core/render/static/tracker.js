// Client-side filters for the recommendation tracker. Without JavaScript the table is complete and plain.
(function () {
  function setup() {
    var table = document.getElementById("mb-tracker");
    if (!table || table.dataset.mbReady) { return; }
    table.dataset.mbReady = "1";
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var keys = ["agency", "status", "session", "category"];
    var labels = JSON.parse(table.getAttribute("data-filter-labels") || "{}");
    // What each code is called on this page ("dinh_hoan" is "Đình hoãn"): readers choose labels, not codes.
    var names = JSON.parse(table.getAttribute("data-value-labels") || "{}");
    var box = document.createElement("div");
    box.className = "mb-filters";
    var selects = {};
    keys.forEach(function (key) {
      var values = {};
      rows.forEach(function (row) {
        (row.dataset[key] || "").split(" ").forEach(function (v) { if (v) { values[v] = true; } });
      });
      var label = document.createElement("label");
      label.textContent = (labels[key] || key) + " ";
      var select = document.createElement("select");
      var all = document.createElement("option");
      all.value = ""; all.textContent = labels.all || "*";
      select.appendChild(all);
      var named = names[key] || {};
      Object.keys(values).sort(function (a, b) {
        return (named[a] || a).localeCompare(named[b] || b);
      }).forEach(function (v) {
        var option = document.createElement("option");
        option.value = v; option.textContent = named[v] || v;
        select.appendChild(option);
      });
      select.addEventListener("change", apply);
      label.appendChild(select);
      box.appendChild(label);
      selects[key] = select;
    });
    table.parentNode.parentNode.insertBefore(box, table.parentNode);
    function apply() {
      rows.forEach(function (row) {
        var shown = keys.every(function (key) {
          var wanted = selects[key].value;
          return !wanted || (row.dataset[key] || "").split(" ").indexOf(wanted) >= 0;
        });
        row.hidden = !shown;
      });
    }
  }
  if (window.document$) { window.document$.subscribe(setup); } else { document.addEventListener("DOMContentLoaded", setup); }
})();
