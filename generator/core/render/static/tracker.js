// The recommendation tracker as a tool: filters and sorts, kept in the page's address (?status=dinh_hoan&sort=age)
// so that a journalist can share the filtered view. Without JavaScript the table is complete and plain, in its own
// order (newest session first). Every word shown comes from the page (data-filter-labels, data-value-labels).
(function () {
  var KEYS = ["agency", "status", "session", "category", "kind"];
  var SORTS = ["newest", "oldest", "agency", "status", "age"];

  function parse(table, name) {
    return JSON.parse(table.getAttribute(name) || "{}");
  }

  function values(rows, key) {
    var found = {};
    rows.forEach(function (row) {
      (row.dataset[key] || "").split(" ").forEach(function (v) { if (v) { found[v] = true; } });
    });
    return Object.keys(found);
  }

  function select(name, text, options, chosen) {
    var label = document.createElement("label");
    label.textContent = text + " ";
    var box = document.createElement("select");
    box.name = name;
    options.forEach(function (option) {
      var element = document.createElement("option");
      element.value = option[0];
      element.textContent = option[1];
      box.appendChild(element);
    });
    box.value = options.some(function (o) { return o[0] === chosen; }) ? chosen : options[0][0];
    label.appendChild(box);
    return label;
  }

  function sorter(kind, names, lang) {
    var agency = names.agency || {};
    function first(row) {
      var code = (row.dataset.agency || "").split(" ")[0];
      return agency[code] || code || "\uffff";
    }
    var compare = {
      newest: function (a, b) { return b.dataset.date.localeCompare(a.dataset.date); },
      oldest: function (a, b) { return a.dataset.date.localeCompare(b.dataset.date); },
      agency: function (a, b) { return first(a).localeCompare(first(b), lang); },
      status: function (a, b) { return Number(a.dataset.order) - Number(b.dataset.order); },
      age: function (a, b) { return Number(b.dataset.age) - Number(a.dataset.age); }
    }[kind];
    // Equal keys keep the table's own order: a sort never shuffles what it does not decide.
    return function (a, b) { return compare(a, b) || Number(a.dataset.position) - Number(b.dataset.position); };
  }

  function setup() {
    var table = document.getElementById("mb-tracker");
    if (!table || table.dataset.mbReady) { return; }
    table.dataset.mbReady = "1";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.forEach(function (row, i) { row.dataset.position = String(i); });
    var labels = parse(table, "data-filter-labels");
    var names = parse(table, "data-value-labels");
    var lang = document.documentElement.lang || undefined;
    var params = new URLSearchParams(window.location.search);
    var box = document.createElement("div");
    box.className = "mb-filters";
    var selects = {};
    KEYS.forEach(function (key) {
      var named = names[key] || {};
      var options = values(rows, key).map(function (v) { return [v, named[v] || v]; });
      options.sort(function (a, b) { return a[1].localeCompare(b[1], lang); });
      var label = select(key, labels[key] || key, [["", labels.all || "*"]].concat(options), params.get(key) || "");
      selects[key] = label.querySelector("select");
      box.appendChild(label);
    });
    var sort = select("sort", labels.sort || "sort", SORTS.map(function (s) { return [s, labels["sort." + s] || s]; }),
                      params.get("sort") || SORTS[0]);
    selects.sort = sort.querySelector("select");
    box.appendChild(sort);
    var reset = document.createElement("button");
    reset.type = "button";
    reset.className = "md-button mb-reset";
    reset.textContent = labels.reset || "reset";
    box.appendChild(reset);
    var shown = document.createElement("p");
    shown.className = "mb-shown";
    shown.setAttribute("aria-live", "polite");
    // The controls fold away on a phone (they took a screen of their own), unless the address chose a view.
    var fold = document.createElement("details");
    fold.className = "mb-filter-box";
    var title = document.createElement("summary");
    title.textContent = labels.controls || "";
    fold.appendChild(title);
    fold.appendChild(box);
    fold.open = window.matchMedia("(min-width: 37.5em)").matches ||
      KEYS.concat(["sort"]).some(function (key) { return params.get(key); });
    var wrap = table.parentNode;
    wrap.parentNode.insertBefore(fold, wrap);
    wrap.parentNode.insertBefore(shown, wrap);

    function apply() {
      var visible = 0;
      rows.forEach(function (row) {
        row.hidden = !KEYS.every(function (key) {
          var wanted = selects[key].value;
          return !wanted || (row.dataset[key] || "").split(" ").indexOf(wanted) >= 0;
        });
        if (!row.hidden) { visible += 1; }
      });
      var kind = selects.sort.value;
      rows.slice().sort(sorter(kind, names, lang)).forEach(function (row) { body.appendChild(row); });
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
        var sorts = (cell.dataset.sort || "").split(" ");
        if (sorts.indexOf(kind) >= 0) {
          cell.setAttribute("aria-sort", kind === "oldest" || kind === "agency" || kind === "status" ? "ascending" : "descending");
        } else {
          cell.removeAttribute("aria-sort");
        }
      });
      shown.textContent = (labels.shown || "{shown}/{total}").replace("{shown}", visible.toLocaleString(lang))
        .replace("{total}", rows.length.toLocaleString(lang));
      var filtered = KEYS.some(function (key) { return selects[key].value; });
      reset.hidden = !filtered;
      remember();
    }

    // The address says what the reader sees: ?agency=STC&sort=age (nothing when it is the plain table).
    function remember() {
      var query = new URLSearchParams(window.location.search);
      KEYS.concat(["sort"]).forEach(function (key) {
        var value = selects[key].value;
        if (value && !(key === "sort" && value === SORTS[0])) { query.set(key, value); } else { query.delete(key); }
      });
      var search = query.toString();
      var url = window.location.pathname + (search ? "?" + search : "") + window.location.hash;
      window.history.replaceState(window.history.state, "", url);
      // The language switch keeps the view: the filters' values are codes, the same in both languages.
      Array.prototype.forEach.call(document.querySelectorAll("a.md-select__link[hreflang]"), function (link) {
        var target = new URL(link.getAttribute("href"), window.location.href);
        target.search = search ? "?" + search : "";
        link.setAttribute("href", target.href);
      });
    }

    Object.keys(selects).forEach(function (key) { selects[key].addEventListener("change", apply); });
    reset.addEventListener("click", function () {
      KEYS.forEach(function (key) { selects[key].value = ""; });
      apply();
    });
    apply();
  }

  if (window.document$) { window.document$.subscribe(setup); } else { document.addEventListener("DOMContentLoaded", setup); }
})();
