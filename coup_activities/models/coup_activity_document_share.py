from odoo import fields, models


class CoupActivityDocumentShare(models.Model):
    """One document shared with one member: what the portal lists and the booklet shows."""

    _name = "coup.activity.document.share"
    _description = "Document Shared with a Member"
    _order = "create_date desc, id desc"
    _rec_name = "document_id"

    document_id = fields.Many2one("coup.activity.document", required=True, ondelete="cascade",
                                  index=True)
    company_id = fields.Many2one(related="document_id.company_id", store=True, index=True)
    partner_id = fields.Many2one("res.partner", string="Member", required=True, index=True,
                                 ondelete="cascade")
    title = fields.Char(related="document_id.name")
    opened = fields.Boolean(readonly=True, help="The member opened it from the portal.")

    _sql_constraints = [
        ("document_partner_uniq", "unique(document_id, partner_id)",
         "A document is shared once with a member."),
    ]
