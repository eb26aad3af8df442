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
    """A federation (EUR) with two member cooperatives, Mali (XOF) and Colombia (COP), each a
    root company with its own currency, and a user of each role; other modules' tests build
    on it (``_coup_prefix`` keeps names and logins apart). The federation manager is given
    only the federation: the cooperatives come with their federation membership."""

    _coup_prefix = "Test"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        prefix, login = cls._coup_prefix, cls._coup_prefix.lower()
        Company = cls.env["res.company"]
        cls.federation = Company.create({
            "name": "%s Federation" % prefix, "coup_is_federation": True,
            "currency_id": cls.env.ref("base.EUR").id})
        cls.coop_ml = Company.create({
            "name": "%s Coop Mali" % prefix, "currency_id": cls.env.ref("base.XOF").id,
            "country_id": cls.env.ref("base.ml").id, "coup_member_prefix": "ML-"})
        cls.coop_co = Company.create({
            "name": "%s Coop Colombia" % prefix, "currency_id": cls.env.ref("base.COP").id,
            "country_id": cls.env.ref("base.co").id, "coup_member_prefix": "CO-"})
        cls.federation_links = cls.env["coup.federation.membership"].create([
            {"federation_id": cls.federation.id, "company_id": coop.id,
             "date_start": "2020-01-01"} for coop in (cls.coop_ml, cls.coop_co)])
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
            company_id=cls.federation.id, company_ids=[cls.federation.id])


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
