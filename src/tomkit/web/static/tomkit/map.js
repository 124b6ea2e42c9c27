// The interactive relationship map: cytoscape.js over the graph data the page embeds.
(function () {
  var holder = document.getElementById("cy");
  var source = document.getElementById("graph-data");
  if (!holder || !source || typeof cytoscape === "undefined") return;
  var graph = JSON.parse(source.textContent);
  var palette = {
    "suppliers-stakeholders": "#7b5ea7", "locations": "#8c6d3f", "processes": "#2f7d6d", "service-delivery": "#2456a6",
    "people-organisation": "#c0562b", "technology": "#4a6fa5", "data": "#6b8e23", "governance": "#8a2d4b"
  };
  var cy = cytoscape({
    container: holder,
    elements: graph.nodes.concat(graph.edges),
    layout: { name: graph.nodes.length > 400 ? "grid" : "cose", animate: false },
    style: [
      { selector: "node", style: { "label": "data(label)", "font-size": 11, "text-valign": "bottom", "text-margin-y": 3,
        "background-color": function (n) { return palette[n.data("dimension")] || "#888"; }, "width": 18, "height": 18 } },
      { selector: "edge", style: { "label": "data(label)", "font-size": 8, "curve-style": "bezier", "target-arrow-shape": "triangle",
        "width": 1.2, "line-color": "#b8bfcc", "target-arrow-color": "#b8bfcc", "color": "#5b6478" } }
    ]
  });
  cy.on("tap", "node", function (evt) { window.location.href = holder.dataset.base + evt.target.id() + "/"; });
})();
