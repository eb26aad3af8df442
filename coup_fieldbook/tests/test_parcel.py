import json

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import FieldbookCase, square


@tagged("post_install", "-at_install")
class TestParcel(FieldbookCase):

    def test_area_is_geodesic_and_the_shape_measured_on_save(self):
        parcel = self.make_parcel(self.awa, square(-5.690, 11.270), declared_area_ha=1.2)
        self.assertAlmostEqual(parcel.area_ha, 1.2077, places=3)
        self.assertEqual(parcel.geometry_type, "Polygon")
        self.assertAlmostEqual(parcel.longitude, -5.6895, places=3)
        self.assertTrue(parcel.is_mapped)
        self.assertFalse(parcel.area_warning)
        self.assertEqual(parcel.code, "ML-001-P01", "member number and rank by default")
        self.assertEqual(parcel.village, "Kléla", "the member's village by default")
        second = self.make_parcel(self.awa, {"type": "Point", "coordinates": [-5.7, 11.3]})
        self.assertEqual(second.code, "ML-001-P02")
        self.assertEqual(second.area_ha, 0.0)

    def test_a_large_difference_with_the_declared_area_is_flagged(self):
        parcel = self.make_parcel(self.awa, square(-5.690, 11.270), declared_area_ha=2.0)
        self.assertAlmostEqual(parcel.area_gap, -39.6, places=0)
        self.assertTrue(parcel.area_warning)
        parcel.declared_area_ha = 1.3
        self.assertFalse(parcel.area_warning)

    def test_a_bad_shape_is_refused_with_its_reason(self):
        cases = [
            ({"type": "Polygon", "coordinates": [[[-5.69, 11.27], [-5.68, 11.28],
                                                  [-5.68, 11.27], [-5.69, 11.28],
                                                  [-5.69, 11.27]]]},
             "crosses itself near longitude -5.685000, latitude 11.275000"),
            ({"type": "Polygon", "coordinates": [[[-5.69, 11.27], [-5.68, 11.27],
                                                  [-5.68, 11.28], [-5.69, 11.28]]]},
             "not closed"),
            ({"type": "Point", "coordinates": [-5.69, 11.27, 310.0]}, "has 3 numbers"),
            ({"type": "Polygon", "coordinates": [[[11.27, -5.69], [11.28, -5.69],
                                                  [11.28, -5.68], [11.27, -5.68],
                                                  [11.27, -5.69]]]}, "look swapped"),
            ({"type": "Point", "coordinates": [200.0, 11.27]}, "out of range"),
            ({"type": "Point", "coordinates": [-5.69, 95.0]}, "look swapped"),
        ]
        count = self.env["coup.parcel"].search_count([])
        for geometry, message in cases:
            with self.subTest(message=message), self.assertRaisesRegex(ValidationError,
                                                                       message):
                with self.env.cr.savepoint():
                    self.make_parcel(self.awa, geometry, name="Bad")
        self.assertEqual(self.env["coup.parcel"].search_count([]), count)
        parcel = self.make_parcel(self.awa, square(-5.690, 11.270))
        with self.assertRaisesRegex(ValidationError, "Parcel “Parcel of Awa Traoré”"):
            with self.env.cr.savepoint():
                parcel.geometry = json.dumps({"type": "Polygon", "coordinates": [
                    [[-5.69, 11.27], [-5.68, 11.27], [-5.69, 11.27]]]})
        self.assertAlmostEqual(parcel.area_ha, 1.2077, places=3, msg="shape unchanged")

    def test_an_overlap_beyond_the_tolerance_is_flagged_at_capture(self):
        first = self.make_parcel(self.awa, square(-5.690, 11.270), name="Champ A")
        beside = self.make_parcel(self.siaka, square(-5.689, 11.270), name="Champ B")
        self.assertFalse(beside.overlap_note, "touching is not overlapping")
        over = self.make_parcel(self.siaka, square(-5.6895, 11.270), name="Champ C")
        self.assertIn("Champ A", over.overlap_note)
        self.assertIn("50%", over.overlap_note)
        self.assertIn("Champ B", over.overlap_note)
        # the other cooperative's parcels are not compared
        colombia = self.make_parcel(self.diego, square(-5.6895, 11.270), name="Lejos")
        self.assertFalse(colombia.overlap_note)
        over.geometry = json.dumps(square(-5.680, 11.270))
        self.assertFalse(over.overlap_note, "moved away: no longer flagged")
        self.assertFalse(first.overlap_note)

    def test_overlap_notes_on_both_parcels_refused_and_cleared_on_both(self):
        first = self.make_parcel(self.awa, square(-5.690, 11.270), name="Champ A",
                                 declared_area_ha=1.2)
        self.assertTrue(first.eudr_ready)
        over = self.make_parcel(self.siaka, square(-5.6895, 11.270), name="Champ C",
                                declared_area_ha=1.2)
        for parcel in (first, over):
            self.assertIn("“Champ A (ML-001-P01)” overlaps “Champ C (ML-002-P01)”"
                          if parcel == first else
                          "“Champ C (ML-002-P01)” overlaps “Champ A (ML-001-P01)”",
                          parcel.overlap_note)
            self.assertFalse(parcel.eudr_ready)
            self.assertIn("Overlaps or repeats another parcel", parcel.eudr_issues)
        self.assertEqual(first.overlap_ids, over)
        self.assertEqual(over.overlap_ids, first)
        # covered entirely: refused too
        inside = self.make_parcel(self.awa, square(-5.6898, 11.2702, size=0.0003),
                                  name="Jardin", declared_area_ha=0.1)
        self.assertIn("by 100%", inside.overlap_note)
        self.assertFalse(inside.eudr_ready)
        self.assertIn("Jardin", first.overlap_note)
        self.assertIn("Champ C", first.overlap_note)
        # corrected: cleared on both sides, the other overlap kept
        over.geometry = json.dumps(square(-5.680, 11.270))
        self.assertFalse(over.overlap_note)
        self.assertTrue(over.eudr_ready)
        self.assertNotIn("Champ C", first.overlap_note)
        self.assertIn("Jardin", first.overlap_note)
        inside.action_archive()
        self.assertFalse(first.overlap_note)
        self.assertTrue(first.eudr_ready)

    def test_the_same_shape_twice_is_one_plot_recorded_twice(self):
        ring = square(-5.690, 11.270)["coordinates"][0]
        redrawn = list(reversed(ring[1:4] + ring[:1]))
        again = {"type": "MultiPolygon", "coordinates": [[
            [[lon + 1e-8, lat] for lon, lat in redrawn + redrawn[:1]]]]}
        first = self.make_parcel(self.awa, square(-5.690, 11.270), name="Verger",
                                 declared_area_ha=1.2)
        copy = self.make_parcel(self.siaka, again, name="Verger bis", declared_area_ha=1.2)
        self.assertEqual(first.geometry_fingerprint, copy.geometry_fingerprint)
        self.assertIn("the same shape as “Verger (ML-001-P01)”", copy.overlap_note)
        self.assertIn("the same shape as “Verger bis (ML-002-P01)”", first.overlap_note)
        self.assertFalse(first.eudr_ready)
        self.assertFalse(copy.eudr_ready)
        point = self.make_parcel(self.awa, {"type": "Point", "coordinates": [-5.6, 11.4]},
                                 declared_area_ha=1.0, name="Point")
        twin = self.make_parcel(self.siaka, {"type": "MultiPoint",
                                             "coordinates": [[-5.6000001, 11.4]]},
                                declared_area_ha=1.0, name="Point bis")
        self.assertIn("same shape", point.overlap_note)
        self.assertFalse(twin.eudr_ready)
        twin.unlink()
        self.assertFalse(point.overlap_note)
        self.assertTrue(point.eudr_ready)

    def test_harvests_give_the_production_per_parcel(self):
        parcel = self.make_parcel(self.awa, square(-5.690, 11.270))
        tonne = self.env.ref("uom.product_uom_ton")
        Operation = self.env["coup.parcel.operation"]
        Operation.create([
            {"parcel_id": parcel.id, "kind": "harvest", "quantity": 350, "date": "2026-03-01"},
            {"parcel_id": parcel.id, "kind": "harvest", "quantity": 0.5, "uom_id": tonne.id,
             "date": "2026-04-01"},
            {"parcel_id": parcel.id, "kind": "harvest", "quantity": 900, "state": "planned",
             "date": "2026-12-01"},
            {"parcel_id": parcel.id, "kind": "weeding", "date": "2026-02-01"},
        ])
        self.assertEqual(parcel.operation_count, 4)
        self.assertEqual(parcel.production_kg, 850.0)
        with self.assertRaisesRegex(ValidationError, "needs the quantity harvested"):
            Operation.create({"parcel_id": parcel.id, "kind": "harvest", "quantity": 0})
        with self.assertRaisesRegex(ValidationError, "not a unit of weight"):
            Operation.create({"parcel_id": parcel.id, "kind": "harvest", "quantity": 3,
                              "uom_id": self.env.ref("uom.product_uom_unit").id})

    def test_a_drop_point_is_a_delivery_address_of_the_cooperative(self):
        site = self.env["res.partner"].with_company(self.coop_ml).create({
            "name": "Point de collecte", "coup_site_kind": "drop_point",
            "partner_latitude": 11.27, "partner_longitude": -5.69})
        self.assertEqual(site.type, "delivery")
        self.assertEqual(site.parent_id, self.coop_ml.partner_id)
        self.assertEqual(site.company_id, self.coop_ml)
        self.assertIn(site, self.coop_ml.partner_id.child_ids.filtered(
            lambda p: p.type == "delivery"))
        data = self.env["res.partner"].with_company(self.coop_ml).coup_site_map_data()
        self.assertIn([-5.69, 11.27], [f["geometry"]["coordinates"] for f in data["features"]])

    def test_the_map_gets_every_parcel_in_one_geojson(self):
        a = self.make_parcel(self.awa, square(-5.690, 11.270))
        self.make_parcel(self.siaka, None, name="Not mapped")
        data = json.loads(self.env["coup.parcel"].coup_map_data(
            [("company_id", "=", self.coop_ml.id)]))
        self.assertEqual([f["id"] for f in data["features"]], [a.id])
        self.assertEqual(data["features"][0]["properties"]["member_number"], "ML-001")
        self.assertEqual(data["features"][0]["geometry"], square(-5.690, 11.270))
        member = json.loads(self.awa.coup_parcels_geojson)
        self.assertEqual(len(member["features"]), 1)

    def test_the_segment_count_follows_the_new_criteria(self):
        field = self.env["coup.member.segment"]._fields["member_count"]
        depends = self.env.registry.field_depends[field]
        self.assertIn("coup_crop_id", depends)
        self.assertIn("village", depends, "the registry's criteria are kept")

    def test_segments_by_crop_and_eudr_readiness(self):
        self.make_parcel(self.awa, square(-5.690, 11.270), crop_ids=[(6, 0, self.cashew.ids)],
                         declared_area_ha=1.2)
        self.make_parcel(self.siaka, None, crop_ids=[(6, 0, self.cotton.ids)])
        Segment = self.env["coup.member.segment"]
        growers = Segment.create({"name": "Cashew growers", "company_id": self.coop_ml.id,
                                  "coup_crop_id": self.cashew.id, "state": False})
        members = self.env["coup.membership"].search(growers._get_membership_domain())
        self.assertEqual(members, self.awa | self.awa_child,
                         "the household comes with the principal's parcels")
        ready = Segment.create({"name": "EUDR", "company_id": self.coop_ml.id,
                                "coup_eudr_ready": True, "state": False})
        self.assertNotIn(self.siaka, self.env["coup.membership"].search(
            ready._get_membership_domain()))
        self.assertIn(self.awa, self.env["coup.membership"].search(
            ready._get_membership_domain()))
