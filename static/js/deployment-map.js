/* Optional tile layer under a deployment map (settings.MAP_TILES_URL; docs/map.md).
 *
 * Without it — the default — the server-drawn SVG over the bundled region outlines is the map, and this file is
 * not even loaded. With it, the same markers (their links, titles and counts) are laid over raster tiles in Web
 * Mercator at the zoom that frames them. No library: tiles are <img> elements positioned in a box. If a tile
 * fails to load, the SVG map comes back.
 */
(function () {
  "use strict";
  var TILE = 256, MAX_ZOOM = 12;

  function mercator(lat, lon, zoom) {
    var scale = TILE * Math.pow(2, zoom), sin = Math.sin(lat * Math.PI / 180);
    return {
      x: (lon + 180) / 360 * scale,
      y: (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * scale
    };
  }

  function tileUrl(template, z, x, y) {
    var n = Math.pow(2, z);
    x = ((x % n) + n) % n;
    return template.replace("{s}", "abc".charAt((x + y) % 3)).replace("{z}", z).replace("{x}", x).replace("{y}", y);
  }

  function build(figure) {
    var svg = figure.querySelector("svg[data-deployment-map]");
    var anchors = Array.prototype.slice.call(svg.querySelectorAll(".map-marker"));
    var width = svg.getBoundingClientRect().width || figure.clientWidth;
    var height = Math.round(width * 0.6);
    var points = anchors.map(function (a) {
      return { lat: parseFloat(a.dataset.lat), lon: parseFloat(a.dataset.lon), anchor: a };
    });
    if (!points.length) points = [{ lat: 60, lon: 95 }, { lat: 45, lon: 40 }, { lat: 70, lon: 170 }];
    var zoom = MAX_ZOOM, lo, hi;
    for (; zoom > 1; zoom--) {
      var xy = points.map(function (p) { return mercator(p.lat, p.lon, zoom); });
      lo = { x: Math.min.apply(null, xy.map(function (p) { return p.x; })), y: Math.min.apply(null, xy.map(function (p) { return p.y; })) };
      hi = { x: Math.max.apply(null, xy.map(function (p) { return p.x; })), y: Math.max.apply(null, xy.map(function (p) { return p.y; })) };
      if (hi.x - lo.x < width - 80 && hi.y - lo.y < height - 80) break;
    }
    var left = (lo.x + hi.x) / 2 - width / 2, top = (lo.y + hi.y) / 2 - height / 2;
    var box = document.createElement("div");
    box.className = "tile-map";
    box.style.height = height + "px";
    var failed = false;
    for (var tx = Math.floor(left / TILE); tx * TILE < left + width; tx++) {
      for (var ty = Math.max(Math.floor(top / TILE), 0); ty * TILE < top + height && ty < Math.pow(2, zoom); ty++) {
        var img = document.createElement("img");
        img.alt = "";
        img.src = tileUrl(figure.dataset.tiles, zoom, tx, ty);
        img.style.left = (tx * TILE - left) + "px";
        img.style.top = (ty * TILE - top) + "px";
        img.onerror = function () { if (!failed) { failed = true; box.remove(); svg.hidden = false; } };
        box.appendChild(img);
      }
    }
    anchors.forEach(function (a, i) {
      var p = mercator(points[i].lat, points[i].lon, zoom);
      var href = a.getAttribute("href");
      var marker = document.createElement(href ? "a" : "span");
      if (href) marker.href = href;
      marker.className = "tile-map__marker" + (a.dataset.count > 1 ? " tile-map__marker--cluster" : "");
      marker.title = a.querySelector("title").textContent;
      marker.setAttribute("aria-label", marker.title);
      marker.textContent = a.dataset.count > 1 ? a.dataset.count : "";
      marker.style.left = (p.x - left) + "px";
      marker.style.top = (p.y - top) + "px";
      box.appendChild(marker);
    });
    if (figure.dataset.attribution) {
      var credit = document.createElement("p");
      credit.className = "tile-map__credit";
      credit.textContent = figure.dataset.attribution;
      box.appendChild(credit);
    }
    svg.hidden = true;
    figure.insertBefore(box, svg);
  }

  document.querySelectorAll("figure.deployment-map[data-tiles]").forEach(build);
})();
