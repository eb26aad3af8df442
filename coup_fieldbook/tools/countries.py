"""Which country a plot lies in, from Natural Earth's admin-0 boundaries (1:50m, public domain)
shipped in ``data/natural_earth`` as TopoJSON, without Odoo.

The EUDR pre-check refuses a plot outside its producer's country (``ProducerCountry``); the same
boundaries tell a shape typed latitude-first: outside the country as written, inside once its
positions are swapped. 1:50m borders are off by a kilometre or two, so a plot within
:data:`MARGIN_DEGREES` of its country's outline is taken as inside.
"""
import functools
import json
import os

import shapely
from babel.core import get_global
from shapely.geometry import MultiPolygon, Polygon

DATA = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data",
                    "natural_earth", "countries-50m.json")
# about 11 km at the equator
MARGIN_DEGREES = 0.1


def _arcs(topology):
    """The topology's arcs as lists of (longitude, latitude): TopoJSON quantizes positions and
    stores each arc's positions as deltas from the previous one."""
    (scale_x, scale_y), (move_x, move_y) = (topology["transform"]["scale"],
                                            topology["transform"]["translate"])
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        positions = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            positions.append((x * scale_x + move_x, y * scale_y + move_y))
        arcs.append(positions)
    return arcs


def _ring(arcs, indexes):
    """A ring joined from arcs; a negative index ``~i`` is arc ``i`` walked backwards."""
    positions = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        positions.extend(arc[1:] if positions else arc)
    return positions


def _polygon(arcs, rings):
    shell, *holes = [_ring(arcs, ring) for ring in rings]
    return Polygon(shell, holes)


@functools.lru_cache(maxsize=1)
def boundaries():
    """``{ISO 3166-1 alpha-2: shapely geometry}`` of every country the data names."""
    with open(DATA, encoding="utf-8") as handle:
        topology = json.load(handle)
    arcs = _arcs(topology)
    aliases = get_global("territory_aliases")
    result = {}
    for item in topology["objects"]["countries"]["geometries"]:
        codes = aliases.get(str(item.get("id") or "").zfill(3)) or []
        if len(codes) != 1 or len(codes[0]) != 2:
            continue
        if item["type"] == "Polygon":
            geom = _polygon(arcs, item["arcs"])
        elif item["type"] == "MultiPolygon":
            geom = MultiPolygon([_polygon(arcs, rings) for rings in item["arcs"]])
        else:
            continue
        geom = shapely.make_valid(geom)
        shapely.prepare(geom)
        result[codes[0]] = geom
    return result


def knows(country):
    """Whether the data has a boundary for this alpha-2 code."""
    return bool(country) and country.upper() in boundaries()


def contains(country, lon, lat, margin=MARGIN_DEGREES):
    """Whether (lon, lat) lies in ``country`` (alpha-2), or within ``margin`` degrees of it.

    :return: True, False, or None when the country's boundary is not known
    """
    geom = boundaries().get((country or "").upper())
    if geom is None:
        return None
    # inside: the prepared boundary answers at once; only a point outside is measured
    if shapely.contains_xy(geom, lon, lat):
        return True
    return bool(shapely.dwithin(geom, shapely.Point(lon, lat), margin))


def country_of(lon, lat):
    """The alpha-2 code of the country at (lon, lat), or None (sea, unknown)."""
    point = shapely.Point(lon, lat)
    for code, geom in boundaries().items():
        if geom.contains(point):
            return code
    return None
