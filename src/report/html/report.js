(function () {
  "use strict";
  var dataEl = document.getElementById("moat-data");
  var data = dataEl ? JSON.parse(dataEl.textContent) : { facets: {}, total: 0 };
  var table = document.getElementById("findings-table");
  var controls = document.getElementById("controls");
  var shown = document.getElementById("shown");
  if (!table || !controls) { return; }
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var facets = ["severity", "rule", "region", "type", "account", "exposure", "state"];
  var labels = { severity: "Severity", rule: "Rule", region: "Region", type: "Resource type",
    account: "Account", exposure: "Exposure", state: "State" };
  var selects = {};
  facets.forEach(function (key) {
    var label = document.createElement("label");
    label.textContent = labels[key];
    var select = document.createElement("select");
    select.id = "filter-" + key;
    var all = document.createElement("option");
    all.value = "";
    all.textContent = "all";
    select.appendChild(all);
    (data.facets[key] || []).forEach(function (value) {
      var option = document.createElement("option");
      option.value = value;
      option.textContent = value;
      select.appendChild(option);
    });
    select.addEventListener("change", apply);
    label.appendChild(select);
    controls.appendChild(label);
    selects[key] = select;
  });
  var searchLabel = document.createElement("label");
  searchLabel.textContent = "Search";
  var search = document.createElement("input");
  search.type = "search";
  search.id = "filter-q";
  search.placeholder = "text in any column";
  search.addEventListener("input", apply);
  searchLabel.appendChild(search);
  controls.appendChild(searchLabel);
  controls.hidden = false;

  // Filters can be set in the address: #severity=critical&q=ssh (shareable links).
  var params = new URLSearchParams(location.hash.replace(/^#/, ""));
  facets.forEach(function (key) {
    var value = params.get(key);
    if (value !== null) { selects[key].value = value; }
  });
  if (params.get("q") !== null) { search.value = params.get("q"); }

  function apply() {
    var q = search.value.trim().toLowerCase();
    var n = 0;
    rows.forEach(function (row) {
      var ok = facets.every(function (key) {
        var want = selects[key].value;
        return want === "" || row.dataset[key] === want;
      }) && (q === "" || row.textContent.toLowerCase().indexOf(q) !== -1);
      row.hidden = !ok;
      if (ok) { n += 1; }
    });
    shown.textContent = String(n);
    document.body.dataset.shown = String(n);
  }

  // Sorting: click or press Enter on a column header.
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  headers.forEach(function (th) {
    var key = th.dataset.key;
    if (!key) { return; }
    th.tabIndex = 0;
    th.setAttribute("aria-sort", "none");
    function sort() {
      var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
      headers.forEach(function (h) { if (h.dataset.key) { h.setAttribute("aria-sort", "none"); } });
      th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
      rows.sort(function (a, b) {
        var x = a.dataset[key] || "", y = b.dataset[key] || "";
        return x < y ? -dir : x > y ? dir : 0;
      });
      var body = table.tBodies[0];
      rows.forEach(function (row) { body.appendChild(row); });
    }
    th.addEventListener("click", sort);
    th.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); sort(); }
    });
  });

  // Printing shows every detail.
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) { d.open = true; });
  });
  apply();
  // How long parsing and this script took, for scripts/bench-html.
  document.body.dataset.readyMs = String(Math.round(performance.now()));
}());
