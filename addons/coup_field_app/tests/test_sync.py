"""The field app's server side through its real routes (JSON-RPC as the app calls them):
prepare, sync exactly once, the office's checks, conflicts as proposals."""
import io
import json

from PIL import Image

from odoo.tests import tagged

from .common import KLELA, FieldAppCase, jpeg_b64, new_uuid, square


@tagged("post_install", "-at_install")
class TestFieldSession(FieldAppCase):

    def test_session_of_an_agent(self):
        session = self.rpc("field_agent_ml", "/coup_field/session")
        self.assertEqual(set(session), {"user", "company", "villages", "segments", "limits"})
        self.assertEqual(session["user"]["id"], self.agent_ml.id)
        self.assertTrue(session["user"]["is_agent"])
        self.assertEqual(session["company"]["id"], self.coop_ml.id)
        self.assertEqual(session["company"]["currency"], "XOF")
        self.assertEqual(session["villages"], ["Kléla", "Sanzana"])
        self.assertEqual(session["limits"], {"max_accuracy_m": 10, "point_max_ha": 4,
                                             "photo_max_px": 1280, "tiles_budget_mb": 50})
        # the map's budget the cooperative sets; a value that is no number leaves the default
        Param = self.env["ir.config_parameter"]
        Param.set_param("coup_field_app.tiles_budget_mb", "120")
        session = self.rpc("field_agent_ml", "/coup_field/session")
        self.assertEqual(session["limits"]["tiles_budget_mb"], 120)
        Param.set_param("coup_field_app.tiles_budget_mb", "a lot")
        session = self.rpc("field_agent_ml", "/coup_field/session")
        self.assertEqual(session["limits"]["tiles_budget_mb"], 50)

    def test_session_of_a_member(self):
        session = self.rpc("field_member", "/coup_field/session")
        self.assertFalse(session["user"]["is_agent"])
        self.assertEqual(session["user"]["partner_id"], self.moussa.partner_id.id)
        self.assertEqual(session["villages"], ["Kléla"])
        self.assertEqual(session["segments"], [])

    def test_prepare_a_village(self):
        data = self.rpc("field_agent_ml", "/coup_field/prepare",
                        {"villages": ["kléla"], "segment_ids": []})
        self.assertEqual({m["name"] for m in data["members"]}, {"Awa Koné", "Moussa Traoré"})
        awa = next(m for m in data["members"] if m["name"] == "Awa Koné")
        self.assertEqual((awa["id"], awa["partner_id"], awa["number"], awa["card"]),
                         (self.awa.id, self.awa.partner_id.id, self.awa.member_number,
                          self.awa.member_number))
        self.assertEqual(awa["household"], self.awa.member_number)
        self.assertEqual({p["id"] for p in data["parcels"]},
                         {self.parcel_awa.id, self.parcel_moussa.id})
        parcel = next(p for p in data["parcels"] if p["id"] == self.parcel_awa.id)
        self.assertEqual(parcel["member_id"], self.awa.id)
        self.assertEqual(parcel["geometry"]["type"], "Polygon")
        self.assertAlmostEqual(parcel["area_ha"], 1.0, delta=0.05)
        self.assertIn({"key": "harvest", "label": "Harvest"}, data["operation_kinds"])
        self.assertIsInstance(data["activities"], list)
        self.assertEqual(data["size_bytes"], len(json.dumps(
            {k: v for k, v in data.items() if k != "size_bytes"},
            separators=(",", ":")).encode()))
        self.assertEqual(len(data["basemap"]["bounds"]), 4)
        self.assertIsNone(data["basemap"]["url_template"])

    def test_prepare_a_segment(self):
        segment = self.env["coup.member.segment"].create({
            "name": "Sanzana", "company_id": self.coop_ml.id, "village": "Sanzana"})
        data = self.rpc("field_agent_ml", "/coup_field/prepare",
                        {"villages": [], "segment_ids": [segment.id]})
        self.assertEqual([m["name"] for m in data["members"]], ["Fatou Diarra"])
        # another cooperative's segment prepares nothing
        data = self.rpc("field_agent_co", "/coup_field/prepare",
                        {"villages": [], "segment_ids": [segment.id]})
        self.assertEqual(data["members"], [])

    def test_prepare_as_a_member_gives_their_own_only(self):
        data = self.rpc("field_member", "/coup_field/prepare",
                        {"villages": ["Kléla", "Sanzana"], "segment_ids": []})
        self.assertEqual([m["id"] for m in data["members"]], [self.moussa.id])
        self.assertEqual([p["id"] for p in data["parcels"]], [self.parcel_moussa.id])
        self.assertEqual(data["activities"], [])


@tagged("post_install", "-at_install")
class TestFieldSync(FieldAppCase):

    def test_batch_of_a_new_member_with_parcel_and_harvest_made_once(self):
        member_uuid, parcel_uuid, operation_uuid = new_uuid(), new_uuid(), new_uuid()
        batch = new_uuid()
        crop = self.env["product.template"].create({"name": "Sésame", "coup_is_crop": True})
        captures = [
            {"uuid": member_uuid, "kind": "member", "payload": {
                "name": "Mariam Sangaré", "gender": "F", "birth_date": "12/05/1990",
                "phone": "66 12 34 56", "village": "Kléla"}},
            {"uuid": new_uuid(), "kind": "member", "payload": {"village": "Kléla"}},
            {"uuid": parcel_uuid, "kind": "parcel", "payload": {
                "member_uuid": member_uuid, "name": "Champ du marigot",
                "geometry": square(KLELA[0] + 0.02, KLELA[1]), "accuracy_dropped": 3,
                "crop_id": crop.id}},
            {"uuid": operation_uuid, "kind": "operation", "payload": {
                "parcel_uuid": parcel_uuid, "kind": "harvest", "date": "2026-11-20",
                "quantity": 350, "uom": "kg", "note": "Bonne récolte",
                "photos": [jpeg_b64()]}},
        ]
        results = self.sync("field_agent_ml", captures, batch)
        self.assertEqual([r["status"] for r in results],
                         ["accepted", "refused", "accepted", "accepted"])
        self.assertIn("Name", results[1]["reason"])
        membership = self.env["coup.membership"].browse(results[0]["res_id"])
        self.assertEqual(results[0]["res_model"], "coup.membership")
        self.assertEqual(membership.company_id, self.coop_ml)
        self.assertEqual(membership.partner_id.name, "Mariam Sangaré")
        self.assertEqual(membership.partner_id.gender, "female")
        self.assertEqual(str(membership.partner_id.birth_date), "1990-05-12")
        self.assertTrue(membership.member_number)
        parcel = self.env["coup.parcel"].browse(results[2]["res_id"])
        self.assertEqual(parcel.membership_id, membership)
        self.assertEqual(parcel.crop_ids, crop)
        self.assertAlmostEqual(parcel.area_ha, 1.0, delta=0.05)
        self.assertIn("3 positions dropped", results[2]["reason"])
        operation = self.env["coup.parcel.operation"].browse(results[3]["res_id"])
        self.assertEqual((operation.parcel_id, operation.kind, operation.quantity_kg),
                         (parcel, "harvest", 350.0))
        self.assertEqual(len(operation.attachment_ids), 1)
        photo = Image.open(io.BytesIO(operation.attachment_ids.raw))
        self.assertEqual((photo.format, photo.size), ("JPEG", (1280, 960)))
        # the office sees every capture received, the refused one with its reason
        logs = self.env["coup.field.capture"].search([("batch", "=", batch)])
        self.assertEqual(sorted(logs.mapped("state")),
                         ["accepted", "accepted", "accepted", "refused"])
        self.assertEqual(logs.user_id, self.agent_ml)

        # sent again (the phone never saw the answer): the same records, nothing new
        again = self.sync("field_agent_ml", captures, batch)
        self.assertEqual([r["status"] for r in again],
                         ["already", "refused", "already", "already"])
        self.assertEqual([r.get("res_id") for r in again],
                         [r.get("res_id") for r in results])
        self.assertEqual(self.env["coup.membership"].search_count(
            [("partner_id.name", "=", "Mariam Sangaré"), ("company_id", "=", self.coop_ml.id)]),
            1)

    def test_a_cut_sync_resumes(self):
        first, second = new_uuid(), new_uuid()
        captures = [
            {"uuid": first, "kind": "operation", "payload": {
                "parcel_id": self.parcel_awa.id, "kind": "weeding", "date": "2026-11-02"}},
            {"uuid": second, "kind": "operation", "payload": {
                "parcel_id": self.parcel_awa.id, "kind": "pruning", "date": "2026-11-03"}},
        ]
        # the connection dropped after the first capture was committed
        done = self.sync("field_agent_ml", captures[:1])
        resumed = self.sync("field_agent_ml", captures)
        self.assertEqual([r["status"] for r in resumed], ["already", "accepted"])
        self.assertEqual(resumed[0]["res_id"], done[0]["res_id"])
        self.assertEqual(self.parcel_awa.operation_count, 2)

    def test_refused_capture_can_be_corrected_and_sent_again(self):
        capture = {"uuid": new_uuid(), "kind": "operation", "payload": {
            "parcel_id": self.parcel_awa.id, "kind": "harvest", "date": "2026-11-02"}}
        refused = self.sync("field_agent_ml", [capture])[0]
        self.assertEqual(refused["status"], "refused")
        self.assertIn("needs the quantity harvested", refused["reason"])
        capture["payload"]["quantity"] = 80
        self.assertEqual(self.sync("field_agent_ml", [capture])[0]["status"], "accepted")

    def test_same_person_registered_again_is_linked(self):
        result = self.sync("field_agent_ml", [{"uuid": new_uuid(), "kind": "member", "payload": {
            "name": "KONE Awa", "phone": "+223 76 79 32 92", "village": "Kléla"}}])[0]
        self.assertEqual(result["status"], "accepted")
        self.assertEqual((result["res_model"], result["res_id"]), ("coup.membership",
                                                                    self.awa.id))
        self.assertIn("Already a member", result["reason"])
        self.assertEqual(self.env["coup.membership"].search_count(
            [("partner_id.name", "ilike", "Awa"), ("company_id", "=", self.coop_ml.id)]), 1)

    def test_registration_meets_the_register_it_needs_among_thousands(self):
        """The checks read only the members a registration can meet (``narrow``): a member of
        the same name written in another order, the household's principal by number."""
        result = self.sync("field_agent_ml", [{"uuid": new_uuid(), "kind": "member", "payload": {
            "name": "TRAORE  moussa", "village": "Kléla"}}])[0]
        self.assertEqual((result["status"], result["res_id"]), ("accepted", self.moussa.id))
        self.assertIn("Already a member", result["reason"])
        result = self.sync("field_agent_ml", [{"uuid": new_uuid(), "kind": "member", "payload": {
            "name": "Salif Koné", "village": "Kléla", "membership_type": "affiliated",
            "household": self.awa.member_number, "relation": "child"}}])[0]
        self.assertEqual(result["status"], "accepted", result.get("reason"))
        child = self.env["coup.membership"].browse(result["res_id"])
        self.assertEqual((child.partner_id.name, child.principal_membership_id),
                         ("Salif Koné", self.awa))
        result = self.sync("field_agent_ml", [{"uuid": new_uuid(), "kind": "member", "payload": {
            "name": "Oumar Koné", "village": "Kléla", "membership_type": "affiliated",
            "household": "NO-SUCH-NUMBER"}}])[0]
        self.assertEqual(result["status"], "refused")
        self.assertIn("NO-SUCH-NUMBER", result["reason"])

    def test_person_of_another_cooperative_joins_as_the_same_person(self):
        self.juan.partner_id.write({"birth_date": "1975-01-02", "village": "Kléla"})
        result = self.sync("field_agent_ml", [{"uuid": new_uuid(), "kind": "member", "payload": {
            "name": "Juan Perez", "birth_date": "02/01/1975", "village": "Kléla"}}])[0]
        self.assertEqual(result["status"], "accepted")
        membership = self.env["coup.membership"].browse(result["res_id"])
        self.assertEqual(membership.company_id, self.coop_ml)
        self.assertEqual(membership.partner_id, self.juan.partner_id)
        self.assertIn("already in the database", result["reason"])

    def test_member_details_checked_as_the_import_does(self):
        result = self.sync("field_agent_ml", [{"uuid": new_uuid(), "kind": "member", "payload": {
            "name": "Seydou Coulibaly", "phone": "12", "village": "Kléla"}}])[0]
        self.assertEqual(result["status"], "accepted")
        self.assertIn("not a valid phone number", result["reason"])
        self.assertFalse(self.env["coup.membership"].browse(result["res_id"]).partner_id.phone)
        result = self.sync("field_agent_ml", [{"uuid": new_uuid(), "kind": "member", "payload": {
            "name": "Ami Keita", "membership_type": "affiliated", "principal_number": "NOPE",
            "village": "Kléla"}}])[0]
        self.assertEqual(result["status"], "refused")
        self.assertIn("NOPE", result["reason"])

    def test_parcel_checks_of_the_field_book(self):
        bow_tie = {"type": "Polygon", "coordinates": [[
            [-5.70, 11.30], [-5.699, 11.301], [-5.699, 11.30], [-5.70, 11.301],
            [-5.70, 11.30]]]}
        point = {"type": "Point", "coordinates": [-5.68, 11.31]}
        cases = [
            ({"geometry": bow_tie}, "refused", "crosses itself"),
            ({"geometry": point}, "refused", "declared area"),
            ({"geometry": point, "declared_area_ha": 5}, "refused", "over 4"),
            ({"geometry": square(KLELA[1], KLELA[0])}, "refused", "look swapped"),
            ({"geometry": square(-4.0, 13.0, side_m=90)}, "accepted", None),
            ({"geometry": square(2.35, 48.85)}, "accepted", "outside Mali"),
            ({"geometry": square(*KLELA)}, "refused", "same shape"),
            ({"geometry": point, "declared_area_ha": 3}, "accepted", None),
            ({"geometry": square(KLELA[0] + 0.0005, KLELA[1])}, "accepted", "overlaps"),
        ]
        for payload, status, reason in cases:
            with self.subTest(payload=payload):
                result = self.sync("field_agent_ml", [{
                    "uuid": new_uuid(), "kind": "parcel",
                    "payload": dict(payload, member_id=self.fatou.id)}])[0]
                self.assertEqual(result["status"], status, result.get("reason"))
                if reason:
                    self.assertIn(reason, result["reason"])

    def test_parcel_changed_by_the_office_becomes_a_proposal(self):
        taken = self.rpc("field_agent_ml", "/coup_field/prepare", {"villages": ["Kléla"]})
        base = next(p for p in taken["parcels"] if p["id"] == self.parcel_awa.id)["write_date"]
        office_shape = self.parcel_awa.geometry
        # the office changes the parcel meanwhile
        self.env.cr.execute("UPDATE coup_parcel SET write_date = write_date + interval '1 hour' "
                            "WHERE id = %s", [self.parcel_awa.id])
        self.parcel_awa.invalidate_recordset()
        field_shape = square(KLELA[0], KLELA[1], side_m=120)
        capture = {"uuid": new_uuid(), "kind": "parcel", "base_write_date": base,
                   "payload": {"parcel_id": self.parcel_awa.id, "geometry": field_shape}}
        result = self.sync("field_agent_ml", [capture])[0]
        self.assertEqual(result["status"], "proposal")
        # sent again (its answer lost): "already", and still a proposal, which the app counts
        # as one (not as a refusal)
        again = self.sync("field_agent_ml", [capture])[0]
        self.assertEqual((again["status"], again["state"], again["reason"]),
                         ("already", "proposal", "Waiting for the office's review."))
        self.assertEqual(self.parcel_awa.geometry, office_shape)
        proposal = self.env["coup.field.capture"].search([("parcel_id", "=", self.parcel_awa.id),
                                                          ("state", "=", "proposal")])
        self.assertEqual(len(proposal), 1)
        # the office accepts it: the field's shape replaces its own
        proposal.with_user(self.manager_ml).with_company(self.coop_ml).action_accept_proposal()
        self.assertEqual(proposal.state, "proposal_accepted")
        self.assertAlmostEqual(self.parcel_awa.area_ha, 1.44, delta=0.05)
        # a second proposal refused: the office's shape stays (a test runs in one
        # transaction, whose clock does not move: the change is dated by hand)
        self.env.cr.execute("UPDATE coup_parcel SET write_date = write_date + interval '1 hour' "
                            "WHERE id = %s", [self.parcel_awa.id])
        self.parcel_awa.invalidate_recordset()
        result = self.sync("field_agent_ml", [{
            "uuid": new_uuid(), "kind": "parcel", "base_write_date": base,
            "payload": {"parcel_id": self.parcel_awa.id, "geometry": square(*KLELA)}}])[0]
        self.assertEqual(result["status"], "proposal")
        proposal = self.env["coup.field.capture"].search([("parcel_id", "=", self.parcel_awa.id),
                                                          ("state", "=", "proposal")])
        proposal.with_user(self.manager_ml).with_company(self.coop_ml).action_refuse_proposal()
        self.assertEqual(proposal.state, "proposal_refused")
        self.assertAlmostEqual(self.parcel_awa.area_ha, 1.44, delta=0.05)

    def test_parcel_unchanged_since_taken_is_updated(self):
        taken = self.rpc("field_agent_ml", "/coup_field/prepare", {"villages": ["Kléla"]})
        base = next(p for p in taken["parcels"] if p["id"] == self.parcel_awa.id)["write_date"]
        result = self.sync("field_agent_ml", [{
            "uuid": new_uuid(), "kind": "parcel", "base_write_date": base,
            "payload": {"parcel_id": self.parcel_awa.id,
                        "geometry": square(KLELA[0], KLELA[1], side_m=120)}}])[0]
        self.assertEqual(result["status"], "accepted", result.get("reason"))
        self.assertAlmostEqual(self.parcel_awa.area_ha, 1.44, delta=0.05)

    def test_attendance_without_the_activities_bridge_is_refused_or_applied(self):
        result = self.sync("field_agent_ml", [{"uuid": new_uuid(), "kind": "attendance",
                                                "payload": {"activity_id": 0, "card": "X"}}])[0]
        self.assertEqual(result["status"], "refused")
