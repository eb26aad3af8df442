"""Pure tests of parcel shapes and of the EUDR export: no database, no Odoo."""
import importlib.util
import json
import pathlib
import sys

import pytest

_TOOLS = pathlib.Path(__file__).parents[1] / "coup_fieldbook" / "tools"


def _load(name):
    package = "coup_fieldbook_tools"
    if package not in sys.modules:
        spec = importlib.util.spec_from_loader(package, loader=None, is_package=True)
        module = importlib.util.module_from_spec(spec)
        module.__path__ = [str(_TOOLS)]
        sys.modules[package] = module
    return importlib.import_module("%s.%s" % (package, name))


geo = _load("geometry")
eudr = _load("eudr")
GeometryError = geo.GeometryError

# a square of 0.001° near Kléla (Mali, 11.3° N): about 111 m × 109 m
SQUARE = {"type": "Polygon", "coordinates": [[[-5.690, 11.270], [-5.689, 11.270],
                                              [-5.689, 11.271], [-5.690, 11.271],
                                              [-5.690, 11.270]]]}


def polygon(*ring):
    return {"type": "Polygon", "coordinates": [list(map(list, ring))]}


def code_of(geometry, **kw):
    with pytest.raises(GeometryError) as caught:
        geo.measure(geometry, **kw)
    return caught.value


def test_geodesic_area_of_a_square_near_kléla():
    area = geo.area_ha(geo.normalize(SQUARE)[1])
    # 0.001° of longitude at 11.27° N is 109.2 m, of latitude 110.6 m: 1.208 ha
    assert area == pytest.approx(1.2077, abs=0.001)
    # a plate carrée or a Web-Mercator area would be several percent off
    assert abs(area - 1.2100) > 0.0005


def test_measure_keeps_all_decimals_and_the_bounding_box():
    shape = polygon([-5.1234567, 11.1], [-5.1, 11.1], [-5.1, 11.2], [-5.1234567, 11.1])
    measured = geo.measure(shape)
    assert "-5.1234567" in measured["geometry"]
    assert measured["min_lon"] == pytest.approx(-5.1234567)
    assert measured["max_lat"] == pytest.approx(11.2)


def test_bow_tie_is_refused_with_where_it_crosses():
    error = code_of(polygon([0, 0], [1, 1], [1, 0], [0, 1], [0, 0]))
    assert error.code == "invalid"
    assert error.params["kind"] == "self_intersection"
    assert error.params["lon"] == pytest.approx(0.5) and error.params["lat"] == pytest.approx(0.5)


@pytest.mark.parametrize("geometry, code, params", [
    (polygon([0, 0], [1, 0], [1, 1], [0, 1]), "ring_not_closed", {"ring": 1}),
    (polygon([0, 0], [1, 0], [0, 0]), "ring_too_short", {"count": 3}),
    ({"type": "Polygon", "coordinates": [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]],
                                         [[.5, .5], [1, .5], [1, 1], [.5, .5]]]},
     "holes", {"count": 1}),
    (polygon([0, 0, 5], [1, 0, 5], [1, 1, 5], [0, 0, 5]), "dimension", {"size": 3, "position": 1}),
    ({"type": "Point", "coordinates": [-5.6, 11.4, 300, 1]}, "dimension", {"size": 4}),
    ({"type": "Point", "coordinates": [11.4, -95.6]}, "swapped", {}),
    ({"type": "Point", "coordinates": [-185.0, 11.4]}, "out_of_range", {}),
    ({"type": "LineString", "coordinates": [[0, 0], [1, 1]]}, "unsupported_type",
     {"type": "LineString"}),
    ({"type": "Polygon", "coordinates": []}, "empty", {}),
    ("{not json", "not_json", {}),
])
def test_bad_shapes_are_refused_with_a_reason(geometry, code, params):
    error = code_of(geometry)
    assert error.code == code
    for key, value in params.items():
        assert error.params[key] == value


def test_a_shape_written_latitude_first_is_caught_near_the_cooperative():
    kléla = (-5.69, 11.27)
    swapped = polygon(*[[lat, lon] for lon, lat in SQUARE["coordinates"][0]])
    assert code_of(swapped, centre=kléla).code == "swapped"
    geo.measure(SQUARE, centre=kléla)


def test_overlaps_beyond_the_tolerance_are_found_with_a_spatial_index():
    a = geo.normalize(polygon([0, 0], [0.01, 0], [0.01, 0.01], [0, 0.01], [0, 0]))[1]
    b = geo.normalize(polygon([0.005, 0], [0.015, 0], [0.015, 0.01], [0.005, 0.01],
                              [0.005, 0]))[1]
    c = geo.normalize(polygon([0.0099, 0], [0.02, 0], [0.02, 0.01], [0.0099, 0.01],
                              [0.0099, 0]))[1]
    found = geo.find_overlaps({"b": b}, {"a": a, "c": c}, tolerance=0.05)
    # b overlaps half of a and half of c; a and c touch by a sliver, never compared
    assert sorted((x, y) for x, y, *__ in found) == [("b", "a"), ("b", "c")]
    share = dict(((x, y), s) for x, y, s, __ in found)[("b", "a")]
    assert share == pytest.approx(0.5, abs=0.01)
    # a sliver under the tolerance is not flagged
    assert not geo.find_overlaps({"c": c}, {"a": a}, tolerance=0.05)


def test_eudr_feature_has_the_traces_properties_and_six_decimals():
    # near Sikasso (Mali): at -5.1° the same latitude is Burkina Faso's
    shape = polygon([-5.72345678, 11.1], [-5.7, 11.1], [-5.7, 11.2], [-5.72345678, 11.1])
    feature, issues = eudr.check_parcel(shape, 3.0, " Awa Traoré ", "ml", "Kléla")
    assert not issues
    assert feature["properties"] == {"ProducerName": "Awa Traoré", "ProducerCountry": "ML",
                                     "ProductionPlace": "Kléla",
                                     "Area": pytest.approx(feature["properties"]["Area"])}
    assert feature["geometry"]["coordinates"][0][0] == [-5.723457, 11.1]
    assert feature["properties"]["Area"] > 0
    text = eudr.feature_collections([feature])[0].decode()
    assert "[-5.723457,11.100000]" in text and "[-5.700000,11.200000]" in text


def test_a_plot_outside_its_producers_country_is_refused():
    in_burkina = polygon([-5.12, 11.1], [-5.1, 11.1], [-5.1, 11.2], [-5.12, 11.1])
    assert [code for code, __ in eudr.check_parcel(in_burkina, 3.0, "Awa", "ML", "K")[1]] \
        == ["outside_country"]
    assert eudr.check_parcel(in_burkina, 3.0, "Awa", "BF", "K")[1] == []
    # latitude first: in the sea off Gabon as written, in Mali once swapped
    swapped = polygon([11.1, -5.72], [11.1, -5.7], [11.2, -5.7], [11.1, -5.72])
    assert [code for code, __ in eudr.check_parcel(swapped, 3.0, "Awa", "ML", "K")[1]] \
        == ["swapped"]
    with pytest.raises(GeometryError) as caught:
        geo.measure(swapped, centre=None, country="ML")
    assert caught.value.code == "swapped"
    # a country the data lacks is not checked
    assert eudr.check_parcel(in_burkina, 3.0, "Awa", "XK", "K")[1] == []


def test_the_fingerprint_ignores_start_direction_type_and_extra_digits():
    ring = [[-5.69, 11.27], [-5.689, 11.27], [-5.689, 11.271], [-5.69, 11.271]]
    base = geo.normalize(polygon(*ring, ring[0]))[0]
    turned = ring[2:] + ring[:2]
    other_way = list(reversed(turned))
    variants = [
        polygon(*turned, turned[0]),
        polygon(*other_way, other_way[0]),
        {"type": "MultiPolygon", "coordinates": [[[[x + 4e-7, y] for x, y in
                                                   ring + ring[:1]]]]},
    ]
    for variant in variants:
        assert geo.fingerprint(geo.normalize(variant)[0]) == geo.fingerprint(base)
    moved = polygon(*[[x + 0.00001, y] for x, y in ring], [ring[0][0] + 0.00001, ring[0][1]])
    assert geo.fingerprint(geo.normalize(moved)[0]) != geo.fingerprint(base)
    point = geo.normalize({"type": "Point", "coordinates": [-5.6, 11.4]})[0]
    multi = geo.normalize({"type": "MultiPoint", "coordinates": [[-5.6, 11.4]]})[0]
    assert geo.fingerprint(point) == geo.fingerprint(multi)


def test_eudr_refuses_a_point_over_four_hectares_and_missing_data():
    point = {"type": "Point", "coordinates": [-5.6, 11.4]}
    assert eudr.check_parcel(point, 3.9, "Awa", "ML", "Kléla")[1] == []
    feature, issues = eudr.check_parcel(point, 4.5, "", "Mali", "")
    assert feature is None
    assert [code for code, __ in issues] == ["no_producer", "bad_country", "no_place",
                                            "point_over_limit"]


def test_eudr_rounding_drops_collapsed_vertices_and_revalidates():
    # two corners 1e-8 apart merge at 6 decimals: dropped, the shape still valid
    shape = polygon([0, 0], [0.001, 0], [0.00100001, 0.0000000], [0.001, 0.001], [0, 0.001],
                    [0, 0])
    rounded = eudr.round_geometry(geo.normalize(shape)[0])
    assert len(rounded["coordinates"][0]) == 5
    # a sliver thinner than the 6th decimal collapses
    sliver = polygon([0, 0], [0.001, 0.0000001], [0.002, 0], [0, 0])
    with pytest.raises(GeometryError) as caught:
        eudr.round_geometry(geo.normalize(sliver)[0])
    assert caught.value.code in ("collapsed", "invalid_rounded")


def test_eudr_files_are_split_under_the_size_limit():
    feature = eudr.check_parcel(SQUARE, 1.2, "Awa", "ML", "Kléla")[0]
    files = eudr.feature_collections([feature] * 50, limit_bytes=2000)
    assert len(files) > 1
    assert all(len(data) < 2000 for data in files)
    assert sum(len(json.loads(data)["features"]) for data in files) == 50
