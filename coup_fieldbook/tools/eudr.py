"""Geolocation for the EU Deforestation Regulation (EUDR), as the EU Information System (TRACES)
takes it, without Odoo.

TRACES takes a GeoJSON FeatureCollection in WGS84 whose features carry the properties
``ProducerName``, ``ProducerCountry`` (ISO 3166-1 alpha-2), ``ProductionPlace`` and ``Area``
(hectares). Every plot over 4 ha must be a polygon; a point is allowed only for a plot of 4 ha
or less. Polygons have no holes. Coordinates are given with 6 decimals (about 11 cm); a vertex
that rounding merges with its neighbour is dropped and the shape checked again, since a ring
can collapse or cross itself once rounded. A file may not exceed 25 MB: larger exports are
split.

:func:`check_parcel` is the pre-check: parcel by parcel, what TRACES would refuse, before
anybody uploads.
"""
import json

from . import countries
from . import geometry as geo
from .geometry import GeometryError

DECIMALS = 6
POINT_MAX_HA = 4.0
FILE_LIMIT_BYTES = 25 * 1000 * 1000
AREA_DECIMALS = 4
NUMBERS = (int, float)


def round_geometry(geometry, decimals=DECIMALS, check=True):
    """The geometry with ``decimals`` decimals, collapsed vertices removed, checked again.

    :param geometry: a valid GeoJSON geometry dict (see :func:`geometry.normalize`)
    :raise GeometryError: ``collapsed`` when a ring keeps fewer than four positions, or the
        validity error of the rounded shape
    """
    kind = geometry["type"]

    def point(position):
        lon, lat = position
        if type(lon) not in NUMBERS or type(lat) not in NUMBERS:
            # not a number (a boolean, a text…): the geometry must be read closely
            raise TypeError(position)
        return [round(lon, decimals), round(lat, decimals)]

    def ring(positions, polygon):
        rounded = []
        for position in positions:
            position = point(position)
            if not rounded or rounded[-1] != position:
                rounded.append(position)
        if len(rounded) < 4 or rounded[0] != rounded[-1]:
            raise GeometryError("collapsed", **({"polygon": polygon} if polygon else {}))
        return rounded

    coordinates = geometry["coordinates"]
    if kind == "Point":
        result = point(coordinates)
    elif kind == "MultiPoint":
        result = []
        for position in map(point, coordinates):
            if position not in result:
                result.append(position)
    elif kind == "Polygon":
        result = [ring(r, None) for r in coordinates]
    else:
        result = [[ring(r, index + 1) for r in polygon]
                  for index, polygon in enumerate(coordinates)]
    rounded = {"type": kind, "coordinates": result}
    if not check:
        return rounded
    try:
        geo.normalize(rounded)
    except GeometryError as error:
        if error.code == "invalid":
            raise GeometryError("invalid_rounded", **error.params) from None
        raise
    return rounded


def _read_rounded(geometry):
    """``(geometry, shapely shape of the rounded geometry, rounded geometry)``.

    The rounded geometry is what TRACES gets, so it is the one checked and measured. It is
    read once: the stored geometry is rounded first, and read position by position (for an
    error that says where) only when the rounding finds something wrong with it."""
    if isinstance(geometry, (str, bytes)):
        try:
            geometry = json.loads(geometry)
        except ValueError:
            raise GeometryError("not_json") from None
    try:
        rounded = round_geometry(geometry, check=False)
        normalized, shape = geo.normalize(rounded)
    except (GeometryError, TypeError, KeyError, IndexError, AttributeError, ValueError):
        # the geometry as given says what is wrong with it, if anything; else the rounding
        normalized, __ = geo.normalize(geometry)
        rounded = round_geometry(normalized)
        normalized, shape = geo.normalize(rounded)
    return normalized, shape, rounded


def check_parcel(geometry, declared_area_ha, producer_name, producer_country, production_place):
    """What TRACES would refuse of one parcel, and the feature to send when nothing.

    :param geometry: GeoJSON geometry (dict or JSON text) or None
    :param declared_area_ha: the area the member declared, for plots given as a point
    :return: ``(feature or None, [(code, params), ...])``
    """
    issues = []
    if not (producer_name or "").strip():
        issues.append(("no_producer", {}))
    country = (producer_country or "").strip().upper()
    if not country:
        issues.append(("no_country", {}))
    elif len(country) != 2 or not country.isalpha():
        issues.append(("bad_country", {"country": producer_country}))
    if not (production_place or "").strip():
        issues.append(("no_place", {}))
    if not geometry:
        issues.append(("no_geometry", {}))
        return None, issues
    try:
        normalized, shape, rounded = _read_rounded(geometry)
    except GeometryError as error:
        issues.append((error.code, error.params))
        return None, issues
    if len(country) == 2 and countries.knows(country):
        lon, lat = geo.centroid(shape)
        if not countries.contains(country, lon, lat):
            if abs(lon) <= 90 and countries.contains(country, lat, lon):
                issues.append(("swapped", {"lon": lon, "lat": lat}))
            else:
                issues.append(("outside_country", {"lon": lon, "lat": lat,
                                                   "country": country}))
    if normalized["type"] in geo.AREA_TYPES:
        area = geo.area_ha(shape)
        if area <= 0:
            issues.append(("no_area", {}))
    else:
        area = declared_area_ha or 0.0
        if not declared_area_ha:
            issues.append(("point_no_area", {}))
        elif declared_area_ha > POINT_MAX_HA:
            issues.append(("point_over_limit", {"area": declared_area_ha,
                                                "limit": POINT_MAX_HA}))
    if issues:
        return None, issues
    feature = {
        "type": "Feature",
        "geometry": rounded,
        "properties": {
            "ProducerName": producer_name.strip(),
            "ProducerCountry": country,
            "ProductionPlace": production_place.strip(),
            "Area": round(area, AREA_DECIMALS),
        },
    }
    return feature, []


def format_coordinates(value, decimals=DECIMALS):
    """Coordinates (nested lists of numbers) as JSON text with exactly ``decimals`` decimals.

    ``json.dumps`` writes a float's shortest form (``11.10955`` for ``11.109550``): validators
    count the digits written, so every number is formatted, never left to ``repr``.
    """
    if isinstance(value, (list, tuple)):
        return "[%s]" % ",".join(format_coordinates(item, decimals) for item in value)
    text = "%.*f" % (decimals, value)
    return text[1:] if text.startswith("-") and not text.strip("-0.") else text


def dumps_feature(feature, decimals=DECIMALS):
    """A feature as compact UTF-8 JSON text, its coordinates with ``decimals`` decimals."""
    geometry = feature.get("geometry")
    rest = {key: value for key, value in feature.items() if key != "geometry"}
    text = json.dumps(rest, separators=(",", ":"), ensure_ascii=False)
    if geometry is None:
        return text
    geometry_text = '{"type":%s,"coordinates":%s}' % (
        json.dumps(geometry["type"]), format_coordinates(geometry["coordinates"], decimals))
    return '{"type":"Feature","geometry":%s,%s' % (geometry_text, text[1:]) \
        if rest.get("type") == "Feature" else text[:-1] + ',"geometry":%s}' % geometry_text


def feature_collections(features, limit_bytes=FILE_LIMIT_BYTES):
    """FeatureCollections of ``features`` as UTF-8 JSON, each file under ``limit_bytes``.

    :return: list of bytes, one per file, in the order of the features
    :raise GeometryError: ``too_large`` when a single feature does not fit in a file
    """
    head, tail = b'{"type":"FeatureCollection","features":[', b"]}"
    files, chunk, size = [], [], len(head) + len(tail)
    for feature in features:
        data = dumps_feature(feature).encode()
        extra = len(data) + (1 if chunk else 0)
        if len(head) + len(tail) + len(data) >= limit_bytes:
            raise GeometryError("too_large", size=len(data), limit=limit_bytes)
        if chunk and size + extra >= limit_bytes:
            files.append(head + b",".join(chunk) + tail)
            chunk, size, extra = [], len(head) + len(tail), len(data)
        chunk.append(data)
        size += extra
    if chunk or not files:
        files.append(head + b",".join(chunk) + tail)
    return files
