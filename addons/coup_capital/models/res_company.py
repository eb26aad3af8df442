from odoo import _, fields, models
from odoo.exceptions import UserError

# Where each chart keeps a cooperative's capital (see readme/CONFIGURE.md for the law behind):
# (capital, subscribed capital not yet paid, owed to members), as code prefixes.
CAPITAL_ACCOUNT_PREFIXES = {
    # SYSCOHADA (OHADA, AUSCOOP 2010 art. 48 ff.): 1013 capital souscrit, appelé, versé, 4613
    # apporteurs, capital appelé non versé, 465 associés, dividendes (ristournes) à payer
    "syscohada": ("1013", "4613", "465"),
    # Colombia's PUC (Ley 79 de 1988 art. 46-49): 3115 aportes sociales, 1325 cuentas por
    # cobrar a socios, 2360 dividendos o participaciones por pagar
    "co": ("3115", "1325", "2360"),
    # Belgium's PCMN (CSA, art. 6:1 ff.): 100 capital souscrit, 410 capital appelé non versé,
    # 471 dividendes de l'exercice
    "be": ("100", "410", "471"),
    # Odoo's generic chart
    "generic": ("3010", "1210", "2300"),
}
ACCOUNT_TYPES = ("equity", "asset_receivable", "liability_payable")
ACCOUNT_FIELDS = ("coup_capital_account_id", "coup_capital_receivable_account_id",
                  "coup_capital_payable_account_id")


class ResCompany(models.Model):
    _inherit = "res.company"

    coup_capital_account_id = fields.Many2one(
        "account.account", string="Share Capital Account",
        help="Credited with the shares subscribed, debited with the shares redeemed.")
    coup_capital_receivable_account_id = fields.Many2one(
        "account.account", string="Capital Subscribed, Unpaid",
        help="What members still owe on the shares they subscribed.")
    coup_capital_payable_account_id = fields.Many2one(
        "account.account", string="Owed to Members",
        help="Shares redeemed and not yet paid back, returns to be paid.")
    coup_surplus_account_id = fields.Many2one(
        "account.account", string="Surplus to Allocate",
        help="Debited with the surplus a distribution shares out.")
    coup_capital_journal_id = fields.Many2one(
        "account.journal", string="Capital Journal",
        help="Journal of the subscription and redemption entries.")

    def _coup_capital_chart(self):
        """The key of ``CAPITAL_ACCOUNT_PREFIXES`` for the company's chart."""
        self.ensure_one()
        template = self.chart_template or ""
        if template in ("syscohada", "syscebnl") or template in (
                "bj", "bf", "cm", "cf", "km", "cg", "ci", "ga", "gn", "gw", "gq", "ml", "ne",
                "cd", "sn", "td", "tg"):
            return "syscohada"
        if template == "co":
            return "co"
        if template.startswith("be"):
            return "be"
        return "generic"

    def _coup_capital_accounts(self):
        """The company's capital accounts: as set in the settings, else the first account of
        its chart under the chart's prefix, else made under that prefix (a company without a
        chart still books its capital)."""
        self.ensure_one()
        company = self.sudo()
        prefixes = CAPITAL_ACCOUNT_PREFIXES[company._coup_capital_chart()]
        Account = self.env["account.account"].sudo().with_company(company)
        accounts = []
        for field, prefix, account_type in zip(ACCOUNT_FIELDS, prefixes, ACCOUNT_TYPES):
            account = company[field]
            if not account:
                account = Account.search([
                    *Account._check_company_domain(company), ("code", "=like", prefix + "%"),
                    ("deprecated", "=", False)], order="code", limit=1)
                if not account:
                    account = Account.create({
                        "name": self.env._("Members' share capital")
                        if account_type == "equity" else self.env._("Members' capital accounts"),
                        "code": prefix.ljust(6, "0"), "account_type": account_type,
                        "reconcile": account_type != "equity", "company_ids": [company.id]})
                company[field] = account
            if account_type != "equity" and not account.reconcile:
                # the charts keep 4613, 465, 2360 or 471 unreconciled: a member's unpaid capital
                # is settled by their payments, what is owed to them by what is paid out
                account.reconcile = True
            accounts.append(account)
        return accounts

    def _coup_surplus_account(self):
        """The year's result to allocate: SYSCOHADA 13 (résultat net), Colombia's 3605
        (excedentes del ejercicio), Belgium's 693 (bénéfice à affecter), else the chart's
        unaffected earnings."""
        self.ensure_one()
        company = self.sudo()
        if not company.coup_surplus_account_id:
            prefix = {"syscohada": "13", "co": "3605", "be": "693"}.get(
                company._coup_capital_chart())
            Account = self.env["account.account"].sudo().with_company(company)
            domain = [*Account._check_company_domain(company), ("deprecated", "=", False)]
            account = Account.search(domain + ([("code", "=like", prefix + "%")] if prefix
                                               else [("account_type", "=",
                                                      "equity_unaffected")]),
                                     order="code", limit=1)
            company.coup_surplus_account_id = account or Account.create({
                "name": self.env._("Surplus to allocate"),
                "code": (prefix or "1399").ljust(6, "0"), "account_type": "equity",
                "company_ids": [company.id]})
        return company.coup_surplus_account_id

    def _coup_capital_analytic(self, account):
        """Values giving the members' lines on ``account`` their analytic distribution, looked
        up once: Odoo looks its distribution models up line by line, one query per member
        (20,000 for a distribution); when none of the cooperative's models depends on the
        partner, every member's line gets the same. ``{}`` otherwise: Odoo computes each."""
        self.ensure_one()
        Model = self.env["account.analytic.distribution.model"].sudo()
        if Model.search_count([("company_id", "in", (self.id, False)), "|",
                               ("partner_id", "!=", False),
                               ("partner_category_id", "!=", False)], limit=1):
            return {}
        return {"analytic_distribution": Model._get_distribution({
            "product_id": False, "product_categ_id": False, "partner_id": False,
            "partner_category_id": [], "account_prefix": account.code,
            "company_id": self.id}) or False}

    def _coup_capital_journal(self):
        self.ensure_one()
        company = self.sudo()
        if not company.coup_capital_journal_id:
            Journal = self.env["account.journal"].sudo()
            journal = Journal.search([*Journal._check_company_domain(company),
                                      ("code", "=", "CAP")], limit=1)
            company.coup_capital_journal_id = journal or Journal.create({
                "name": self.env._("Share Capital"), "code": "CAP", "type": "general",
                "company_id": company.id})
        return company.coup_capital_journal_id

    def _coup_capital_payment_journal(self):
        self.ensure_one()
        journal = self.env["account.journal"].sudo().search([
            ("company_id", "=", self.id), ("type", "in", ("cash", "bank")),
            ("default_account_id", "!=", False)], order="type, sequence, id", limit=1)
        if not journal:
            raise UserError(_("%(coop)s has no cash or bank journal to receive or pay shares "
                              "with.", coop=self.name))
        return journal

    def _coup_integrity_models(self):
        return super()._coup_integrity_models() + ["coup.share.movement",
                                                   "coup.share.certificate"]
