"""Parcel geometries: GeoJSON read, checked and measured, without Odoo.

A parcel's shape is a GeoJSON geometry in WGS84, positions as [longitude, latitude]. What a
field book gets wrong is checked here once, for the form, the import and the EUDR export alike:

- the structure (a known type, positions of exactly two numbers, rings closed and of at least
  four positions, no holes) is read position by position, so an error names where it is;
- validity (self-intersections, polygons of a MultiPolygon that overlap…) is shapely's
  ``is_valid_reason``, never a hand-written test;
- areas are geodesic, on the WGS84 ellipsoid (pyproj's ``Geod``): a Web-Mercator area is
  3–5 % off at the latitudes of Mali or Côte d'Ivoire, and far more further north.

Errors are :class:`GeometryError` with a ``code`` and ``params``: the caller words them in the
user's language.
"""
import hashlib
import json
import math

import shapely
from pyproj import Geod
from shapely.geometry import shape

from . import countries

TYPES = ("Point", "MultiPoint", "Polygon", "MultiPolygon")
AREA_TYPES = ("Polygon", "MultiPolygon")
GEOD = Geod(ellps="WGS84")
M2_PER_HA = 10_000.0
EARTH_RADIUS_KM = 6371.0088
# shapely's reasons, as ``Self-intersection[-5.5 11.5]``: the words before the bracket
VALIDITY_KINDS = {
    "Self-intersection": "self_intersection",
    "Ring Self-intersection": "ring_self_intersection",
    "Too few points in geometry component": "too_few_points",
    "Nested shells": "nested_shells",
    "Interior is disconnected": "interior_disconnected",
    "Duplicate Rings": "duplicate_rings",
    "Hole lies outside shell": "hole_outside",
    "Nested holes": "nested_holes",
    "Invalid Coordinate": "invalid_coordinate",
    "Ring is not closed": "ring_not_closed",
}


class GeometryError(ValueError):
    """Why a geometry is refused: ``code`` says what, ``params`` where and with what values.

    ``params`` may hold ``polygon``, ``ring`` and ``position`` (1-based, as a person counts)
    to say where in the geometry the fault is.
    """

    def __init__(self, code, **params):
        super().__init__(code, params)
        self.code = code
        self.params = params

    def __str__(self):
        return "%s %s" % (self.code, self.params)


def _where(polygon=None, ring=None, position=None):
    return {key: value for key, value in
            (("polygon", polygon), ("ring", ring), ("position", position)) if value is not None}


def _position(value, polygon=None, ring=None, position=None):
    """A position as a (longitude, latitude) tuple of floats, checked."""
    where = _where(polygon, ring, position)
    if not isinstance(value, (list, tuple)):
        raise GeometryError("bad_position", **where)
    if len(value) != 2:
        if len(value) > 2 and all(_is_number(v) for v in value):
            raise GeometryError("dimension", size=len(value), **where)
        raise GeometryError("bad_position", **where)
    if not all(_is_number(v) for v in value):
        raise GeometryError("bad_position", **where)
    lon, lat = float(value[0]), float(value[1])
    if not (math.isfinite(lon) and math.isfinite(lat)):
        raise GeometryError("bad_position", **where)
    if abs(lat) > 90 and abs(lon) <= 90 and abs(lat) <= 180:
        # a latitude beyond the poles that would be a fine longitude: written the other way
        raise GeometryError("swapped", lon=lon, lat=lat, **where)
    if abs(lon) > 180 or abs(lat) > 90:
        raise GeometryError("out_of_range", lon=lon, lat=lat, **where)
    return lon, lat


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _ring_fast(value):
    """The positions of a well-formed ring, or None when anything needs a closer look.

    Most rings are fine: their positions are checked in a few passes over the whole ring; the
    first doubt sends the ring to the position-by-position reading, which names the fault."""
    try:
        if not all(type(item) in _PAIR and len(item) == 2 for item in value):
            return None
        lons = [item[0] for item in value]
        lats = [item[1] for item in value]
        if not all(type(v) in _NUMBER for v in lons) or not all(type(v) in _NUMBER for v in lats):
            return None
        if not (-180 <= min(lons) and max(lons) <= 180 and -90 <= min(lats) and max(lats) <= 90):
            return None  # out of range, swapped, or NaN (every comparison with NaN is false)
    except (TypeError, ValueError):
        return None
    return [(float(lon), float(lat)) for lon, lat in zip(lons, lats)]


_PAIR = (list, tuple)
_NUMBER = (int, float)


def _ring(value, polygon, ring):
    if not isinstance(value, (list, tuple)) or not value:
        raise GeometryError("bad_ring", **_where(polygon, ring))
    positions = _ring_fast(value)
    if positions is None:
        positions = [_position(item, polygon, ring, index + 1)
                     for index, item in enumerate(value)]
    if positions[0] != positions[-1]:
        raise GeometryError("ring_not_closed", **_where(polygon, ring))
    if len(positions) < 4:
        raise GeometryError("ring_too_short", count=len(positions), **_where(polygon, ring))
    return positions


def _polygon(value, polygon):
    if not isinstance(value, (list, tuple)) or not value:
        raise GeometryError("bad_polygon", **_where(polygon))
    if len(value) > 1:
        raise GeometryError("holes", count=len(value) - 1, **_where(polygon))
    return [_ring(value[0], polygon, 1)]


def normalize(geometry):
    """The geometry checked for structure and validity, with float positions.

    :param geometry: a GeoJSON geometry as a dict, or its JSON text
    :return: ``(geometry_dict, shapely_geometry)``
    :raise GeometryError: the first fault found
    """
    if isinstance(geometry, (str, bytes)):
        try:
            geometry = json.loads(geometry)
        except ValueError:
            raise GeometryError("not_json") from None
    if not isinstance(geometry, dict):
        raise GeometryError("not_geometry")
    kind = geometry.get("type")
    if kind == "Feature":
        return normalize(geometry.get("geometry"))
    if kind not in TYPES:
        raise GeometryError("unsupported_type", type=str(kind))
    coordinates = geometry.get("coordinates")
    if coordinates is None or (isinstance(coordinates, (list, tuple)) and not coordinates):
        raise GeometryError("empty")
    if kind == "Point":
        coordinates = list(_position(coordinates, position=1))
    elif kind == "MultiPoint":
        if not isinstance(coordinates, (list, tuple)):
            raise GeometryError("bad_position")
        coordinates = [list(_position(item, position=index + 1))
                       for index, item in enumerate(coordinates)]
    elif kind == "Polygon":
        coordinates = [[list(p) for p in ring] for ring in _polygon(coordinates, None)]
    else:
        if not isinstance(coordinates, (list, tuple)):
            raise GeometryError("bad_polygon")
        coordinates = [[[list(p) for p in ring] for ring in _polygon(item, index + 1)]
                       for index, item in enumerate(coordinates)]
    result = {"type": kind, "coordinates": coordinates}
    if kind == "Polygon":
        # shapely's C constructor: shape() reads the dict in Python, ten times slower
        geom = shapely.polygons(coordinates[0])
    else:
        geom = shape(result)
    check_valid(geom)
    return result, geom


def check_valid(geom):
    """shapely's verdict on a geometry, as a :class:`GeometryError` when it is not valid."""
    if shapely.is_valid(geom):
        return
    reason = shapely.is_valid_reason(geom) or ""
    text, __, rest = reason.partition("[")
    params = {"reason": reason, "kind": VALIDITY_KINDS.get(text.strip(), "other")}
    numbers = rest.rstrip("]").split()
    if len(numbers) >= 2:
        try:
            params.update(lon=float(numbers[0]), lat=float(numbers[1]))
        except ValueError:
            pass
    raise GeometryError("invalid", **params)


def area_ha(geom):
    """Geodesic area of a shapely geometry on the WGS84 ellipsoid, in hectares (0 for points)."""
    if geom.geom_type not in AREA_TYPES or geom.is_empty:
        return 0.0
    if geom.geom_type == "Polygon" and not geom.interiors:
        lons, lats = geom.exterior.coords.xy
        area, __ = GEOD.polygon_area_perimeter(lons, lats)
        return abs(area) / M2_PER_HA
    area, __ = GEOD.geometry_area_perimeter(geom)
    return abs(area) / M2_PER_HA


def bbox(geom):
    """(min_lon, min_lat, max_lon, max_lat)"""
    return tuple(float(v) for v in geom.bounds)


def centroid(geom):
    """(longitude, latitude) of a point inside the shape, for a marker."""
    point = geom if geom.geom_type == "Point" else geom.representative_point()
    return float(point.x), float(point.y)


def distance_km(lon1, lat1, lon2, lat2):
    """Great-circle distance, enough to tell a cooperative's region from another continent."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def check_swapped(geom, centre, radius_km=500.0):
    """Refuse a shape written [latitude, longitude] when the cooperative's centre tells.

    Both orders are often in range (Mali: [-5.6, 11.4] or [11.4, -5.6]); the shape is taken
    as swapped when it lies far from the cooperative's centre and its mirror lies near it.

    :param centre: (longitude, latitude) of the cooperative's region, or None to skip
    """
    if not centre:
        return
    lon, lat = centroid(geom)
    if distance_km(lon, lat, *centre) <= radius_km:
        return
    if abs(lon) <= 90 and distance_km(lat, lon, *centre) <= radius_km:
        raise GeometryError("swapped", lon=lon, lat=lat)


def check_country(geom, country):
    """Refuse a shape written [latitude, longitude] when its producer's country tells: outside
    the country as written, inside it once swapped (no cooperative position needed).

    :param country: ISO 3166-1 alpha-2 code, or None to skip
    """
    if not country or not countries.knows(country):
        return
    lon, lat = centroid(geom)
    if countries.contains(country, lon, lat):
        return
    if abs(lon) <= 90 and countries.contains(country, lat, lon):
        raise GeometryError("swapped", lon=lon, lat=lat)


def dumps(geometry):
    """Compact JSON of a geometry; floats keep all their digits (repr round-trips)."""
    return json.dumps(geometry, separators=(",", ":"))


def _canonical_ring(ring, decimals):
    """A closed ring as its distinct rounded positions, counter-clockwise, starting at the
    smallest position: the same outline whatever corner it was drawn from, in either
    direction."""
    positions = []
    for lon, lat in ring:
        position = (round(lon, decimals) + 0.0, round(lat, decimals) + 0.0)
        if not positions or positions[-1] != position:
            positions.append(position)
    while len(positions) > 1 and positions[0] == positions[-1]:
        positions.pop()
    doubled = sum((x1 * y2 - x2 * y1) for (x1, y1), (x2, y2)
                  in zip(positions, positions[1:] + positions[:1]))
    if doubled < 0:
        positions.reverse()
    start = positions.index(min(positions))
    return positions[start:] + positions[:start]


def fingerprint(geometry, decimals=6):
    """A canonical digest of a normalised geometry (see :func:`normalize`): two drawings of
    one plot (another starting corner, the other direction, a Polygon or a MultiPolygon of
    one polygon, digits beyond the stored precision) give the same text, so duplicates are
    found by one indexed lookup.

    :param decimals: the precision shapes are compared at, that of the EUDR file
    """
    kind, coordinates = geometry["type"], geometry["coordinates"]
    if kind == "Point":
        parts = ["P"] + ["%.*f,%.*f" % (decimals, coordinates[0], decimals, coordinates[1])]
    elif kind == "MultiPoint":
        points = sorted({(round(lon, decimals) + 0.0, round(lat, decimals) + 0.0)
                         for lon, lat in coordinates})
        parts = ["P" if len(points) == 1 else "M"] + [
            "%.*f,%.*f" % (decimals, lon, decimals, lat) for lon, lat in points]
    else:
        polygons = [coordinates] if kind == "Polygon" else coordinates
        rings = sorted(_canonical_ring(polygon[0], decimals) for polygon in polygons)
        parts = ["A"] + [";".join("%.*f,%.*f" % (decimals, lon, decimals, lat)
                                  for lon, lat in ring) for ring in rings]
    return hashlib.sha1("|".join(parts).encode()).hexdigest()


def measure(geometry, centre=None, country=None):
    """Everything a parcel stores about its shape, from the GeoJSON geometry.

    :return: dict with ``geometry`` (compact JSON text), ``geometry_type``, ``area_ha``,
        ``min_lon``, ``min_lat``, ``max_lon``, ``max_lat``, ``lon``, ``lat`` and the shapely
        geometry under ``shape``
    :raise GeometryError: as :func:`normalize`, or ``swapped`` (see :func:`check_swapped`)
    """
    normalized, geom = normalize(geometry)
    check_swapped(geom, centre)
    check_country(geom, country)
    min_lon, min_lat, max_lon, max_lat = bbox(geom)
    lon, lat = centroid(geom)
    return {
        "geometry": dumps(normalized),
        "geometry_type": normalized["type"],
        "area_ha": area_ha(geom),
        "min_lon": min_lon, "min_lat": min_lat, "max_lon": max_lon, "max_lat": max_lat,
        "lon": lon, "lat": lat,
        "fingerprint": fingerprint(normalized),
        "shape": geom,
    }


def find_overlaps(new, others, tolerance):
    """Pairs of parcels that overlap by more than ``tolerance`` of the smaller one.

    Set-based: one spatial index (shapely's STRtree) over all the shapes and one bulk query,
    so 20,000 parcels are never compared pair by pair.

    :param new: ``{key: shapely geometry}`` of the parcels being captured
    :param others: ``{key: shapely geometry}`` of the parcels already there (may share keys
        with ``new``: those are skipped)
    :param tolerance: share (0–1) of the smaller parcel's area that may overlap unflagged
    :return: list of ``(key_a, key_b, share, overlap_ha)`` with ``key_a`` in ``new``, each
        pair once
    """
    items = {}
    for key, geom in list(others.items()) + list(new.items()):
        if geom is not None and geom.geom_type in AREA_TYPES and geom.area > 0:
            items[key] = geom
    if not items:
        return []
    keys = list(items)
    geoms = [items[key] for key in keys]
    tree = shapely.STRtree(geoms)
    new_keys = [key for key in new if key in items]
    index = {key: i for i, key in enumerate(keys)}
    queried = [geoms[index[key]] for key in new_keys]
    if not queried:
        return []
    left, right = tree.query(queried, predicate="intersects")
    pairs, seen = [], set()
    for i, j in zip(left.tolist(), right.tolist()):
        key_a, key_b = new_keys[i], keys[j]
        if key_a == key_b:
            continue
        pair = frozenset((key_a, key_b))
        if pair in seen:
            continue
        seen.add(pair)
        geom_a, geom_b = geoms[index[key_a]], geoms[j]
        overlap = geom_a.intersection(geom_b)
        smaller = min(geom_a.area, geom_b.area)
        share = overlap.area / smaller if smaller else 0.0
        if share > tolerance:
            pairs.append((key_a, key_b, share, area_ha(overlap)))
    return pairs
