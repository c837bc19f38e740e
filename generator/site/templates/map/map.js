(function () {
  'use strict';
  // The data is the JSON element #atlas-data (mapping.atlas_data); every text goes into
  // the page through textContent (never as HTML), so names need no escaping anywhere.
  var DATA = JSON.parse(document.getElementById('atlas-data').textContent);
  var TOPO = window.ATLAS_SHAPES;
  // the colours are palette.css's custom properties, shared with the site's stylesheet
  var css = getComputedStyle(document.documentElement);
  function colour(name) { return css.getPropertyValue('--atlas-' + name).trim(); }
  var NOT_IN_ATLAS = colour('not-in-atlas');

  // jurisdictions by the id of the shape that draws them (their own id, or an alias such as pr for us-pr)
  var J = {};
  Object.keys(DATA.jurisdictions).forEach(function (jid) {
    var entry = DATA.jurisdictions[jid];
    entry.id = jid;
    J[entry.shape] = entry;
  });
  var dims = {}, palette = {};
  DATA.dimensions.forEach(function (d) {
    dims[d.key] = d;
    Object.keys(d.levels).forEach(function (l) { if (l !== 'unknown') palette[l] = colour('l' + l); });
  });

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

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  // the year the map shows: this year's levels are today's; an earlier year's are the dated
  // steps (mapping._history) in force at its end, and unknown where no step dates them
  var YEARS = DATA.years;
  var year = Number(query.year);
  if (!(year >= YEARS.first && year < YEARS.last)) year = YEARS.last;
  function levelAt(entry, dimension) {
    if (year === YEARS.last) return entry.levels[dimension];
    var level = 'unknown';
    (entry.history[dimension] || []).forEach(function (step) { if (step[0] <= year) level = step[1]; });
    return level;
  }
  function levelOf(id) { return J[id] ? levelAt(J[id], current) : null; }
  function fillFor(level) { return level === 'unknown' ? 'url(#atlas-unknown)' : palette[level]; }
  function levelWords(level) {
    var words = dims[current].levels[level];
    return level === 'unknown' ? 'unknown (' + words + ')' : level + ' (' + words + ')';
  }

  function style(feature) {
    var id = feature.id, sub = !!feature.properties.parent, level = levelOf(id);
    var s = { weight: sub ? 0.6 : 0.7, color: sub ? '#5f5f5f' : '#7a7a7a', opacity: 1,
              fillOpacity: DATA.fillOpacity, dashArray: null };
    if (level !== null) { s.fillColor = fillFor(level); s.className = 'atlas-in'; }
    else if (sub) { s.fillOpacity = 0; s.dashArray = '2 2'; s.color = '#8a8a8a'; }
    else { s.fillColor = NOT_IN_ATLAS; s.color = '#a3a3a3'; }
    if (id === focusedShape) { s.weight = 3; s.color = '#111'; s.dashArray = null; }
    return s;
  }

  function tooltip(layer) {
    var f = layer.feature, id = f.id, parent = f.properties.parent, box = el('div');
    if (J[id]) {
      box.appendChild(el('strong', '', J[id].name));
      box.appendChild(el('span', 'atlas-tip__level', dims[current].title + ': ' + levelWords(levelOf(id))));
      return box;
    }
    box.appendChild(el('strong', '', f.properties.name));
    box.appendChild(el('span', 'atlas-tip__level', 'Not in the atlas'));
    if (parent && J[parent]) {
      box.appendChild(el('span', 'atlas-tip__level',
        'Shown in the colour of ' + J[parent].name + ': ' + levelWords(levelOf(parent))));
    }
    return box;
  }
  function popup(layer) {
    var f = layer.feature, id = J[f.id] ? f.id : f.properties.parent;
    if (!J[id]) return tooltip(layer);
    var box = el('div', 'atlas-popup'), list = el('ul');
    if (id !== f.id) box.appendChild(el('p', '', f.properties.name + ' is not in the atlas.'));
    box.appendChild(el('strong', '', J[id].name));
    if (year !== YEARS.last) box.appendChild(el('p', 'atlas-popup__year', 'As of the end of ' + year + ':'));
    DATA.dimensions.forEach(function (d) {
      var l = levelAt(J[id], d.key);
      list.appendChild(el('li', '', d.title + ': ' + l + ' (' + d.levels[l] + ')'));
    });
    box.appendChild(list);
    var link = el('a', '', 'Open the ' + J[id].name + ' page');
    link.href = J[id].href;
    link.target = '_top';
    link.setAttribute('data-atlas-id', J[id].id);
    box.appendChild(link);
    return box;
  }

  var map = L.map('map_atlas', { center: [20, 10], zoom: 2, zoomControl: true,
                                 preferCanvas: false, worldCopyJump: false });
  if (DATA.tiles) {
    // the attribution is Leaflet's: it is shown as HTML, and comes from mapping.py, not from the data files
    L.tileLayer(DATA.tiles.url, { attribution: DATA.tiles.attribution || '', minZoom: 1, maxZoom: 9 }).addTo(map);
  }
  map.createPane('atlasCountries').style.zIndex = 410;
  map.createPane('atlasSubdivisions').style.zIndex = 420;
  var byId = {};
  // on a phone a popup fits the screen and is panned clear of the controls at the top
  var POPUP = { maxWidth: Math.min(320, window.innerWidth - 70), autoPanPaddingBottomRight: L.point(10, 40),
                autoPanPaddingTopLeft: L.point(10, window.innerWidth <= 600 ? 150 : 10) };
  function layerFor(object, pane) {
    return L.geoJSON(topojson.feature(TOPO, TOPO.objects[object]), {
      pane: pane,
      style: style,
      onEachFeature: function (feature, layer) {
        byId[feature.id] = layer;
        layer.bindTooltip(function () { return tooltip(layer); }, { sticky: true, className: 'atlas-tooltip' });
        if (J[feature.id] || J[feature.properties.parent]) {
          layer.bindPopup(function () { return popup(layer); }, POPUP);
          layer.on('popupopen', function () { layer.closeTooltip(); });
        }
        layer.on('add', function () {
          var path = layer.getElement && layer.getElement();
          if (!path) return;
          path.setAttribute('data-atlas-id', feature.id);
          if (J[feature.id]) keyboardShape(layer, path);
        });
      }
    }).addTo(map);
  }
  // every jurisdiction's shape is a focusable control: Tab reaches it, its name and level are
  // its label, Enter or Space opens its popup (with the link to its page)
  function shapeLabel(id) { return J[id].name + ', ' + dims[current].title + ': ' + levelWords(levelOf(id)); }
  function keyboardShape(layer, path) {
    var id = layer.feature.id;
    path.setAttribute('tabindex', '0');
    path.setAttribute('role', 'button');
    path.setAttribute('aria-label', shapeLabel(id));
    path.addEventListener('focus', function () { layer.openTooltip(layer.getBounds().getCenter()); });
    path.addEventListener('blur', function () { layer.closeTooltip(); });
    path.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        layer.openPopup(layer.getBounds().getCenter());
        var link = document.querySelector('.leaflet-popup-content a');
        if (link) link.focus();
      }
    });
  }
  function relabel() {
    Object.keys(byId).forEach(function (id) {
      var path = J[id] && byId[id].getElement && byId[id].getElement();
      if (path) path.setAttribute('aria-label', shapeLabel(id));
    });
  }

  var focused = own(DATA.jurisdictions, query.focus) ? DATA.jurisdictions[query.focus] : null;
  var focusedShape = focused ? focused.shape : null;
  var countries = layerFor('countries', 'atlasCountries');
  var subdivisions = layerFor('subdivisions', 'atlasSubdivisions');

  function legendRow(swatchClass, text, fill) {
    var row = el('div', 'atlas-legend__row'), swatch = el('span', 'atlas-swatch' + swatchClass);
    if (fill) swatch.style.background = fill;
    row.appendChild(swatch);
    row.appendChild(el('span', '', text));
    return row;
  }
  var legend = L.control({ position: 'bottomleft' });
  // a disclosure: open on a wide screen, closed on a phone, where it would cover the map
  legend.onAdd = function () {
    var box = L.DomUtil.create('details', 'atlas-control atlas-legend');
    box.open = window.innerWidth > 600;
    this._summary = el('summary', 'atlas-legend__title');
    box.appendChild(this._summary);
    this._div = el('div');
    this._div.setAttribute('aria-live', 'polite');
    box.appendChild(this._div);
    L.DomEvent.disableClickPropagation(box);
    this.update();
    return box;
  };
  legend.update = function () {
    var d = dims[current], div = this._div;
    clear(div);
    this._summary.textContent = d.title + ' level';
    Object.keys(palette).sort().reverse().forEach(function (l) {
      div.appendChild(legendRow('', l + ' \u2014 ' + d.levels[l], palette[l]));
    });
    div.appendChild(legendRow(' atlas-swatch--unknown', 'Unknown \u2014 not established'));
    div.appendChild(legendRow(' atlas-swatch--none', 'Not in the atlas'));
    div.appendChild(el('div', 'atlas-legend__note',
      'States and provinces not in the atlas (dashed outline) show their country\u2019s level.'));
    if (year !== YEARS.last) {
      div.appendChild(el('div', 'atlas-legend__note', 'As of the end of ' + year + ': only levels whose ' +
        'start the evidence dates are shown; the others are unknown for that year.'));
    }
  };
  legend.addTo(map);

  var switcher = L.control({ position: 'topright' });
  switcher.onAdd = function () {
    var div = L.DomUtil.create('div', 'atlas-control atlas-switcher');
    var set = el('fieldset');
    set.appendChild(el('legend', '', 'Show'));
    DATA.dimensions.forEach(function (d) {
      var label = el('label'), input = el('input');
      input.type = 'radio';
      input.name = 'atlas-dimension';
      input.value = d.key;
      input.checked = d.key === current;
      label.appendChild(input);
      label.appendChild(document.createTextNode(' ' + d.title));
      set.appendChild(label);
    });
    div.appendChild(set);
    div.appendChild(yearControl());
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    div.addEventListener('change', function (e) { if (e.target.name === 'atlas-dimension') setDimension(e.target.value); });
    return div;
  };
  switcher.addTo(map);

  function yearControl() {
    var label = el('label', 'atlas-year'), input = el('input'), shown = el('output', 'atlas-year__value');
    input.type = 'range';
    input.name = 'atlas-year';
    input.min = String(YEARS.first);
    input.max = String(YEARS.last);
    input.step = '1';
    input.value = String(year);
    input.setAttribute('aria-label', 'As of the end of year');
    shown.textContent = String(year);
    label.appendChild(el('span', 'atlas-year__title', 'As of'));
    label.appendChild(input);
    label.appendChild(shown);
    input.addEventListener('input', function () { shown.textContent = input.value; setYear(Number(input.value)); });
    return label;
  }
  function setYear(value) {
    year = value;
    setDimension(current);
  }

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
    relabel();
    writeAddress();
  }

  // the view lives in the address of the page that shows the map: dimension, zoom, centre, focus
  function addressWindow() {
    try { if (window.parent !== window && window.parent.location.host === location.host) return window.parent; } catch (e) {}
    return window;
  }
  function writeAddress() {
    var w = addressWindow(), params = new URLSearchParams(w.location.search), c = map.getCenter();
    params.set('dimension', current);
    if (year === YEARS.last) params.delete('year'); else params.set('year', String(year));
    params.set('zoom', String(map.getZoom()));
    params.set('center', c.lat.toFixed(2) + ',' + c.lng.toFixed(2));
    w.history.replaceState(w.history.state, '', w.location.pathname + '?' + params.toString() + w.location.hash);
  }

  var world = L.latLngBounds([[-56, -170], [78, 190]]);
  var target = focused && (byId[focused.shape] || byId[focused.parent]);
  var centre = (query.center || '').split(',').map(Number), zoom = Number(query.zoom);
  if (centre.length === 2 && centre.every(isFinite) && isFinite(zoom) && query.zoom !== '') {
    map.setView(centre, Math.max(0, Math.min(9, zoom)));
    if (target && target.feature.id === focusedShape) target.bringToFront();
  } else if (target) {
    map.fitBounds(target.getBounds(), { padding: [24, 24], maxZoom: 5 });
    if (target.feature.id === focusedShape) target.bringToFront();
  } else {
    map.fitBounds(world);
  }
  map.attributionControl.setPrefix('Leaflet');
  map.attributionControl.addAttribution('Boundaries: Natural Earth');
  map.getContainer().setAttribute('aria-label', 'Map of peer support policy levels');
  document.documentElement.setAttribute('data-atlas-dimension', current);
  window.atlasMap = { map: map, byId: byId, setDimension: setDimension, setYear: setYear,
                      current: function () { return current; }, year: function () { return year; } };
  map.on('moveend', writeAddress);
  document.documentElement.setAttribute('data-atlas-ready', 'true');
})();
