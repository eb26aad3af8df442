import uuid

from odoo import SUPERUSER_ID, api
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

from odoo.addons.coup_member_registry.tests.common import committed_env, mali_cooperative, run_at_once


@tagged("post_install", "-at_install")
class TestConcurrentRegistration(TransactionCase):
    """Two tills of a collection point register the same producer at the same moment, each
    on its own database connection: one person, one member, two registrations pointing at
    them. The callers need committed data: a cooperative and its collection point are
    committed for this class and removed afterwards."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.suffix = uuid.uuid4().hex[:6]
        with committed_env(cls.registry) as env:
            company = mali_cooperative(env, "Kléla Concurrency %s" % cls.suffix)
            config = env["pos.config"].with_company(company).create({
                "name": "Kléla till %s" % cls.suffix, "company_id": company.id,
                "coup_collection": True, "payment_method_ids": [(6, 0, [])]})
            cls.company_id, cls.config_id = company.id, config.id

    @classmethod
    def tearDownClass(cls):
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
            registrations = env["coup.collection.registration"].search(
                [("company_id", "=", cls.company_id)])
            memberships = registrations.membership_id
            partners = memberships.partner_id
            registrations.unlink()
            cr.execute(SQL("DELETE FROM coup_membership WHERE id = ANY(%s)", memberships.ids))
            cr.execute(SQL("DELETE FROM coup_capture_ref WHERE company_id = %s", cls.company_id))
            partners.unlink()
            env["pos.config"].browse(cls.config_id).unlink()
            cr.commit()
        super().tearDownClass()

    def run_at_once(self, func, count=2):
        return run_at_once(self, func, SUPERUSER_ID,
                           {"allowed_company_ids": [self.company_id]}, count=count)

    def test_two_tills_registering_one_producer_at_once_make_one_member(self):
        def register(env, index):
            config = env["pos.config"].browse(self.config_id)
            record = env["coup.collection.registration"]._coup_register(config, {
                "ref": "till-%s-%s" % (index, self.suffix),
                "name": ["Fanta Diarra", "fanta  DIARRA"][index],
                "phone": ["+223 66 12 34 56", "66 12 34 56"][index]})
            return record.membership_id.id, record.partner_id.id, record.outcome

        for attempt in range(3):
            results = self.run_at_once(register)
            self.assertEqual([r[0] for r in results], ["ok", "ok"], results)
            (first, first_partner, __), (second, second_partner, __) = [r[1] for r in results]
            self.assertEqual(first, second, "one member (try %s)" % attempt)
            self.assertEqual(first_partner, second_partner)
            with self.registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
                people = env["res.partner"].search_count(
                    [("id", "=", first_partner)])
                members = env["coup.membership"].search(
                    [("company_id", "=", self.company_id)])
                self.assertEqual((people, len(members)), (1, 1))
                outcomes = sorted(env["coup.collection.registration"].search(
                    [("company_id", "=", self.company_id)]).mapped("outcome"))
                self.assertEqual(outcomes, ["existing", "new"] if attempt == 0 else
                                 ["existing"] * (2 * attempt) + ["existing", "new"])
            self.suffix_attempt = attempt
            self.suffix += "x"
