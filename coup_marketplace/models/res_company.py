from odoo import _, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    coup_purchase_bill_mode = fields.Selection(
        [("per_delivery", "A Bill per Delivery"), ("batch", "A Bill per Member for a Batch")],
        string="Members' Bills", default="per_delivery", required=True,
        help="A bill is made when each delivery is confirmed, or later for a batch of "
             "deliveries (one bill per member), e.g. on payment day.")
    coup_advance_account_id = fields.Many2one(
        "account.account", string="Advances to Members Account",
        help="Where advances deducted from deliveries are credited.")
    coup_sale_credit_allowed = fields.Boolean(
        string="Sell Inputs on Credit",
        help="Members may buy inputs on credit, against their future deliveries.")
    coup_sale_credit_limit = fields.Monetary(
        string="Credit Limit per Member", currency_field="currency_id",
        help="Unless a member has a limit of their own.")
    coup_integrity_date = fields.Datetime(string="Last Integrity Check", readonly=True)
    coup_integrity_result = fields.Text(string="Integrity Check Result", readonly=True)
    coup_integrity_ok = fields.Boolean(string="Records Intact", readonly=True)

    def _coup_trade_warehouse(self):
        """The cooperative's warehouse, made when it has none yet (a cooperative created
        before the inventory app was installed)."""
        self.ensure_one()
        Warehouse = self.env["stock.warehouse"].sudo()
        warehouse = Warehouse.search([("company_id", "=", self.id)], limit=1)
        if not warehouse:
            code = "".join(c for c in self.name.upper() if c.isalnum())[:4] or "COOP"
            warehouse = Warehouse.create({"name": self.name, "code": code,
                                          "company_id": self.id,
                                          "partner_id": self.partner_id.id})
        return warehouse

    def _coup_load_chart(self, template_code=False):
        """Give the cooperative its books (Odoo's chart of accounts for its country, or
        ``template_code``) while keeping its own currency: a chart template would otherwise
        set the template's currency."""
        for company in self:
            currency = company.currency_id
            self.env["account.chart.template"].try_loading(template_code, company,
                                                           install_demo=False)
            if company.currency_id != currency:
                company.currency_id = currency
        return True

    def _coup_integrity_models(self):
        """The indelible models whose chains are checked (``coup.trade.record``)."""
        return ["coup.purchase", "coup.sale"]

    def _coup_run_integrity_check(self):
        """Recompute the chains of the cooperative's trade records; the result is kept on the
        cooperative and a broken chain is posted on its record."""
        results = {}
        for company in self:
            lines, intact = [], True
            for model in company._coup_integrity_models():
                Model = self.env[model].sudo()
                result = Model._coup_check_integrity(company)
                if result["broken"]:
                    intact = False
                    lines.append(_("%(model)s: %(count)s record(s) checked; the chain breaks at "
                                   "%(record)s (%(reason)s).", model=Model._description,
                                   count=result["count"], record=result["broken"],
                                   reason={"gap": _("a number is missing"),
                                           "link": _("the link to the record before does not "
                                                     "match"),
                                           "content": _("its content was changed")}
                                   [result["reason"]]))
                else:
                    lines.append(_("%(model)s: %(count)s record(s) checked, all intact.",
                                   model=Model._description, count=result["count"]))
                results[(company.id, model)] = result
            company.sudo().write({"coup_integrity_date": fields.Datetime.now(),
                                  "coup_integrity_result": "\n".join(lines),
                                  "coup_integrity_ok": intact})
            if not intact:
                company.partner_id.sudo().message_post(body="\n".join(lines))
        return results

    def action_coup_check_integrity(self):
        self._coup_run_integrity_check()
        return self.env.ref("coup_marketplace.action_report_coup_trade_integrity") \
            .report_action(self)
