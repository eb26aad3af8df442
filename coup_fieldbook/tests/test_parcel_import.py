import base64

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import FieldbookCase, square

BOW_TIE = {"type": "Polygon", "coordinates": [[[-5.69, 11.27], [-5.68, 11.28], [-5.68, 11.27],
                                               [-5.69, 11.28], [-5.69, 11.27]]]}


@tagged("post_install", "-at_install")
class TestParcelImport(FieldbookCase):

    def make_wizard(self, content, skip=False, filename="parcelles.geojson"):
        return self.env["coup.parcel.import"].create({
            "company_id": self.coop_ml.id, "filename": filename, "skip_rejected": skip,
            "file": content if isinstance(content, bytes) else self.geojson_file(content)})

    def features(self):
        return [
            self.feature("ML-001", square(-5.690, 11.270), name="Champ 1", crop="cashew (test)",
                         declared_area_ha=1.2, village="Kléla"),
            self.feature("ML-404", square(-5.680, 11.270), name="Champ 2"),
            self.feature("ML-002", BOW_TIE, name="Champ 3"),
            self.feature("ML-002", {"type": "Point", "coordinates": [-5.6, 11.4, 12.0]},
                         name="Champ 4"),
            self.feature("ML-002", {"type": "Point", "coordinates": [-5.6, 11.4]},
                         name="Champ 5", crop="Mango", declared_area_ha="1,5"),
            self.feature("ML-001-1", square(-5.670, 11.270), name="Champ 6"),
        ]

    def test_each_rejected_feature_is_reported_and_nothing_is_written(self):
        wizard = self.make_wizard(self.features())
        wizard.action_check()
        lines = {line.index: line for line in wizard.line_ids}
        self.assertEqual(wizard.feature_count, 6)
        self.assertEqual(wizard.rejected_count, 4)
        self.assertEqual(lines[1].status, "ok")
        self.assertIn("“ML-404” is not in the register", lines[2].message)
        self.assertIn("crosses itself", lines[3].message)
        self.assertIn("has 3 numbers", lines[4].message)
        self.assertEqual(lines[5].status, "warning")
        self.assertIn("Crop “Mango”", lines[5].message)
        self.assertIn("household member", lines[6].message)
        before = self.env["coup.parcel"].search_count([])
        with self.assertRaises(UserError) as caught:
            wizard.action_import()
        message = str(caught.exception)
        self.assertIn("4 feature(s) of 6 cannot be imported; nothing was imported", message)
        self.assertIn("Feature 2 (Champ 2)", message)
        self.assertEqual(self.env["coup.parcel"].search_count([]), before)

    def test_the_valid_features_import_when_the_user_chooses_so(self):
        wizard = self.make_wizard(self.features(), skip=True)
        wizard.action_import()
        self.assertEqual(wizard.state, "done")
        self.assertEqual(wizard.imported_count, 2)
        parcels = self.env["coup.parcel"].search([("company_id", "=", self.coop_ml.id)])
        self.assertEqual(sorted(parcels.mapped("name")), ["Champ 1", "Champ 5"])
        champ1 = parcels.filtered(lambda p: p.name == "Champ 1")
        self.assertEqual(champ1.crop_ids, self.cashew)
        self.assertEqual(champ1.membership_id, self.awa)
        self.assertAlmostEqual(champ1.area_ha, 1.2077, places=3)
        champ5 = parcels.filtered(lambda p: p.name == "Champ 5")
        self.assertEqual(champ5.declared_area_ha, 1.5)
        self.assertEqual(champ5.geometry_type, "Point")

    def test_a_file_that_is_not_a_feature_collection_is_refused(self):
        for content, message in (
                (base64.b64encode(b"<kml>not json</kml>"), "is not JSON text"),
                (base64.b64encode(b'{"type": "Polygon", "coordinates": []}'),
                 "not a GeoJSON FeatureCollection"),
                (base64.b64encode(b'{"type": "FeatureCollection", "features": [], '
                                  b'"crs": {"properties": {"name": "EPSG:32630"}}}'),
                 "EPSG:32630")):
            with self.subTest(message=message), self.assertRaisesRegex(UserError, message):
                self.make_wizard(content).action_check()

    def test_a_code_already_used_is_rejected(self):
        self.make_parcel(self.siaka, None, code="K-1")
        wizard = self.make_wizard([
            self.feature("ML-001", square(-5.690, 11.270), name="A", code="K-1"),
            self.feature("ML-002", square(-5.680, 11.270), name="B", code="K-2"),
            self.feature("ML-002", square(-5.670, 11.270), name="C", code="K-2"),
        ])
        wizard.action_check()
        self.assertEqual(wizard.line_ids.mapped("status"), ["rejected", "ok", "rejected"])
        self.assertIn("“K-1” is already used", wizard.line_ids[0].message)
        self.assertIn("given twice in this file (feature 2)", wizard.line_ids[2].message)

    def test_a_file_imported_again_creates_nothing(self):
        """The same file again, and the field book's own export without its code column (the
        shapes drawn from another corner, the other way round): already in the field book."""
        features = [
            self.feature("ML-001", square(-5.690, 11.270), name="Champ 1", code="K-10"),
            self.feature("ML-002", square(-5.680, 11.270), name="Champ 2"),
            self.feature("ML-002", {"type": "Point", "coordinates": [-5.6, 11.4]},
                         name="Champ 3", declared_area_ha=1.0),
        ]
        self.make_wizard(features).action_import()
        Parcel = self.env["coup.parcel"]
        count = Parcel.search_count([])
        wizard = self.make_wizard(features)
        wizard.action_import()
        self.assertEqual(wizard.line_ids.mapped("status"), ["known"] * 3)
        self.assertEqual(wizard.known_count, 3)
        self.assertEqual(wizard.imported_count, 0)
        self.assertIn("Already in the field book as “Champ 1” (K-10)",
                      wizard.line_ids[0].message)
        self.assertEqual(Parcel.search_count([]), count)
        # exported, codes dropped, each ring redrawn from its third corner the other way round
        exported = []
        for feature in Parcel.search([("membership_id", "in", (self.awa | self.siaka).ids)]) \
                ._coup_geojson_features():
            feature["properties"].pop("code")
            geometry = feature["geometry"]
            if geometry["type"] == "Polygon":
                ring = geometry["coordinates"][0][:-1]
                ring = list(reversed(ring[2:] + ring[:2]))
                geometry["coordinates"] = [ring + [ring[0]]]
            exported.append(feature)
        wizard = self.make_wizard(exported)
        wizard.action_import()
        self.assertEqual(wizard.line_ids.mapped("status"), ["known"] * 3)
        self.assertEqual(Parcel.search_count([]), count)

    def test_the_same_shape_for_another_member_is_refused(self):
        held = self.make_parcel(self.awa, square(-5.690, 11.270), name="Verger", code="V-1")
        wizard = self.make_wizard([
            self.feature("ML-002", square(-5.690, 11.270), name="Copie"),
            self.feature("ML-002", square(-5.650, 11.270), name="Nouveau"),
            self.feature("ML-001", square(-5.650, 11.270), name="Nouveau encore"),
        ])
        wizard.action_check()
        self.assertEqual(wizard.line_ids.mapped("status"), ["rejected", "ok", "rejected"])
        self.assertIn("already parcel “Verger” (V-1) of member ML-001",
                      wizard.line_ids[0].message)
        self.assertIn("Feature 2 of this file already gives this shape to another member",
                      wizard.line_ids[2].message)
        with self.assertRaisesRegex(UserError, "2 feature\\(s\\) of 3 cannot be imported"):
            wizard.action_import()
        self.assertEqual(self.env["coup.parcel"].search_count(
            [("membership_id", "=", self.siaka.id)]), 0)
        self.assertTrue(held.eudr_ready)

    def test_the_sample_file_of_kléla_imports(self):
        """The shared sample file, with members renumbered into the test cooperative."""
        import json

        from odoo.tools import file_open
        with file_open("coup_fieldbook/demo/parcelles_klela.geojson") as handle:
            data = json.load(handle)
        numbers = {}
        for feature in data["features"]:
            number = feature["properties"]["member"]
            if number not in numbers:
                numbers[number] = self.make_member("Member %s" % number, self.coop_ml,
                                                   member_number=number)
        wizard = self.make_wizard(data["features"])
        wizard.action_import()
        self.assertEqual(wizard.imported_count, 12)
        parcels = self.env["coup.parcel"].search([("membership_id", "in", [
            m.id for m in numbers.values()])])
        self.assertEqual(len(parcels), 12)
        self.assertEqual(set(parcels.mapped("geometry_type")), {"Polygon", "Point"})
