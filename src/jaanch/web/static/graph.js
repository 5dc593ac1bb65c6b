// Entity page: a people-incidents-places network, expanded node by node (cytoscape.js).
(function () {
  "use strict";
  var box = document.getElementById("graph");
  var info = document.getElementById("graph-info");
  if (!box || typeof cytoscape === "undefined") { return; }
  var expanded = {};
  var cy = cytoscape({
    container: box,
    style: [
      { selector: "node", style: {
        "label": "data(label)", "font-size": 10, "text-wrap": "ellipsis", "text-max-width": 110,
        "text-valign": "bottom", "text-margin-y": 3, "width": 18, "height": 18,
        "background-color": "#999", "color": "#1d232b", "font-family": "Noto Sans, Noto Sans Devanagari, sans-serif" } },
      { selector: "node[kind = 'person']", style: { "background-color": "#e6b800" } },
      { selector: "node[kind = 'place']", style: { "background-color": "#3c9c5c", "shape": "round-rectangle" } },
      { selector: "node[kind = 'org']", style: { "background-color": "#5468c9", "shape": "hexagon" } },
      { selector: "node[kind = 'incident']", style: { "background-color": "#c0542a", "shape": "diamond", "width": 14, "height": 14, "font-size": 9 } },
      { selector: "node[?protected]", style: { "background-color": "#6b2c91" } },
      { selector: "node.root", style: { "width": 28, "height": 28, "border-width": 3, "border-color": "#22303c" } },
      { selector: "node.open", style: { "border-width": 2, "border-color": "#22303c" } },
      { selector: "edge", style: { "width": 1.2, "line-color": "#b7c0ca", "label": "data(label)", "font-size": 8, "color": "#5f6b78", "curve-style": "bezier" } }
    ],
    layout: { name: "preset" }
  });

  function relayout() {
    cy.layout({ name: "cose", animate: false, nodeRepulsion: 9000, idealEdgeLength: 70, randomize: false, fit: true, padding: 20 }).run();
  }

  function expand(id, root) {
    if (expanded[id]) { return; }
    expanded[id] = true;
    info.textContent = "loading…";
    fetch("/api/graph?node=" + encodeURIComponent(id))
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (g) {
        var add = [];
        g.nodes.forEach(function (n) {
          if (cy.getElementById(n.id).empty()) { add.push({ group: "nodes", data: n }); }
        });
        g.edges.forEach(function (e) {
          var eid = e.source + "|" + e.target;
          if (cy.getElementById(eid).empty()) {
            add.push({ group: "edges", data: { id: eid, source: e.source, target: e.target, label: e.label } });
          }
        });
        cy.add(add);
        var node = cy.getElementById(id);
        node.addClass(root ? "root" : "open");
        relayout();
        info.textContent = cy.nodes().length + " nodes · " + cy.edges().length + " links";
      })
      .catch(function (e) { info.textContent = "could not load the graph (" + e.message + ")"; });
  }

  cy.on("tap", "node", function (ev) {
    var d = ev.target.data();
    info.textContent = d.kind + ": " + d.label;
    expand(d.id, false);
  });
  cy.on("dbltap", "node", function (ev) {
    var url = ev.target.data("url");
    if (url && url.charAt(0) === "/") { window.location.href = url; }
  });
  expand(box.dataset.node, true);
})();
