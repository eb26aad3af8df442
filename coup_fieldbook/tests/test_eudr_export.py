import base64
import csv
import io
import json
import re
import zipfile
from unittest.mock import patch

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import SQL

from .common import FieldbookCase, square


@tagged("post_install", "-at_install")
class TestEudrExport(FieldbookCase):

    def test_pre_check_names_each_parcel_traces_would_refuse(self):
        ready = self.make_parcel(self.awa, square(-5.690, 11.270), declared_area_ha=1.2)
        big_point = self.make_parcel(self.siaka, {"type": "Point", "coordinates": [-5.7, 11.3]},
                                     declared_area_ha=6.0, name="Big point")
        unmapped = self.make_parcel(self.siaka, None, name="Unmapped")
        self.assertTrue(ready.eudr_ready)
        self.assertFalse(big_point.eudr_ready)
        self.assertIn("over 4.0 ha", big_point.eudr_issues)
        parcels = ready | big_point | unmapped
        action = parcels.action_eudr_export()
        wizard = self.env["coup.parcel.eudr.export"].browse(action["res_id"])
        self.assertEqual(wizard.refused_count, 2)
        self.assertEqual(wizard.issue_ids.parcel_id, big_point | unmapped)
        self.assertIn("not mapped", wizard.issue_ids.filtered(
            lambda i: i.parcel_id == unmapped).message)
        with self.assertRaisesRegex(UserError, "2 parcel\\(s\\) would be refused"):
            wizard.action_export()
        wizard.skip_not_ready = True
        wizard.action_export()
        data = json.loads(base64.b64decode(wizard.file))
        self.assertEqual(wizard.filename, "eudr_geolocation.geojson")
        self.assertEqual(len(data["features"]), 1)
        feature = data["features"][0]
        self.assertEqual(feature["properties"], {
            "ProducerName": "Awa Traoré", "ProducerCountry": "ML", "ProductionPlace": "Kléla",
            "Area": round(ready.area_ha, 4)})
        self.assertEqual(feature["geometry"]["coordinates"][0][0], [-5.69, 11.27])
        # the companion report names what was left out and why
        self.assertEqual(wizard.report_filename, "eudr_geolocation_report.csv")
        report = base64.b64decode(wizard.report_file).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(report)))
        self.assertEqual(rows[0][:3], ["Parcel Code", "Parcel", "Member Number"])
        by_name = {row[1]: row for row in rows[1:4]}
        self.assertEqual(by_name["Big point"][6], "No")
        self.assertIn("over 4.0 ha", by_name["Big point"][7])
        self.assertEqual(by_name["Unmapped"][6], "No")
        self.assertIn("not mapped", by_name["Unmapped"][7])
        self.assertEqual(by_name[ready.name][6], "Yes")
        self.assertEqual(by_name[ready.name][7], "")
        self.assertIn(["Left out", "2"], rows)
        self.assertIn(["TRACES files", "eudr_geolocation.geojson"], rows)

    def test_every_coordinate_is_written_with_six_decimals(self):
        """Shortest float forms drop trailing zeros (11.10955 for 11.1095502 once rounded,
        -5.69 for -5.690000): the file is read as text and every number's digits counted."""
        shapes = [
            {"type": "Polygon", "coordinates": [[[-5.69, 11.1095502], [-5.689, 11.1095502],
                                                 [-5.689, 11.11], [-5.69, 11.11],
                                                 [-5.69, 11.1095502]]]},
            {"type": "Point", "coordinates": [-5.7, 11.3]},
            square(-5.680, 11.270),
        ]
        parcels = self.env["coup.parcel"]
        for shape in shapes:
            parcels |= self.make_parcel(self.awa, shape, declared_area_ha=1.2)
        wizard = self.env["coup.parcel.eudr.export"].create({"parcel_ids": parcels.ids})
        wizard.action_export()
        text = base64.b64decode(wizard.file).decode()
        geometries = re.findall(r'"coordinates":(\[[^a-zA-Z]*?\]),?"?\}', text)
        self.assertEqual(len(geometries), 3)
        numbers = re.findall(r"-?\d+(?:\.\d+)?", "".join(geometries))
        self.assertEqual(len(numbers), 2 * (5 + 1 + 5))
        for number in numbers:
            self.assertRegex(number, r"^-?\d+\.\d{6}$")
        self.assertIn("[-5.690000,11.109550]", text)
        self.assertIn("[-5.700000,11.300000]", text)
        # still the same GeoJSON once parsed
        data = json.loads(text)
        self.assertEqual(data["features"][1]["geometry"], {"type": "Point",
                                                           "coordinates": [-5.7, 11.3]})

    def test_a_plot_outside_the_producers_country_is_refused(self):
        """Natural Earth's boundaries, not a box: a plot in Côte d'Ivoire (inside Mali's
        bounding box's longitudes) is outside Mali; one near the border inside is kept."""
        self.coop_ml.partner_id.write({"partner_latitude": 0.0, "partner_longitude": 0.0})
        ivory = self.make_parcel(self.awa, square(-5.500, 7.500), declared_area_ha=1.2,
                                 name="Bouaké")
        self.assertFalse(ivory.eudr_ready)
        self.assertIn("lies outside Mali, the producer's country", ivory.eudr_issues)
        sikasso = self.make_parcel(self.awa, square(-5.690, 11.270), declared_area_ha=1.2)
        self.assertTrue(sikasso.eudr_ready)
        wizard = self.env["coup.parcel.eudr.export"].create(
            {"parcel_ids": (ivory | sikasso).ids})
        with self.assertRaisesRegex(UserError, "1 parcel\\(s\\) would be refused"):
            wizard.action_export()
        self.assertFalse(wizard.file)

    def test_a_latitude_first_shape_is_caught_without_a_cooperative_position(self):
        self.coop_ml.partner_id.write({"partner_latitude": 0.0, "partner_longitude": 0.0})
        self.assertFalse(self.env["coup.parcel"]._coup_company_centre(self.coop_ml))
        swapped = {"type": "Polygon", "coordinates": [[[lat, lon] for lon, lat in
                                                       square(-5.5, 11.5)["coordinates"][0]]]}
        with self.assertRaisesRegex(ValidationError, "look swapped"):
            self.make_parcel(self.awa, swapped, declared_area_ha=1.2)
        # and with the cooperative's position
        self.coop_ml.partner_id.write({"partner_latitude": 11.27, "partner_longitude": -5.69})
        with self.assertRaisesRegex(ValidationError, "look swapped"):
            self.make_parcel(self.awa, swapped, declared_area_ha=1.2)
        # in the import's pre-check too
        self.coop_ml.partner_id.write({"partner_latitude": 0.0, "partner_longitude": 0.0})
        wizard = self.env["coup.parcel.import"].create({
            "company_id": self.coop_ml.id, "filename": "x.geojson",
            "file": self.geojson_file([self.feature("ML-001", swapped, name="Inversée")])})
        wizard.action_check()
        self.assertEqual(wizard.line_ids.status, "rejected")
        self.assertIn("look swapped", wizard.line_ids.message)

    def test_a_large_export_is_split_into_files_under_the_limit(self):
        parcels = self.env["coup.parcel"]
        for index in range(6):
            parcels |= self.make_parcel(self.awa, square(-5.690 + index * 0.002, 11.270),
                                        declared_area_ha=1.2)
        wizard = self.env["coup.parcel.eudr.export"].create({"parcel_ids": parcels.ids})
        with patch.object(type(wizard), "_coup_file_limit", 900):
            wizard.action_export()
        self.assertEqual(wizard.filename, "eudr_geolocation.zip")
        archive = zipfile.ZipFile(io.BytesIO(base64.b64decode(wizard.file)))
        names = archive.namelist()
        self.assertEqual(len(names), wizard.file_count)
        self.assertGreater(len(names), 1)
        total = sum(len(json.loads(archive.read(name))["features"]) for name in names)
        self.assertEqual(total, 6)

    def test_geojson_export_of_a_selection_imports_back(self):
        parcel = self.make_parcel(self.awa, square(-5.690, 11.270), crop_ids=[
            (6, 0, self.cashew.ids)])
        action = parcel.action_export_geojson()
        attachment = self.env["ir.attachment"].browse(int(action["url"].split("/")[3]
                                                          .split("?")[0]))
        data = json.loads(attachment.raw)
        self.assertEqual(data["features"][0]["properties"]["member"], "ML-001")
        self.assertEqual(data["features"][0]["properties"]["crops"], "Cashew (test)")
        parcel.unlink()
        wizard = self.env["coup.parcel.import"].create({
            "company_id": self.coop_ml.id, "file": base64.b64encode(attachment.raw)})
        wizard.action_import()
        self.assertEqual(wizard.imported_count, 1)

    def test_a_shape_broken_behind_the_orm_is_kept_out_of_the_file(self):
        """The pre-check trusts each parcel's stored verdict; the export never does: a shape
        changed in the database without the ORM (its verdict still "ready") is checked again
        while the file is written, and left out with its reason."""
        good = self.make_parcel(self.awa, square(-5.690, 11.270), declared_area_ha=1.2)
        tampered = self.make_parcel(self.siaka, square(-5.680, 11.270), declared_area_ha=1.2,
                                    name="Tampered")
        bow_tie = {"type": "Polygon", "coordinates": [[[-5.68, 11.27], [-5.679, 11.271],
                                                       [-5.679, 11.27], [-5.68, 11.271],
                                                       [-5.68, 11.27]]]}
        self.env.flush_all()
        self.env.cr.execute(SQL("UPDATE coup_parcel SET geometry = %s WHERE id = %s",
                                json.dumps(bow_tie), tampered.id))
        self.env.invalidate_all()
        self.assertTrue(tampered.eudr_ready)
        wizard = self.env["coup.parcel.eudr.export"].create(
            {"parcel_ids": (good | tampered).ids})
        wizard.action_check()
        self.assertEqual(wizard.refused_count, 0)
        with self.assertRaisesRegex(UserError, "1 parcel\\(s\\) would be refused.*Tampered"):
            wizard.action_export()
        self.assertFalse(wizard.file)
        self.assertEqual(wizard.issue_ids.parcel_id, tampered)
        self.assertIn("crosses itself", wizard.issue_ids.message)
        wizard.skip_not_ready = True
        wizard.action_export()
        data = json.loads(base64.b64decode(wizard.file))
        self.assertEqual(len(data["features"]), 1)
        self.assertEqual(data["features"][0]["properties"]["ProducerName"], "Awa Traoré")
