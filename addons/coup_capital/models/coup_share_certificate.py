from urllib.parse import quote as url_quote

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.coup_member_registry.tools.indelible import canonical_number


class CoupShareCertificate(models.Model):
    """A member's share certificate: what they held on the day it was issued, numbered and
    sealed in the cooperative's chain of certificates (the registry's
    ``coup.indelible.record``), with its verification code in a QR code that opens the
    cooperative's public page. A new certificate is issued after each change; the old one
    stays true of its date."""

    _name = "coup.share.certificate"
    _description = "Share Certificate"
    _inherit = ["coup.indelible.record", "mail.thread", "portal.mixin"]
    _order = "company_id, sequence_number desc, id desc"
    _check_company_auto = True
    _coup_sequence_prefix = "CERT/"
    _coup_protected_columns = ("company_id", "membership_id", "issue_date", "shares",
                               "amount_subscribed", "amount_paid", "holding")

    company_id = fields.Many2one("res.company", string="Cooperative", required=True,
                                 index=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id", store=True)
    membership_id = fields.Many2one("coup.membership", string="Member", required=True,
                                    index=True, ondelete="restrict", check_company=True)
    partner_id = fields.Many2one(related="membership_id.partner_id", store=True, index=True,
                                 string="Contact")
    issue_date = fields.Date(required=True, default=fields.Date.context_today)
    shares = fields.Integer(string="Shares Held")
    amount_subscribed = fields.Monetary(string="Capital Subscribed")
    amount_paid = fields.Monetary(string="Capital Paid")
    holding = fields.Text(string="Holding",
                          help="Per class: shares held and the numbers subscribed.")

    def _compute_access_url(self):
        super()._compute_access_url()
        for certificate in self:
            certificate.access_url = "/my/capital/certificate/%s" % certificate.id

    def _coup_canonical_rows(self, company, ids=None, after=0, limit=None):
        self.env.cr.execute(SQL("""
            SELECT c.id, c.name, c.sequence_number, c.coup_hash, c.coup_previous_hash,
                   c.company_id, c.membership_id, c.issue_date, c.shares,
                   c.amount_subscribed, c.amount_paid, c.holding, c.currency_id,
                   c.confirm_date, c.coup_verify_token
              FROM coup_share_certificate c
             WHERE c.company_id = %s AND c.state = 'confirmed' %s
             ORDER BY c.sequence_number %s
        """, company.id, *self._coup_canonical_slice("c", ids, after, limit)))
        return [(cid, name, number, stored, previous, {
            "number": name, "company": company_id, "membership": membership,
            "date": date.isoformat(), "shares": shares,
            "subscribed": canonical_number(subscribed), "paid": canonical_number(paid),
            "holding": holding or "", "currency": currency,
            "confirmed": confirmed.isoformat() if confirmed else None, "token": token})
            for (cid, name, number, stored, previous, company_id, membership, date, shares,
                 subscribed, paid, holding, currency, confirmed, token)
            in self.env.cr.fetchall()]

    @api.model
    def _coup_issue(self, memberships):
        """Issue a certificate to each member, from the register (grouped reads)."""
        if not self.env.user.has_group("coup_member_registry.group_coup_user") and \
                not self.env.su:
            raise UserError(_("Only the cooperative's staff issue certificates."))
        memberships.check_access("read")
        Movement = self.env["coup.share.movement"].sudo()
        base = [("membership_id", "in", memberships.ids), ("state", "=", "confirmed")]
        per_class = Movement._read_group(base, ["membership_id", "share_class_id"],
                                         ["held_change:sum", "amount_change:sum",
                                          "paid_amount:sum"])
        blocks = Movement.search_read(base + [("kind", "=", "subscribed")],
                                      ["membership_id", "number_from", "number_to"],
                                      order="number_from")
        numbers = {}
        for block in blocks:
            numbers.setdefault(block["membership_id"][0], []).append(
                "%s-%s" % (block["number_from"], block["number_to"])
                if block["number_to"] != block["number_from"] else str(block["number_from"]))
        values = {}
        for membership, share_class, held, subscribed, paid in per_class:
            vals = values.setdefault(membership.id, {
                "company_id": membership.company_id.id, "membership_id": membership.id,
                "shares": 0, "amount_subscribed": 0.0, "amount_paid": 0.0, "holding": []})
            vals["shares"] += held
            vals["amount_subscribed"] += subscribed
            vals["amount_paid"] += paid
            vals["holding"].append(_("%(cls)s: %(held)s share(s)", cls=share_class.name,
                                     held=held))
        for membership_id, vals in values.items():
            vals["holding"] = "\n".join(vals["holding"] + [
                _("Numbers subscribed: %(numbers)s",
                  numbers=", ".join(numbers.get(membership_id, [])))])
        missing = memberships.filtered(lambda m: m.id not in values or
                                       not values[m.id]["shares"])
        if missing:
            raise UserError(_("%(member)s holds no share: no certificate to issue.",
                              member=missing[0].display_name))
        certificates = self._coup_system().create(list(values.values()))
        certificates._coup_chain()
        return certificates.with_env(self.env)

    def _coup_verify_url(self):
        self.ensure_one()
        return "%s/coup/verify/certificate/%s" % (self.get_base_url(),
                                                  self.sudo().coup_verify_token)

    def _coup_qr_src(self):
        self.ensure_one()
        return "/report/barcode/?barcode_type=QR&value=%s&width=160&height=160" % url_quote(
            self._coup_verify_url(), safe="")

    def _get_report_base_filename(self):
        self.ensure_one()
        return _("Certificate %s", self.name.replace("/", "-"))
