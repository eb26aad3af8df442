from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.coup_member_registry.models.coup_membership import EXIT_STATES


class CoupActivityDocument(models.Model):
    """A file or a video link that staff share with members: with segments of the register
    or with the invitees of an activity. Sharing writes one row per member (kept even if
    the segment changes later), which the member finds in the portal and in their booklet."""

    _name = "coup.activity.document"
    _description = "Shared Document"
    _inherit = ["mail.thread"]
    _order = "create_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Title", required=True, tracking=True)
    company_id = fields.Many2one("res.company", string="Cooperative", required=True, index=True,
                                 default=lambda self: self.env.company)
    theme_id = fields.Many2one("coup.training.theme", string="Training Theme",
                               domain="['|', ('company_id', '=', False), "
                                      "('company_id', '=', company_id)]")
    kind = fields.Selection([("file", "File"), ("link", "Link (video, web page)")],
                            default="file", required=True)
    file = fields.Binary(attachment=True)
    filename = fields.Char()
    url = fields.Char(string="Link")
    description = fields.Text()
    segment_ids = fields.Many2many("coup.member.segment", string="Segments",
                                   domain="[('company_id', '=', company_id)]")
    event_id = fields.Many2one("event.event", string="Invitees of", check_company=True,
                               domain="[('coup_kind', '!=', False)]")
    share_ids = fields.One2many("coup.activity.document.share", "document_id", string="Shares")
    share_count = fields.Integer(string="Shared With", compute="_compute_share_count")

    @api.constrains("kind", "file", "url")
    def _check_content(self):
        for document in self:
            if document.kind == "file" and not document.file:
                raise ValidationError(_("%(document)s: attach the file to share.",
                                        document=document.name))
            if document.kind == "link" and not (document.url or "").startswith(
                    ("https://", "http://")):
                raise ValidationError(_(
                    "%(document)s: the link %(url)s is not a web address (https://…).",
                    document=document.name, url=document.url or "—"))

    def _compute_share_count(self):
        counts = dict(self.env["coup.activity.document.share"]._read_group(
            [("document_id", "in", self.ids)], ["document_id"], ["__count"]))
        for document in self:
            document.share_count = counts.get(document, 0)

    def _recipient_partner_ids(self):
        self.ensure_one()
        Membership = self.env["coup.membership"]
        current = [("state", "not in", EXIT_STATES)]
        ids = set()
        for segment in self.segment_ids:
            ids.update(Membership.search(current + segment._get_membership_domain())
                       .partner_id.ids)
        if self.event_id:
            ids.update(self.event_id.coup_invitation_ids.partner_id.ids)
        return ids

    def action_share(self):
        """Share with the members of the segments and the activity's invitees; sharing again
        adds only the members who did not have it yet."""
        for document in self:
            partner_ids = document._recipient_partner_ids()
            if not partner_ids:
                raise UserError(_("Choose segments or an activity to share %(document)s with.",
                                  document=document.name))
            new = partner_ids - set(document.share_ids.partner_id.ids)
            self.env["coup.activity.document.share"].create([
                {"document_id": document.id, "partner_id": partner_id}
                for partner_id in sorted(new)])
            chatter = document._coup_in_coop_lang()
            chatter.message_post(body=chatter.env._("Shared with %(count)s more members.",
                                                    count=len(new)))
        return True

    def _coup_url(self):
        """Where a member opens the document."""
        self.ensure_one()
        return self.url if self.kind == "link" else False
