#!/usr/bin/env python3
"""Rebuild ``generator/site/boundaries/boundaries.topo.json`` from Natural Earth.

The input is Debian's ``r-cran-rnaturalearthdata`` package (Natural Earth
1:50m admin-0 countries, admin-0 map units and admin-1 states/provinces, as R
data). The script reads its R lazy-load database with PyPI ``rdata``, picks
the features, keys them by lower-case ISO 3166 ids, moves the parts of
countries that cross the antimeridian onto their country's side (so Russia,
Fiji, New Zealand and the Aleutians draw in one piece on a flat map), and
simplifies and quantises the result to TopoJSON with npm ``mapshaper``.

Usage (see generator/site/boundaries/PROVENANCE.md for the exact, pinned commands)::

    python3 -m venv /tmp/boundaries-venv
    /tmp/boundaries-venv/bin/pip install rdata==1.1.0 pycountry==26.2.16
    /tmp/boundaries-venv/bin/python scripts/build_boundaries.py

Without ``--deb`` the script fetches the package with ``apt-get download``;
without ``--mapshaper`` it installs the pinned mapshaper with ``npm install``
into a temporary folder. Both inputs are checked against pinned sha256 sums.

To add another country's first-level subdivisions:

* if Natural Earth's 1:50m admin-1 layer has it (``--list-available`` shows
  which countries it has: AU, BR, CA, US in the packaged version), pass its
  alpha-2 code in ``--subdivisions`` (e.g. ``--subdivisions us,ca,au,br``);
* otherwise give a GeoJSON FeatureCollection in WGS84 with ``--extra``; each
  feature needs the properties ``id`` (lower-case ISO 3166-2, e.g. ``de-by``),
  ``name`` and ``parent`` (the country's alpha-2, e.g. ``de``). Record its
  source, licence and sha256 in PROVENANCE.md.

Then rerun, check the size (the map page budget is 300 KB / 100 KB gzipped
in total) and update PROVENANCE.md with the new command line and sha256.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import lzma
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import unicodedata
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "generator" / "site" / "boundaries" / "boundaries.topo.json"

DEB_NAME = "r-cran-rnaturalearthdata"
DEB_VERSION = "0.1.0-2"
DEB_SHA256 = "6ca72d813feb50170c4a985c4960a975cea0bd6459d78ff82d41c4bf359f0d93"
MAPSHAPER_VERSION = "0.7.70"
DATA_DIR = "usr/lib/R/site-library/rnaturalearthdata/data"

DEFAULT_SUBDIVISIONS = "us,ca,au"
SIMPLIFY = "8%"
QUANTIZATION = "10000"

# Natural Earth admin-0 features without an ISO 3166-1 alpha-2 code in this
# release. Kosovo gets the user-assigned code in common use; the rest get an
# id with a leading underscore, which no data file id can have.
COUNTRY_ID_OVERRIDES = {"KOS": "xk"}
# Left out: Antarctica's ring runs along the pole, which Web Mercator cannot draw.
SKIP_COUNTRIES = {"ATA"}
# UK nations, from Natural Earth's admin-0 map units (its admin-1 layer for the
# UK holds counties and unitary authorities, not the four nations).
UK_NATIONS = {"ENG": "gb-eng", "SCT": "gb-sct", "WLS": "gb-wls", "NIR": "gb-nir"}
# admin-1 features with no ISO 3166-2 code: left to their country's shape.
SKIP_SUBDIVISIONS = {"Jervis Bay Territory"}
# admin-1 names that do not match pycountry's, by (country, Natural Earth name)
SUBDIVISION_NAME_OVERRIDES: dict[tuple[str, str], str] = {}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def log(message: str) -> None:
    print(message, file=sys.stderr)


# --- reading the R package ------------------------------------------------------


def fetch_deb(workdir: Path) -> Path:
    subprocess.run(["apt-get", "download", f"{DEB_NAME}={DEB_VERSION}"], cwd=workdir, check=True)
    return next(workdir.glob(f"{DEB_NAME}_*.deb"))


def extract_deb(deb: Path, workdir: Path) -> Path:
    target = workdir / "deb"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(target)], check=True)
    return target / DATA_DIR


class LazyLoadDB:
    """R's lazy-load database (``Rdata.rdx`` index + ``Rdata.rdb`` blobs)."""

    def __init__(self, data_dir: Path):
        import rdata

        self._rdata = rdata
        index = (data_dir / "Rdata.rdx").read_bytes()
        if index[:2] == b"\x1f\x8b":
            index = gzip.decompress(index)
        else:  # zlib with a 4-byte length, as R writes it by default
            import zlib

            index = zlib.decompress(index[4:])
        self.index = rdata.conversion.convert(rdata.parser.parse_data(index))
        self.blob = (data_dir / "Rdata.rdb").read_bytes()

    def names(self) -> list[str]:
        return [str(n) for n in self.index["variables"]]

    def get(self, name: str):
        offset, length = (int(v) for v in self.index["variables"][name])
        chunk = self.blob[offset:offset + length]
        size = struct.unpack(">I", chunk[:4])[0]
        kind = chunk[4:5]
        if kind == b"Z":  # xz: a raw LZMA2 stream (R's R_compress3)
            raw = lzma.decompress(chunk[5:], format=lzma.FORMAT_RAW,
                                  filters=[{"id": lzma.FILTER_LZMA2, "dict_size": 64 << 20}])
        elif kind == b"2":
            import bz2

            raw = bz2.decompress(chunk[5:])
        elif kind == b"0":
            raw = chunk[5:]
        else:
            import zlib

            raw = zlib.decompress(chunk[4:])
        assert len(raw) == size, (name, len(raw), size)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return self._rdata.conversion.convert(self._rdata.parser.parse_data(raw))


def text(value) -> str | None:
    if value is None:
        return None
    try:
        if value != value:  # NaN / NA
            return None
    except (TypeError, ValueError):
        pass
    value = str(value).strip()
    return None if value in ("", "<NA>", "-99", "nan") else value


def sp_polygons(sp_obj) -> list[list[list[list[float]]]]:
    """An sp ``Polygons`` object as GeoJSON MultiPolygon coordinates."""
    rings = sp_obj.Polygons
    comment = getattr(sp_obj, "comment", None)
    owners: list[int] | None = None
    if comment is not None and len(comment):
        owners = [int(x) for x in str(comment[0]).split()]
        if len(owners) != len(rings):
            owners = None
    polygons: dict[int, list] = {}
    order: list[int] = []
    for i, ring in enumerate(rings):
        coords = [[round(float(x), 6), round(float(y), 6)] for x, y in ring.coords]
        is_hole = bool(ring.hole[0])
        if not is_hole:
            polygons[i] = [coords]
            order.append(i)
    for i, ring in enumerate(rings):
        if not bool(ring.hole[0]):
            continue
        coords = [[round(float(x), 6), round(float(y), 6)] for x, y in ring.coords]
        owner = owners[i] - 1 if owners and owners[i] > 0 else None
        if owner not in polygons:
            owner = next((j for j in order if point_in_ring(coords[0], polygons[j][0])), None)
        if owner is not None:
            polygons[owner].append(coords)
    return [polygons[i] for i in order]


def point_in_ring(point, ring) -> bool:
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def ring_area(ring) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]))) / 2


# --- the antimeridian -----------------------------------------------------------


def unwrap_ring(ring):
    """Make a ring's longitudes continuous if it jumps across ±180 (never in NE 50m)."""
    out = [list(ring[0])]
    for x, y in ring[1:]:
        prev = out[-1][0]
        while x - prev > 180:
            x -= 360
        while x - prev < -180:
            x += 360
        out.append([x, y])
    return out


def fix_antimeridian(polygons):
    """Move each part that lies across the antimeridian to its feature's main side.

    Natural Earth cuts shapes at ±180°, so Chukotka (Russia), the eastern Fiji
    islands, the Chatham Islands and the western Aleutians sit on the far side
    of a flat map. Each part is shifted by ±360° when its centre is more than
    180° from the centre of the feature's largest part, so the feature draws
    in one piece (longitudes may then run a little past ±180, which Leaflet
    draws east or west of the date line as it should).
    """
    polygons = [[unwrap_ring(r) for r in poly] for poly in polygons]

    def centre(poly):
        xs = [p[0] for p in poly[0]]
        return (min(xs) + max(xs)) / 2

    home = centre(max(polygons, key=lambda p: ring_area(p[0])))
    fixed = []
    for poly in polygons:
        shift = 0.0
        while centre(poly) + shift - home > 180:
            shift -= 360
        while centre(poly) + shift - home < -180:
            shift += 360
        fixed.append([[[round(x + shift, 6), y] for x, y in ring] for ring in poly])
    return fixed


def max_jump(polygons) -> float:
    return max(
        (abs(b[0] - a[0]) for poly in polygons for ring in poly for a, b in zip(ring, ring[1:])),
        default=0.0,
    )


# --- picking and keying features --------------------------------------------------


def fold(name: str) -> str:
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z]+", " ", name).strip()


def subdivision_id(country: str, row, pycountry) -> str | None:
    code = text(row.get("iso_3166_2"))
    if code and re.fullmatch(r"[A-Z]{2}-[A-Z0-9]{1,3}", code):
        return code.lower()
    name = text(row.get("name")) or ""
    if name in SKIP_SUBDIVISIONS:
        return None
    wanted = fold(SUBDIVISION_NAME_OVERRIDES.get((country, name), name))
    for sub in pycountry.subdivisions.get(country_code=country.upper()) or []:
        if fold(sub.name) == wanted and sub.parent_code is None:
            return sub.code.lower()
    raise SystemExit(
        f"no ISO 3166-2 code for {name!r} ({country}): add it to SUBDIVISION_NAME_OVERRIDES "
        "or SKIP_SUBDIVISIONS in scripts/build_boundaries.py"
    )


def feature(fid: str, name: str, polygons, parent: str | None = None) -> dict:
    props = {"id": fid, "name": name}
    if parent:
        props["parent"] = parent
    polygons = fix_antimeridian(polygons)
    assert max_jump(polygons) < 180, fid
    return {"type": "Feature", "properties": props,
            "geometry": {"type": "MultiPolygon", "coordinates": polygons}}


def rows(sp) -> list[dict]:
    df = sp.data
    cols = [str(c) for c in df.columns]
    return [dict(zip(cols, values)) for values in df.itertuples(index=False, name=None)]


def countries(db: LazyLoadDB) -> list[dict]:
    sp = db.get("countries50")
    out = []
    for row, poly in zip(rows(sp), sp.polygons):
        a3 = text(row["adm0_a3"])
        if a3 in SKIP_COUNTRIES:
            continue
        iso = text(row.get("iso_a2"))
        fid = COUNTRY_ID_OVERRIDES.get(a3) or (iso.lower() if iso else "_" + a3.lower())
        name = text(row.get("name_long")) or text(row.get("admin"))
        out.append(feature(fid, name, sp_polygons(poly)))
    return out


def available_subdivisions(db: LazyLoadDB) -> list[str]:
    return sorted({text(r["iso_a2"]).lower() for r in rows(db.get("states50"))})


def subdivisions(db: LazyLoadDB, wanted: set[str]) -> list[dict]:
    import pycountry

    out = []
    sp = db.get("states50")
    for row, poly in zip(rows(sp), sp.polygons):
        country = (text(row.get("iso_a2")) or "").lower()
        if country not in wanted:
            continue
        fid = subdivision_id(country, row, pycountry)
        if fid is None:
            continue
        out.append(feature(fid, text(row["name"]), sp_polygons(poly), parent=country))
    if "gb" in wanted:
        units = db.get("map_units50")
        for row, poly in zip(rows(units), units.polygons):
            gu = text(row.get("gu_a3"))
            if text(row.get("adm0_a3")) == "GBR" and gu in UK_NATIONS:
                out.append(feature(UK_NATIONS[gu], text(row["geounit"]), sp_polygons(poly), parent="gb"))
    found = {f["properties"]["parent"] for f in out}
    missing = wanted - found
    if missing:
        raise SystemExit(f"no subdivisions found for {sorted(missing)}; available: "
                         f"{available_subdivisions(db)} and gb; use --extra for others")
    return out


# --- simplifying ------------------------------------------------------------------


def find_mapshaper(given: str | None, workdir: Path) -> list[str]:
    if given:
        return [given]
    prefix = workdir / "npm"
    subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(prefix),
                    f"mapshaper@{MAPSHAPER_VERSION}"], check=True, stdout=sys.stderr)
    return [str(prefix / "node_modules" / ".bin" / "mapshaper")]


def simplify(mapshaper: list[str], countries_path: Path, subs_path: Path, out: Path,
             percentage: str, quantization: str) -> None:
    """Dissolve, simplify and quantise with mapshaper.

    A country with subdivisions gets the dissolved outline of its
    subdivisions as its shape, so both layers share the same arcs (sent once)
    and no sliver of the country shows between or around them.
    """
    cmd = mapshaper + [
        "-i", str(countries_path), str(subs_path), "combine-files",
        "-rename-layers", "countries,subdivisions",
        "-dissolve", "parent", "copy-fields=country_name", "target=subdivisions", "+", "name=dissolved",
        "-each", "id=parent; name=country_name; delete parent; delete country_name", "target=dissolved",
        "-filter-fields", "id,name,parent", "target=subdivisions",
        "-merge-layers", "target=countries,dissolved", "force", "name=countries",
        "-simplify", percentage, "planar", "keep-shapes", "target=*",
        "-o", str(out), "format=topojson", f"quantization={quantization}",
        "id-field=id", "target=*",
    ]
    log("$ " + " ".join(cmd))
    subprocess.run(cmd, check=True, stdout=sys.stderr)


def canonical(out: Path) -> None:
    """Rewrite the TopoJSON compactly with sorted keys, so rebuilds are byte-identical."""
    topo = json.loads(out.read_text())
    for obj in topo["objects"].values():
        obj["geometries"].sort(key=lambda g: g.get("properties", {}).get("id") or g.get("id"))
        for geom in obj["geometries"]:
            geom.setdefault("id", geom.get("properties", {}).get("id"))
            props = geom.get("properties", {})
            props.pop("id", None)
    out.write_text(json.dumps(topo, separators=(",", ":"), sort_keys=True, ensure_ascii=False))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--deb", type=Path, help=f"a downloaded {DEB_NAME}_{DEB_VERSION}_all.deb")
    parser.add_argument("--mapshaper", help=f"the mapshaper command (default: npm install mapshaper@{MAPSHAPER_VERSION})")
    parser.add_argument("--subdivisions", default=DEFAULT_SUBDIVISIONS,
                        help="countries whose Natural Earth admin-1 subdivisions to add (UK nations are always added)")
    parser.add_argument("--extra", type=Path, action="append", default=[],
                        help="a GeoJSON file of further subdivisions (properties id, name, parent)")
    parser.add_argument("--simplify", default=SIMPLIFY, help="mapshaper -simplify percentage")
    parser.add_argument("--quantization", default=QUANTIZATION)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--list-available", action="store_true",
                        help="print the countries with Natural Earth admin-1 subdivisions and stop")
    parser.add_argument("--allow-other-deb", action="store_true",
                        help="accept a package whose sha256 differs from the pinned one")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        deb = args.deb or fetch_deb(work)
        digest = sha256(deb)
        log(f"{deb.name} sha256 {digest}")
        if digest != DEB_SHA256 and not args.allow_other_deb:
            raise SystemExit(f"{deb} is not the pinned {DEB_NAME} {DEB_VERSION} (sha256 {DEB_SHA256})")
        db = LazyLoadDB(extract_deb(deb, work))
        if args.list_available:
            print(" ".join(available_subdivisions(db)))
            return 0
        wanted = {c.strip().lower() for c in args.subdivisions.split(",") if c.strip()} | {"gb"}
        country_features = countries(db)
        sub_features = subdivisions(db, wanted)
        for extra in args.extra:
            log(f"{extra} sha256 {sha256(extra)}")
            for f in json.loads(extra.read_text())["features"]:
                props = f["properties"]
                geom = f["geometry"]
                polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
                sub_features.append(feature(props["id"].lower(), props["name"], polys, props["parent"].lower()))
        # a country with subdivisions takes the outline of its subdivisions (see simplify)
        names = {f["properties"]["id"]: f["properties"]["name"] for f in country_features}
        parents = {f["properties"]["parent"] for f in sub_features}
        country_features = [f for f in country_features if f["properties"]["id"] not in parents]
        for f in sub_features:
            f["properties"]["country_name"] = names[f["properties"]["parent"]]
        ids = [f["properties"]["id"] for f in country_features + sub_features] + sorted(parents)
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise SystemExit(f"duplicate ids: {dupes}")
        cpath, spath = work / "countries.geojson", work / "subdivisions.geojson"
        for path, feats in ((cpath, country_features), (spath, sub_features)):
            path.write_text(json.dumps({"type": "FeatureCollection", "features": feats}))
        raw = work / "out.topo.json"
        simplify(find_mapshaper(args.mapshaper, work), cpath, spath, raw, args.simplify, args.quantization)
        canonical(raw)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(raw, args.out)
    data = args.out.read_bytes()
    log(f"wrote {args.out}: {len(country_features) + len(parents)} countries, {len(sub_features)} subdivisions, "
        f"{len(data)} bytes ({len(gzip.compress(data, 9))} gzipped), sha256 {hashlib.sha256(data).hexdigest()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
