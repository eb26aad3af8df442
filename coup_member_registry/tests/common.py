import base64
import io

import openpyxl

from odoo.tests import TransactionCase, new_test_user

KLELA_HEADER = ["N° membre", "Nom", "Prénom", "Sexe", "Date de naissance", "Téléphone", "Village",
                "Type de membre", "N° membre principal", "Lien de parenté",
                "N° pièce d'identité"]


def xlsx_bytes(rows, title=None):
    """An .xlsx file of ``rows`` (lists of cells), with an optional title row above them."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    if title:
        sheet.append([title])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


class CoupFederationMixin:
    """A federation with two cooperatives (Mali, Colombia) and a user of each role; other
    modules' tests build on it (``_coup_prefix`` keeps names and logins apart)."""

    _coup_prefix = "Test"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        prefix, login = cls._coup_prefix, cls._coup_prefix.lower()
        Company = cls.env["res.company"]
        cls.federation = Company.create({"name": "%s Federation" % prefix,
                                         "country_id": cls.env.ref("base.ml").id})
        cls.coop_ml = Company.create({
            "name": "%s Coop Mali" % prefix, "parent_id": cls.federation.id,
            "country_id": cls.env.ref("base.ml").id, "coup_member_prefix": "ML-"})
        cls.coop_co = Company.create({
            "name": "%s Coop Colombia" % prefix, "parent_id": cls.federation.id,
            "country_id": cls.env.ref("base.co").id, "coup_member_prefix": "CO-"})
        cls.env.user.company_ids |= cls.federation | cls.coop_ml | cls.coop_co
        cls.manager_ml = new_test_user(
            cls.env, "%s_manager_ml" % login, groups="coup_member_registry.group_coup_manager",
            company_id=cls.coop_ml.id, company_ids=[cls.coop_ml.id])
        cls.user_co = new_test_user(
            cls.env, "%s_user_co" % login, groups="coup_member_registry.group_coup_user",
            company_id=cls.coop_co.id, company_ids=[cls.coop_co.id])
        cls.federation_manager = new_test_user(
            cls.env, "%s_federation" % login,
            groups="coup_member_registry.group_coup_federation_manager",
            company_id=cls.federation.id,
            company_ids=[cls.federation.id, cls.coop_ml.id, cls.coop_co.id])


class CoupCase(CoupFederationMixin, TransactionCase):
    """Registry tests on the federation of ``CoupFederationMixin``."""

    @classmethod
    def make_member(cls, name, company, **vals):
        partner_vals = {k: vals.pop(k) for k in list(vals)
                        if k in ("gender", "birth_date", "phone", "village", "national_id")}
        partner = cls.env["res.partner"].create(dict(name=name, **partner_vals))
        return cls.env["coup.membership"].create(dict(
            partner_id=partner.id, company_id=company.id, **vals))

    def make_import(self, rows, company=None, title=None, filename="registre.xlsx", user=None):
        company = company or self.coop_ml
        env = self.env(user=user) if user else self.env
        record = env["coup.member.import"].with_company(company).create({
            "company_id": company.id, "filename": filename,
            "file": base64.b64encode(xlsx_bytes(rows, title) if isinstance(rows, list)
                                     else rows)})
        return record
