import json

from odoo import _, api, fields, models
from odoo.exceptions import UserError

STATES = [("accepted", "Accepted"), ("refused", "Refused"), ("proposal", "Proposal to Review"),
          ("proposal_accepted", "Proposal Accepted"), ("proposal_refused", "Proposal Refused")]
KINDS = [("member", "Member Registration"), ("parcel", "Parcel"),
         ("operation", "Field Operation"), ("attendance", "Attendance"),
         ("answer", "Answer to an Invitation")]


class CoupFieldCapture(models.Model):
    """What the field app sent, one record per capture received: the office sees who captured
    what, where it went, and why a capture was refused.

    A capture is made once: its client UUID is claimed in the registry's
    ``coup.capture.ref`` (model ``coup.field.capture``) and bound to the accepted capture, so
    a resend finds it. A refused capture claims nothing: the agent corrects it and sends it
    again. A parcel edited in the field after the office changed it is kept here as a
    proposal that staff accept or refuse."""

    _name = "coup.field.capture"
    _description = "Field App Capture"
    _order = "received_date desc, id desc"
    _rec_name = "uuid"
    _check_company_auto = True

    uuid = fields.Char(string="Client UUID", required=True, readonly=True, index=True)
    batch = fields.Char(string="Batch", readonly=True, index=True)
    kind = fields.Selection(KINDS, required=True, readonly=True)
    user_id = fields.Many2one("res.users", string="Captured By", required=True, readonly=True,
                              index=True)
    company_id = fields.Many2one("res.company", string="Cooperative", required=True,
                                 readonly=True, index=True)
    state = fields.Selection(STATES, required=True, readonly=True, index=True)
    res_model = fields.Char(string="Record Model", readonly=True)
    res_id = fields.Many2oneReference(string="Record ID", model_field="res_model",
                                      readonly=True)
    record_name = fields.Char(string="Record", compute="_compute_record_name")
    reason = fields.Text(readonly=True)
    received_date = fields.Datetime(string="Received On", required=True, readonly=True,
                                    default=fields.Datetime.now)
    parcel_id = fields.Many2one("coup.parcel", string="Parcel", readonly=True,
                                check_company=True, index="btree_not_null")
    base_write_date = fields.Datetime(
        string="Field Version Of", readonly=True,
        help="When the parcel the agent edited was last changed, as the phone had it.")
    proposal_geometry = fields.Text(string="Proposed Shape", readonly=True)
    proposal_vals = fields.Text(string="Proposed Values", readonly=True,
                                help="The parcel's values the field proposes (JSON).")
    reviewed_by_id = fields.Many2one("res.users", string="Reviewed By", readonly=True)

    @api.depends("res_model", "res_id")
    def _compute_record_name(self):
        for capture in self:
            record = capture.res_model and capture.res_id and \
                self.env[capture.res_model].browse(capture.res_id).exists()
            capture.record_name = record.display_name if record else False

    def action_open_record(self):
        self.ensure_one()
        if not self.res_model or not self.res_id:
            raise UserError(_("This capture made no record."))
        return {"type": "ir.actions.act_window", "res_model": self.res_model,
                "res_id": self.res_id, "view_mode": "form", "target": "current"}

    def action_accept_proposal(self):
        """The field's version of the parcel replaces the office's."""
        for capture in self:
            capture._check_proposal()
            vals = json.loads(capture.proposal_vals or "{}")
            if capture.proposal_geometry:
                vals["geometry"] = capture.proposal_geometry
            capture.parcel_id.write(vals)
            capture.parcel_id.message_post(body=_(
                "Shape from the field app (%(agent)s) accepted by %(user)s.",
                agent=capture.user_id.name, user=self.env.user.name))
            capture.write({"state": "proposal_accepted", "reviewed_by_id": self.env.uid,
                           "res_model": "coup.parcel", "res_id": capture.parcel_id.id})
        return True

    def action_refuse_proposal(self):
        """The office's version stays; the field's is kept here."""
        for capture in self:
            capture._check_proposal()
            capture.write({"state": "proposal_refused", "reviewed_by_id": self.env.uid})
        return True

    def _check_proposal(self):
        self.ensure_one()
        if self.state != "proposal":
            raise UserError(_("Capture %(uuid)s is not a proposal waiting for review.",
                              uuid=self.uuid))
        self.parcel_id.check_access("write")
