(function (map) {
  var DATA = window.ATLAS_DATA, TOPO = window.ATLAS_SHAPES;
  // jurisdictions by the id of the shape that draws them (their own id, or an alias such as pr for us-pr)
  var J = {};
  Object.keys(DATA.jurisdictions).forEach(function (jid) {
    var entry = DATA.jurisdictions[jid];
    entry.id = jid;
    J[entry.shape] = entry;
  });
  var dims = {};
  DATA.dimensions.forEach(function (d) { dims[d.key] = d; });

  function params() {
    var out = {};
    var sources = [];
    try { if (window.parent !== window) sources.push(window.parent.location.search); } catch (e) {}
    sources.push(window.location.search);
    sources.forEach(function (s) {
      new URLSearchParams(s).forEach(function (v, k) { out[k] = v; });
    });
    return out;
  }
  var query = params();
  function own(obj, key) { return Object.prototype.hasOwnProperty.call(obj, key); }
  var current = own(dims, query.dimension) ? query.dimension : DATA.dimensions[0].key;

  function levelOf(id) { return J[id] ? J[id].levels[current] : null; }
  function fillFor(level) {
    return level === 'unknown' ? 'url(#atlas-unknown)' : DATA.palette[level];
  }
  function levelWords(level) {
    var words = dims[current].levels[level];
    return level === 'unknown' ? 'unknown (' + words + ')' : level + ' (' + words + ')';
  }
  function levelLine(id) {
    return '<span class="atlas-tip__level">' + dims[current].title + ': ' + levelWords(levelOf(id)) + '</span>';
  }

  function style(feature) {
    var id = feature.id, sub = !!feature.properties.parent, level = levelOf(id);
    var s = { weight: sub ? 0.6 : 0.7, color: sub ? '#5f5f5f' : '#7a7a7a', opacity: 1,
              fillOpacity: DATA.fillOpacity, dashArray: null };
    if (level !== null) { s.fillColor = fillFor(level); s.className = 'atlas-in'; }
    else if (sub) { s.fillOpacity = 0; s.dashArray = '2 2'; s.color = '#8a8a8a'; }
    else { s.fillColor = DATA.notInAtlas; s.color = '#a3a3a3'; }
    if (id === focusedShape) { s.weight = 3; s.color = '#111'; s.dashArray = null; }
    return s;
  }

  function tooltip(layer) {
    var f = layer.feature, id = f.id, parent = f.properties.parent;
    if (J[id]) return '<strong>' + J[id].name + '</strong>' + levelLine(id);
    var html = '<strong>' + f.properties.name + '</strong><span class="atlas-tip__level">Not in the atlas</span>';
    if (parent && J[parent]) {
      html += '<span class="atlas-tip__level">Shown in the colour of ' + J[parent].name + ': ' + levelWords(levelOf(parent)) + '</span>';
    }
    return html;
  }
  function popup(layer) {
    var f = layer.feature, id = J[f.id] ? f.id : f.properties.parent;
    if (!J[id]) return tooltip(layer);
    var lines = DATA.dimensions.map(function (d) {
      var l = J[id].levels[d.key];
      return '<li>' + d.title + ': ' + (l === 'unknown' ? 'unknown' : l) + ' (' + d.levels[l] + ')</li>';
    }).join('');
    var note = id === f.id ? '' : '<p>' + f.properties.name + ' is not in the atlas.</p>';
    return '<div class="atlas-popup">' + note + '<strong>' + J[id].name + '</strong><ul>' + lines + '</ul>' +
      '<a href="' + J[id].href + '" target="_top" data-atlas-id="' + J[id].id + '">Open the ' + J[id].name + ' page</a></div>';
  }

  map.createPane('atlasCountries').style.zIndex = 410;
  map.createPane('atlasSubdivisions').style.zIndex = 420;
  var byId = {};
  function layerFor(object, pane) {
    return L.geoJSON(topojson.feature(TOPO, TOPO.objects[object]), {
      pane: pane,
      style: style,
      onEachFeature: function (feature, layer) {
        byId[feature.id] = layer;
        layer.bindTooltip(function () { return tooltip(layer); }, { sticky: true, className: 'atlas-tooltip' });
        if (J[feature.id] || J[feature.properties.parent]) {
          layer.bindPopup(function () { return popup(layer); }, { maxWidth: 320 });
        }
        layer.on('add', function () {
          var el = layer.getElement && layer.getElement();
          if (el) { el.setAttribute('data-atlas-id', feature.id); }
        });
      }
    }).addTo(map);
  }
  var focused = own(DATA.jurisdictions, query.focus) ? DATA.jurisdictions[query.focus] : null;
  var focusedShape = focused ? focused.shape : null;
  var countries = layerFor('countries', 'atlasCountries');
  var subdivisions = layerFor('subdivisions', 'atlasSubdivisions');

  var legend = L.control({ position: 'bottomleft' });
  legend.onAdd = function () {
    this._div = L.DomUtil.create('div', 'atlas-control atlas-legend');
    this._div.setAttribute('aria-live', 'polite');
    this.update();
    return this._div;
  };
  legend.update = function () {
    var d = dims[current], rows = '';
    ['3', '2', '1', '0'].forEach(function (l) {
      rows += '<div class="atlas-legend__row"><span class="atlas-swatch" style="background:' + DATA.palette[l] +
        '"></span><span>' + l + ' \u2014 ' + d.levels[l] + '</span></div>';
    });
    rows += '<div class="atlas-legend__row"><span class="atlas-swatch atlas-swatch--unknown"></span><span>Unknown \u2014 not established</span></div>';
    rows += '<div class="atlas-legend__row"><span class="atlas-swatch atlas-swatch--none"></span><span>Not in the atlas</span></div>';
    this._div.innerHTML = '<div class="atlas-legend__title">' + d.title + ' level</div>' + rows +
      '<div class="atlas-legend__note">States and provinces not in the atlas (dashed outline) show their country\u2019s level.</div>';
  };
  legend.addTo(map);

  var switcher = L.control({ position: 'topright' });
  switcher.onAdd = function () {
    var div = L.DomUtil.create('div', 'atlas-control atlas-switcher');
    var html = '<fieldset><legend>Show</legend>';
    DATA.dimensions.forEach(function (d) {
      html += '<label><input type="radio" name="atlas-dimension" value="' + d.key + '"' +
        (d.key === current ? ' checked' : '') + '> ' + d.title + '</label>';
    });
    div.innerHTML = html + '</fieldset>';
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    div.addEventListener('change', function (e) { if (e.target.name === 'atlas-dimension') setDimension(e.target.value); });
    return div;
  };
  switcher.addTo(map);

  function setDimension(key) {
    if (!own(dims, key)) return;
    current = key;
    countries.setStyle(style);
    subdivisions.setStyle(style);
    legend.update();
    map.eachLayer(function (layer) {
      if (layer.getTooltip && layer.getTooltip() && layer.isTooltipOpen()) layer.getTooltip().setContent(tooltip(layer));
    });
    document.documentElement.setAttribute('data-atlas-dimension', key);
  }

  var world = L.latLngBounds([[-56, -170], [78, 190]]);
  var target = focused && (byId[focused.shape] || byId[focused.parent]);
  if (target) {
    map.fitBounds(target.getBounds(), { padding: [24, 24], maxZoom: 5 });
    if (target.feature.id === focusedShape) target.bringToFront();
  } else {
    map.fitBounds(world);
  }
  map.attributionControl.setPrefix('Leaflet');
  map.attributionControl.addAttribution('Boundaries: Natural Earth');
  map.getContainer().setAttribute('aria-label', 'Map of peer support policy levels');
  document.documentElement.setAttribute('data-atlas-dimension', current);
  window.atlasMap = { map: map, byId: byId, setDimension: setDimension,
                      current: function () { return current; } };
  document.documentElement.setAttribute('data-atlas-ready', 'true');
})(%(map)s);
