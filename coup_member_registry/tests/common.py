import base64
import io
import threading
import traceback
from contextlib import contextmanager
from functools import partial

import openpyxl

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import DummyRLock, Registry
from odoo.service.model import retrying
from odoo.tests import TransactionCase, new_test_user
from odoo.tools import mute_logger

KLELA_HEADER = ["N° membre", "Nom", "Prénom", "Sexe", "Date de naissance", "Téléphone", "Village",
                "Type de membre", "N° membre principal", "Lien de parenté",
                "N° pièce d'identité"]


@contextmanager
def committed_env(registry, **context):
    """A superuser environment on a connection of its own, committed when the block ends:
    the data that callers on other connections (threads at once, a cron's job, a second
    cursor) must see. The test that makes it removes it afterwards, or says why it stays."""
    with registry.cursor() as cr:
        yield api.Environment(cr, SUPERUSER_ID, dict({"tracking_disable": True}, **context))
        cr.commit()


def mali_cooperative(env, name, **values):
    """A cooperative of Mali: its country and the CFA franc."""
    return env["res.company"].create(dict(
        name=name, country_id=env.ref("base.ml").id, currency_id=env.ref("base.XOF").id,
        **values))


def run_at_once(case, func, uid, context, count=4):
    """``func(env, index)`` in ``count`` threads released together, each on its own cursor
    as user ``uid`` and retried on serialization failures as Odoo's RPC layer retries a
    request: what callers at once (tills, staff, a resend) get. Returns their results,
    ``("ok", value)`` or ``("error", text)``; fails ``case`` if a caller never returns.

    The callers need committed data, and ``case`` must be ``post_install``."""
    barrier, results = threading.Barrier(count), [None] * count

    def worker(index):
        try:
            with case.registry.cursor() as cr:
                env = api.Environment(cr, uid, context)
                barrier.wait(timeout=30)
                results[index] = ("ok", retrying(partial(func, env, index), env))
        except Exception as error:  # noqa: BLE001 - each caller's outcome is the result
            results[index] = ("error", "%s\n%s" % (error, traceback.format_exc()))

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    # Under odoo-bin the test runner holds the registries' class lock for the whole run, and
    # every new Environment takes it: the callers would wait for the end of the run. The
    # lock is lent to them as Odoo's own test mode does (Registry.enter_test_mode).
    saved_lock, Registry._lock = Registry._lock, DummyRLock()
    try:
        with mute_logger("odoo.service.model", "odoo.sql_db"):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=120)
    finally:
        Registry._lock = saved_lock
    case.assertFalse([t for t in threads if t.is_alive()], "a caller never returned")
    return results


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
