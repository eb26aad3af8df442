"""Attacks on the field app's routes: guessed ids, another cooperative, context keys, a
member reaching beyond their own parcels, the same batch sent four times at once."""
import uuid

from odoo import SUPERUSER_ID, api
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from odoo.addons.coup_member_registry.tests.common import committed_env, run_at_once

from .common import KLELA, FieldAppCase, new_uuid, square


@tagged("post_install", "-at_install")
class TestFieldAccess(FieldAppCase):

    def test_agent_of_another_cooperative_reaches_nothing(self):
        cases = [
            {"kind": "parcel", "payload": {"parcel_id": self.parcel_awa.id,
                                           "geometry": square(*KLELA, side_m=150)}},
            {"kind": "parcel", "payload": {"member_id": self.awa.id,
                                           "geometry": square(-5.6, 11.2)}},
            {"kind": "operation", "payload": {"parcel_id": self.parcel_awa.id,
                                              "kind": "weeding"}},
        ]
        for capture in cases:
            with self.subTest(capture=capture):
                self.authenticate("field_agent_co", "field_agent_co")
                # a context naming the other cooperative changes nothing
                result = self.make_jsonrpc_request("/coup_field/sync", {
                    "batch": new_uuid(), "captures": [dict(capture, uuid=new_uuid())],
                    "context": {"allowed_company_ids": [self.coop_ml.id]}})["results"][0]
                self.assertEqual(result["status"], "refused")
                self.assertIn("not one of yours", result["reason"])
        self.assertEqual(self.parcel_awa.operation_count, 0)
        self.assertAlmostEqual(self.parcel_awa.area_ha, 1.0, delta=0.05)
        data = self.rpc("field_agent_co", "/coup_field/prepare", {
            "villages": ["Kléla"], "context": {"allowed_company_ids": [self.coop_ml.id]}})
        self.assertEqual((data["members"], data["parcels"]), ([], []))

    def test_agent_limited_to_their_villages(self):
        self.agent_ml.coup_field_villages = "Sanzana"
        data = self.rpc("field_agent_ml", "/coup_field/prepare",
                        {"villages": ["Kléla", "Sanzana"]})
        self.assertEqual([m["name"] for m in data["members"]], ["Fatou Diarra"])
        results = self.sync("field_agent_ml", [
            {"uuid": new_uuid(), "kind": "operation",
             "payload": {"parcel_id": self.parcel_awa.id, "kind": "weeding"}},
            {"uuid": new_uuid(), "kind": "member",
             "payload": {"name": "Oumar Sidibé", "village": "Kléla"}},
            {"uuid": new_uuid(), "kind": "member",
             "payload": {"name": "Oumar Sidibé", "village": "sanzana"}},
        ])
        self.assertEqual([r["status"] for r in results], ["refused", "refused", "accepted"])

    def test_member_captures_only_their_own_parcels(self):
        results = self.sync("field_member", [
            {"uuid": new_uuid(), "kind": "operation",
             "payload": {"parcel_id": self.parcel_awa.id, "kind": "weeding"}},
            {"uuid": new_uuid(), "kind": "parcel",
             "payload": {"member_id": self.awa.id, "geometry": square(-5.6, 11.25)}},
            {"uuid": new_uuid(), "kind": "parcel",
             "payload": {"parcel_id": self.parcel_juan.id, "geometry": square(-75.6, 4.6)}},
            {"uuid": new_uuid(), "kind": "member",
             "payload": {"name": "Someone New", "village": "Kléla"}},
            {"uuid": new_uuid(), "kind": "attendance",
             "payload": {"activity_id": 1, "partner_id": self.moussa.partner_id.id}},
            {"uuid": new_uuid(), "kind": "operation",
             "payload": {"parcel_id": self.parcel_moussa.id, "kind": "weeding",
                         "date": "2026-11-01"}},
            {"uuid": new_uuid(), "kind": "parcel",
             "payload": {"member_id": self.moussa.id, "geometry": square(-5.6, 11.25)}},
        ])
        self.assertEqual([r["status"] for r in results],
                         ["refused"] * 5 + ["accepted", "accepted"])
        self.assertEqual(self.parcel_awa.operation_count, 0)
        self.assertEqual(self.parcel_moussa.operation_count, 1)
        self.assertEqual(self.env["coup.parcel"].browse(results[6]["res_id"]).membership_id,
                         self.moussa)
        # the member does not see the office's log of captures
        with self.assertRaises(JsonRpcException), mute_logger("odoo.http"):
            self.make_jsonrpc_request("/web/dataset/call_kw", {
                "model": "coup.field.capture", "method": "search_read",
                "args": [[]], "kwargs": {"fields": ["uuid"]}})

    def test_user_who_is_neither_agent_nor_member_is_refused(self):
        new_test_user(self.env, "field_stranger", groups="base.group_portal")
        for route in ("/coup_field/session", "/coup_field/prepare", "/coup_field/sync"):
            with self.subTest(route=route), self.assertRaises(JsonRpcException), \
                    mute_logger("odoo.http"):
                self.rpc("field_stranger", route, {"captures": []})

    def test_captures_log_is_per_cooperative(self):
        self.sync("field_agent_co", [{"uuid": new_uuid(), "kind": "operation", "payload": {
            "parcel_id": self.parcel_juan.id, "kind": "weeding", "date": "2026-11-01"}}])
        self.sync("field_agent_ml", [{"uuid": new_uuid(), "kind": "operation", "payload": {
            "parcel_id": self.parcel_awa.id, "kind": "weeding", "date": "2026-11-01"}}])
        Capture = self.env["coup.field.capture"]
        seen = Capture.with_user(self.manager_ml).with_company(self.coop_ml).search([])
        self.assertEqual(seen.company_id, self.coop_ml)
        seen = Capture.with_user(self.user_co).with_company(self.coop_co).search([])
        self.assertEqual(seen.company_id, self.coop_co)


@tagged("post_install", "-at_install")
class TestFieldSyncAtOnce(TransactionCase):
    """The same batch sent four times at once (a phone retrying on a bad network) makes each
    record once and answers every sending with it. The callers need committed data: a
    cooperative of its own is committed for this class and left behind."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        suffix = uuid.uuid4().hex[:6]
        with committed_env(cls.registry) as env:
            company = env["res.company"].create({
                "name": "Field At Once %s" % suffix, "country_id": env.ref("base.ml").id})
            env.user.company_ids |= company
            agent = new_test_user(env, "field_at_once_%s" % suffix,
                                  groups="coup_member_registry.group_coup_user",
                                  company_id=company.id, company_ids=[company.id])
            cls.company_id, cls.agent_id = company.id, agent.id

    def test_same_batch_four_times_at_once(self):
        member_uuid, parcel_uuid = new_uuid(), new_uuid()
        name = "Kadiatou At Once %s" % member_uuid[:6]
        captures = [
            {"uuid": member_uuid, "kind": "member",
             "payload": {"name": name, "village": "Kléla"}},
            {"uuid": parcel_uuid, "kind": "parcel",
             "payload": {"member_uuid": member_uuid, "geometry": square(-5.5, 11.1)}},
        ]
        results = run_at_once(
            self, lambda env, index: env["coup.field.sync"]._coup_field_sync("b", captures),
            self.agent_id, {"allowed_company_ids": [self.company_id]})
        self.assertEqual([r[0] for r in results], ["ok"] * 4, results)
        answers = [r[1]["results"] for r in results]
        self.assertEqual(len({(a[0]["res_id"], a[1]["res_id"]) for a in answers}), 1)
        self.assertEqual(sorted(a[0]["status"] for a in answers),
                         ["accepted", "already", "already", "already"])
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            self.assertEqual(env["coup.membership"].search_count(
                [("partner_id.name", "=", name)]), 1)
            self.assertEqual(env["coup.field.capture"].search_count(
                [("uuid", "in", [member_uuid, parcel_uuid])]), 2)
