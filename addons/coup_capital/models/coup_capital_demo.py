from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


class CoupShareClass(models.Model):
    _inherit = "coup.share.class"

    @api.model
    def _coup_demo(self, company_xmlid, name, nominal, maximum, instalments, members, shares,
                   paid_instalments, funds):
        """Small demo capital for a demo cooperative: a class, the first ``members`` members
        subscribing ``shares`` each in ``instalments``, ``paid_instalments`` of them paid, and
        a distribution in review with the law's ``funds`` ([(name, percent)])."""
        company = self.env.ref(company_xmlid, raise_if_not_found=False)
        if not company:
            return
        # the books the marketplace's demo gives the cooperatives when it is installed: the
        # country's chart (else the generic one), in the cooperative's own currency
        company._coup_demo_load_chart()
        self = self.with_company(company).with_context(tracking_disable=True)
        journal = self.env["account.journal"].search([
            ("company_id", "=", company.id), ("type", "in", ("cash", "bank")),
            ("default_account_id", "!=", False)], limit=1)
        if not journal:
            account = self.env["account.account"].create({
                "name": "Caisse", "code": "571000", "account_type": "asset_cash",
                "company_ids": [company.id]})
            self.env["account.journal"].create({
                "name": "Caisse", "code": "CAIS", "type": "cash", "company_id": company.id,
                "default_account_id": account.id})
        share_class = self.create({
            "name": name, "company_id": company.id, "nominal_value": nominal,
            "max_per_member": maximum, "instalment_count": instalments,
            "instalment_months": 2})
        memberships = self.env["coup.membership"].search(
            [("company_id", "=", company.id), ("state", "=", "active"),
             ("membership_type", "=", "principal")], order="member_number", limit=members)
        start = fields.Date.today() - relativedelta(months=10)
        subscriptions = self.env["coup.share.subscription"].create([{
            "company_id": company.id, "membership_id": membership.id,
            "share_class_id": share_class.id, "quantity": shares, "date": start,
            "instalment_count": instalments, "instalment_months": 2}
            for membership in memberships])
        subscriptions.action_confirm()
        to_pay = subscriptions.instalment_ids.filtered(lambda i: i.sequence <= paid_instalments)
        for date, instalments_of_date in to_pay.grouped("due_date").items():
            instalments_of_date.action_pay(date=date)
        fund_account = self.env["account.account"].search([
            *self.env["account.account"]._check_company_domain(company),
            ("account_type", "=", "equity")], order="code", limit=1)
        year = fields.Date.today().year - 1
        self.env["coup.surplus.distribution"].create({
            "name": "%s %s" % (name, year), "company_id": company.id,
            "date_from": "%s-01-01" % year, "date_to": fields.Date.today(),
            "surplus": nominal * members * 3, "interest_rate": 3,
            "fund_line_ids": [(0, 0, {"name": fund, "percent": percent,
                                      "account_id": fund_account.id})
                              for fund, percent in funds]}).action_compute()
