from odoo.tests import TransactionCase, new_test_user

from odoo.addons.coup_member_registry.tests.common import CoupFederationMixin


class CoupCapitalCase(CoupFederationMixin, TransactionCase):
    """Kléla-like (XOF) and AgroEmprende-like (COP) cooperatives with a share class each, a
    cash journal, and members."""

    _coup_prefix = "Cap"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager_ml.groups_id |= cls.env.ref("base.group_user")
        cls.user_ml = new_test_user(
            cls.env, "cap_user_ml", groups="coup_member_registry.group_coup_user",
            company_id=cls.coop_ml.id, company_ids=[cls.coop_ml.id])
        Class = cls.env["coup.share.class"]
        cls.class_ml = Class.create({
            "name": "Part sociale", "company_id": cls.coop_ml.id, "nominal_value": 10000,
            "min_per_member": 1, "max_per_member": 10, "min_affiliated": 1,
            "max_affiliated": 2})
        cls.class_co = Class.create({
            "name": "Aporte social", "company_id": cls.coop_co.id, "nominal_value": 50000,
            "min_per_member": 1, "max_per_member": 0})
        for company in (cls.coop_ml, cls.coop_co):
            account = cls.env["account.account"].create({
                "name": "Caisse", "code": "571000", "account_type": "asset_cash",
                "company_ids": [company.id]})
            cls.env["account.journal"].create({
                "name": "Caisse", "code": "CSH", "type": "cash", "company_id": company.id,
                "default_account_id": account.id})
        cls.awa = cls.make_member("Awa Coulibaly", cls.coop_ml)
        cls.moussa = cls.make_member("Moussa Traoré", cls.coop_ml)
        cls.diego = cls.make_member("Diego Ramírez", cls.coop_co)

    @classmethod
    def make_member(cls, name, company, **vals):
        partner = cls.env["res.partner"].create({"name": name})
        return cls.env["coup.membership"].create(dict(
            partner_id=partner.id, company_id=company.id, **vals))

    def subscribe(self, member, share_class, quantity, instalments=1, user=None, confirm=True):
        env = self.env(user=user or self.manager_ml) if member.company_id == self.coop_ml \
            else self.env(user=user or self.user_co)
        subscription = env["coup.share.subscription"].with_company(member.company_id).create({
            "company_id": member.company_id.id, "membership_id": member.id,
            "share_class_id": share_class.id, "quantity": quantity,
            "instalment_count": instalments, "date": "2026-01-15"})
        if confirm:
            subscription.action_confirm()
        return subscription
