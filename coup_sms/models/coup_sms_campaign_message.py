import hmac

from odoo import _, api, fields, models
from odoo.tools import hmac as odoo_hmac

SKIP_REASONS = [
    ("no_consent", "No SMS Consent"),
    ("opted_out", "Opted Out"),
    ("no_number", "No Number"),
    ("invalid_number", "Invalid Number"),
    ("not_mobile", "Not a Mobile Number"),
    ("duplicate_number", "Number Already Reached"),
]
LINK_SIGNATURE_LENGTH = 8


class CoupSmsCampaignMessage(models.Model):
    """One member of a campaign: made once per member and campaign (unique), before anything is
    sent, so that a campaign that stops half-way resumes without sending anything twice."""

    _name = "coup.sms.campaign.message"
    _description = "SMS Campaign Recipient"
    _order = "campaign_id, id"
    _rec_name = "partner_id"

    campaign_id = fields.Many2one("coup.sms.campaign", required=True, ondelete="cascade",
                                  index=True)
    company_id = fields.Many2one("res.company", string="Cooperative", required=True, index=True)
    partner_id = fields.Many2one("res.partner", string="Member", required=True, index=True,
                                 ondelete="cascade")
    number = fields.Char(help="The member's number in E.164, as sent.")
    lang = fields.Selection([("fr", "French"), ("es", "Spanish"), ("en", "English")],
                            string="Language")
    body = fields.Text(string="Text")
    segments = fields.Integer(string="SMS Parts")
    state = fields.Selection([
        ("queued", "To Send"),
        ("skipped", "Skipped"),
        ("sending", "Sending"),
        ("sent", "Sent"),
        ("delivered", "Delivered"),
        ("failed", "Failed"),
        ("interrupted", "Interrupted"),
    ], required=True, default="queued", index=True,
        help="Interrupted: the sending stopped while this message was with the gateway; it is "
             "not sent again by itself, so that nobody gets it twice. A delivery report still "
             "marks it delivered.")
    skip_reason = fields.Selection(SKIP_REASONS, string="Why Skipped")
    uuid = fields.Char(string="SMS UUID", index=True, copy=False)
    link_code = fields.Char(index="btree_not_null", copy=False)
    sms_id = fields.Many2one("sms.sms", string="SMS", index="btree_not_null", ondelete="set null",
                             copy=False)
    failure_type = fields.Selection(
        selection=lambda self: self.env["sms.sms"]._fields["failure_type"].selection,
        string="Failure")
    error = fields.Char(string="Gateway Answer")
    retryable = fields.Boolean()
    attempts = fields.Integer()
    next_try = fields.Datetime(string="Next Try")
    sent_date = fields.Datetime(string="Sent On")
    delivered_date = fields.Datetime(string="Delivered On")
    link_opened_date = fields.Datetime(string="Link Opened On")

    _sql_constraints = [
        ("campaign_partner_uniq", "unique(campaign_id, partner_id)",
         "A member receives a campaign only once."),
    ]

    def _coup_link_url(self):
        """The member's short signed link to the campaign's document."""
        self.ensure_one()
        return "%s/s/%s" % (self.campaign_id.get_base_url(), self._coup_link_token())

    def _coup_link_token(self):
        self.ensure_one()
        return self.link_code + self._coup_link_signature(self.link_code)

    @api.model
    def _coup_link_signature(self, code):
        return odoo_hmac(self.env(su=True), "coup_sms_link", code)[:LINK_SIGNATURE_LENGTH]

    @api.model
    def _coup_from_link_token(self, token):
        """The message of a short link token, or an empty recordset if it is forged."""
        code, signature = token[:-LINK_SIGNATURE_LENGTH], token[-LINK_SIGNATURE_LENGTH:]
        if not code or not hmac.compare_digest(signature, self._coup_link_signature(code)):
            return self.browse()
        return self.sudo().search([("link_code", "=", code)], limit=1)

    def _coup_link_target(self):
        """Where the short link leads: the campaign's document (an attachment with its access
        token, or the address of a video), else its link. Extend to point elsewhere, e.g. to an
        activity's page in the portal."""
        self.ensure_one()
        campaign = self.campaign_id.sudo()
        attachment = campaign.attachment_id
        if attachment:
            if attachment.type == "url" and attachment.url:
                return attachment.url
            token = attachment.access_token or attachment.generate_access_token()[0]
            return "/web/content/%s?access_token=%s" % (attachment.id, token)
        return campaign.link_url or "/my"

    def action_open_sms(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("SMS"),
            "res_model": "sms.sms",
            "res_id": self.sms_id.id,
            "view_mode": "form",
        }
